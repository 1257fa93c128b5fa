"""JSON rendering (the schema is documented in the README).

Text is written as UTF-8 except for lone surrogates (``"\\ud800"`` read from a JSON
escape, or a file name Python could not decode), which no encoding can write: they
stay JSON escapes, so the output is valid UTF-8 and reads back to the same strings.
"""

from __future__ import annotations

import json
import re
from typing import Any, Protocol

_SURROGATE = re.compile("[\ud800-\udfff]")


class _HasDict(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def _escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04x}"


def dumps(value: Any, indent: int | None = None) -> str:
    """``value`` as JSON text that can always be encoded as UTF-8."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    # Outside strings JSON has only ASCII, so every surrogate is inside one.
    return _SURROGATE.sub(_escape, text)


def to_json(result: _HasDict) -> str:
    return dumps(result.to_dict(), indent=2) + "\n"
