"""The survey's QR code: SVG and PNG of exactly its public address, for those who may see
the survey only."""

import io
import xml.etree.ElementTree as ET

import pytest
import segno
from django.urls import reverse

from surveys import qr
from tests.surveys.factories import SurveyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(trajectory_a, settings):
    settings.PORTAL_URL = "https://plus.example.be"
    return SurveyFactory(trajectory=trajectory_a, name="Opvang 2027")


def _url(survey, fmt):
    return reverse(
        "surveys:qr", kwargs={"trajectory_pk": survey.trajectory_id, "pk": survey.pk, "fmt": fmt}
    )


def _expected(address, kind):
    # segno has no decoder: the same data at the same settings gives the same bytes.
    buffer = io.BytesIO()
    segno.make(address, error="m").save(buffer, kind=kind, scale=10, border=4)
    return buffer.getvalue()


def test_the_png_encodes_the_public_address(official_a_client, survey):
    response = official_a_client.get(_url(survey, "png"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert response.content == _expected(f"https://plus.example.be/s/{survey.token}/", "png")
    assert response["Content-Disposition"] == (
        f'attachment; filename="qr-opvang-2027-{survey.token}.png"'
    )


def test_the_svg_encodes_the_public_address(coordinator_client, survey):
    response = coordinator_client.get(_url(survey, "svg"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert ET.fromstring(response.content).tag == "{http://www.w3.org/2000/svg}svg"
    assert response.content == _expected(f"https://plus.example.be/s/{survey.token}/", "svg")
    assert "attachment" in response["Content-Disposition"]


def test_the_inline_code_is_named_for_screen_readers(survey):
    svg = str(qr.qr_svg_inline("https://x.be/s/abc/", label='QR "<b>"'))
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-label") == 'QR "<b>"'


@pytest.mark.parametrize("fmt", ["pdf", "SVG", "svg.exe", "x" * 300])
def test_any_other_format_is_404(coordinator_client, survey, fmt):
    assert coordinator_client.get(_url(survey, fmt)).status_code == 404


def test_an_outsider_gets_404_and_a_stranger_the_login(official_b_client, anonymous_client, survey):
    assert official_b_client.get(_url(survey, "png")).status_code == 404
    assert anonymous_client.get(_url(survey, "png")).status_code == 302
