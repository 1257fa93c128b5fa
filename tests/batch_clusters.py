"""A few hundred batch input lines, made from the bundled sample (samples/velmar) and
the invented dossier fixture clusters: subsets of their reports, in other orders,
with sentences dropped, places and figures changed, as strings or article objects,
and every so often a bad line. Deterministic for a seed."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

from storyline.ingest import read_paths

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "dossier" / "clusters"
PLACES = ["Velmar", "Port Mellin", "Kessa", "Harlow Ridge", "Ostrand", "Vey", "Caldmoor"]
BAD_LINES = [
    "{not json",
    json.dumps({"id": "no-documents"}),
    "",
    json.dumps({"id": "blank", "documents": ["   "]}),
    "[1, 2, 3]",
]
_NUMBER = re.compile(r"\b\d+\b")


def source_groups() -> list[list[dict[str, Any]]]:
    """The reports of each invented event, as article objects."""
    articles, _ = read_paths([str(ROOT / "samples" / "velmar")])
    groups = [
        [
            {
                "text": a.text,
                "title": a.title,
                "source": a.source,
                "published": a.published.isoformat() if a.published else None,
            }
            for a in articles
        ]
    ]
    for path in sorted(FIXTURES.glob("*.json")):
        groups.append(json.loads(path.read_text(encoding="utf-8"))["articles"])
    return groups


def _vary(article: dict[str, Any], rng: random.Random) -> dict[str, Any] | str:
    sentences = re.split(r"(?<=[.!?])\s+", article["text"])
    kept = [s for s in sentences if rng.random() > 0.2] or sentences[:1]
    text = " ".join(kept)
    for place in PLACES:
        if place in text and rng.random() < 0.5:
            text = text.replace(place, rng.choice(PLACES))
    text = _NUMBER.sub(lambda m: str(int(m.group()) + rng.randint(0, 3)), text)
    if rng.random() < 0.3:
        return text
    return {**{k: v for k, v in article.items() if v is not None}, "text": text}


def cluster_lines(count: int, seed: int = 12, bad_every: int = 37) -> list[str]:
    """``count`` JSON Lines lines, ``count // bad_every`` of them bad."""
    rng = random.Random(seed)
    groups = source_groups()
    lines = []
    for i in range(count):
        if bad_every and i % bad_every == bad_every - 1:
            lines.append(BAD_LINES[(i // bad_every) % len(BAD_LINES)])
            continue
        group = groups[i % len(groups)]
        chosen = rng.sample(group, rng.randint(1, len(group)))
        lines.append(json.dumps({"id": f"c{i}", "documents": [_vary(a, rng) for a in chosen]}))
    return lines


def write_shards(folder: Path, lines: list[str], per_shard: int) -> list[Path]:
    """``lines`` cut into ``part-NNN.jsonl`` files of ``per_shard`` lines in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(0, len(lines), per_shard):
        path = folder / f"part-{k // per_shard:03d}.jsonl"
        path.write_text("".join(line + "\n" for line in lines[k : k + per_shard]), "utf-8")
        paths.append(path)
    return paths
