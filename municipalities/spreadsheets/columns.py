"""The columns each import kind accepts: headers, aliases, vocabularies and cell parsers."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from municipalities.choices import AgeGroup, Slot
from municipalities.models import (
    CareProvider,
    ImportBatch,
    LeisureActor,
    School,
    Site,
)

# The header row must be among the first rows: titles and notes above it are common.
HEADER_SEARCH_ROWS = 10
BATCH_SIZE = 500

SCHOOLS = ImportBatch.Kind.SCHOOLS.value
CARE_PROVIDERS = ImportBatch.Kind.CARE_PROVIDERS.value
LEISURE_ACTORS = ImportBatch.Kind.LEISURE_ACTORS.value

NEW, CHANGED, UNCHANGED, ERROR = "new", "changed", "unchanged", "error"
STATUSES = (NEW, CHANGED, UNCHANGED, ERROR)

# Spreadsheet programs run a cell that starts with one of these; exports neutralise them with
# a leading quote, and imports take that quote off again.
INJECTION_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class ImportRefused(Exception):
    """The file or the import as a whole cannot be used; ``message`` tells the user why."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class _CellError(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


# --- Text ------------------------------------------------------------------------------------


def _norm(text: Any) -> str:
    """Fold a header or a word for matching: no case, accents, spaces or punctuation."""
    decomposed = unicodedata.normalize("NFKD", str(text)).casefold()
    return "".join(ch for ch in decomposed if ch.isalnum())


def _collapse(text: str) -> str:
    return " ".join(text.split())


_LIST_SEPARATORS = re.compile(r"\s*(?:[,;/+|\n]|&|\s+en\s+|\s+and\s+)\s*", re.IGNORECASE)


def _split(text: str) -> list[str]:
    return [part for part in _LIST_SEPARATORS.split(text) if part.strip()]


def _decimal_text(value: Decimal) -> str:
    return format(value, "f").replace(".", ",")


# --- Vocabularies ----------------------------------------------------------------------------


class _Vocabulary:
    """Codes with the word exports write (first) and the words imports also accept."""

    def __init__(self, entries: dict[str, tuple[str, ...]], groups=None):
        self.labels = {code: words[0] for code, words in entries.items()}
        self.order = list(entries)
        self.lookup: dict[str, tuple[str, ...]] = {}
        for code, words in entries.items():
            for word in (code, *words):
                self.lookup[_norm(word)] = (code,)
        for word, codes in (groups or {}).items():
            self.lookup[_norm(word)] = tuple(codes)

    def accepted(self) -> str:
        return ", ".join(self.labels.values())

    def one(self, text: str) -> str:
        codes = self.lookup.get(_norm(text))
        if not codes or len(codes) != 1:
            raise _CellError(
                _("'%(value)s' is not a known value; use one of: %(choices)s.")
                % {"value": text, "choices": self.accepted()}
            )
        return codes[0]

    def many(self, text: str) -> list[str]:
        found: set[str] = set()
        unknown = []
        for part in _split(text):
            codes = self.lookup.get(_norm(part))
            if codes:
                found.update(codes)
            else:
                unknown.append(part.strip())
        if unknown:
            raise _CellError(
                _("'%(value)s' is not a known value; use one of: %(choices)s.")
                % {"value": ", ".join(unknown), "choices": self.accepted()}
            )
        return self.sort(found)

    def sort(self, codes: Iterable[str]) -> list[str]:
        codes = set(codes)
        return [code for code in self.order if code in codes]

    def label(self, code: str) -> str:
        return self.labels.get(code, code) if code else ""

    def list_label(self, codes: Iterable[str]) -> str:
        return ", ".join(self.labels.get(code, code) for code in self.sort(codes or []))


NETWORKS = _Vocabulary(
    {
        School.Network.GO: ("GO!", "GO", "gemeenschapsonderwijs", "GO! onderwijs"),
        School.Network.OFFICIAL_MUNICIPAL: (
            "gemeentelijk",
            "OVSG",
            "officieel gesubsidieerd gemeentelijk",
            "stedelijk onderwijs",
            "gemeentelijk onderwijs",
        ),
        School.Network.OFFICIAL_PROVINCIAL: (
            "provinciaal",
            "POV",
            "officieel gesubsidieerd provinciaal",
            "provinciaal onderwijs",
        ),
        School.Network.FREE_CATHOLIC: (
            "katholiek",
            "vrij katholiek",
            "KOV",
            "Katholiek Onderwijs Vlaanderen",
            "vrij gesubsidieerd katholiek",
        ),
        School.Network.FREE_OTHER: ("vrij ander", "vrij", "ander vrij", "vrij gesubsidieerd"),
    }
)
LEVELS = _Vocabulary(
    {
        School.Level.KLEUTER: ("kleuter", "kleuteronderwijs", "kleuterschool"),
        School.Level.LAGER: ("lager", "lager onderwijs", "lagere school"),
        School.Level.SECUNDAIR: ("secundair", "secundair onderwijs"),
        School.Level.BUITENGEWOON: ("buitengewoon", "buitengewoon onderwijs", "BuO"),
    },
    groups={"basis": ("kleuter", "lager"), "basisonderwijs": ("kleuter", "lager")},
)
SETTINGS = _Vocabulary(
    {
        Site.Setting.URBAN: ("stedelijk", "urban", "stad"),
        Site.Setting.RURAL: ("landelijk", "rural", "platteland"),
    }
)
SLOTS = _Vocabulary(
    {
        Slot.MORNING: (
            "voor school",
            "ochtend",
            "voorschools",
            "voorschoolse opvang",
            "ochtendopvang",
            "before school",
        ),
        Slot.AFTER_SCHOOL: (
            "na school",
            "naschools",
            "naschoolse opvang",
            "avondopvang",
            "after school",
        ),
        Slot.WEDNESDAY: (
            "woensdag",
            "woensdagnamiddag",
            "woensdagmiddag",
            "woensdagnamiddagopvang",
            "wednesday",
            "wednesday afternoon",
        ),
        Slot.LUNCHTIME: ("middag", "middagtoezicht", "middagpauze", "over de middag", "lunch"),
        Slot.FLEXIBLE: ("flexibel", "flexibele opvang", "flexible"),
        Slot.SCHOOL_FREE_DAYS: (
            "schoolvrije dagen",
            "schoolvrije dag",
            "pedagogische studiedagen",
            "school-free days",
        ),
        Slot.HOLIDAYS: ("vakantie", "vakanties", "schoolvakanties", "vakantieopvang", "holidays"),
    }
)
PROVIDER_KINDS = _Vocabulary(
    {
        CareProvider.Kind.IBO: ("IBO", "initiatief buitenschoolse opvang"),
        CareProvider.Kind.SCHOOL_RUN: ("schoolopvang", "opvang door de school"),
        CareProvider.Kind.PLAYGROUND: ("speelpleinwerking", "speelplein"),
        CareProvider.Kind.CHILDMINDERS: ("onthaalouders", "groepsopvang", "onthaalouder"),
        CareProvider.Kind.OTHER: ("ander", "andere", "overige"),
    }
)
RECOGNITIONS = _Vocabulary(
    {
        CareProvider.Recognition.RECOGNISED: ("erkend", "erkend en gesubsidieerd", "erkenning"),
        CareProvider.Recognition.QUALITY_LABEL: ("kwaliteitslabel", "label"),
        CareProvider.Recognition.REPORTED: ("gemeld", "melding"),
        CareProvider.Recognition.NONE: ("geen", "niet erkend", "nee"),
    }
)
ACTOR_KINDS = _Vocabulary(
    {
        LeisureActor.Kind.SPORT: ("sportclub", "sport", "sportvereniging"),
        LeisureActor.Kind.DKO: (
            "DKO",
            "deeltijds kunstonderwijs",
            "academie",
            "kunstacademie",
            "muziekacademie",
        ),
        LeisureActor.Kind.YOUTH_WORK: ("jeugdwerk", "jeugdbeweging", "jeugdhuis"),
        LeisureActor.Kind.LANGUAGE: ("taal", "taalprogramma", "taalstimulering"),
        LeisureActor.Kind.LIBRARY: ("bibliotheek", "bib"),
        LeisureActor.Kind.CULTURE: ("cultuur", "cultuurcentrum"),
        LeisureActor.Kind.HUIS_VAN_HET_KIND: ("Huis van het Kind",),
        LeisureActor.Kind.WELFARE: ("welzijn",),
        LeisureActor.Kind.OTHER: ("ander", "andere", "overige"),
    }
)
AGE_GROUPS = _Vocabulary(
    {
        AgeGroup.CHILDREN: ("5-10", "5-10 jaar", "5 tot 10"),
        AgeGroup.TEENS: ("11-15", "11-15 jaar", "11 tot 15"),
    },
    groups={"beide": ("5-10", "11-15"), "both": ("5-10", "11-15")},
)
COST_LEVELS = _Vocabulary(
    {
        LeisureActor.CostLevel.FREE: ("gratis", "free", "kosteloos"),
        LeisureActor.CostLevel.LOW: ("laag", "low", "goedkoop"),
        LeisureActor.CostLevel.MEDIUM: ("gemiddeld", "medium", "matig"),
        LeisureActor.CostLevel.HIGH: ("hoog", "high", "duur"),
    }
)
_YES = {_norm(word) for word in ("ja", "yes", "x", "1", "waar", "true", "j", "y", "v")}
_NO = {_norm(word) for word in ("nee", "neen", "no", "0", "onwaar", "false", "n")}


# --- Cell parsers: text in, value out, _CellError for a bad value ----------------------------


def _text(max_length: int) -> Callable[[str], str]:
    def parse(text: str) -> str:
        text = _collapse(text)
        if len(text) > max_length:
            raise _CellError(_("Longer than %(max)d characters.") % {"max": max_length})
        return text

    return parse


def _institution_number(text: str) -> str:
    digits = re.sub(r"[\s.]", "", text)
    if re.fullmatch(r"\d{5}", digits):
        # Excel read the number as a number and dropped its leading zero.
        digits = "0" + digits
    if not re.fullmatch(r"\d{6}", digits):
        raise _CellError(_("Instellingsnummer '%(value)s' is not 6 digits.") % {"value": text})
    return digits


def _whole(text: str) -> int | None:
    compact = re.sub(r"[\s\u00a0\u202f]", "", text)
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", compact):
        compact = compact.replace(".", "")
    match = re.fullmatch(r"(\d+)(?:[.,]0*)?", compact)
    return int(match.group(1)) if match else None


def _count(text: str) -> int:
    if not text:
        return 0
    value = _whole(text)
    if value is None:
        raise _CellError(_("'%(value)s' is not a whole number of 0 or more.") % {"value": text})
    return value


def _site_number(text: str) -> int:
    value = _whole(text)
    if value is None or not 1 <= value <= 32767:
        raise _CellError(_("'%(value)s' is not a positive whole number.") % {"value": text})
    return value


def _number(text: str) -> Decimal:
    compact = re.sub(r"[\s\u00a0\u202f]", "", text).replace(",", ".")
    try:
        value = Decimal(compact)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise _CellError(_("'%(value)s' is not a number.") % {"value": text})
    return value


def _coordinate(low: str, high: str) -> Callable[[str], Decimal | None]:
    def parse(text: str) -> Decimal | None:
        if not text:
            return None
        value = _number(text).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
        if not Decimal(low) <= value <= Decimal(high):
            raise _CellError(
                _("%(value)s is outside Belgium (between %(min)s and %(max)s).")
                % {"value": text, "min": low.replace(".", ","), "max": high.replace(".", ",")}
            )
        return value

    return parse


def _percentage(text: str) -> Decimal | None:
    if not text:
        return None
    value = _number(text.rstrip().removesuffix("%"))
    value = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if not 0 <= value <= 100:
        raise _CellError(_("%(value)s is not a percentage between 0 and 100.") % {"value": text})
    return value


def _postal_code(text: str) -> str:
    code = re.sub(r"\s", "", text).removeprefix("B-").removeprefix("b-")
    if not re.fullmatch(r"\d{4}", code):
        raise _CellError(_("'%(value)s' is not a postcode of 4 digits.") % {"value": text})
    return code


def _school_year(text: str) -> str:
    if not text:
        return ""
    match = re.fullmatch(r"(\d{4})\s*[-–—/]\s*(\d{4}|\d{2})", text.strip())
    if match:
        start, end = int(match.group(1)), match.group(2)
        end = int(end) if len(end) == 4 else (start + 1 if int(end) == (start + 1) % 100 else -1)
        if end == start + 1:
            return f"{start}-{end}"
    raise _CellError(
        _("'%(value)s' is not a school year; write it as 2025-2026.") % {"value": text}
    )


def current_school_year(today: datetime.date) -> str:
    """The Flemish school year a day falls in; it starts on 1 September."""
    start = today.year if today.month >= 9 else today.year - 1
    return f"{start}-{start + 1}"


def _email(text: str) -> str:
    if not text:
        return ""
    try:
        validate_email(text)
    except ValidationError:
        raise _CellError(
            _("'%(value)s' is not a valid e-mail address.") % {"value": text}
        ) from None
    return text


def _boolean(text: str) -> bool:
    word = _norm(text)
    if word in _YES:
        return True
    if not text or word in _NO:
        return False
    raise _CellError(
        _("'%(value)s' is not a known value; use one of: %(choices)s.")
        % {"value": text, "choices": "ja, nee"}
    )


def _site_keys(text: str) -> tuple[tuple[str, int], ...]:
    keys = set()
    for part in re.split(r"\s*[,;\n]\s*", text):
        if not part.strip():
            continue
        match = re.fullmatch(r"(\d{5,6})\s*[/.\-]\s*(\d{1,5})", part.strip())
        if not match:
            raise _CellError(
                _(
                    "'%(value)s' is not a school site; write instellingsnummer/vestigingsnummer, "
                    "e.g. 012345/1."
                )
                % {"value": part.strip()}
            )
        keys.add((match.group(1).zfill(6), int(match.group(2))))
    return tuple(sorted(keys))


def _site_key_label(key: tuple[str, int]) -> str:
    return f"{key[0]}/{key[1]}"


# --- Columns ---------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    return "" if value is None else value


@dataclass(frozen=True)
class Column:
    """One column a kind of import accepts, as the import page and the template explain it."""

    key: str
    header: str
    required: bool = False
    help: str | Promise = ""
    aliases: tuple[str, ...] = ()
    parse: Callable[[str], Any] = field(default=_text(200), repr=False)
    # The value as an export writes it: text in the canonical form, or a number.
    export: Callable[[Any], Any] = field(default=_plain, repr=False)
    example: Any = ""
    # Read this column from another key when the file was read without knowing its kind and
    # its header means something else in another kind ("Adres").
    fallback_key: str = ""

    def display(self, value: Any) -> str:
        exported = self.export(value)
        if isinstance(exported, Decimal):
            return _decimal_text(exported)
        return "" if exported is None else str(exported)


_SLOT_HELP = _(
    "One or more of: voor school, na school, woensdag, middag, flexibel, schoolvrije dagen, "
    "vakantie; separated by commas."
)
_AREA_HELP = _(
    "The part of the municipality (deelgemeente or wijk). A name the trajectory does not "
    "have yet is added as a new area."
)
_COUNT_HELP = _("A whole number of 0 or more; empty means 0.")
_GOK_HELP = _("A percentage from 0 to 100, e.g. 24 or 24,5 or 24%. Empty means not known.")

SCHOOL_COLUMNS = [
    Column(
        "institution_number",
        "Instellingsnummer",
        required=True,
        help=_(
            "The school's 6-digit instellingsnummer; a 5-digit number whose leading zero "
            "Excel dropped is accepted."
        ),
        aliases=("instellingsnr", "instelling nr", "instelling", "schoolnummer"),
        parse=_institution_number,
        example="012345",
    ),
    Column(
        "school_name",
        "Schoolnaam",
        required=True,
        help=_(
            "The school's name. A site's row may add the site's name after a dash, e.g. "
            "Basisschool De Regenboog – wijkschool Brustem: the common part is the school's "
            "name, the rest the site's."
        ),
        aliases=("naam school", "naam van de school", "school"),
        parse=_text(200),
        example="Basisschool De Regenboog",
    ),
    Column(
        "network",
        "Net",
        required=True,
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
        help=_("One or more of: kleuter, lager, secundair, buitengewoon; basis means both."),
        aliases=("niveau", "onderwijsniveau", "onderwijsniveaus"),
        parse=LEVELS.many,
        export=LEVELS.list_label,
        example="kleuter, lager",
    ),
    Column(
        "site_number",
        "Vestigingsnummer",
        required=True,
        help=_("The site's number within the school (1, 2, …)."),
        aliases=("vestigingsnr", "vestigingsplaats", "vestigingsplaatsnummer", "vestiging nr"),
        parse=_site_number,
        example=1,
    ),
    Column(
        "site_name",
        "Vestigingsnaam",
        help=_("The site's own name, if it has one."),
        aliases=("naam vestiging", "naam vestigingsplaats"),
        parse=_text(200),
        example="Hoofdschool",
    ),
    Column(
        "street",
        "Straat en nummer",
        required=True,
        help=_("The site's street and house number."),
        aliases=("adres", "straat", "straat + nummer", "straat en huisnummer", "straat nr"),
        parse=_text(200),
        example="Schoolstraat 1",
        fallback_key="address",
    ),
    Column(
        "postal_code",
        "Postcode",
        required=True,
        help=_("A 4-digit postcode of the municipality."),
        aliases=("post code", "postnummer"),
        parse=_postal_code,
        example="3800",
    ),
    Column(
        "municipality",
        "Gemeente",
        help=_(
            "The municipality (or deelgemeente) of the site. It is not stored: a row of "
            "another municipality gets a warning in the preview."
        ),
        aliases=("gemeentenaam", "stad/gemeente", "stad of gemeente", "municipality", "commune"),
        parse=_text(100),
        example="Sint-Truiden",
    ),
    Column(
        "area",
        "Deelgemeente",
        help=_AREA_HELP,
        aliases=("wijk", "deelgemeente of wijk", "deelgemeente/wijk", "gebied"),
        parse=_text(100),
        example="Sint-Truiden",
    ),
    Column(
        "setting",
        "Stedelijk of landelijk",
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
    Column(
        "latitude",
        "Breedtegraad",
        help=_("Latitude in decimal degrees, between 49,4 and 51,6 (decimal comma or point)."),
        aliases=("latitude", "lat", "breedte"),
        parse=_coordinate("49.4", "51.6"),
        example=Decimal("50.816300"),
    ),
    Column(
        "longitude",
        "Lengtegraad",
        help=_("Longitude in decimal degrees, between 2,5 and 6,5 (decimal comma or point)."),
        aliases=("longitude", "lon", "lng", "lengte"),
        parse=_coordinate("2.5", "6.5"),
        example=Decimal("5.186600"),
    ),
    Column(
        "school_year",
        "Schooljaar",
        help=_(
            "The school year of the pupil and GOK figures, e.g. 2025-2026; without it they "
            "count for the current school year."
        ),
        aliases=("school jaar",),
        parse=_school_year,
        example="2025-2026",
    ),
    Column(
        "pupils_5_10",
        "Leerlingen 5-10",
        help=_COUNT_HELP,
        aliases=("leerlingen 5-10 jaar", "aantal leerlingen 5-10", "lln 5-10"),
        parse=_count,
        example=180,
    ),
    Column(
        "pupils_11_15",
        "Leerlingen 11-15",
        help=_COUNT_HELP,
        aliases=("leerlingen 11-15 jaar", "aantal leerlingen 11-15", "lln 11-15"),
        parse=_count,
        example=12,
    ),
    Column(
        "gok_school_allowance",
        "GOK schooltoeslag (%)",
        help=_GOK_HELP,
        aliases=("schooltoeslag", "gok schooltoeslag", "% schooltoeslag"),
        parse=_percentage,
        example=Decimal("24.0"),
    ),
    Column(
        "gok_home_language",
        "GOK thuistaal (%)",
        help=_GOK_HELP,
        aliases=("thuistaal", "gok thuistaal", "thuistaal niet nederlands"),
        parse=_percentage,
        example=Decimal("18.5"),
    ),
    Column(
        "gok_neighbourhood",
        "GOK buurt (%)",
        help=_GOK_HELP,
        aliases=("buurt", "gok buurt", "buurtindicator"),
        parse=_percentage,
        example=Decimal("20.0"),
    ),
    Column(
        "gok_mother_education",
        "GOK opleiding moeder (%)",
        help=_GOK_HELP,
        aliases=("opleiding moeder", "opleidingsniveau moeder", "gok opleiding moeder"),
        parse=_percentage,
        example=Decimal("15.0"),
    ),
    Column(
        "care_offer",
        "Opvang",
        help=_SLOT_HELP,
        aliases=("opvangaanbod", "opvang op school"),
        parse=SLOTS.many,
        export=SLOTS.list_label,
        example="voor school, na school, woensdag",
    ),
]

_NAME_HELP = _("The name; it identifies the row, so importing again updates it.")

PROVIDER_COLUMNS = [
    Column(
        "name",
        "Naam",
        required=True,
        help=_NAME_HELP,
        aliases=("naam organisatie", "organisatie", "opvanginitiatief", "aanbieder"),
        parse=_text(200),
        example="IBO De Speelboom",
    ),
    Column(
        "kind",
        "Type",
        required=True,
        help=_("IBO, schoolopvang, speelpleinwerking, onthaalouders (groepsopvang) or ander."),
        aliases=("soort",),
        parse=PROVIDER_KINDS.one,
        export=PROVIDER_KINDS.label,
        example="IBO",
    ),
    Column(
        "recognition",
        "Erkenning",
        help=_("erkend, kwaliteitslabel, gemeld or geen; empty means geen."),
        aliases=("erkend",),
        parse=lambda text: RECOGNITIONS.one(text) if text else CareProvider.Recognition.NONE,
        export=RECOGNITIONS.label,
        example="erkend",
    ),
    Column(
        "capacity_5_10",
        "Plaatsen 5-10",
        help=_COUNT_HELP,
        aliases=("capaciteit 5-10", "plaatsen 5-10 jaar"),
        parse=_count,
        example=42,
    ),
    Column(
        "capacity_11_15",
        "Plaatsen 11-15",
        help=_COUNT_HELP,
        aliases=("capaciteit 11-15", "plaatsen 11-15 jaar"),
        parse=_count,
        example=0,
    ),
    Column(
        "enrolled_children",
        "Ingeschreven kinderen",
        help=_COUNT_HELP,
        aliases=("ingeschreven", "aantal ingeschreven kinderen", "inschrijvingen"),
        parse=_count,
        example=120,
    ),
    Column(
        "slots",
        "Openingsmomenten",
        help=_SLOT_HELP,
        aliases=("opening", "momenten", "wanneer", "open"),
        parse=SLOTS.many,
        export=SLOTS.list_label,
        example="voor school, na school, woensdag, vakantie",
    ),
    Column(
        "address",
        "Adres",
        help=_("Street, number and place."),
        aliases=("straat en nummer", "straat"),
        parse=_text(200),
        example="Speelstraat 4, 3800 Sint-Truiden",
        fallback_key="street",
    ),
    Column(
        "area",
        "Deelgemeente",
        help=_AREA_HELP,
        aliases=("wijk", "deelgemeente of wijk", "deelgemeente/wijk", "gebied"),
        parse=_text(100),
        example="Sint-Truiden",
    ),
    Column(
        "sites_served",
        "Vestigingen",
        help=_(
            "The school sites it serves, as instellingsnummer/vestigingsnummer separated by "
            "commas, e.g. 012345/1, 012345/2. The sites must already be in the trajectory."
        ),
        aliases=("scholen", "vestigingsplaatsen", "bediende vestigingen"),
        parse=_site_keys,
        export=lambda keys: ", ".join(_site_key_label(key) for key in keys or ()),
        example="012345/1",
    ),
]

ACTOR_COLUMNS = [
    Column(
        "name",
        "Naam",
        required=True,
        help=_NAME_HELP,
        aliases=("naam organisatie", "organisatie", "vereniging"),
        parse=_text(200),
        example="KFC Sint-Truiden jeugd",
    ),
    Column(
        "kind",
        "Type",
        required=True,
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
        help=_("5-10, 11-15 or beide."),
        aliases=("leeftijd", "leeftijdsgroep", "doelgroep"),
        parse=AGE_GROUPS.many,
        export=AGE_GROUPS.list_label,
        example="5-10, 11-15",
    ),
    Column(
        "participants",
        "Deelnemers",
        help=_COUNT_HELP,
        aliases=("aantal deelnemers",),
        parse=_count,
        example=85,
    ),
    Column(
        "cost_level",
        "Kostprijs",
        help=_("gratis, laag, gemiddeld or hoog; empty when not known."),
        aliases=("kost", "prijs", "kostprijsniveau"),
        parse=lambda text: COST_LEVELS.one(text) if text else "",
        export=COST_LEVELS.label,
        example="laag",
    ),
    Column(
        "area",
        "Deelgemeente",
        help=_AREA_HELP,
        aliases=("wijk", "deelgemeente of wijk", "deelgemeente/wijk", "gebied"),
        parse=_text(100),
        example="Brustem",
    ),
    Column(
        "location",
        "Waar",
        help=_("Where the activity takes place."),
        aliases=("locatie", "plaats"),
        parse=_text(200),
        example="Sportpark Brustem",
    ),
    Column(
        "slots",
        "Wanneer",
        help=_SLOT_HELP,
        aliases=("openingsmomenten", "momenten"),
        parse=SLOTS.many,
        export=SLOTS.list_label,
        example="woensdag, na school",
    ),
    Column(
        "contact_name",
        "Contactpersoon",
        help=_("Name of the contact person."),
        aliases=("contact",),
        parse=_text(150),
        example="An Peeters",
    ),
    Column(
        "contact_email",
        "E-mail",
        help=_("A valid e-mail address."),
        aliases=("email", "mail", "e-mailadres", "emailadres"),
        parse=_email,
        example="jeugd@example.be",
    ),
    Column(
        "contact_phone",
        "Telefoon",
        help=_("Phone number, as you write it."),
        aliases=("tel", "telefoonnummer", "gsm"),
        parse=_text(30),
        example="+32 11 12 34 56",
    ),
    Column(
        "in_partnership",
        "Lokaal samenwerkingsverband",
        help=_("ja or nee (also yes/no, x, 1/0); empty means nee."),
        aliases=("samenwerkingsverband", "lsv", "in samenwerkingsverband"),
        parse=_boolean,
        export=lambda value: "ja" if value else "nee",
        example="ja",
    ),
]

_COLUMNS = {
    SCHOOLS: SCHOOL_COLUMNS,
    CARE_PROVIDERS: PROVIDER_COLUMNS,
    LEISURE_ACTORS: ACTOR_COLUMNS,
}
_SHEET_TITLES = {SCHOOLS: "Scholen", CARE_PROVIDERS: "Opvang", LEISURE_ACTORS: "Vrije tijd"}
# Dutch words for download file names, whatever the interface language: the files are shared
# with municipal officials, who keep them beside their own Dutch lists.
FILE_WORDS = {SCHOOLS: "scholen", CARE_PROVIDERS: "opvang", LEISURE_ACTORS: "vrije-tijd"}


def columns_for(kind: str) -> list[Column]:
    """The columns an import of this kind accepts, in the order exports write them."""
    try:
        return _COLUMNS[kind]
    except KeyError:
        raise ValueError(f"Unknown import kind {kind!r}.") from None


def _header_lookup(columns: list[Column]) -> dict[str, str]:
    lookup = {}
    for column in columns:
        for word in (column.header, column.key, *column.aliases):
            lookup.setdefault(_norm(word), column.key)
    return lookup


_HEADER_LOOKUPS = {kind: _header_lookup(columns) for kind, columns in _COLUMNS.items()}
# For a file read without its kind: the first kind's meaning wins; fallback_key sorts out the
# one header that means different things ("Adres": a site's street, a provider's address).
_ANY_HEADER_LOOKUP = {
    word: key for kind in reversed(_COLUMNS) for word, key in _HEADER_LOOKUPS[kind].items()
}
