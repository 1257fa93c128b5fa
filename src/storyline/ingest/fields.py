"""Article fields shared by the readers: publication dates."""

from __future__ import annotations

from datetime import date, datetime


def parse_date(value: str) -> date | None:
    """An ISO date or datetime string ("2025-03-03", "2025-03-03T08:15:00+01:00",
    "...Z") as a date, or None when it is not one."""
    value = value.strip()
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_note(origin: str, value: object) -> str:
    """The note for a publication date storyline could not read."""
    return (
        f"{origin}: published date {value!r} is not an ISO date (YYYY-MM-DD); "
        "used the default date instead"
    )
