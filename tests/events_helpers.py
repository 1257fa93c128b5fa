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


#: Other news for a store to have seen before the stories above: invented reports of
#: other kinds (fires, elections, trials...) in ordinary news words, a few of them about
#: workers, unions and pay, so the IDF is that of a feed of mixed news.
OTHER_KINDS: dict[str, list[str]] = {
    "fire": [
        "A fire broke out in a warehouse in {0} on {wd}, the fire brigade said.",
        "Firefighters from {1} fought the blaze for six hours, {2} said.",
        "Residents near the {0} docks were told to keep their windows shut.",
        "Police in {0} said the cause of the fire was not yet known.",
    ],
    "election": [
        "Voters in {0} chose a new city council on {wd}, officials said.",
        "The {1} party won most seats in {0}, {2} said.",
        "Turnout in {0} was higher than at the last election.",
        "The result will be confirmed by the {1} electoral board next week.",
    ],
    "trial": [
        "A court in {0} sentenced a former minister to four years for fraud on {wd}.",
        "The judge said {2} had taken money from the {1} health fund.",
        "Lawyers for the defence said they would appeal in {0}.",
        "The trial in {0} lasted three months, prosecutors said.",
    ],
    "flood": [
        "Heavy rain flooded streets in {0} on {wd}, the weather service said.",
        "The river {1} burst its banks and families were moved to schools, {2} said.",
        "The government of {1} sent soldiers with sandbags to {0}.",
        "Trains between {0} and the capital were cancelled.",
    ],
    "factory": [
        "The {1} car factory in {0} will close next year, the company said on {wd}.",
        "About {n} workers will lose their jobs, {2} said.",
        "The union said it would fight the closure of the {0} plant.",
        "The government of {1} offered money to keep the factory open.",
    ],
    "pay": [
        "Teachers in {0} asked for higher pay on {wd}, their union said.",
        "The {1} education ministry said it had no money for a raise, {2} said.",
        "Talks between the teachers and the ministry in {0} will continue.",
        "Parents in {0} said they supported the teachers.",
    ],
    "match": [
        "{0} beat {1} two goals to one in the cup final on {wd}.",
        "The coach of {0} said his players had fought for every ball, {2} said.",
        "Thousands of fans celebrated in the streets of {0}.",
        "The {1} team will play again in the autumn.",
    ],
    "hospital": [
        "A new hospital opened in {0} on {wd}, the health ministry said.",
        "The hospital has {n} beds and a children's ward, {2} said.",
        "Doctors from {1} will work at the {0} hospital.",
        "The hospital cost more than the government had planned.",
    ],
}
_SYLLABLES = "tal mor ven kis dra pol sur bex nim rag lor fen gast hul jor kel".split()


def other_news(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` invented reports of 32 other stories (four of each kind), dated in the two
    months before the stories above."""
    rng = random.Random(seed)

    def name() -> str:
        return (rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES)).capitalize()

    stories = []
    for kind in sorted(OTHER_KINDS) * 4:
        role = rng.choice(["minister", "spokesman", "mayor", "director"])
        names = [name(), name(), f"{role} {name()} {name()}"]
        stories.append((kind, names, date(2025, 3, 1) + timedelta(days=rng.randrange(60))))
    out = []
    for j in range(n):
        kind, names, day = stories[j % len(stories)]
        k = j // len(stories)
        values = {"n": 10 + 7 * k, "wd": rng.choice(["Monday", "Tuesday", "Wednesday"])}
        lines = [line.format(*names, **values) for line in rng.sample(OTHER_KINDS[kind], 3)]
        out.append(
            {
                "id": f"other-{j}",
                "title": f"{names[0]} {kind}",
                "published": (day + timedelta(days=k)).isoformat(),
                "text": " ".join(lines),
            }
        )
    return out
