"""Routes that send documents to the council, for the persona × URL matrix and bad-input walk."""


def extend(world: dict, objects: dict) -> dict:
    return {}


FILL: dict = {}
