"""Errors the knowledge base raises to its callers (CLI, web app)."""


class KnowledgeBaseError(Exception):
    """Base class for errors a caller should report to a person."""


class IncompatibleHome(KnowledgeBaseError):
    """The home was built with another model, dimension or schema."""


class NotFound(KnowledgeBaseError):
    """A document or chunk does not exist, or the viewer may not see it."""


class InvalidQuery(KnowledgeBaseError):
    """A search request is malformed (empty, too long, bad k or mode)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message
