"""Select the clusters that hold at least K documents, from a range of lines.

The held-out check of issue 3 uses clusters of ten articles; most validation clusters
hold two or three. This writes the many-document ones of a line range so that
``storyline eval`` can be run on them alone:

    python bench/many_documents.py multinews-val.jsonl many.jsonl --min-documents 4 --stop 1000
    storyline eval many.jsonl --words 100 --peers storyline-bounded,lexrank,sumbasic,lead

With ``--first K`` every kept cluster is cut to its first K documents (in the file's
order; DUC-dev's are sorted by docno) with the same references. That builds the proxy
of the held-out regime (ten full articles, four references) from DUC-dev:

    python bench/many_documents.py duc-dev.jsonl duc10.jsonl --min-documents 1 \
        --stop 100000 --first 10
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def select_lines(
    path: Path, min_documents: int, start: int, stop: int, first: int | None = None
) -> list[str]:
    """The raw lines ``start`` to ``stop`` (0-based) of ``path`` whose ``documents`` list
    holds at least ``min_documents`` entries; with ``first``, each cut to its first
    ``first`` documents."""
    out: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line_no, raw in enumerate(f):
            if line_no >= stop:
                break
            if line_no < start or not raw.strip():
                continue
            obj = json.loads(raw)
            if len(obj.get("documents", [])) < min_documents:
                continue
            if first is not None:
                obj["documents"] = obj["documents"][:first]
                raw = json.dumps(obj, ensure_ascii=False)
            out.append(raw if raw.endswith("\n") else raw + "\n")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("clusters", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--min-documents", type=int, default=4)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--stop", type=int, default=1000)
    ap.add_argument("--first", type=int, help="Keep only each cluster's first K documents.")
    args = ap.parse_args(argv)
    lines = select_lines(args.clusters, args.min_documents, args.start, args.stop, args.first)
    args.out.write_text("".join(lines), encoding="utf-8")
    print(f"wrote {len(lines)} clusters with {args.min_documents}+ documents to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
