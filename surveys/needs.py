"""How one parent's answer voices needs: the one rule the results page, the exports and the
step from survey to intake all count with."""

from typing import NamedTuple

from municipalities.choices import Slot


class VoicedNeed(NamedTuple):
    age_group: str
    slot: str
    # For the school holidays, which one; empty for every other moment.
    holiday: str = ""


def needs_of(response) -> list[VoicedNeed]:
    """Each of the answer's age groups × each moment it asks for, and × each holiday.

    A parent of a 7- and a 12-year-old who needs after-school care voices that need for both
    age groups: the coverage matrix is drawn per age group, and so is the intake.
    """
    if response.kind != response.Kind.PARENT:
        return []
    needs = []
    for age_group in response.age_groups:
        needs.extend(VoicedNeed(age_group, moment) for moment in response.moments)
        needs.extend(VoicedNeed(age_group, Slot.HOLIDAYS, holiday) for holiday in response.holidays)
    return needs
