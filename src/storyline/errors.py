"""storyline's one error hierarchy.

The library raises; the interfaces (CLI, batch) translate. Every error carries a
stable code (``[S101]``) and a message that names the file, line or article and
says what to do::

    StorylineError                 S000  anything storyline raises on purpose
    ├── InputError                 S100  the input cannot be used as given
    │   ├── EmptyInputError        S101  no articles at all / empty file
    │   ├── FileReadError          S102  missing, unreadable or a folder with nothing to read
    │   ├── BinaryFileError        S103  bytes that are not text in any encoding
    │   ├── FormatError            S104  malformed JSON / JSON Lines / article object
    │   └── NoSentencesError       S105  articles read, but not one sentence in them
    ├── OutputError                S200  the output file cannot be written
    ├── StoreError                 S400  the event store cannot be opened or written
    │   └── UnknownEventError      S401  no event with that id in the store
    ├── ModelError                 S300  the NER model (dossier) is not installed
    │   └── ScorerModelError       S301  the shipped sentence scorer is missing or stale
    ├── ServiceError               S500  the web app refuses a request (``storyline serve``)
    │   ├── RequestTooLargeError   S501  request body over the server's limit (HTTP 413)
    │   ├── TimeLimitError         S502  request took longer than the server's limit (HTTP 503)
    │   ├── ForbiddenRequestError  S503  unknown Host header or a cross-site form post (HTTP 403)
    │   └── NotFoundError          S504  no such page or API path (HTTP 404)
    └── EngineError                S600  a batch engine cannot run: its extra is not
                                         installed, or its cluster cannot be reached

The CLI maps them to exit codes (see ``EXIT_CODES`` and the README).
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base class: ``code`` is stable, ``message`` is for people."""

    code = "S000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(StorylineError):
    code = "S100"


class EmptyInputError(InputError):
    code = "S101"


class FileReadError(InputError):
    code = "S102"


class BinaryFileError(InputError):
    code = "S103"


class FormatError(InputError):
    code = "S104"


class NoSentencesError(InputError):
    code = "S105"


class OutputError(StorylineError):
    code = "S200"


class StoreError(StorylineError):
    """The event store cannot be opened, read or written (not a store, newer schema,
    disk full, locked too long)."""

    code = "S400"


class UnknownEventError(StoreError):
    code = "S401"


class ModelError(StorylineError):
    code = "S300"


class ScorerModelError(ModelError):
    """The shipped sentence-scorer model is missing or does not fit this version."""

    code = "S301"


class LinkerModelError(ModelError):
    """The shipped event-linking model is missing or does not fit this version."""

    code = "S302"


class ServiceError(StorylineError):
    """The HTTP layer refuses a request it cannot serve (its limits, not the input's words)."""

    code = "S500"


class RequestTooLargeError(ServiceError):
    code = "S501"


class TimeLimitError(ServiceError):
    code = "S502"


class ForbiddenRequestError(ServiceError):
    code = "S503"


class NotFoundError(ServiceError):
    code = "S504"


class EngineError(StorylineError):
    """``storyline batch --engine X``: X's extra is missing or its cluster is unusable."""

    code = "S600"


#: Exit codes of the ``storyline`` command. ``batch`` and ``events add`` add their own:
#: 100 + the number of clusters (articles) that failed (capped at 200: 100 or more).
EXIT_CODES: dict[type[StorylineError] | str, int] = {
    "ok": 0,
    "internal": 1,
    "usage": 2,
    InputError: 3,
    EmptyInputError: 3,
    FileReadError: 3,
    BinaryFileError: 3,
    FormatError: 3,
    NoSentencesError: 4,
    OutputError: 5,
    ModelError: 6,
    StoreError: 7,
    UnknownEventError: 8,
    EngineError: 9,
}


def exit_code_for(error: StorylineError) -> int:
    """The documented exit code for ``error`` (most specific class wins)."""
    for cls in type(error).__mro__:
        if cls in EXIT_CODES:
            return EXIT_CODES[cls]  # type: ignore[index]
    return 1
