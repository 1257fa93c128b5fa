"""What a running server is allowed to do: one frozen settings object, built once."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

#: Names a browser may use for a server bound to the loopback interface.
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")


@dataclass(frozen=True, slots=True)
class WebSettings:
    """Settings of one app. ``db`` is the event store (None: no store pages)."""

    db: Path | None = None
    #: Largest request body accepted, in bytes; a larger one is answered 413 (S501).
    max_body: int = 10 * 1024 * 1024
    #: Seconds one request may compute before it is answered 503 (S502).
    time_limit: float = 60.0
    #: The address the server is bound to: decides which Host headers are accepted.
    host: str = "127.0.0.1"

    def __post_init__(self) -> None:
        if self.max_body < 1024:
            raise ValueError(f"max_body must be at least 1024 bytes, got {self.max_body}")
        if self.time_limit <= 0:
            raise ValueError(f"time_limit must be positive, got {self.time_limit}")

    @property
    def allowed_hosts(self) -> tuple[str, ...]:
        """Host names a request may carry. A server on all interfaces takes any host;
        one on an address takes that address and the loopback names (the guard
        against DNS rebinding: a hostile page cannot reach a loopback server through
        a name of its own)."""
        if self.host in ("0.0.0.0", "::", ""):
            return ("*",)
        return tuple(dict.fromkeys((*LOOPBACK_NAMES, self.host)))


def is_loopback(host: str) -> bool:
    """True when ``host`` names this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
