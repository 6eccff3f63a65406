"""Cell parsers: the text of one cell in, a value out, ``CellError`` for text that is none.

They read what people write in school lists and spreadsheets (decimal commas, grouped
thousands, "B-3800", "2025/26", an instellingsnummer whose leading zero Excel dropped) and
give the value the model stores. What the model checks itself (lengths, ranges, patterns,
choices) is left to its fields: ``Column.clean`` runs them after the parser.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _


class CellError(Exception):
    """A cell's text is not a value of its column; ``message`` says why, for the row."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


# --- Text ------------------------------------------------------------------------------------


def norm(text: Any) -> str:
    """Fold a header or a word for matching: no case, accents, spaces or punctuation."""
    decomposed = unicodedata.normalize("NFKD", str(text)).casefold()
    return "".join(ch for ch in decomposed if ch.isalnum())


def collapse(text: str) -> str:
    """One space between words, none around them."""
    return " ".join(text.split())


_LIST_SEPARATORS = re.compile(r"\s*(?:[,;/+|\n]|&|\s+en\s+|\s+and\s+)\s*", re.IGNORECASE)


def split_list(text: str) -> list[str]:
    """The parts of a list as people write it: commas, semicolons, slashes, "en", "and"."""
    return [part for part in _LIST_SEPARATORS.split(text) if part.strip()]


# --- Numbers ---------------------------------------------------------------------------------


def _whole(text: str) -> int | None:
    compact = re.sub(r"[\s\u00a0\u202f]", "", text)
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", compact):
        compact = compact.replace(".", "")
    match = re.fullmatch(r"(\d+)(?:[.,]0*)?", compact)
    return int(match.group(1)) if match else None


def count(text: str) -> int:
    """A whole number of 0 or more, also as 1.234 or 12,0; empty is 0."""
    if not text:
        return 0
    value = _whole(text)
    if value is None:
        raise CellError(_("'%(value)s' is not a whole number of 0 or more.") % {"value": text})
    return value


def positive_whole(text: str) -> int:
    """A whole number of 1 or more: a site's number."""
    value = _whole(text)
    if value is None or value < 1:
        raise CellError(_("'%(value)s' is not a positive whole number.") % {"value": text})
    return value


def _number(text: str) -> Decimal:
    compact = re.sub(r"[\s\u00a0\u202f]", "", text).replace(",", ".")
    try:
        value = Decimal(compact)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise CellError(_("'%(value)s' is not a number.") % {"value": text})
    return value


def decimal(places: int, *, percent: bool = False) -> Callable[[str], Decimal | None]:
    """A number with a decimal comma or point, rounded to ``places``; empty is None.

    With ``percent`` a trailing % sign is allowed.
    """

    def parse(text: str) -> Decimal | None:
        if not text:
            return None
        value = _number(text.rstrip().removesuffix("%") if percent else text)
        try:
            return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        except InvalidOperation:  # more digits than a Decimal holds: far out of any range
            raise CellError(_("'%(value)s' is not a number.") % {"value": text}) from None

    return parse


# --- Codes -----------------------------------------------------------------------------------


def institution_number(text: str) -> str:
    """An instellingsnummer without spaces or dots; five digits get back the zero Excel took."""
    digits = re.sub(r"[\s.]", "", text)
    if re.fullmatch(r"\d{5}", digits):
        digits = "0" + digits
    return digits


def lost_leading_zero(text: str) -> bool:
    """Whether ``institution_number`` put back a leading zero in this cell."""
    return bool(re.fullmatch(r"\d{5}", re.sub(r"[\s.]", "", text)))


def postal_code(text: str) -> str:
    """A postcode without spaces and without the B- of an address abroad."""
    return re.sub(r"\s", "", text).removeprefix("B-").removeprefix("b-")


def school_year(text: str) -> str:
    """2025-2026, also written 2025/26 or 2025 – 2026; empty is ""."""
    if not text:
        return ""
    match = re.fullmatch(r"(\d{4})\s*[-–—/]\s*(\d{4}|\d{2})", text.strip())
    if match:
        start, end = int(match.group(1)), match.group(2)
        end = int(end) if len(end) == 4 else (start + 1 if int(end) == (start + 1) % 100 else -1)
        if end == start + 1:
            return f"{start}-{end}"
    raise CellError(_("'%(value)s' is not a school year; write it as 2025-2026.") % {"value": text})


SiteKey = tuple[str, int]


def site_keys(text: str) -> tuple[SiteKey, ...]:
    """School sites as instellingsnummer/vestigingsnummer, separated by commas."""
    keys = set()
    for part in re.split(r"\s*[,;\n]\s*", text):
        if not part.strip():
            continue
        match = re.fullmatch(r"(\d{5,6})\s*[/.\-]\s*(\d{1,5})", part.strip())
        if not match:
            raise CellError(
                _(
                    "'%(value)s' is not a school site; write instellingsnummer/vestigingsnummer, "
                    "e.g. 012345/1."
                )
                % {"value": part.strip()}
            )
        keys.add((match.group(1).zfill(6), int(match.group(2))))
    return tuple(sorted(keys))


def site_key_label(key: SiteKey) -> str:
    return f"{key[0]}/{key[1]}"
