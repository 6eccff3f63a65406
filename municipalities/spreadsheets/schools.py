"""The columns of a Flemish school list: one row per site (vestigingsplaats) of a school.

A school is its 6-digit instellingsnummer; its sites are numbered within it. The pupil and
GOK figures belong to a school year (counted on 1 February).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality, School, Site, SiteYear
from municipalities.spreadsheets import cells
from municipalities.spreadsheets.columns import COUNT_HELP, SLOT_HELP, Column, area_column
from municipalities.spreadsheets.vocabulary import LEVELS, NETWORKS, SETTINGS, SLOTS

_school = School._meta.get_field
_site = Site._meta.get_field
_year = SiteYear._meta.get_field

_GOK_HELP = _("A percentage from 0 to 100, e.g. 24 or 24,5 or 24%. Empty means not known.")
_NOT_A_PERCENTAGE = _("%(value)s is not a percentage between %(min)s and %(max)s.")
_OUTSIDE_BELGIUM = _("%(value)s is outside Belgium (between %(min)s and %(max)s).")


def current_school_year(today: datetime.date) -> str:
    """The Flemish school year a day falls in; it starts on 1 September."""
    start = today.year if today.month >= 9 else today.year - 1
    return f"{start}-{start + 1}"


def _gok(key: str, header: str, aliases: tuple[str, ...], example: str) -> Column:
    return Column(
        key,
        header,
        model_field=_year(key),
        help=_GOK_HELP,
        aliases=aliases,
        parse=cells.decimal(_year(key).decimal_places, percent=True),
        out_of_range=_NOT_A_PERCENTAGE,
        example=Decimal(example),
    )


def _coordinate(key: str, header: str, help, aliases: tuple[str, ...], example: str) -> Column:
    return Column(
        key,
        header,
        model_field=_site(key),
        help=help,
        aliases=aliases,
        parse=cells.decimal(_site(key).decimal_places),
        out_of_range=_OUTSIDE_BELGIUM,
        example=Decimal(example),
    )


COLUMNS = [
    Column(
        "institution_number",
        "Instellingsnummer",
        model_field=_school("institution_number"),
        help=_(
            "The school's 6-digit instellingsnummer; a 5-digit number whose leading zero "
            "Excel dropped is accepted."
        ),
        aliases=("instellingsnr", "instelling nr", "instelling", "schoolnummer"),
        parse=cells.institution_number,
        invalid=_("Instellingsnummer '%(value)s' is not 6 digits."),
        example="012345",
    ),
    Column(
        "school_name",
        "Schoolnaam",
        model_field=_school("name"),
        help=_(
            "The school's name. A site's row may add the site's name after a dash, e.g. "
            "Basisschool De Regenboog – wijkschool Brustem: the common part is the school's "
            "name, the rest the site's."
        ),
        aliases=("naam school", "naam van de school", "school"),
        example="Basisschool De Regenboog",
    ),
    Column(
        "network",
        "Net",
        model_field=_school("network"),
        help=_(
            "The school network: GO!, gemeentelijk (OVSG), provinciaal (POV), katholiek "
            "(KOV) or vrij ander."
        ),
        aliases=("onderwijsnet", "schoolnet", "koepel"),
        parse=NETWORKS.one,
        export=NETWORKS.label,
        example="GO!",
    ),
    Column(
        "levels",
        "Niveaus",
        model_field=_school("levels"),
        help=_("One or more of: kleuter, lager, secundair, buitengewoon; basis means both."),
        aliases=("niveau", "onderwijsniveau", "onderwijsniveaus"),
        parse=LEVELS.many,
        export=LEVELS.list_label,
        example="kleuter, lager",
    ),
    Column(
        "site_number",
        "Vestigingsnummer",
        model_field=_site("site_number"),
        help=_("The site's number within the school (1, 2, …)."),
        aliases=("vestigingsnr", "vestigingsplaats", "vestigingsplaatsnummer", "vestiging nr"),
        parse=cells.positive_whole,
        example=1,
    ),
    Column(
        "site_name",
        "Vestigingsnaam",
        model_field=_site("name"),
        help=_("The site's own name, if it has one."),
        aliases=("naam vestiging", "naam vestigingsplaats"),
        example="Hoofdschool",
    ),
    Column(
        "street",
        "Straat en nummer",
        model_field=_site("street"),
        help=_("The site's street and house number."),
        aliases=("adres", "straat", "straat + nummer", "straat en huisnummer", "straat nr"),
        example="Schoolstraat 1",
        fallback_key="address",
    ),
    Column(
        "postal_code",
        "Postcode",
        model_field=_site("postal_code"),
        help=_("A 4-digit postcode of the municipality."),
        aliases=("post code", "postnummer"),
        parse=cells.postal_code,
        invalid=_("'%(value)s' is not a postcode of 4 digits."),
        example="3800",
    ),
    Column(
        "municipality",
        "Gemeente",
        # Not stored: compared with the trajectory's municipality, as long as its name.
        model_field=Municipality._meta.get_field("name_nl"),
        required=False,
        help=_(
            "The municipality (or deelgemeente) of the site. It is not stored: a row of "
            "another municipality gets a warning in the preview."
        ),
        aliases=("gemeentenaam", "stad/gemeente", "stad of gemeente", "municipality", "commune"),
        example="Sint-Truiden",
    ),
    area_column(example="Sint-Truiden"),
    Column(
        "setting",
        "Stedelijk of landelijk",
        model_field=_site("setting"),
        help=_(
            "stedelijk or landelijk. School lists rarely have it: a new site without it gets "
            "the setting most sites of the trajectory have, and it can be changed on the "
            "site's form."
        ),
        aliases=("stedelijk/landelijk", "omgeving"),
        # Empty is "not given": an existing site keeps its setting, a new one gets the default.
        parse=lambda text: SETTINGS.one(text) if text else "",
        export=SETTINGS.label,
        example="stedelijk",
    ),
    _coordinate(
        "latitude",
        "Breedtegraad",
        _("Latitude in decimal degrees, between 49,4 and 51,6 (decimal comma or point)."),
        ("latitude", "lat", "breedte"),
        "50.816300",
    ),
    _coordinate(
        "longitude",
        "Lengtegraad",
        _("Longitude in decimal degrees, between 2,5 and 6,5 (decimal comma or point)."),
        ("longitude", "lon", "lng", "lengte"),
        "5.186600",
    ),
    Column(
        "school_year",
        "Schooljaar",
        model_field=_year("school_year"),
        # Figures without a school year count for the current one.
        required=False,
        help=_(
            "The school year of the pupil and GOK figures, e.g. 2025-2026; without it they "
            "count for the current school year."
        ),
        aliases=("school jaar",),
        parse=cells.school_year,
        example="2025-2026",
    ),
    Column(
        "pupils_5_10",
        "Leerlingen 5-10",
        model_field=_year("pupils_5_10"),
        help=COUNT_HELP,
        aliases=("leerlingen 5-10 jaar", "aantal leerlingen 5-10", "lln 5-10"),
        parse=cells.count,
        example=180,
    ),
    Column(
        "pupils_11_15",
        "Leerlingen 11-15",
        model_field=_year("pupils_11_15"),
        help=COUNT_HELP,
        aliases=("leerlingen 11-15 jaar", "aantal leerlingen 11-15", "lln 11-15"),
        parse=cells.count,
        example=12,
    ),
    _gok(
        "gok_school_allowance",
        "GOK schooltoeslag (%)",
        ("schooltoeslag", "gok schooltoeslag", "% schooltoeslag"),
        "24.0",
    ),
    _gok(
        "gok_home_language",
        "GOK thuistaal (%)",
        ("thuistaal", "gok thuistaal", "thuistaal niet nederlands"),
        "18.5",
    ),
    _gok("gok_neighbourhood", "GOK buurt (%)", ("buurt", "gok buurt", "buurtindicator"), "20.0"),
    _gok(
        "gok_mother_education",
        "GOK opleiding moeder (%)",
        ("opleiding moeder", "opleidingsniveau moeder", "gok opleiding moeder"),
        "15.0",
    ),
    Column(
        "care_offer",
        "Opvang",
        model_field=_site("care_offer"),
        help=SLOT_HELP,
        aliases=("opvangaanbod", "opvang op school"),
        parse=SLOTS.many,
        export=SLOTS.list_label,
        example="voor school, na school, woensdag",
    ),
]

# Which column sets which attribute of the school, its site and the site's school year.
SCHOOL_FIELDS = {"school_name": "name", "network": "network", "levels": "levels"}
SITE_FIELDS = {
    "site_name": "name",
    "street": "street",
    "postal_code": "postal_code",
    "area": "area",
    "setting": "setting",
    "latitude": "latitude",
    "longitude": "longitude",
    "care_offer": "care_offer",
}
YEAR_FIELDS = {
    "pupils_5_10": "pupils_5_10",
    "pupils_11_15": "pupils_11_15",
    "gok_school_allowance": "gok_school_allowance",
    "gok_home_language": "gok_home_language",
    "gok_neighbourhood": "gok_neighbourhood",
    "gok_mother_education": "gok_mother_education",
}
