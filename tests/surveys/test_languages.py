"""The survey languages: every survey string translated in French, the pages in the language
the respondent chose, and a right-to-left language laid out right to left."""

import datetime
from pathlib import Path

import polib
import pytest
import time_machine
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from tests.surveys.factories import SurveyFactory

CATALOGUES = Path(settings.BASE_DIR) / "locale"


@pytest.fixture
def survey(trajectory_a):
    with time_machine.travel(datetime.datetime(2027, 2, 10, 12, tzinfo=datetime.UTC)):
        yield SurveyFactory(trajectory=trajectory_a)


def _survey_entries(language):
    catalogue = polib.pofile(str(CATALOGUES / language / "LC_MESSAGES" / "django.po"))
    return [entry for entry in catalogue if entry.msgctxt == "survey" and not entry.obsolete]


def test_every_survey_string_is_translated_in_french():
    entries = _survey_entries("fr")

    assert len(entries) > 50
    untranslated = [entry.msgid for entry in entries if not entry.translated()]
    assert not untranslated, untranslated
    assert not [entry.msgid for entry in entries if "fuzzy" in entry.flags]


def test_the_french_catalogue_is_compiled():
    source = CATALOGUES / "fr" / "LC_MESSAGES" / "django.po"
    compiled = CATALOGUES / "fr" / "LC_MESSAGES" / "django.mo"

    assert compiled.exists()
    assert len(polib.mofile(str(compiled))) >= len(
        [entry for entry in polib.pofile(str(source)) if entry.translated()]
    )


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", ["Questions pour les parents", "Quel âge ont vos enfants", "Avant l’école"]),
        ("en", ["Questions for parents", "How old are your children?", "Before school"]),
    ],
)
def test_the_form_speaks_the_language_in_its_address(client, survey, lang, words):
    # The portal's own language cookie says Dutch; the survey follows the address.
    client.cookies["django_language"] = "nl-be"
    path = reverse("survey_public:parent", kwargs={"token": survey.token, "lang": lang})

    response = client.get(path)

    page = response.content.decode()
    assert f'<html lang="{lang}" dir="ltr">' in page
    assert response["Content-Language"] == lang
    for word in words:
        assert word in page


def test_the_start_page_follows_the_chosen_language(client, survey):
    path = reverse("survey_public:start", kwargs={"token": survey.token})

    page = client.get(path, {"lang": "fr"}).content.decode()

    assert "Votre vie privée" in page
    assert reverse("survey_public:child", kwargs={"token": survey.token, "lang": "fr"}) in page


@override_settings(SURVEY_LANGUAGES=[*settings.SURVEY_LANGUAGES, ("ar", "العربية")])
def test_a_right_to_left_language_is_laid_out_right_to_left(client, survey):
    for name in ("parent", "child", "thanks"):
        path = reverse(f"survey_public:{name}", kwargs={"token": survey.token, "lang": "ar"})
        page = client.get(path).content.decode()
        assert '<html lang="ar" dir="rtl">' in page

    start = reverse("survey_public:start", kwargs={"token": survey.token})
    page = client.get(start, {"lang": "ar"}).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert '<a href="?lang=ar" lang="ar" hreflang="ar"' in page
    assert ">العربية</a>" in page
