"""Writes for indicators: adding, changing and removing an indicator of an objective, its
targets per year of the cycle (saved all together or not at all), and a manual indicator's
results per period. Every write is checked with ``full_clean`` and recorded in the history
with the person who made it."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from actionplans.models import Objective
from monitoring.indicators import DEFINITIONS
from monitoring.models import Indicator, IndicatorResult, IndicatorTarget
from plus_portal.models import User

# What a coordinator may change on an indicator after adding it; which definition a computed
# one follows is fixed (remove it and add another instead), so its past results keep meaning.
INDICATOR_FIELDS = ["name", "definition", "unit", "direction", "baseline", "baseline_note"]


def _save(record, *, by: User, exclude=(), update_fields=None):
    record.full_clean(exclude=list(exclude))
    record._history_user = by
    record.save(update_fields=update_fields)
    return record


@transaction.atomic
def indicator_add(*, objective: Objective, by: User, computed_key: str = "", **fields) -> Indicator:
    """A new indicator of an objective. A computed one takes its unit from its definition and
    its name too when none is given; its definition text is always the definition's own."""
    if computed_key:
        if computed_key not in DEFINITIONS:
            raise ValidationError({"computed_key": _("Choose one of the computed indicators.")})
        definition = DEFINITIONS[computed_key]
        fields["name"] = fields.get("name") or str(definition.name)
        fields["unit"] = str(definition.unit)
        fields["definition"] = ""
    indicator = Indicator(objective=objective, computed_key=computed_key, created_by=by, **fields)
    return _save(indicator, by=by, exclude=["created_by"])


@transaction.atomic
def indicator_update(*, indicator: Indicator, by: User, **fields) -> Indicator:
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValueError(f"Not an indicator field one may change: {sorted(unknown)}")
    if indicator.is_computed:
        # The definition and unit of a computed indicator are its definition's.
        fields.pop("definition", None)
        fields.pop("unit", None)
    for name, value in fields.items():
        setattr(indicator, name, value)
    return _save(indicator, by=by, exclude=["created_by"], update_fields=list(fields))


@transaction.atomic
def indicator_remove(*, indicator: Indicator, by: User) -> None:
    """Removes an indicator with its targets and results (the history keeps them)."""
    for record in [*indicator.targets.all(), *indicator.results.all(), indicator]:
        record._history_user = by
        record.delete()


@transaction.atomic
def indicator_targets_set(
    *, indicator: Indicator, targets: dict[int, Decimal | None], by: User
) -> None:
    """Sets the target of each year of the cycle (``None`` clears it). Every year is checked
    before anything is saved, so a bad value leaves every target as it was."""
    trajectory = indicator.objective.plan.trajectory
    years = range(trajectory.cycle_start_year, trajectory.cycle_end_year + 1)
    outside = sorted(set(targets) - set(years))
    if outside:
        raise ValidationError(
            _("%(years)s is outside the planning cycle %(cycle)s.")
            % {"years": ", ".join(map(str, outside)), "cycle": trajectory.cycle}
        )
    existing = {target.year: target for target in indicator.targets.all()}
    to_save, to_delete, errors = [], [], {}
    for year, value in targets.items():
        target = existing.get(year)
        if value is None:
            if target is not None:
                to_delete.append(target)
            continue
        if target is None:
            target = IndicatorTarget(indicator=indicator, year=year)
        elif target.value == value:
            continue
        target.value = value
        try:
            target.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors[f"year_{year}"] = error.messages
        else:
            to_save.append(target)
    if errors:
        raise ValidationError(errors)
    for target in to_delete:
        target._history_user = by
        target.delete()
    for target in to_save:
        target._history_user = by
        target.save()


def _refuse_unless_manual(indicator: Indicator) -> None:
    if indicator.is_computed:
        raise ValidationError(
            _("A computed indicator takes its results from the portal; they cannot be typed in.")
        )


RESULT_FIELDS = ["period_start", "period_end", "value", "source", "note"]


@transaction.atomic
def indicator_result_add(*, indicator: Indicator, by: User, **fields) -> IndicatorResult:
    _refuse_unless_manual(indicator)
    result = IndicatorResult(indicator=indicator, recorded_by=by, **fields)
    return _save(result, by=by, exclude=["recorded_by"])


@transaction.atomic
def indicator_result_update(*, result: IndicatorResult, by: User, **fields) -> IndicatorResult:
    _refuse_unless_manual(result.indicator)
    unknown = set(fields) - set(RESULT_FIELDS)
    if unknown:
        raise ValueError(f"Not a result field one may change: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(result, name, value)
    result.recorded_by = by
    return _save(
        result,
        by=by,
        exclude=["recorded_by"],
        update_fields=[*fields, "recorded_by", "recorded_at"],
    )


@transaction.atomic
def indicator_result_remove(*, result: IndicatorResult, by: User) -> None:
    result._history_user = by
    result.delete()
