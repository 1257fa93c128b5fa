"""Build long-input clusters from Multi-News-style clusters.

Each long cluster is made of ``group`` (10) consecutive source clusters: every source
cluster's documents, joined by blank lines, become ONE article, so a long cluster has
10 articles of roughly 500 words each (about 5,000 words in all). Its reference is the
10 source references joined into one text, in the same order. The 10 articles tell 10
different stories; this set measures speed and behaviour on long inputs, not quality.

    python bench/long_clusters.py multinews-val.jsonl long.jsonl --count 100
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: How the long clusters are made, for reports.
DESCRIPTION = (
    "long clusters: 10 consecutive validation clusters per long cluster; each source "
    "cluster's documents joined by blank lines into one article (10 articles, ~5,000 "
    "words); reference = the 10 source references joined"
)


def _source(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        for raw in f:
            if raw.strip():
                yield json.loads(raw)


def long_clusters(
    path: Path, count: int, group: int = 10, keep_documents: bool = False
) -> Iterator[dict[str, Any]]:
    """Yield up to ``count`` long clusters built from consecutive groups of ``group``.

    With ``keep_documents`` every source document stays a document of its own (a long
    cluster then tells ``group`` stories, each reported by several documents, and its
    reference covers them all); otherwise each source cluster becomes one article."""
    batch: list[dict[str, Any]] = []
    made = 0
    for obj in _source(path):
        batch.append(obj)
        if len(batch) < group:
            continue
        yield {
            "id": f"long-{made:04d}",
            "documents": (
                [d for c in batch for d in c["documents"]]
                if keep_documents
                else ["\n\n".join(c["documents"]) for c in batch]
            ),
            "summary": "\n".join(c["summary"] for c in batch),
        }
        made += 1
        batch = []
        if made >= count:
            return


def write_long_clusters(
    src: Path, dst: Path, count: int, group: int = 10, keep_documents: bool = False
) -> int:
    """Write the long clusters as JSON Lines; return how many were written."""
    n = 0
    with dst.open("w", encoding="utf-8") as out:
        for obj in long_clusters(src, count, group, keep_documents):
            out.write(json.dumps(obj) + "\n")
            n += 1
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path)
    parser.add_argument("dst", type=Path)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--group", type=int, default=10, help="source clusters per long one")
    parser.add_argument(
        "--keep-documents",
        action="store_true",
        help="keep every source document separate (several stories, several reports each)",
    )
    args = parser.parse_args()
    n = write_long_clusters(args.src, args.dst, args.count, args.group, args.keep_documents)
    print(f"wrote {n} long clusters to {args.dst}")


if __name__ == "__main__":
    main()
