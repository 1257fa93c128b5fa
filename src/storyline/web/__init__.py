"""The web app and HTTP API behind ``storyline serve`` (the ``web`` extra).

Thin, like the CLI: every route parses its request, calls one library function and
renders the result (Jinja2 templates with autoescape for people, the CLI's JSON for
programs). See ``app.create_app`` for how it is put together.
"""

from storyline.web.app import create_app
from storyline.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
