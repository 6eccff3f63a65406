"""Routes and data of this part of monitoring, for the persona × URL matrix and the bad-input walk.

``extend(world, objects)`` adds this part's records to the walk's world (``objects`` are the
model instances ``build_world`` made) and returns the ids to put in it; ``FILL`` maps each of
this part's route names to the URL kwargs to walk it with.
"""


def extend(world: dict, objects: dict) -> dict:
    return {}


FILL: dict = {
    "portfolio:portfolio": lambda world: [{}],
}
