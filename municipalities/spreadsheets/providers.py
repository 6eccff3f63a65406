"""The columns of a list of care providers: IBO, school-run care, playgrounds, childminders."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from municipalities.models import CareProvider
from municipalities.spreadsheets import cells
from municipalities.spreadsheets.columns import (
    COUNT_HELP,
    NAME_HELP,
    SLOT_HELP,
    Column,
    area_column,
)
from municipalities.spreadsheets.vocabulary import PROVIDER_KINDS, RECOGNITIONS, SLOTS

_provider = CareProvider._meta.get_field

COLUMNS = [
    Column(
        "name",
        "Naam",
        model_field=_provider("name"),
        help=NAME_HELP,
        aliases=("naam organisatie", "organisatie", "opvanginitiatief", "aanbieder"),
        example="IBO De Speelboom",
    ),
    Column(
        "kind",
        "Type",
        model_field=_provider("kind"),
        help=_("IBO, schoolopvang, speelpleinwerking, onthaalouders (groepsopvang) or ander."),
        aliases=("soort",),
        parse=PROVIDER_KINDS.one,
        export=PROVIDER_KINDS.label,
        example="IBO",
    ),
    Column(
        "recognition",
        "Erkenning",
        model_field=_provider("recognition"),
        help=_("erkend, kwaliteitslabel, gemeld or geen; empty means geen."),
        aliases=("erkend",),
        parse=lambda text: RECOGNITIONS.one(text) if text else _provider("recognition").default,
        export=RECOGNITIONS.label,
        example="erkend",
    ),
    Column(
        "capacity_5_10",
        "Plaatsen 5-10",
        model_field=_provider("capacity_5_10"),
        help=COUNT_HELP,
        aliases=("capaciteit 5-10", "plaatsen 5-10 jaar"),
        parse=cells.count,
        example=42,
    ),
    Column(
        "capacity_11_15",
        "Plaatsen 11-15",
        model_field=_provider("capacity_11_15"),
        help=COUNT_HELP,
        aliases=("capaciteit 11-15", "plaatsen 11-15 jaar"),
        parse=cells.count,
        example=0,
    ),
    Column(
        "enrolled_children",
        "Ingeschreven kinderen",
        model_field=_provider("enrolled_children"),
        help=COUNT_HELP,
        aliases=("ingeschreven", "aantal ingeschreven kinderen", "inschrijvingen"),
        parse=cells.count,
        example=120,
    ),
    Column(
        "slots",
        "Openingsmomenten",
        model_field=_provider("slots"),
        help=SLOT_HELP,
        aliases=("opening", "momenten", "wanneer", "open"),
        parse=SLOTS.many,
        export=SLOTS.list_label,
        example="voor school, na school, woensdag, vakantie",
    ),
    Column(
        "address",
        "Adres",
        model_field=_provider("address"),
        help=_("Street, number and place."),
        aliases=("straat en nummer", "straat"),
        example="Speelstraat 4, 3800 Sint-Truiden",
        fallback_key="street",
    ),
    area_column(example="Sint-Truiden"),
    Column(
        "sites_served",
        "Vestigingen",
        help=_(
            "The school sites it serves, as instellingsnummer/vestigingsnummer separated by "
            "commas, e.g. 012345/1, 012345/2. The sites must already be in the trajectory."
        ),
        aliases=("scholen", "vestigingsplaatsen", "bediende vestigingen"),
        parse=cells.site_keys,
        export=lambda keys: ", ".join(cells.site_key_label(key) for key in keys or ()),
        example="012345/1",
    ),
]

# The columns stored on the provider itself, by attribute; its sites are set apart.
FIELDS = {column.key: column.key for column in COLUMNS if column.key != "sites_served"}
