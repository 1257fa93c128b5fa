"""Invented articles for the event store's tests: a few stories, several reports each.

Each story has its own place and people (invented names) and shares a kind of event
(an earthquake, a strike) with another, so that same-kind stories at the same time
have most of their vocabulary in common and must be kept apart by their names.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

STORIES: dict[str, dict[str, Any]] = {
    "quake-a": {
        "kind": "earthquake",
        "names": ["Orvan", "Tessaly", "Governor Brina Kolt", "Orvan valley"],
        "day": date(2025, 5, 2),
        "own": [
            "The Orvan cathedral tower fell onto the market square during morning prayers.",
            "Farmers in the Orvan valley lost sheep and goats under collapsed barns.",
            "Governor Brina Kolt flew over Orvan in a police helicopter and promised new schools.",
            "The Tessaly red cross opened a blood bank in the Orvan sports hall.",
            "Landslides buried the mountain railway between Orvan and Pell Junction.",
        ],
    },
    "quake-b": {
        "kind": "earthquake",
        "names": ["Calyx", "Murren", "Mayor Idris Venn", "Calyx harbour"],
        "day": date(2025, 5, 3),
        "own": [
            "Fishing boats in Calyx harbour were thrown onto the quay by a small tsunami.",
            "Mayor Idris Venn closed the Calyx lighthouse and the ferry pier to the Murren isles.",
            "Tourists at the Calyx beach hotels were evacuated to the hills by bus.",
            "The Murren navy sent a hospital ship to anchor off Calyx.",
            "The old Calyx customs house, built of coral stone, cracked in two.",
        ],
    },
    "strike-a": {
        "kind": "strike",
        "names": ["Dunmore", "Pellworth", "union leader Sana Frey", "Dunmore rail yards"],
        "day": date(2025, 5, 2),
        "own": [
            "Freight trains carrying Pellworth coal stood still in the Dunmore rail yards.",
            "Sana Frey said the drivers wanted the 2019 overtime rules of Pellworth Rail back.",
            "Pellworth Rail hired coaches to replace the Dunmore commuter line.",
            "A court in Dunmore refused to declare the rail strike unlawful.",
            "Signal workers at Dunmore junction joined the drivers on the picket line.",
        ],
    },
    "strike-b": {
        "kind": "strike",
        "names": ["Havlin", "Quarro", "union leader Omar Tesk", "Havlin bus depot"],
        "day": date(2025, 5, 4),
        "own": [
            "Schoolchildren in Havlin walked to class as the city's green buses stayed parked.",
            "Omar Tesk said Quarro Transit had cut the drivers' break time to ten minutes.",
            "Taxi fares in Havlin doubled on the first morning of the bus strike.",
            "Quarro Transit offered the Havlin drivers a bonus of 400 crowns.",
            "Bus drivers burned tyres outside the Havlin bus depot on Tuesday night.",
        ],
    },
}

KINDS = {
    "earthquake": [
        "An earthquake of magnitude {m} struck {0} in {1} on {wd}, the seismic institute said.",
        "Rescue teams searched collapsed houses in {3} after the earthquake, {2} said.",
        "At least {n} people were killed and many more injured in {0}, officials said.",
        "Aftershocks shook {0} through the night and residents slept in tents.",
    ],
    "strike": [
        "Workers in {0} walked out on {wd} over pay and night shifts, {2} said.",
        "The strike at {3} left thousands of commuters in {1} without transport.",
        "Talks between the union and the operator in {0} broke down, {2} said.",
        "About {n} workers joined the strike in {0}, the union said.",
    ],
}


def article(story: str, k: int, rng: random.Random) -> dict[str, Any]:
    """Report ``k`` of ``story``: two of its kind's sentences and three of its own."""
    s = STORIES[story]
    values = {"m": "6.1" if story.endswith("a") else "5.4", "n": 10 + 3 * k, "wd": "Friday"}
    lines = [line.format(*s["names"], **values) for line in rng.sample(KINDS[s["kind"]], 2)]
    lines += rng.sample(s["own"], 3)
    rng.shuffle(lines)
    return {
        "id": f"{story}-{k}",
        "title": f"{s['names'][0]} {s['kind']}: report {k}",
        "source": f"Outlet {k % 3}",
        "published": (s["day"] + timedelta(days=k % 3)).isoformat(),
        "text": " ".join(lines),
    }


def feed(reports: int = 4, seed: int = 0) -> list[dict[str, Any]]:
    """Every story's reports, interleaved in a seeded random order."""
    rng = random.Random(seed)
    items = [article(story, k, rng) for story in STORIES for k in range(reports)]
    rng.shuffle(items)
    return items


def gold(items: list[dict[str, Any]]) -> dict[str, str]:
    return {it["id"]: it["id"].rsplit("-", 1)[0] for it in items}
