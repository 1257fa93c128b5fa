"""Run the app under uvicorn on a socket bound here, so the printed address is the real
one (``--port 0`` picks a free port) and connections made right after it is printed
wait in the listen queue instead of being refused."""

from __future__ import annotations

import socket
from collections.abc import Callable

from storyline.web.app import create_app
from storyline.web.settings import WebSettings

#: Connections served at once; uvicorn answers 503 beyond this.
MAX_CONNECTIONS = 200


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port`` (IPv6 when the host is an IPv6 address)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError:
        sock.close()
        raise
    sock.listen(2048)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def serve(settings: WebSettings, port: int, ready: Callable[[str], None]) -> None:
    """Serve until interrupted; ``ready(url)`` is called once the socket listens."""
    import uvicorn

    app = create_app(settings)
    sock = bind(settings.host, port)
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        limit_concurrency=MAX_CONNECTIONS,
        timeout_graceful_shutdown=5,
        server_header=False,
    )
    ready(url_of(sock))
    uvicorn.Server(config).run(sockets=[sock])
