"""Errors raised while reading a source; each names the source and the reason."""


class LoadError(Exception):
    """A source could not be turned into a document."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self):
        """Pickle with both arguments, so errors survive the trip from the parsing worker."""
        return (LoadError, (self.source, self.reason))
