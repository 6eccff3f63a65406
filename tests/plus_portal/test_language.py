from django.urls import reverse


def test_dutch_by_default_even_for_an_english_browser(official_a_client, trajectory_a):
    response = official_a_client.get(
        reverse("municipalities:trajectory_detail", kwargs={"pk": trajectory_a.pk}),
        HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9",
    )
    assert '<html lang="nl-be">' in response.text
    assert "Naar de hoofdinhoud" in response.text


def test_english_once_chosen(official_a_client, trajectory_a):
    url = reverse("municipalities:trajectory_detail", kwargs={"pk": trajectory_a.pk})
    official_a_client.post(reverse("set_language"), {"language": "en", "next": url})

    response = official_a_client.get(url)

    assert '<html lang="en">' in response.text
    assert "Skip to main content" in response.text


def test_belgian_number_format(settings):
    from django.template import Context, Template
    from django.utils import translation

    with translation.override("nl-be"):
        rendered = Template("{% load l10n %}{{ amount }}").render(Context({"amount": 1234.5}))
    assert rendered == "1.234,5"
