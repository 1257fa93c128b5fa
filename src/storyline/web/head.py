"""HEAD answered like GET, without the body (HTTP's rule; FastAPI's GET routes answer
HEAD with 405). An ASGI middleware: a HEAD request is routed as a GET and the answer's
status and headers (its Content-Length included) are sent, its body is not. Routes with
no GET still answer 405, naming the methods they take."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
