from django.conf import settings
from django.db import migrations, models


def record_deciders(apps, schema_editor):
    """Decisions taken before the decider was recorded get the person as they are now."""
    Decision = apps.get_model("actionplans", "Decision")
    Contact = apps.get_model("municipalities", "Contact")
    for decision in Decision.objects.select_related("decided_by", "version__plan"):
        user = decision.decided_by
        function = (
            Contact.objects.filter(trajectory=decision.version.plan.trajectory_id, user=user)
            .exclude(role="")
            .values_list("role", flat=True)
            .first()
        )
        full_name = f"{user.first_name} {user.last_name}".strip()
        decision.decided_by_name = full_name or user.username
        decision.decided_by_function = function or ""
        decision.decided_by_role = user.role
        decision.save(update_fields=["decided_by_name", "decided_by_function", "decided_by_role"])


class Migration(migrations.Migration):
    dependencies = [
        ("actionplans", "0004_council_decision"),
        ("municipalities", "0003_intake"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="decided_by_name",
            field=models.CharField(default="", editable=False, max_length=300, verbose_name="name"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="decision",
            name="decided_by_function",
            field=models.CharField(
                blank=True, editable=False, max_length=200, verbose_name="function"
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="decided_by_role",
            field=models.CharField(
                choices=[
                    ("administrator", "IN-Z administrator"),
                    ("coordinator", "IN-Z coordinator"),
                    ("official", "Municipal official"),
                ],
                default="",
                editable=False,
                max_length=20,
                verbose_name="role",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(record_deciders, migrations.RunPython.noop),
    ]
