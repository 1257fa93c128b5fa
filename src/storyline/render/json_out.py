"""JSON rendering (the schema is documented in the README)."""

from __future__ import annotations

import json
from typing import Any, Protocol


class _HasDict(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def to_json(result: _HasDict) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
