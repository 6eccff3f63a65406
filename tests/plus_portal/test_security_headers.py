"""Headers every response carries: a Content-Security-Policy without inline script, a
Permissions-Policy, and, for a signed-in user, no caching anywhere."""

import pytest
from django.urls import reverse


def _directives(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def test_the_policy_allows_scripts_from_the_portal_only(anonymous_client):
    directives = _directives(anonymous_client.get(reverse("login")))

    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]


def test_permissions_policy_denies_hardware_and_payment(anonymous_client):
    policy = anonymous_client.get(reverse("login")).headers["Permissions-Policy"]

    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_a_static_file_also_carries_the_permissions_policy_and_stays_cacheable(
    official_a_client,
):
    response = official_a_client.get("/static/js/portal.js")

    assert response.status_code == 200
    assert "Permissions-Policy" in response.headers
    assert "no-store" not in response.headers.get("Cache-Control", "")


def _assert_not_cached(response) -> None:
    assert response.status_code == 200
    cache_control = {part.strip() for part in response.headers["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "Permissions-Policy" in response.headers


def test_a_page_for_a_signed_in_user_is_never_cached(official_a_client, trajectory_a):
    _assert_not_cached(
        official_a_client.get(reverse("municipalities:trajectory_detail", args=[trajectory_a.pk]))
    )


def test_an_htmx_fragment_for_a_signed_in_user_is_never_cached(
    coordinator_client, trajectory_a, swot_a
):
    url = reverse("swot:item_inline_edit", args=[trajectory_a.pk, swot_a["W1"].pk])
    response = coordinator_client.get(url, HTTP_HX_REQUEST="true")

    assert "<html" not in response.text  # a fragment, not a page
    _assert_not_cached(response)


@pytest.mark.parametrize("export", ["swot", "intake"])
def test_an_export_for_a_signed_in_user_is_never_cached(
    official_a_client, trajectory_a, intake_a, swot_a, export
):
    if export == "swot":
        url = reverse("swot:export", args=[trajectory_a.pk])
    else:
        url = reverse("municipalities:record_export", args=[trajectory_a.pk, "schools", "csv"])
    response = official_a_client.get(url)

    assert response.headers["Content-Disposition"].startswith("attachment")
    _assert_not_cached(response)
