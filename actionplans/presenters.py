"""How a plan diff reads: field names become labels, codes become words, money euros.

Everything a person reads is rendered here in the active language, with Belgian formats
(€ 1.234,50, 31/12/2026), from the codes the diff keeps (``actionplans.diff``).
"""

import datetime
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actionplans.diff import (
    BudgetLineValue,
    FundingValue,
    PlanDiff,
    SlotValue,
    StrategyValue,
    SwotItemValue,
)
from actionplans.models import Action, Plan
from actionplans.templatetags.plans import choice_label, choice_labels, slot_text
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
    "municipality": gettext_lazy("municipality"),
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
        except FieldDoesNotExist:
            continue
    return field


def iso_date(value: str) -> str:
    return date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")


def budget_line_text(value: BudgetLineValue) -> str:
    """ "2026 · Personeel: € 1.200,50 — brugfiguur"."""
    text = f"{value.year} · {choice_label(value.category, 'category')}: {euro(value.amount)}"
    return f"{text} — {value.description}" if value.description else text


def funding_text(value: FundingValue) -> str:
    """ "2031 · Bovenlokale projectsubsidie: € 5,00 — Oproep Jeugd (deadline 01/10/2030)"."""
    text = f"{value.year} · {choice_label(value.kind, 'funding_kind')}: {euro(value.amount)}"
    if value.call_name:
        text = f"{text} — {value.call_name}"
    if value.call_deadline:
        text = f"{text} ({_('deadline')} {iso_date(value.call_deadline)})"
    return text


def strategy_text(value: StrategyValue) -> str:
    # SO/WO/ST/WT is the TOWS vocabulary people use, not a code to translate.
    return f"{value.kind}: {value.title}"


def swot_item_text(value: SwotItemValue) -> str:
    return f"{choice_label(value.quadrant, 'quadrant')} {value.priority}: {value.statement}"


_ITEM_TEXT = {
    SlotValue: slot_text,
    BudgetLineValue: budget_line_text,
    FundingValue: funding_text,
    StrategyValue: strategy_text,
    SwotItemValue: swot_item_text,
}


def value_text(field: str, value) -> str:
    """One value of a diff as a person reads it."""
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
    if field == "progress":
        return f"{value} %"
    if field in {"starts_on", "ends_on"}:
        return iso_date(value)
    if field == "cycle":
        return value.replace("-", "–")
    if isinstance(value, list):
        return "\n".join(_ITEM_TEXT.get(type(item), str)(item) for item in value)
    return str(value)


def total_label(total) -> str:
    if total.key.startswith("budget"):
        if total.year:
            return _("Budget %(year)s") % {"year": total.year}
        return _("Budget, total")
    if total.source:
        return _("Funding %(year)s: %(source)s") % {
            "year": total.year,
            "source": choice_label(total.source, "funding_kind"),
        }
    if total.year:
        return _("Funding %(year)s") % {"year": total.year}
    return _("Funding, total")


def _fields(changes) -> list[dict]:
    return [
        {
            "label": _label(change.field),
            "old_text": value_text(change.field, change.old),
            "new_text": value_text(change.field, change.new),
        }
        for change in changes
    ]


def present_diff(diff: PlanDiff) -> dict:
    def parts(changes):
        return [
            {
                "kind": change.kind,
                "kind_label": KIND_LABELS[change.kind],
                "code_old": change.code_old,
                "code_new": change.code_new,
                "title": change.title,
                "changes": _fields(change.changes),
            }
            for change in changes
        ]

    return {
        "is_empty": diff.is_empty,
        "plan_changes": _fields(diff.plan_changes),
        "sections": [
            (_("Policy objectives"), parts(diff.objectives)),
            (_("Action plans"), parts(diff.action_plans)),
            (_("Actions"), parts(diff.actions)),
        ],
        # (label, old, new, delta) with the amounts as Decimal: the web page and the PDF
        # format them (``euro``, ``signed_euro``).
        "totals": [
            (total_label(total), total.old, total.new, total.delta) for total in diff.totals
        ],
    }
