"""Routes of the council packet (decision), for the persona × URL matrix and the bad-input walk.

The walk's version is submitted, not approved: the packet page says it must be approved
first, and the edit form and the downloads answer 404 (a version not approved has no draft
decision). The approved path is tested in tests/council/test_draft_decision*.py.
"""


def extend(world: dict, objects: dict) -> dict:
    return {}


def _version(world):
    return [{"trajectory_pk": world["trajectory"], "number": world["version"]}]


FILL: dict = {
    f"council_decision:{name}": _version
    for name in ("packet", "edit", "pdf", "html", "docx", "jsonld")
}
