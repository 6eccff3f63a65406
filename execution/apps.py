from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExecutionConfig(AppConfig):
    name = "execution"
    verbose_name = _("Execution")

    def ready(self):
        # The plan and staffing tell execution when what they hold changes (they must not
        # import it); the sessions and the staff expected on them follow.
        from actionplans.signals import version_approved
        from staffing.signals import placements_changed

        version_approved.connect(_version_approved, dispatch_uid="execution.sessions.approved")
        placements_changed.connect(
            _placements_changed, dispatch_uid="execution.sessions.placements"
        )


def _version_approved(sender, *, plan, version, by=None, **kwargs):
    from execution.sessions import sessions_generate

    sessions_generate(plan.trajectory, by=by)


def _placements_changed(sender, *, trajectory_id, by=None, **kwargs):
    from execution.sessions import sessions_generate_on_commit

    # Sent after the commit already, where on_commit runs at once; the same helper serves the
    # free days, which call it inside their transaction.
    sessions_generate_on_commit(trajectory_id, by=by)
