"""What the web tests share: an app with a test client, and reports written for these
tests (an invented event; hostile text that must render as text)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from storyline.web import WebSettings, create_app

#: Two reports of one invented event: a barge strikes the (fictional) Orrin bridge.
BRIDGE = [
    {
        "title": "Orrin bridge closed after barge strike",
        "source": "Harbour Post",
        "published": "2026-04-07",
        "text": (
            "The Orrin bridge was closed on Tuesday after a barge struck one of its piers, "
            "the port authority said.\n\nEngineers will inspect the damaged pier on Wednesday, "
            "authority spokeswoman Lena Varga said.\n\nAbout 30,000 vehicles cross the bridge "
            "every day, according to the city's transport office."
        ),
    },
    {
        "title": "Barge hits Orrin bridge pier",
        "source": "Valley Wire",
        "published": "2026-04-07",
        "text": (
            "A barge carrying gravel hit a pier of the Orrin bridge on Tuesday morning, and the "
            "port authority closed the bridge to traffic.\n\nNo one was hurt, police said.\n\n"
            "The barge's owner, Delta Freight, said its captain had reported an engine failure "
            "minutes before the collision."
        ),
    },
]

#: Payloads that would run if a page ever emitted article text unescaped.
HOSTILE_BITS = (
    "<script>window.pwned=1</script>",
    '<img src=x onerror="window.pwned=2">',
    '<a href="javascript:window.pwned=3">click here</a>',
    "</textarea><script>window.pwned=4</script>",
    "</script><script>window.pwned=5</script>",
    '"><svg onload="window.pwned=6">',
)

#: A report whose every field is hostile; the text reads as plain text (it does not
#: start with a tag), so the payloads stay in the article as written.
HOSTILE = {
    "title": '<img src=x onerror="window.pwned=7"> Harbour fire',
    "source": "</title><script>window.pwned=8</script>",
    "url": "javascript:window.pwned=9",
    "published": "2026-04-08",
    "text": (
        "A fire broke out in a warehouse at the Orrin harbour on Wednesday, the fire service "
        f"said. Witnesses quoted the sign {HOSTILE_BITS[0]} on the gate. "
        f"Officials said the label {HOSTILE_BITS[1]} was found in the ashes. "
        f"The company posted {HOSTILE_BITS[2]} on its website. "
        f"A note read {HOSTILE_BITS[3]} according to police. "
        f"Another read {HOSTILE_BITS[4]} said the fire chief. "
        f"A third read {HOSTILE_BITS[5]} the fire service said on Wednesday."
    ),
}

ROOT = Path(__file__).resolve().parent.parent


def client(**settings: Any) -> TestClient:
    """A test client of a fresh app; requests name the loopback host the guard accepts."""
    return TestClient(create_app(WebSettings(**settings)), base_url="http://127.0.0.1")
