"""Routes of the council packet (twin), for the persona × URL matrix and the bad-input walk."""


def extend(world: dict, objects: dict) -> dict:
    return {}


FILL: dict = {
    "council_twin:version": lambda world: [
        {"trajectory_pk": world["trajectory"], "number": world["version"]}
    ],
    "council_twin:report": lambda world: [
        {"trajectory_pk": world["trajectory"], "pk": world["progress_report"]}
    ],
}
