"""Routes of the council packet (public), for the persona × URL matrix and the bad-input walk."""


def extend(world: dict, objects: dict) -> dict:
    return {}


FILL: dict = {
    "council_public:verify": lambda world: [{}],
    "council_public:twin": lambda world: [{"token": "not-a-token"}],
    "council_public:pdf": lambda world: [{"token": "not-a-token"}],
}
