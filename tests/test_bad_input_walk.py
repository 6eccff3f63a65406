"""Every route × every query parameter and form field it reads × malformed values → no 500.

A first request to each route records which keys the view reads from ``request.GET`` and
``request.POST`` (forms read their fields the same way); then each key is sent malformed,
alone and all together, as a GET parameter and as a form field, by each role that can reach
the route. Bad input answers 400 or 404, or the form again with a message; never a 500.

One test per route, so the walk spreads over the suite's processes; the data is made once for
the module (``walk_data``) and every request meets it unchanged.
"""

import pytest
from django.db import transaction
from django.http import QueryDict
from django.test import Client
from django.utils.datastructures import MultiValueDict

from tests.url_walk import FILL, Route, route_names

BAD_VALUES = ["abc", "-1", "0", "99999999999999999999", "", "\x00"]
# The bridge figure too: their own pages read the same input, and every other page must
# turn them away whatever they send.
PERSONAS = ["administrator", "coordinator", "official_a", "bridge_figure"]


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


def _keys_read(monkeypatch, client: Client, url: str) -> tuple[set[str], list[tuple]]:
    """The keys the route reads, and the (method, data, status) of the plain GET and the empty
    POST that found them out."""
    with monkeypatch.context() as patch:
        recorder = KeyRecorder(patch)
        savepoint = transaction.savepoint()
        answers = [
            ("get", {}, client.get(url).status_code),
            ("post", {}, client.post(url, {}).status_code),
        ]
        transaction.savepoint_rollback(savepoint)
    return recorder.keys - {"csrfmiddlewaretoken"}, answers


def _requests(keys: set[str]):
    """(method, data) pairs: every key malformed on its own, then all keys together.

    Each pair once: a route that reads one key, or none, would otherwise be sent the same
    request several times; and none without data, which the plain GET and POST were.
    """
    sent = set()
    for method, data in _every_request(keys):
        request = (method, tuple(sorted(data.items())))
        if data and request not in sent:
            sent.add(request)
            yield method, data


def _every_request(keys: set[str]):
    for key in sorted(keys):
        yield "get", {key: "abc"}
        yield "post", {key: "abc"}
    for value in BAD_VALUES:
        everything = dict.fromkeys(keys, value)
        yield "get", everything
        yield "post", everything


@pytest.mark.parametrize("name", list(route_names()))
def test_no_route_answers_bad_input_with_a_server_error(db, walk_data, name, monkeypatch):
    world, personas = walk_data
    variants = FILL[name](world)
    failures = []
    walked = 0
    for persona in PERSONAS:
        user = personas[persona]
        client = Client(raise_request_exception=False)
        for kwargs in variants:
            route = Route(name, kwargs)
            client.force_login(user)
            keys, answers = _keys_read(monkeypatch, client, route.url)
            for method, data in _requests(keys):
                savepoint = transaction.savepoint()
                response = getattr(client, method)(route.url, data)
                transaction.savepoint_rollback(savepoint)
                answers.append((method, data, response.status_code))
                if route.name == "logout":
                    client.force_login(user)
            walked += len(answers)
            failures += [
                f"{persona}: {method.upper()} {route} {data} → {status}"
                for method, data, status in answers
                if status >= 500
            ]
    assert walked > len(variants), "the walk found no parameters to send"
    assert not failures, "\n".join(failures)
