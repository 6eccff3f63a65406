"""Routes of the council packet (public), for the persona × URL matrix and the bad-input walk."""


def extend(world: dict, objects: dict) -> dict:
    return {}


FILL: dict = {}
