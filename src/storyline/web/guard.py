"""One ASGI middleware in front of every route: what a request must be before any
route sees it, and the headers every answer carries.

1. **host** — the Host header must name the address the server is bound to (or a
   loopback name): a hostile page cannot reach a local server by DNS rebinding.
2. **origin** — a POST sent by a browser from another origin (``Sec-Fetch-Site`` not
   ``same-origin``, or an ``Origin`` that is not this server) is refused: no cross-site
   form can add articles to the store.
3. **size** — the body is read before the route runs, at most ``max_body`` bytes; a
   larger one (declared or streamed) is answered 413 with error S501.
4. **headers** — Content-Security-Policy (scripts and styles from this server only,
   no inline script, no framing), nosniff, no referrer to other sites, and kin, on every answer.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.errors import ForbiddenRequestError, RequestTooLargeError, StorylineError
from storyline.web.settings import WebSettings

#: Renders a refusal for a path: JSON under /api/, a page elsewhere.
Answer = Callable[[str, StorylineError], Response]

_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _host_name(value: str) -> str:
    """``"127.0.0.1:8000"`` → ``"127.0.0.1"``, ``"[::1]:8000"`` → ``"[::1]"``."""
    if value.startswith("["):
        return value[: value.find("]") + 1]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _same_origin(scope: Scope) -> bool:
    """May this POST change things? A browser says where it comes from in
    ``Sec-Fetch-Site`` (only ``same-origin`` and ``none``, typed by the user, pass: another
    port of localhost is "same-site" yet another program); without that header the
    ``Origin``, if any, must be this server. Programs send neither and pass."""
    site = _header(scope, b"sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = _header(scope, b"origin")
    if origin is None:
        return True
    return origin != "null" and urlsplit(origin).netloc == _header(scope, b"host")


class Guard:
    """The middleware: ``Guard(app, settings, answer)``."""

    def __init__(self, app: ASGIApp, settings: WebSettings, answer: Answer) -> None:
        self.app = app
        self.settings = settings
        self.answer = answer
        self.hosts = settings.allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = self._with_headers(scope, send)
        refusal = self._refusal(scope)
        if refusal is not None:
            await self.answer(scope["path"], refusal)(scope, receive, send)
            return
        body = await self._read_body(scope, receive)
        if body is None:
            error = RequestTooLargeError(
                f"request body is larger than this server's limit of {self.settings.max_body:,} "
                "bytes; send fewer or shorter articles, or start the server with a larger "
                "--max-body"
            )
            await self.answer(scope["path"], error)(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)

    def _refusal(self, scope: Scope) -> StorylineError | None:
        host = _host_name(_header(scope, b"host") or "")
        if "*" not in self.hosts and host not in self.hosts:
            return ForbiddenRequestError(
                f"Host {host!r} is not this server's address; use http://{self.settings.host}"
            )
        if scope["method"] in _UNSAFE and not _same_origin(scope):
            return ForbiddenRequestError(
                "cross-site request refused: post to this server from its own pages "
                "or from a program"
            )
        return None

    async def _read_body(self, scope: Scope, receive: Receive) -> bytes | None:
        """The whole body, or None when it is over the limit (declared or streamed)."""
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.settings.max_body:
            return None
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.settings.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    def _with_headers(self, scope: Scope, send: Send) -> Send:
        csp = _CSP.encode()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                extra = [(b"content-security-policy", csp), *_HEADERS]
                headers += [(k, v) for k, v in extra if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        return send_with_headers


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives the buffered body once, then waits on the real one."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


__all__ = ["Answer", "Guard"]
