"""Time and peak memory of each stage on adversarial inputs of 10, 100 and 1,000 KB.

Inputs (each written here, sized to the target): ``Mr. `` repeated before one sentence,
one giant token among a few sentences, one giant line with no stop, tiny lines
("Ab cd.\\n" x N), deeply nested HTML around one paragraph, and 500 tiny documents.

Stages (each timed run does the whole work: the spaCy parse that the dossier's claims and
annotate's attributions keep for the latest texts is dropped first): **ingest** (bytes to
articles), **clean**, **segment** (sentences in the kept
regions), **summarize** (align + select + cite, from the prepared corpus), **dossier**
and **annotate** (``storyline annotate``'s library call) with a rule-based recognizer
(every real stage but spaCy's NER) and, when the model is installed and ``--spacy`` is
given, with spaCy. Each figure is the median of ``--runs``
runs (the 1,000 KB ones run once), CPU time and wall time; peak memory is tracemalloc's,
from one more run. The growth column is the CPU time ratio per 10x of input (10 = linear;
below 10: the document bound, ``Options.max_chars``, has cut the input, and the notes say
so). Wall times on a shared machine are inflated by other load; compare CPU ratios.

    python bench/pathological.py [--runs 3] [--sizes 10,100,1000] [--spacy]
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fuzz_targets.library import RuleRecognizer
from storyline.analyze.dossier import build_dossier
from storyline.api import annotate_documents
from storyline.clean import clean
from storyline.ingest import read_bytes
from storyline.options import Options
from storyline.prepare import prepare
from storyline.segment import split_sentences
from storyline.summarize import summarize_corpus

SENTENCE = "The Kessa dam gave way on Monday and 40 people were killed, officials said. "


def _fit(unit: str, size: int, tail: str = SENTENCE) -> str:
    return unit * max(1, (size - len(tail)) // len(unit)) + tail


def inputs(size: int) -> dict[str, list[tuple[str, bytes]]]:
    """Named inputs of about ``size`` bytes: a list of ``(file name, bytes)`` each."""
    nest = max(1, (size - 200) // 11)
    return {
        "abbreviations": [("a.txt", _fit("Mr. ", size).encode())],
        "giant token": [
            ("a.txt", (SENTENCE * 3 + "x" * (size - 3 * len(SENTENCE)) + " " + SENTENCE).encode())
        ],
        "line, no stop": [("a.txt", _fit("word ", size, "end").encode())],
        "tiny lines": [("a.txt", _fit("Ab cd.\n", size).encode())],
        "nested HTML": [
            (
                "a.html",
                (
                    "<html><body>"
                    + "<div>" * nest
                    + f"<p>{SENTENCE}</p>"
                    + "</div>" * nest
                    + "</body></html>"
                ).encode(),
            )
        ],
        "500 documents": [
            (f"d{i}.txt", _fit(f"Report {i} says ", size // 500).encode()) for i in range(500)
        ],
    }


def stages(spacy: bool) -> dict[str, Callable[[list[tuple[str, bytes]]], Any]]:
    options = Options(words=100)
    found: dict[str, Callable[[list[tuple[str, bytes]]], Any]] = {
        "ingest": lambda files: [a for n, d in files for a in read_bytes(d, n)],
        "clean": lambda files: [clean(a.text[: options.max_chars]) for a in _read(files)],
        "segment": lambda files: [
            split_sentences(a.text, c.regions) for a, c in _cleaned(files, options)
        ],
        "summarize": lambda files: summarize_corpus(_corpus(files, options), options),
        "dossier (rules NER)": lambda files: build_dossier(
            _corpus(files, options), options, recognizer=RuleRecognizer()
        ),
        "annotate (rules NER)": lambda files: annotate_documents(
            _read(files), options=options, recognizer=RuleRecognizer()
        ),
    }
    if spacy:
        from storyline.annotate.ner import SpacyRecognizer

        recognizer = SpacyRecognizer(options.spacy_model).load()
        _RECOGNIZERS.append(recognizer)
        found["dossier (spaCy)"] = lambda files: build_dossier(
            _corpus(files, options), options, recognizer=recognizer
        )
        found["annotate (spaCy)"] = lambda files: annotate_documents(
            _read(files), options=options, recognizer=recognizer
        )
    return found


#: spaCy recognisers whose parse of the latest batch is dropped before each timed run.
_RECOGNIZERS: list[Any] = []


def _forget() -> None:
    """Drop what a stage keeps between calls on the same texts (the spaCy parse of the
    latest batch, which the dossier's claims and annotate's attributions reuse), so each
    timed run does the whole work, as a user's one call does. The loaded pipeline stays."""
    from storyline.annotate.attribution import default_analyzer

    default_analyzer.cache_clear()
    for r in _RECOGNIZERS:
        r.docs_ = {}


# The stages after the first take their input ready-made, outside the timed call.
_CACHE: dict[tuple[int, str], Any] = {}


def _memo(files: list[tuple[str, bytes]], kind: str, make: Callable[[], Any]) -> Any:
    key = (id(files), kind)
    if key not in _CACHE:
        _CACHE[key] = make()
    return _CACHE[key]


def _read(files: list[tuple[str, bytes]]) -> list[Any]:
    return _memo(files, "read", lambda: [a for n, d in files for a in read_bytes(d, n)])


def _cleaned(files: list[tuple[str, bytes]], options: Options) -> list[Any]:
    return _memo(
        files, "clean", lambda: [(a, clean(a.text[: options.max_chars])) for a in _read(files)]
    )


def _corpus(files: list[tuple[str, bytes]], options: Options) -> Any:
    return _memo(files, "corpus", lambda: prepare(_read(files), options))


def measure(
    fn: Callable[[Any], Any], files: list[tuple[str, bytes]], runs: int
) -> tuple[float, float, float]:
    """``(median CPU seconds, median wall seconds, peak MB)``: ready-made inputs are built
    before the clock starts. CPU time is this process's (the growth is computed from it:
    other load on a shared machine inflates wall time, not CPU time)."""
    fn(files)  # warm-up; also fills the cache of ready-made inputs
    cpu, wall = [], []
    for _ in range(runs):
        _forget()
        start, cpu_start = time.perf_counter(), time.process_time()
        fn(files)
        cpu.append(time.process_time() - cpu_start)
        wall.append(time.perf_counter() - start)
    _forget()
    tracemalloc.start()
    fn(files)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(cpu), statistics.median(wall), peak / 1e6


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", default="10,100,1000", help="KB, comma-separated")
    ap.add_argument("--spacy", action="store_true", help="also the dossier with spaCy")
    ap.add_argument("--only", help="comma-separated input names")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    steps = stages(args.spacy)
    header = " | ".join(f"{s} KB CPU s / wall s / MB" for s in sizes)
    print(f"| input | stage | {header} | CPU growth per 10x |")
    print("|---|---|" + "---|" * len(sizes) + "---|")
    by_size = {s: inputs(s * 1024) for s in sizes}
    for name in by_size[sizes[0]]:
        if args.only and name not in args.only.split(","):
            continue
        for stage, fn in steps.items():
            cells, seconds = [], []
            for s in sizes:
                runs = 1 if s >= 1000 else args.runs
                t, w, mb = measure(fn, by_size[s][name], runs)
                cells.append(f"{t:.3f} / {w:.3f} / {mb:.0f}")
                seconds.append(t)
            growth = ", ".join(
                f"{b / a:.1f}x" if a > 1e-4 else "-" for a, b in itertools.pairwise(seconds)
            )
            print(f"| {name} | {stage} | " + " | ".join(cells) + f" | {growth} |", flush=True)
        notes = prepare(_read(by_size[sizes[-1]][name]), Options()).notes
        cut = [n for n in notes if "first" in n]
        if cut:
            print(f"|  | notes at {sizes[-1]} KB | {cut[0][:150]} |" + " |" * len(sizes))
        _CACHE.clear()


if __name__ == "__main__":
    main()
