"""Routes that send documents to the council, for the persona × URL matrix and bad-input walk.

The walk's version is submitted, not approved, and its progress report is finished: the send
pages must turn the first away and offer the second, to officials of A only.
"""


def extend(world: dict, objects: dict) -> dict:
    return {}


FILL: dict = {
    "council_submission:send_version": lambda world: [
        {"trajectory_pk": world["trajectory"], "number": world["version"]}
    ],
    "council_submission:send_report": lambda world: [
        {"trajectory_pk": world["trajectory"], "pk": world["progress_report"]},
        {"trajectory_pk": world["trajectory"], "pk": world["failed_progress_report"]},
    ],
}
