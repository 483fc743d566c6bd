"""Domain errors. The core raises them; only the CLI, web page and API translate them.

Each class carries what it becomes at an edge: ``http_status`` for the API, ``exit_code`` for the CLI, and
``public_message`` when the API must not echo the error's own text (a store's internals). The edges read
these attributes; no edge keeps its own list of error classes."""

from __future__ import annotations

EXIT_ERROR = 1
EXIT_USAGE = 2


class PolicybotError(Exception):
    """Base of every error policybot raises on purpose; the message names the value and the fix."""

    http_status = 400
    exit_code = EXIT_ERROR
    public_message: str | None = None  # None: the API shows str(error)
    public_detail: str | None = None  # a line for a person, in the API body's "detail"


class DocumentError(PolicybotError):
    """A corpus file cannot be ingested (unsupported, empty, binary, undecodable, duplicate)."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class NotFoundError(PolicybotError):
    """No document, curated answer or rating with that id."""

    http_status = 404


class IndexMissingError(PolicybotError):
    """No index has been built yet at the configured location."""


class IndexMismatchError(PolicybotError):
    """The index was built with other settings than the ones in force."""


class InvalidQuestionError(PolicybotError):
    """A question is empty, too long, or has no content."""

    http_status = 422
    exit_code = EXIT_USAGE


class StoreError(PolicybotError):
    """The vector store cannot be reached or used. ``missing``: a collection is gone (a newer build
    replaced it); ``unavailable``: the store did not answer in time or refused the connection."""

    http_status = 503
    public_message = "store unavailable"
    public_detail = "向量库暂时无法访问，请稍后再试。"

    def __init__(self, message: str, missing: bool = False, unavailable: bool = False):
        super().__init__(message)
        self.missing = missing
        self.unavailable = unavailable


class StorageError(PolicybotError):
    """A folder policybot writes to is read-only or full."""
