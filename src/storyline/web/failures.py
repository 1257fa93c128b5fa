"""Library errors as HTTP answers: a status and one JSON shape for every refusal.

``{"error": {"code": "S104", "type": "FormatError", "message": "...", "status": 422}}``:
the code is the library's stable code (see :mod:`storyline.errors`), the message says
what to do. Nothing here ever shows a traceback; an unexpected exception is logged on
the server and answered 500 with code S000.
"""

from __future__ import annotations

from typing import Any

from storyline.errors import (
    ForbiddenRequestError,
    InputError,
    ModelError,
    NotFoundError,
    RequestTooLargeError,
    ServiceError,
    StoreError,
    StorylineError,
    TimeLimitError,
    UnknownEventError,
)

#: HTTP status per error class; the most specific class in an error's MRO wins.
STATUS: dict[type[StorylineError], int] = {
    RequestTooLargeError: 413,
    NotFoundError: 404,
    UnknownEventError: 404,
    StoreError: 503,
    TimeLimitError: 503,
    ForbiddenRequestError: 403,
    ServiceError: 503,
    InputError: 422,
    ModelError: 503,
    StorylineError: 500,
}


def register_status(cls: type[StorylineError], status: int) -> None:
    """Answer ``cls`` (an error another part of storyline raises) with ``status``."""
    STATUS[cls] = status


def status_for(error: StorylineError) -> int:
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]  # type: ignore[index]
    return 500


def error_payload(error: StorylineError, status: int | None = None) -> dict[str, Any]:
    return {
        "error": {
            "code": error.code,
            "type": type(error).__name__,
            "message": error.message,
            "status": status if status is not None else status_for(error),
        }
    }


def internal_error() -> StorylineError:
    """What an unexpected exception becomes: S000, no details of the server's code."""
    return StorylineError(
        "internal error: this is a bug in storyline; the server's log has the details"
    )


def invalid_body(errors: Any, content_type: str | None = None) -> StorylineError:
    """A request body pydantic refused (malformed JSON, ``words`` not a number...) as the
    library's S104, naming each bad field."""
    from storyline.errors import FormatError

    parts = []
    errors = list(errors)
    body_whole = [e for e in errors if tuple(e.get("loc", ())) == ("body",)]
    if body_whole and "json" not in (content_type or "").lower():
        return FormatError(
            f"request body refused: it must be JSON sent with Content-Type: application/json "
            f"(this request says {content_type or 'nothing'})"
        )
    for e in errors[:5]:
        where, *rest = e.get("loc", ("body",))
        loc = ".".join(str(x) for x in rest)
        if e.get("type") == "json_invalid":
            parts.append(f"malformed JSON ({e.get('ctx', {}).get('error', e.get('msg'))})")
        elif where == "body":
            parts.append(f"{loc or 'body'}: {e.get('msg', 'invalid')}")
        else:
            parts.append(f"{where} parameter {loc!r}: {e.get('msg', 'invalid')}")
    if not any(e.get("loc", ("body",))[0] == "body" for e in errors):
        return FormatError("request refused: " + "; ".join(parts))
    return FormatError(
        "request body refused: " + "; ".join(parts) + '; send JSON like {"articles": '
        '["text of a report", {"text": "...", "title": "...", "published": "YYYY-MM-DD"}], '
        '"words": 120}'
    )
