"""Score the dossier against hand-made gold, and time it on a 10-article cluster.

Quality: every cluster in ``bench/gold/dossier_gold.json`` (invented events in
``tests/fixtures/dossier/clusters/``) is run through :func:`build_dossier` and each section
is compared with the gold annotation:

- **actors** — gold name equals the actor's name or one of its aliases (case aside);
  reported by name alone and by name + type. Actors listed as optional are not counted.
- **timeline** — the set of distinct dates (a range counts by its start).
- **figures** — same value and one of the gold's ``counts_any`` words in the figure's
  counted noun or text, cited in one of the gold documents.
- **claims** — cited in the gold document, same unverified flag, and a gold speaker word
  inside the speaker (or the reverse); a gold speaker of ``null`` accepts any.
- **differences** — same kind (figure / claim), citing at least the gold documents, and
  one of the gold's ``words_any`` in the text; "unique" differences are counted, not scored.

Precision = predicted items that match some gold item / predicted items; recall = gold
items matched by some predicted item / gold items (a merged item may match several).

Speed: with ``--dev PATH`` (Multi-News-style JSON Lines), consecutive dev documents are
joined into articles of at least 600 words, ten to a cluster (about 6,000 words, like ten
full-length reports); ``--runs`` different clusters are built once each after a warm-up
(so no cache serves a run), with the spaCy model loaded beforehand; the median wall and
CPU time are printed (CPU: this process, all its threads, and the spaCy children forked
with ``--processes``), with each stage's medians.

    python bench/dossier_eval.py [--dev /work/shared/data/multinews-val.jsonl]
        [--attribution rules --attribution crf]   # both timed in one process
        [--processes 1 --processes 2]             # spaCy in one process, then in two
        [--blas-threads 0 --blas-threads 1]       # BLAS as the environment sets it, then 1
        [--pipes]                                 # CPU per spaCy pipe
        [--paired]                                # shipped vs spaCy's lemmatizer, no gc.freeze

With ``--paired`` every cluster is built twice, as shipped and as before the fast
lemmatizer and the frozen pipeline (spaCy's own rule lemmatizer, the collector scanning
the pipeline's objects), in alternating order, the recogniser's Docs forgotten each time:
the medians of both and of the per-cluster CPU difference are printed (a sequential
before/after on a shared machine moved by more than the change).
"""

from __future__ import annotations

import argparse
import functools
import json
import resource
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from storyline.analyze.claims import find_claims
from storyline.analyze.dossier import Stages, build_dossier, default_stages
from storyline.annotate.ner import SpacyRecognizer, spare_core
from storyline.ingest import article_from_obj
from storyline.model import Article
from storyline.model.dossier import DateRange, Dossier
from storyline.options import Options
from storyline.prepare import prepare

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "gold" / "dossier_gold.json"
CLUSTERS = ROOT / "tests" / "fixtures" / "dossier" / "clusters"
TARGET_SECONDS = 1.0


def load_articles(path: Path) -> list[Article]:
    """A fixture cluster file's articles."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    return [article_from_obj(a, f"{path.name}#{i}") for i, a in enumerate(raw["articles"])]


def _docs(citations: Iterable[Any]) -> set[int]:
    return {c.doc for c in citations}


def _score(predicted: list[Any], gold: list[Any], match: Callable[[Any, Any], bool]) -> dict:
    correct = sum(any(match(p, g) for g in gold) for p in predicted)
    found = sum(any(match(p, g) for p in predicted) for g in gold)
    return {"correct": correct, "predicted": len(predicted), "found": found, "gold": len(gold)}


def score_actors(d: Dossier, gold: dict, typed: bool) -> dict:
    optional = {o.casefold() for o in gold.get("optional_actors", [])}

    def names(a: Any) -> set[str]:
        return {a.name.casefold(), *(x.casefold() for x in a.aliases)}

    predicted = [a for a in d.actors if not names(a) & optional]
    return _score(
        predicted,
        gold["actors"],
        lambda a, g: g["name"].casefold() in names(a) and (not typed or a.type == g["type"]),
    )


def score_timeline(d: Dossier, gold: dict) -> dict:
    def start(w: Any) -> str:
        return (w.start if isinstance(w, DateRange) else w).isoformat()

    predicted = sorted({start(t.when) for t in d.timeline})
    return _score(predicted, gold["timeline"], lambda p, g: p == g)


def _value_matches(value: Any, wanted: float) -> bool:
    values = value if isinstance(value, tuple) else (value,)
    return any(v is not None and abs(float(v) - wanted) < 1e-9 for v in values)


def score_figures(d: Dossier, gold: dict) -> dict:
    def match(f: Any, g: dict) -> bool:
        words = f"{f.counts or ''} {f.text}".casefold()
        return (
            _value_matches(f.value, g["value"])
            and any(w.casefold() in words for w in g["counts_any"])
            and bool(_docs(f.citations) & set(g["docs"]))
        )

    return _score(list(d.figures), gold["figures"], match)


def score_claims(d: Dossier, gold: dict) -> dict:
    def match(c: Any, g: dict) -> bool:
        if g["doc"] not in _docs(c.citations) or c.unverified != g["unverified"]:
            return False
        if g["speaker"] is None:
            return True
        said = (c.speaker or "").casefold()
        return bool(said) and any(
            w.casefold() in said or said in w.casefold() for w in g["speaker"]
        )

    return _score(list(d.claims), gold["claims"], match)


def score_differences(d: Dossier, gold: dict) -> dict:
    scored = [x for x in d.differences if x.kind in ("figure", "claim")]
    out = _score(
        scored,
        gold["differences"],
        lambda x, g: (
            x.kind == g["kind"]
            and set(g["docs"]) <= _docs(x.citations)
            and any(w in x.text.casefold() for w in g["words_any"])
        ),
    )
    out["unique"] = sum(x.kind == "unique" for x in d.differences)
    return out


def score(d: Dossier, gold: dict) -> dict[str, dict]:
    """Every section's counts for one cluster."""
    return {
        "actors (name)": score_actors(d, gold, typed=False),
        "actors (name+type)": score_actors(d, gold, typed=True),
        "timeline dates": score_timeline(d, gold),
        "figures": score_figures(d, gold),
        "claims": score_claims(d, gold),
        "differences": score_differences(d, gold),
    }


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  - "


def print_table(totals: dict[str, dict]) -> None:
    print(f"{'section':<20} {'precision':>9} {'recall':>7}   correct/predicted  found/gold")
    for name, t in totals.items():
        precision, recall = _ratio(t["correct"], t["predicted"]), _ratio(t["found"], t["gold"])
        print(
            f"{name:<20} {precision:>9} {recall:>7}"
            f"   {t['correct']:>4}/{t['predicted']:<12} {t['found']:>3}/{t['gold']}"
        )


def evaluate(gold_path: Path, clusters: Path, recognizer: Any, verbose: bool) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["clusters"]
    totals: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for name, g in gold.items():
        articles = load_articles(clusters / f"{name}.json")
        dossier = build_dossier(prepare(articles), Options(), recognizer)
        for section, counts in score(dossier, g).items():
            for k, v in counts.items():
                totals[section][k] += v
            if verbose:
                print(f"  {name:<8} {section:<20} {counts}")
    print(f"dossier quality on {len(gold)} gold clusters ({gold_path.name}):")
    print_table(totals)
    print(f"unique-fact differences reported (not scored): {totals['differences']['unique']}")


def dev_clusters(path: Path, count: int, size: int = 10, words: int = 600) -> list[list[Article]]:
    """``count`` distinct clusters of ``size`` articles of at least ``words`` words each
    (~6,000 words a cluster, like ten full-length reports); an article is consecutive dev
    clusters' documents joined. Distinct clusters, so no run is served from a cache."""
    clusters: list[list[Article]] = [[]]
    parts: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            obj = json.loads(line)
            for doc in obj["documents"]:
                parts.append(doc)
                if sum(len(p.split()) for p in parts) < words:
                    continue
                text = "\n\n".join(parts)
                parts = []
                clusters[-1].append(
                    Article(text=text, origin=obj["id"], published=date(2015, 6, 1))
                )
                if len(clusters[-1]) == size:
                    if len(clusters) == count:
                        return clusters
                    clusters.append([])
    return [c for c in clusters if len(c) == size]


def cpu_seconds() -> float:
    """CPU time of this process (all threads) and of its finished children (spaCy's
    forked workers with ``--processes 2``)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed_stages(stages: Stages, times: dict[str, list[tuple[float, float]]]) -> Stages:
    """``stages`` with every call's (wall, CPU) time appended to ``times[stage]``."""

    def wrap(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            t0, c0 = time.perf_counter(), cpu_seconds()
            try:
                return fn(*args, **kwargs)
            finally:
                times[name].append((time.perf_counter() - t0, cpu_seconds() - c0))

        return timed

    changes = {
        f.name: wrap(f.name, getattr(stages, f.name))
        for f in fields(Stages)
        if f.name != "recognizer" and getattr(stages, f.name) is not None
    }
    return replace(stages, **changes)


def benchmark(
    path: Path,
    recognizer: Any,
    runs: int,
    attribution: str = "auto",
    processes: int | None = None,
    blas_threads: int | None = 1,
) -> float:
    recognizer.processes = processes
    recognizer.blas_threads = blas_threads
    warmup, *clusters = dev_clusters(path, runs + 1)
    options = Options()
    claims = functools.partial(find_claims, method=attribution)
    build_dossier(
        prepare(warmup, options), options, recognizer, stages=default_stages(claims=claims)
    )
    words = statistics.mean(sum(len(a.text.split()) for a in c) for c in clusters)
    times: dict[str, list[tuple[float, float]]] = defaultdict(list)
    stages = timed_stages(default_stages(claims=claims), times)
    walls, cpus = [], []
    for articles in clusters:
        t0, c0 = time.perf_counter(), cpu_seconds()
        corpus = prepare(articles, options)
        times["prepare"].append((time.perf_counter() - t0, cpu_seconds() - c0))
        build_dossier(corpus, options, recognizer, stages=stages)
        walls.append(time.perf_counter() - t0)
        cpus.append(cpu_seconds() - c0)
    median = statistics.median(walls)
    verdict = "met" if median < TARGET_SECONDS else "NOT met"
    print(
        f"\ntime per dossier ({attribution} attribution, spaCy processes "
        f"{processes or f'auto ({spare_core() + 1} at the start)'}, "
        f"BLAS threads {blas_threads or 'as set'}), "
        f"{len(clusters)} different clusters "
        f"of 10 articles (mean {words:,.0f} words), one run each after a warm-up: wall median "
        f"{median:.3f} s, max {max(walls):.3f} s (target < {TARGET_SECONDS:.0f} s: {verdict}); "
        f"CPU median {statistics.median(cpus):.3f} s (this process and its children)"
    )
    print(f"  {'stage':<18} {'wall':>7} {'CPU':>7}   (medians)")
    for name, ts in sorted(times.items(), key=lambda kv: -statistics.median(w for w, _ in kv[1])):
        wall, cpu = statistics.median(w for w, _ in ts), statistics.median(c for _, c in ts)
        print(f"  {name:<18} {wall:>7.3f} {cpu:>7.3f}")
    return median


def paired(path: Path, recognizer: Any, runs: int, processes: int | None) -> None:
    """Each of ``runs`` clusters built as shipped and as before (see the docstring)."""
    import gc

    recognizer.processes = processes
    lemmatizer = recognizer.load().nlp_.get_pipe("lemmatizer")
    fast = getattr(lemmatizer.lemmatize, "__self__", None)
    if not hasattr(fast, "memo"):
        print("\n--paired: the pipeline has no fast lemmatizer; nothing to compare")
        return

    def before() -> None:
        gc.unfreeze()
        lemmatizer.lemmatize = lemmatizer.rule_lemmatize
        lemmatizer.__dict__.pop("pipe", None)

    def shipped() -> None:
        fast.memo.clear()  # as cold as a new process's
        lemmatizer.lemmatize = fast.lemmatize
        lemmatizer.pipe = fast.pipe
        gc.freeze()

    options = Options()
    claims = functools.partial(find_claims, method="union")
    stages = default_stages(claims=claims)
    warmup, *clusters = dev_clusters(path, runs + 1)
    build_dossier(prepare(warmup, options), options, recognizer, stages=stages)
    times: dict[str, list[tuple[float, float]]] = {"before": [], "shipped": []}
    for k, articles in enumerate(clusters):
        order = [("before", before), ("shipped", shipped)]
        for name, setup in order if k % 2 == 0 else order[::-1]:
            setup()
            recognizer.docs_ = {}
            t0, c0 = time.perf_counter(), cpu_seconds()
            build_dossier(prepare(articles, options), options, recognizer, stages=stages)
            times[name].append((time.perf_counter() - t0, cpu_seconds() - c0))
    shipped()
    print(f"\npaired, {len(clusters)} clusters, spaCy processes {processes or 'auto'}:")
    for name, ts in times.items():
        wall, cpu = statistics.median(w for w, _ in ts), statistics.median(c for _, c in ts)
        print(f"  {name:<8} wall median {wall:.3f} s, CPU median {cpu:.3f} s")
    diff = [s[1] - b[1] for b, s in zip(times["before"], times["shipped"], strict=True)]
    lower = sum(d < 0 for d in diff)
    print(
        f"  CPU shipped - before: median {statistics.median(diff):+.3f} s "
        f"({lower}/{len(diff)} clusters lower)"
    )


def pipe_times(path: Path, recognizer: Any, runs: int) -> None:
    """CPU of the tokenizer and of each spaCy pipe on the dossier's passages of ``runs``
    different clusters (each once, after a warm-up cluster, as the dossier runs them)."""
    from storyline.annotate.ner import _blas_limit, passages, tame

    nlp = recognizer.load().nlp_
    texts = [
        list(dict.fromkeys(d.text[a:b] for d in corpus.documents for a, b in passages(d)))
        for corpus in (prepare(c) for c in dev_clusters(path, runs + 1))
    ]
    times: dict[str, list[float]] = defaultdict(list)
    with _blas_limit(recognizer.blas_threads):
        list(nlp.pipe(texts[0]))
        for batch in texts[1:]:
            c0 = start = time.process_time()
            docs = [nlp.make_doc(tame(t)) for t in batch]
            times["tokenizer"].append(time.process_time() - c0)
            for name, pipe in nlp.pipeline:
                c0 = time.process_time()
                docs = list(pipe.pipe(docs, batch_size=recognizer.batch_size))
                times[name].append(time.process_time() - c0)
            times["spaCy in all"].append(time.process_time() - start)
    print(f"\nspaCy CPU per pipe, {runs} different clusters (medians):")
    for name, ts in times.items():
        print(f"  {name:<18} {statistics.median(ts):.3f} s  ({min(ts):.3f}-{max(ts):.3f})")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--clusters", type=Path, default=CLUSTERS)
    ap.add_argument("--dev", type=Path, help="Multi-News-style JSONL for the timing run")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument(
        "--attribution",
        action="append",
        choices=("auto", "crf", "rules", "union"),
        help="attribution finder(s) to time, in turn in the same process (default auto)",
    )
    ap.add_argument(
        "--processes",
        type=int,
        action="append",
        help="processes the spaCy pass runs in (forked after loading; 0: two when a core is "
        "free, the default); several values are timed in turn",
    )
    ap.add_argument(
        "--blas-threads",
        type=int,
        action="append",
        help="BLAS threads while spaCy runs (0: as the environment sets them); several "
        "values are timed in turn (default 1, the recogniser's)",
    )
    ap.add_argument("--pipes", action="store_true", help="also print CPU per spaCy pipe")
    ap.add_argument(
        "--paired",
        action="store_true",
        help="also build each cluster as shipped and with spaCy's lemmatizer and no gc.freeze",
    )
    ap.add_argument("--model", default=Options().spacy_model)
    ap.add_argument("-v", "--verbose", action="store_true", help="per-cluster counts")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    recognizer = SpacyRecognizer(args.model).load()
    print(f"spaCy model {args.model} loaded once in {time.perf_counter() - t0:.2f} s")
    evaluate(args.gold, args.clusters, recognizer, args.verbose)
    if args.dev:
        for method in args.attribution or ["auto"]:
            for processes in args.processes or [0]:
                for threads in args.blas_threads or [1]:
                    benchmark(
                        args.dev, recognizer, args.runs, method, processes or None, threads or None
                    )
        if args.paired:
            for processes in args.processes or [0]:
                paired(args.dev, recognizer, args.runs, processes or None)
        if args.pipes:
            pipe_times(args.dev, recognizer, args.runs)


if __name__ == "__main__":
    main()
