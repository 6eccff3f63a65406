"""Every route × every query parameter and form field it reads × malformed values → no 500.

A first request to each route records which keys the view reads from ``request.GET`` and
``request.POST`` (forms read their fields the same way); then each key is sent malformed,
alone and all together, as a GET parameter and as a form field, by each role that can reach
the route. Bad input answers 400 or 404, or the form again with a message; never a 500.
"""

import pytest
from django.db import transaction
from django.http import QueryDict
from django.test import Client
from django.utils.datastructures import MultiValueDict

from tests.url_walk import routes

BAD_VALUES = ["abc", "-1", "0", "99999999999999999999", "", "\x00"]
PERSONAS = ["administrator", "coordinator", "official_a"]


class KeyRecorder:
    """Records every key looked up in a request's GET or POST while it is installed."""

    def __init__(self, monkeypatch):
        self.keys: set[str] = set()
        for name in ("__getitem__", "get", "getlist", "__contains__"):
            original = getattr(MultiValueDict, name)
            monkeypatch.setattr(MultiValueDict, name, self._recording(original))

    def _recording(self, original):
        keys = self.keys

        def method(mapping, key, *args, **kwargs):
            if isinstance(mapping, QueryDict) and isinstance(key, str):
                keys.add(key)
            return original(mapping, key, *args, **kwargs)

        return method


def _keys_read(monkeypatch, client: Client, url: str) -> set[str]:
    with monkeypatch.context() as patch:
        recorder = KeyRecorder(patch)
        savepoint = transaction.savepoint()
        client.get(url)
        client.post(url, {})
        transaction.savepoint_rollback(savepoint)
    return recorder.keys - {"csrfmiddlewaretoken"}


def _requests(keys: set[str]):
    """(method, data) pairs: every key malformed on its own, then all keys together."""
    for key in sorted(keys):
        yield "get", {key: "abc"}
        yield "post", {key: "abc"}
    for value in BAD_VALUES:
        everything = dict.fromkeys(keys, value)
        yield "get", everything
        yield "post", everything


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_route_answers_bad_input_with_a_server_error(request, persona, world, monkeypatch):
    user = request.getfixturevalue(persona)
    client = Client(raise_request_exception=False)
    failures = []
    walked = 0
    for route in routes(world):
        client.force_login(user)
        keys = _keys_read(monkeypatch, client, route.url)
        for method, data in _requests(keys):
            savepoint = transaction.savepoint()
            response = getattr(client, method)(route.url, data)
            transaction.savepoint_rollback(savepoint)
            walked += 1
            if response.status_code >= 500:
                failures.append(f"{method.upper()} {route} {data} → {response.status_code}")
            if route.name == "logout":
                client.force_login(user)
    assert walked > len(routes(world)), "the walk found no parameters to send"
    assert not failures, "\n".join(failures)
