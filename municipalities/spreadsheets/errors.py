"""Why a file, or an import as a whole, is refused."""


class ImportRefused(Exception):
    """The file or the import as a whole cannot be used; ``message`` tells the user why."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message
