"""The columns of a list of leisure actors: sport clubs, DKO, youth work, libraries, welfare."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from municipalities.models import LeisureActor
from municipalities.spreadsheets import cells
from municipalities.spreadsheets.columns import (
    COUNT_HELP,
    NAME_HELP,
    SLOT_HELP,
    Column,
    area_column,
)
from municipalities.spreadsheets.vocabulary import (
    ACTOR_KINDS,
    AGE_GROUPS,
    COST_LEVELS,
    SLOTS,
    yes_no,
)

_actor = LeisureActor._meta.get_field

COLUMNS = [
    Column(
        "name",
        "Naam",
        model_field=_actor("name"),
        help=NAME_HELP,
        aliases=("naam organisatie", "organisatie", "vereniging"),
        example="KFC Sint-Truiden jeugd",
    ),
    Column(
        "kind",
        "Type",
        model_field=_actor("kind"),
        help=_(
            "sportclub, DKO, jeugdwerk, taal, bibliotheek, cultuur, Huis van het Kind, welzijn "
            "or ander."
        ),
        aliases=("soort",),
        parse=ACTOR_KINDS.one,
        export=ACTOR_KINDS.label,
        example="sportclub",
    ),
    Column(
        "age_groups",
        "Leeftijdsgroepen",
        model_field=_actor("age_groups"),
        help=_("5-10, 11-15 or beide."),
        aliases=("leeftijd", "leeftijdsgroep", "doelgroep"),
        parse=AGE_GROUPS.many,
        export=AGE_GROUPS.list_label,
        example="5-10, 11-15",
    ),
    Column(
        "participants",
        "Deelnemers",
        model_field=_actor("participants"),
        help=COUNT_HELP,
        aliases=("aantal deelnemers",),
        parse=cells.count,
        example=85,
    ),
    Column(
        "cost_level",
        "Kostprijs",
        model_field=_actor("cost_level"),
        help=_("gratis, laag, gemiddeld or hoog; empty when not known."),
        aliases=("kost", "prijs", "kostprijsniveau"),
        parse=lambda text: COST_LEVELS.one(text) if text else "",
        export=COST_LEVELS.label,
        example="laag",
    ),
    area_column(example="Brustem"),
    Column(
        "location",
        "Waar",
        model_field=_actor("location"),
        help=_("Where the activity takes place."),
        aliases=("locatie", "plaats"),
        example="Sportpark Brustem",
    ),
    Column(
        "slots",
        "Wanneer",
        model_field=_actor("slots"),
        help=SLOT_HELP,
        aliases=("openingsmomenten", "momenten"),
        parse=SLOTS.many,
        export=SLOTS.list_label,
        example="woensdag, na school",
    ),
    Column(
        "contact_name",
        "Contactpersoon",
        model_field=_actor("contact_name"),
        help=_("Name of the contact person."),
        aliases=("contact",),
        example="An Peeters",
    ),
    Column(
        "contact_email",
        "E-mail",
        model_field=_actor("contact_email"),
        help=_("A valid e-mail address."),
        aliases=("email", "mail", "e-mailadres", "emailadres"),
        invalid=_("'%(value)s' is not a valid e-mail address."),
        example="jeugd@example.be",
    ),
    Column(
        "contact_phone",
        "Telefoon",
        model_field=_actor("contact_phone"),
        help=_("Phone number, as you write it."),
        aliases=("tel", "telefoonnummer", "gsm"),
        example="+32 11 12 34 56",
    ),
    Column(
        "in_partnership",
        "Lokaal samenwerkingsverband",
        model_field=_actor("in_partnership"),
        help=_("ja or nee (also yes/no, x, 1/0); empty means nee."),
        aliases=("samenwerkingsverband", "lsv", "in samenwerkingsverband"),
        parse=yes_no,
        export=lambda value: "ja" if value else "nee",
        example="ja",
    ),
]

# Every column is stored on the actor, under its own name.
FIELDS = {column.key: column.key for column in COLUMNS}
