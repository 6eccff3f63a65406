"""The words school lists and intake spreadsheets use for the portal's codes, in Dutch and English.

Each vocabulary gives, per code, the word exports write (first) and the other words imports
accept, matched without case, accents, spaces or punctuation.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from municipalities.choices import AgeGroup, Slot
from municipalities.models import CareProvider, LeisureActor, School, Site
from municipalities.spreadsheets.cells import CellError, norm, split_list


class Vocabulary:
    """Codes with the word exports write (first) and the words imports also accept."""

    def __init__(self, entries: dict[str, tuple[str, ...]], groups=None):
        self.labels = {code: words[0] for code, words in entries.items()}
        self.order = list(entries)
        self.lookup: dict[str, tuple[str, ...]] = {}
        for code, words in entries.items():
            for word in (code, *words):
                self.lookup[norm(word)] = (code,)
        for word, codes in (groups or {}).items():
            self.lookup[norm(word)] = tuple(codes)

    def accepted(self) -> str:
        return ", ".join(self.labels.values())

    def one(self, text: str) -> str:
        codes = self.lookup.get(norm(text))
        if not codes or len(codes) != 1:
            raise CellError(
                _("'%(value)s' is not a known value; use one of: %(choices)s.")
                % {"value": text, "choices": self.accepted()}
            )
        return codes[0]

    def many(self, text: str) -> list[str]:
        found: set[str] = set()
        unknown = []
        for part in split_list(text):
            codes = self.lookup.get(norm(part))
            if codes:
                found.update(codes)
            else:
                unknown.append(part.strip())
        if unknown:
            raise CellError(
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


NETWORKS = Vocabulary(
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
LEVELS = Vocabulary(
    {
        School.Level.KLEUTER: ("kleuter", "kleuteronderwijs", "kleuterschool"),
        School.Level.LAGER: ("lager", "lager onderwijs", "lagere school"),
        School.Level.SECUNDAIR: ("secundair", "secundair onderwijs"),
        School.Level.BUITENGEWOON: ("buitengewoon", "buitengewoon onderwijs", "BuO"),
    },
    groups={"basis": ("kleuter", "lager"), "basisonderwijs": ("kleuter", "lager")},
)
SETTINGS = Vocabulary(
    {
        Site.Setting.URBAN: ("stedelijk", "urban", "stad"),
        Site.Setting.RURAL: ("landelijk", "rural", "platteland"),
    }
)
SLOTS = Vocabulary(
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
PROVIDER_KINDS = Vocabulary(
    {
        CareProvider.Kind.IBO: ("IBO", "initiatief buitenschoolse opvang"),
        CareProvider.Kind.SCHOOL_RUN: ("schoolopvang", "opvang door de school"),
        CareProvider.Kind.PLAYGROUND: ("speelpleinwerking", "speelplein"),
        CareProvider.Kind.CHILDMINDERS: ("onthaalouders", "groepsopvang", "onthaalouder"),
        CareProvider.Kind.OTHER: ("ander", "andere", "overige"),
    }
)
RECOGNITIONS = Vocabulary(
    {
        CareProvider.Recognition.RECOGNISED: ("erkend", "erkend en gesubsidieerd", "erkenning"),
        CareProvider.Recognition.QUALITY_LABEL: ("kwaliteitslabel", "label"),
        CareProvider.Recognition.REPORTED: ("gemeld", "melding"),
        CareProvider.Recognition.NONE: ("geen", "niet erkend", "nee"),
    }
)
ACTOR_KINDS = Vocabulary(
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
AGE_GROUPS = Vocabulary(
    {
        AgeGroup.CHILDREN: ("5-10", "5-10 jaar", "5 tot 10"),
        AgeGroup.TEENS: ("11-15", "11-15 jaar", "11 tot 15"),
    },
    groups={"beide": ("5-10", "11-15"), "both": ("5-10", "11-15")},
)
COST_LEVELS = Vocabulary(
    {
        LeisureActor.CostLevel.FREE: ("gratis", "free", "kosteloos"),
        LeisureActor.CostLevel.LOW: ("laag", "low", "goedkoop"),
        LeisureActor.CostLevel.MEDIUM: ("gemiddeld", "medium", "matig"),
        LeisureActor.CostLevel.HIGH: ("hoog", "high", "duur"),
    }
)
YES_NO = Vocabulary(
    {
        "ja": ("ja", "yes", "x", "1", "waar", "true", "j", "y", "v"),
        "nee": ("nee", "neen", "no", "0", "onwaar", "false", "n"),
    }
)


def yes_no(text: str) -> bool:
    """ja or nee, also yes/no, x, 1/0, waar/onwaar; empty is nee."""
    return bool(text) and YES_NO.one(text) == "ja"
