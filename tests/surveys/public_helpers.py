"""Answering the public survey through the test client, with a really solved challenge."""

import html
import json
import re

import altcha

CHALLENGE = re.compile(r'challengejson="([^"]+)"')
KEY = re.compile(r'name="submission_key" value="([0-9a-f-]+)"')


def solved(page: str) -> str:
    """The altcha payload a browser would send for the challenge on this page."""
    challenge = json.loads(html.unescape(CHALLENGE.search(page).group(1)))
    solution = altcha.solve_challenge(
        challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["max_number"]
    )
    return altcha.Payload(
        challenge["algorithm"],
        challenge["challenge"],
        solution.number,
        challenge["salt"],
        challenge["signature"],
    ).to_base64()


def form_data(page: str, **answers) -> dict:
    """What the form on this page sends: its key, a solved challenge and the answers."""
    return {"submission_key": KEY.search(page).group(1), "altcha": solved(page), **answers}
