from surveys.models import Response, Survey


def test_the_source_of_intake_needs_names_the_survey_once():
    assert Survey(name="opvang 2027").source_name() == "bevraging opvang 2027"
    assert Survey(name="Bevraging vrije tijd").source_name() == "Bevraging vrije tijd"


def test_an_answers_language_is_named_in_the_readers_language(in_english):
    assert Response(language="nl-be").language_name() == "Dutch"
    assert Response(language="fr").language_name() == "French"
    assert Response(language="zz").language_name() == "zz"
