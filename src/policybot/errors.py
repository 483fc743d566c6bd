"""Domain errors. The core raises them; only the CLI, web page and API translate them."""

from __future__ import annotations


class PolicybotError(Exception):
    """Base of every error policybot raises on purpose; the message names the value and the fix."""


class DocumentError(PolicybotError):
    """A corpus file cannot be ingested (unsupported, empty, binary, undecodable, duplicate)."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class NotFoundError(PolicybotError):
    """No document, curated answer or rating with that id (the API answers 404)."""


class IndexMissingError(PolicybotError):
    """No index has been built yet at the configured location."""


class IndexMismatchError(PolicybotError):
    """The index was built with other settings than the ones in force."""


class InvalidQuestionError(PolicybotError):
    """A question is empty, too long, or has no content."""


class StoreError(PolicybotError):
    """The vector store cannot be reached or used. ``missing``: a collection is gone (a newer build
    replaced it); ``unavailable``: the store did not answer in time or refused the connection."""

    def __init__(self, message: str, missing: bool = False, unavailable: bool = False):
        super().__init__(message)
        self.missing = missing
        self.unavailable = unavailable


class StorageError(PolicybotError):
    """A folder policybot writes to is read-only or full."""
