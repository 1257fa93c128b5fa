"""Train the attribution CRFs (storyline.annotate.attribution.crf) on PolNeAR.

PolNeAR's files are research-only and never in the repository: give their paths. Each
article is read, cleaned and segmented as ``storyline annotate`` does (``prepare``) and
parsed by the dossier's spaCy pipeline; the parses are cached in ``--cache`` (outside
the repository). Then:

    python scripts/train_attribution.py --train TRAIN.jsonl --cache DIR [--holdout 0.1]
        [--c1 0.05 --c2 0.01 --iterations 150] [-o src/storyline/data/attribution]
    python scripts/train_attribution.py --train TRAIN.jsonl --eval DEV.jsonl --cache DIR
    python scripts/train_attribution.py --train TRAIN.jsonl --cache DIR --cv 5 [--fold 0 ...]
    python scripts/train_attribution.py --train TRAIN.jsonl --also DEV.jsonl --cache DIR -o ...

``--cv K`` is K-fold cross-validation over the train file (shuffled with ``--seed``;
``--fold`` runs some folds only, their scores gathered in ``CACHE/MODELS/cv.json``), the
estimate settings are chosen on. ``--also`` adds articles to the training (the dev split,
for the shipped models, once the settings are chosen).
``--holdout F`` keeps the latest F of the train articles (by date) out of training and
scores on them: settings chosen on dev are confirmed there. ``--eval`` scores the
trained models on another file (the dev split). Without ``-o`` the models are written to
the cache folder only.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import pickle
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyline.annotate.attribution import crf
from storyline.annotate.attribution.tokens import Parsed
from storyline.annotate.attribution.tree import Tree

ROOT = Path(__file__).resolve().parent.parent


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location(
        "attribution_eval", ROOT / "bench/attribution_eval.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["attribution_eval"] = module
    spec.loader.exec_module(module)
    return module


def read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def parse_all(articles: Sequence[dict[str, Any]], cache: Path, name: str) -> list[Parsed]:
    """The parse of every article (cached per file name)."""
    path = cache / f"{name}.parsed.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())
    from storyline.annotate.attribution import parse_corpus
    from storyline.annotate.ner import SpacyRecognizer
    from storyline.model import Article
    from storyline.prepare import prepare

    recognizer = SpacyRecognizer().load()
    out = []
    t0 = time.process_time()
    for k, a in enumerate(articles):
        corpus = prepare([Article(a["text"], origin=a["id"])])
        out.append(parse_corpus(corpus, recognizer)[0] if corpus.documents else Parsed((), ()))
        if k % 100 == 0:
            print(f"parsed {k}/{len(articles)} ({time.process_time() - t0:.0f} s CPU)", flush=True)
    path.write_bytes(pickle.dumps(out))
    return out


def token_roles(parsed: Parsed, attribution: dict[str, Any]) -> dict[str, set[int]]:
    """The tokens each gold role overlaps."""
    out: dict[str, set[int]] = {}
    for role in ("source", "cue", "content"):
        frags = attribution.get(role, [])
        out[role] = {
            i
            for i, t in enumerate(parsed.tokens)
            if any(t.start < e and s < t.end for s, e in frags)
        }
    return out


def lexicon(articles: Sequence[dict[str, Any]], parses: Sequence[Parsed]) -> frozenset[str]:
    """Lemmas that are part of a cue at least 5 times and in at least 10% of their uses."""
    cue: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for a, p in zip(articles, parses, strict=True):
        tokens = set()
        for at in a["attributions"]:
            tokens |= token_roles(p, at)["cue"]
        for i, t in enumerate(p.tokens):
            lemma = t.lemma.casefold()
            seen[lemma] += 1
            if i in tokens:
                cue[lemma] += 1
    return frozenset(w for w, n in cue.items() if n >= 5 and n / seen[w] >= 0.1 and w.isalpha())


def sequences(
    articles: Sequence[dict[str, Any]], parses: Sequence[Parsed], lex: frozenset[str]
) -> tuple[list[tuple[list[Any], list[str]]], list[tuple[list[Any], list[str]]]]:
    """Training sequences of the cue CRF and of the role CRF."""
    cues, roles = [], []
    for a, p in zip(articles, parses, strict=True):
        if not p.tokens:
            continue
        ctx = crf.Context(p, lex)
        gold = [token_roles(p, at) for at in a["attributions"]]
        label = ["O"] * len(p.tokens)
        for g in gold:
            for run in crf.runs(g["cue"]):
                label[run[0]] = "B"
                for i in run[1:]:
                    label[i] = "I"
        for first, last in p.sentences:
            cues.append((crf.cue_features(ctx, first, last), label[first:last]))
        for g in gold:
            if not g["cue"]:
                continue
            cue = sorted(g["cue"])
            first, feats = crf.role_features(ctx, cue)
            labels = []
            for k in range(len(feats)):
                i = first + k
                role = "S" if i in g["source"] else "C" if i in g["content"] else None
                if role is None or i in g["cue"]:
                    labels.append("O")
                else:
                    prev = labels[-1] if labels else "O"
                    labels.append(("I-" if prev.endswith(role) else "B-") + role)
            roles.append((feats, labels))
    return cues, roles


def train(
    seqs: list[tuple[list[Any], list[str]]], path: Path, c1: float, c2: float, iters: int
) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in seqs:
        trainer.append(x, y)
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": iters, "feature.possible_transitions": True}
    )
    t0 = time.process_time()
    trainer.train(str(path))
    print(
        f"trained {path.name}: {len(seqs)} sequences, {time.process_time() - t0:.0f} s CPU",
        flush=True,
    )


def predict(
    model: crf.Crf, articles: Sequence[dict[str, Any]], parses: Sequence[Parsed]
) -> dict[str, list[dict[str, Any]]]:
    out = {}
    for a, p in zip(articles, parses, strict=True):
        tree = Tree(p)
        found = []
        for source, cue, content in model.find(p) if p.tokens else []:
            found.append(
                {
                    "source": [list(f) for f in tree.fragments(source)],
                    "cue": [list(f) for f in tree.fragments(cue)],
                    "content": [list(f) for f in tree.fragments(content)],
                }
            )
        out[a["id"]] = found
    return out


def folds(n: int, k: int, seed: int = 0) -> list[list[int]]:
    """``k`` disjoint folds covering ``range(n)``: consecutive slices of its shuffle by
    ``random.Random(seed)``, sorted."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [sorted(order[f * n // k : (f + 1) * n // k]) for f in range(k)]


def fit(
    articles: Sequence[dict[str, Any]], parses: Sequence[Parsed], models: Path, args: Any
) -> crf.Crf:
    """Train the lexicon and both CRFs on ``articles`` into ``models`` (or, with
    ``--skip-train``, read them from there) and load them."""
    models.mkdir(parents=True, exist_ok=True)
    if not args.skip_train:
        lex = lexicon(articles, parses)
        (models / "lexicon.txt").write_text("\n".join(sorted(lex)) + "\n", encoding="utf-8")
        cue_seqs, role_seqs = sequences(articles, parses, lex)
        for name, other in (("cue", "role"), ("role", "cue")):
            if args.only == other:
                base = args.cache / args.base / models.relative_to(args.cache / args.models)
                (models / f"{name}.crfsuite").write_bytes((base / f"{name}.crfsuite").read_bytes())
        if args.only != "role":
            train(cue_seqs, models / "cue.crfsuite", args.c1, args.c2, args.iterations)
        del cue_seqs
        if args.only != "cue":
            train(
                role_seqs,
                models / "role.crfsuite",
                args.role_c1 if args.role_c1 is not None else args.c1,
                args.role_c2 if args.role_c2 is not None else args.c2,
                args.iterations,
            )
        del role_seqs
    lex = frozenset((models / "lexicon.txt").read_text(encoding="utf-8").split())
    return crf.Crf(
        (models / "cue.crfsuite").read_bytes(), (models / "role.crfsuite").read_bytes(), lex
    )


def summary(scores: Sequence[dict[str, float]]) -> str:
    """Mean, population standard deviation and range of exact F1 per role over folds."""
    lines = []
    for role in ("source", "cue", "content"):
        xs = [s[role] for s in scores]
        lines.append(
            f"{role:8} exact F1 mean {statistics.mean(xs):5.1f}  sd {statistics.pstdev(xs):4.1f}"
            f"  range {min(xs):.1f}-{max(xs):.1f}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--train", type=Path, required=True)
    ap.add_argument(
        "--also", type=Path, action="append", default=[], help="more training articles (not in CV)"
    )
    ap.add_argument("--eval", type=Path, action="append", default=[])
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--holdout", type=float, default=0.0)
    ap.add_argument("--cv", type=int, default=0, help="K-fold cross-validation over --train")
    ap.add_argument("--fold", type=int, action="append", help="run only these folds of --cv")
    ap.add_argument("--seed", type=int, default=0, help="shuffle of the --cv folds")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--role-c1", type=float)
    ap.add_argument("--role-c2", type=float)
    ap.add_argument("--skip-train", action="store_true", help="score the models in --cache")
    ap.add_argument("--models", default="models", help="subfolder of --cache for the models")
    ap.add_argument("--wide", action="store_true", help="full role windows (crf.NARROW off)")
    ap.add_argument("--only", choices=("cue", "role"), help="train one model, copy the other")
    ap.add_argument("--base", default="models", help="subfolder of --cache --only copies from")
    ap.add_argument("-o", "--output", type=Path)
    args = ap.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    crf.NARROW = not args.wide
    articles = read(args.train)
    parses = parse_all(articles, args.cache, args.train.stem)
    scorer = _scorer()
    models = args.cache / args.models
    if args.cv:
        results_path = models / "cv.json"
        for f, test in enumerate(folds(len(articles), args.cv, args.seed)):
            if args.fold and f not in args.fold:
                continue
            inside = set(test)
            keep = [k for k in range(len(articles)) if k not in inside]
            model = fit(
                [articles[k] for k in keep], [parses[k] for k in keep], models / f"fold{f}", args
            )
            ev = [articles[k] for k in test]
            result = scorer.score(ev, predict(model, ev, [parses[k] for k in test]))
            print(f"== fold {f} ({len(ev)} articles)")
            print(scorer.render(result), flush=True)
            done = json.loads(results_path.read_text()) if results_path.exists() else {}
            done[str(f)] = {r: result[r]["exact"]["f1"] for r in ("source", "cue", "content")}
            results_path.write_text(json.dumps(done, indent=1, sort_keys=True))
        done = json.loads(results_path.read_text())
        print(f"== {len(done)} of {args.cv} folds ({results_path})")
        print(summary(list(done.values())))
        return 0
    held: list[tuple[str, list[dict[str, Any]], list[Parsed]]] = []
    if args.holdout:
        order = sorted(
            range(len(articles)), key=lambda k: (articles[k].get("date") or "", articles[k]["id"])
        )
        cut = len(order) - int(len(order) * args.holdout)
        keep, out = sorted(order[:cut]), sorted(order[cut:])
        held.append(("holdout", [articles[k] for k in out], [parses[k] for k in out]))
        articles, parses = [articles[k] for k in keep], [parses[k] for k in keep]
    for path in args.also:
        more = read(path)
        articles = [*articles, *more]
        parses = [*parses, *parse_all(more, args.cache, path.stem)]
    for path in args.eval:
        ev = read(path)
        held.append((path.stem, ev, parse_all(ev, args.cache, path.stem)))
    model = fit(articles, parses, models, args)
    for name, ev, ps in held:
        print(f"== {name} ({len(ev)} articles)")
        print(scorer.render(scorer.score(ev, predict(model, ev, ps))), flush=True)
    if args.output:
        args.output.mkdir(parents=True, exist_ok=True)
        for name in ("cue.crfsuite", "role.crfsuite"):
            data = (models / name).read_bytes()
            (args.output / f"{name}.gz").write_bytes(gzip.compress(data, 9, mtime=0))
        (args.output / "lexicon.txt").write_text(
            (models / "lexicon.txt").read_text(encoding="utf-8"), encoding="utf-8"
        )
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
