"""A survey's anonymous answers and its aggregates as spreadsheets (XLSX and CSV).

Both follow the results page's small-cell rule (``surveys.results``): the answers export
blanks the site, area and language of every answer whose group the page hides, and the
aggregates read "fewer than 5" or "hidden" where the page does. Free texts appear only as a
coordinator published them. Written by the portal's one writer, which neutralises formulas.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from municipalities.choices import AgeGroup
from plus_portal import spreadsheets
from plus_portal.spreadsheets import Sheet
from surveys import results
from surveys.models import Response, Survey
from surveys.questions import Barrier, Company, Holiday, Interest, Moment, Place

LISTS = [
    ("age_groups", AgeGroup, gettext_lazy("Age groups")),
    ("moments", Moment, gettext_lazy("Moments")),
    ("holidays", Holiday, gettext_lazy("Holidays")),
    ("barriers", Barrier, gettext_lazy("What holds them back")),
    ("interests", Interest, gettext_lazy("Likes to do")),
    ("places", Place, gettext_lazy("Where")),
    ("company", Company, gettext_lazy("With whom")),
]


def _labels(choices, codes) -> str:
    names = dict(choices.choices)
    return ", ".join(str(names.get(code, code)) for code in codes)


def answer_headers() -> list[str]:
    headers = [
        _("Answer"),
        _("Respondent"),
        _("Language (code)"),
        _("Language"),
        _("Answered on"),
        _("School or site"),
        _("Area"),
    ]
    for _attribute, _choices, title in LISTS:
        headers += [f"{title} ({_('codes')})", str(title)]
    headers += [
        _("Picked up at"),
        _("Work or study (code)"),
        _("Work or study"),
        _("In their own words"),
    ]
    return headers


def answer_rows(survey: Survey) -> list[list]:
    answers = results.counted_answers(survey)
    parts = results.breakdowns(answers)
    hidden = {name: part.hidden_keys() for name, part in parts.items()}
    rows = []
    for number, answer in enumerate(answers, start=1):
        show_language = results.language_key(answer) not in hidden["language"]
        show_site = results.site_key(answer) not in hidden["site"] and answer.site_id
        show_area = (
            results.area_key(answer) not in hidden["area"]
            and results.area_key(answer) != results.NOT_GIVEN
        )
        row = [
            number,
            answer.get_kind_display(),
            answer.language if show_language else "",
            results.language_label(answer) if show_language else "",
            answer.submitted_on,
            str(answer.site) if show_site else "",
            results.area_label(answer) if show_area else "",
        ]
        for attribute, choices, _title in LISTS:
            codes = getattr(answer, attribute)
            row += [", ".join(codes), _labels(choices, codes)]
        published = answer.free_text_status == Response.TextStatus.PUBLISHED
        row += [
            answer.pickup_time.strftime("%H:%M") if answer.pickup_time else "",
            answer.occupation,
            answer.get_occupation_display() if answer.occupation else "",
            answer.free_text_shown if published else "",
        ]
        rows.append(row)
    return rows


def _count(group: results.Group, withheld: bool):
    if withheld or group.hidden == results.COMPLEMENT:
        return _("hidden")
    if group.hidden == results.SMALL:
        return _("fewer than %(minimum)s") % {"minimum": results.MINIMUM_CELL}
    return group.count


def aggregate_headers() -> list[str]:
    return [_("Part"), _("Item"), _("Answers")]


def aggregate_rows(survey: Survey) -> list[list]:
    found = results.results_of(survey)
    rows = [
        [_("Answers"), _("Total"), found.total],
        [_("Answers"), _("Parents"), found.parents],
        [_("Answers"), _("Children"), found.children],
    ]
    for part in found.breakdowns.values():
        rows += [[part.title, g.label, _count(g, part.withheld)] for g in part.groups]
    need = _("Need (answers of parents)")
    for row in found.matrix:
        rows += [
            [need, f"{row.label} – {age}", count]
            for age, count in zip(found.age_groups, row.cells, strict=True)
        ]
    for tally in found.tallies:
        rows += [[tally.title, label, count] for _code, label, count in tally.rows]
    return rows


def export_file(kind: str, fmt: str, *, survey: Survey) -> bytes:
    if kind == "answers":
        headers, rows, title = answer_headers(), answer_rows(survey), _("Answers")
    else:
        headers, rows, title = aggregate_headers(), aggregate_rows(survey), _("Results")
    if fmt == "csv":
        return spreadsheets.csv_bytes(headers, rows)
    return spreadsheets.xlsx([Sheet(title=title, headers=headers, rows=rows, filter=True)])
