"""How a plan diff reads: field names become labels, codes become words, money euros."""

import datetime
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actionplans.diff import PlanDiff
from actionplans.models import Action, Plan
from actionplans.templatetags.plans import choice_label, choice_labels
from plus_portal.templatetags.portal import euro

EXTRA_LABELS = {
    "code": gettext_lazy("code"),
    "own_prioritair": gettext_lazy("prioritair (own choice)"),
    "is_prioritair": gettext_lazy("prioritair"),
    "budget_total": gettext_lazy("budget"),
    "funding_total": gettext_lazy("funding"),
    "slots": gettext_lazy("time slots"),
    "budget_lines": gettext_lazy("budget lines"),
    "funding": gettext_lazy("funding sources"),
    "summary": gettext_lazy("summary and vision"),
    "leisure_actors": gettext_lazy("leisure partners"),
    "care_providers": gettext_lazy("care partners"),
    "partner_schools": gettext_lazy("partner schools"),
    "cycle": gettext_lazy("planning cycle"),
}
KIND_LABELS = {
    "added": gettext_lazy("added"),
    "removed": gettext_lazy("removed"),
    "changed": gettext_lazy("changed"),
}


def _label(field: str) -> str:
    if field in EXTRA_LABELS:
        return str(EXTRA_LABELS[field])
    for model in (Action, Plan):
        try:
            return str(model._meta.get_field(field).verbose_name)
        except Exception:
            continue
    return field


def _text(field: str, value) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        return euro(value)
    if field == "status":
        return choice_label(value, "action_status")
    if field == "age_groups":
        return choice_labels(value, "age_group")
    if field in {"starts_on", "ends_on"}:
        return date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    return str(value)


def _total_label(total) -> str:
    kind = _("Budget") if total.key.startswith("budget") else _("Funding")
    if total.source:
        kind = f"{kind} {choice_label(total.source, 'funding_kind').lower()}"
    return f"{kind} {total.year}" if total.year else f"{kind}, {_('total').lower()}"


def present_diff(diff: PlanDiff) -> dict:
    def parts(changes):
        return [
            {
                "kind": change.kind,
                "kind_label": KIND_LABELS[change.kind],
                "code_old": change.code_old,
                "code_new": change.code_new,
                "title": change.title,
                "changes": [
                    {
                        "label": _label(field.field),
                        "old_text": _text(field.field, field.old),
                        "new_text": _text(field.field, field.new),
                    }
                    for field in change.changes
                ],
            }
            for change in changes
        ]

    return {
        "is_empty": diff.is_empty,
        "plan_changes": [
            {
                "label": _label(c.field),
                "old_text": _text(c.field, c.old),
                "new_text": _text(c.field, c.new),
            }
            for c in diff.plan_changes
        ],
        "sections": [
            (_("Policy objectives"), parts(diff.objectives)),
            (_("Action plans"), parts(diff.action_plans)),
            (_("Actions"), parts(diff.actions)),
        ],
        "totals": [
            (_total_label(total), total.old, total.new, total.delta) for total in diff.totals
        ],
    }
