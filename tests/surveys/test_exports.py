"""The anonymous answers and the aggregates as XLSX and CSV: suppressed like the page,
published texts only, formulas neutralised, and readable by officials."""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from surveys.review import text_publish
from tests.surveys.factories import ResponseFactory
from tests.surveys.results_fixtures import make_counted_survey


@pytest.fixture
def counted_survey(trajectory_a):
    return make_counted_survey(trajectory_a)


def _get(client, name, survey, fmt):
    client.cookies["django_language"] = "en"
    response = client.get(
        reverse(f"survey_results:{name}", args=[survey.trajectory_id, survey.pk, fmt])
    )
    assert response.status_code == 200
    return response.content


def _xlsx_rows(content):
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _csv_rows(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_answers_export_blanks_small_sites(client, official_a, counted_survey, fmt):
    client.force_login(official_a)
    content = _get(client, "export_answers", counted_survey["survey"], fmt)
    rows = _xlsx_rows(content) if fmt == "xlsx" else _csv_rows(content)
    header, body = rows[0], rows[1:]
    assert len(body) == 12  # counted answers only: not the pending burst's four
    site = header.index("School or site")
    area = header.index("Area")
    assert [row[site] for row in body].count("Sint-Jozef Velm") == 7
    assert not any("Regenboog" in str(cell) for row in rows for cell in row)
    assert not any("3800" in str(row[area]) for row in body)
    assert {row[site] for row in body} == {"Sint-Jozef Velm", None if fmt == "xlsx" else ""}
    language = header.index("Language (code)")
    assert {row[language] for row in body} <= {"nl-be", None, ""}
    assert header.index("Moments (codes)") + 1 == header.index("Moments")
    assert "after_school" in [row[header.index("Moments (codes)")] for row in body]
    assert "After school" in [row[header.index("Moments")] for row in body]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_aggregates_suppress_like_the_page(client, official_a, counted_survey, fmt):
    client.force_login(official_a)
    content = _get(client, "export_aggregates", counted_survey["survey"], fmt)
    rows = _xlsx_rows(content) if fmt == "xlsx" else _csv_rows(content)
    by_item = {(row[0], row[1]): row[2] for row in rows[1:]}
    assert str(by_item[("Answers", "Total")]) == "12"
    assert str(by_item[("School or site", "Sint-Jozef Velm")]) == "7"
    assert by_item[("School or site", "De Regenboog")] == "fewer than 5"
    assert by_item[("Area", "postal code 3800")] == "fewer than 5"
    assert by_item[("Language", "French")] == "fewer than 5"
    assert str(by_item[("Need (answers of parents)", "After school – 5–10 years")]) == "7"
    regenboog_rows = [row for row in rows if "Regenboog" in str(row[1])]
    assert all(not re.fullmatch(r"\d+", str(row[2])) for row in regenboog_rows)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_published_formula_is_neutralised(client, coordinator, counted_survey, fmt):
    survey = counted_survey["survey"]
    formula = '=HYPERLINK("http://evil.example","klik")'
    answer = ResponseFactory(survey=survey, free_text=formula)
    ResponseFactory(survey=survey, free_text="Jan Peeters woont hier")  # not reviewed
    client.force_login(coordinator)
    assert formula not in _get(client, "export_answers", survey, fmt).decode("latin-1")
    text_publish(response=answer, shown_text=formula, by=coordinator)
    content = _get(client, "export_answers", survey, fmt)
    rows = _xlsx_rows(content) if fmt == "xlsx" else _csv_rows(content)
    texts = [row[-1] for row in rows[1:] if row[-1]]
    assert len(texts) == 1
    assert texts[0].startswith("'=HYPERLINK")
    assert not any("Jan Peeters" in str(cell) for row in rows for cell in row)


def test_another_municipality_gets_404(client, official_b, counted_survey):
    client.force_login(official_b)
    survey = counted_survey["survey"]
    for name in ("export_answers", "export_aggregates"):
        url = reverse(f"survey_results:{name}", args=[survey.trajectory_id, survey.pk, "csv"])
        assert client.get(url).status_code == 404
