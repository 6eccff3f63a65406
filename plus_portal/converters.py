class SpreadsheetFormatConverter:
    """The file formats exports come in."""

    regex = "xlsx|csv"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
