"""The systems ``storyline eval`` compares: storyline itself and its peers.

Every system maps ``(cluster, words)`` to a list of sentences; the harness cuts them
to the word budget and scores them the same way.

* ``storyline`` — :func:`storyline.summarize` with ``fill=True``: like every peer
  below, it returns sentences until they hold ``words`` words, so its last sentence
  may cross the budget and be cut (by default storyline stops at the last sentence
  that fits).
* ``storyline-bounded`` — :func:`storyline.summarize` as it runs by default (no
  ``fill``): whole sentences within the budget, so it is scored on fewer words.
* sumy peers (``lexrank``, ``textrank``, ``lsa``, ``sumbasic``, ``kl``, ``luhn``) —
  the documents joined by blank lines, parsed with ``PlaintextParser`` and sumy's
  English tokenizer (NLTK ``punkt_tab`` from :mod:`storyline.evaluation.nltk_data`),
  English Snowball stemmer and stop words. The summarizer is asked for its
  best-ranked sentences until they hold ``words`` words; sumy returns them in
  document order.
  With a cache directory (``--cache``), a sumy peer's whole ranking of a cluster's
  sentences is stored once (keyed by the peer, the sumy version and the documents'
  texts) and any budget is cut from it, exactly as sumy would: sumy sorts the
  sentences by rating (a stable sort), takes the best until the budget, and returns
  them in document order.
* ``lead`` — first sentences round-robin across documents (doc 1 s1, doc 2 s1, ...,
  doc 1 s2, ...) until ``words`` words, split by storyline's own splitter.
* ``oracle`` — greedy ROUGE-1+2 selection against the reference(s)
  (:mod:`storyline.evaluation.oracle`), over the same sentences as ``lead``.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from storyline.evaluation.clusters import Cluster
from storyline.evaluation.oracle import oracle_sentences
from storyline.prepare import prepare

#: A system: ``(cluster, words) -> sentences``.
System = Callable[[Cluster, int], list[str]]

#: storyline as ``summarize`` runs by default: only whole sentences that fit the budget.
BOUNDED = "storyline-bounded"
SUMY_PEERS = ("lexrank", "textrank", "lsa", "sumbasic", "kl", "luhn")
BASELINES = ("lead", "oracle")
#: Every peer ``--peers`` accepts, in table order.
PEERS = (BOUNDED, *SUMY_PEERS, *BASELINES)


def _words(text: str) -> int:
    return len(text.split())


def storyline_system(cluster: Cluster, words: int, fill: bool = True) -> list[str]:
    """storyline's summary sentences (raises what :func:`storyline.summarize` raises)."""
    import storyline

    summary = storyline.summarize(list(cluster.documents), words=words, fill=fill)
    return [s.text for s in summary.sentences]


def bounded_system(cluster: Cluster, words: int) -> list[str]:
    """storyline without ``fill``: the summary ``storyline summarize`` prints."""
    return storyline_system(cluster, words, fill=False)


def document_sentences(cluster: Cluster) -> list[list[str]]:
    """Each document's sentences, split by storyline's own pipeline."""
    corpus = prepare(list(cluster.documents))
    return [[d.sentence_text(i) for i in range(len(d.sentences))] for d in corpus.documents]


def lead_system(cluster: Cluster, words: int) -> list[str]:
    """First sentences round-robin across documents until ``words`` words."""
    docs = document_sentences(cluster)
    out: list[str] = []
    total = 0
    for depth in range(max((len(d) for d in docs), default=0)):
        for doc in docs:
            if depth < len(doc) and total < words:
                out.append(doc[depth])
                total += _words(doc[depth])
        if total >= words:
            break
    return out


def oracle_system(cluster: Cluster, words: int) -> list[str]:
    """Greedy ROUGE-1+2 oracle over storyline's sentences."""
    pool = [s for doc in document_sentences(cluster) for s in doc]
    return oracle_sentences(pool, cluster.references, words)


def _word_budget(words: int) -> Callable[[Sequence[Any]], Sequence[Any]]:
    """A sumy ``sentences_count``: the best-rated sentences until ``words`` words."""

    def count(infos: Sequence[Any]) -> Sequence[Any]:
        total = 0
        for i, info in enumerate(infos):
            if total >= words:
                return infos[:i]
            total += _words(str(info.sentence))
        return infos

    return count


@cache
def _sumy_parts(name: str) -> tuple[Any, Any]:
    """sumy's English tokenizer and the named summarizer (stemmer + stop words)."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.nlp.tokenizers import Tokenizer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    from storyline.evaluation.nltk_data import ensure_punkt_tab

    ensure_punkt_tab()
    classes = {
        "lexrank": LexRankSummarizer,
        "textrank": TextRankSummarizer,
        "lsa": LsaSummarizer,
        "sumbasic": SumBasicSummarizer,
        "kl": KLSummarizer,
        "luhn": LuhnSummarizer,
    }
    summarizer = classes[name](Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return Tokenizer("english"), summarizer


def sumy_ranking(name: str, cluster: Cluster) -> list[tuple[int, str]]:
    """Every sentence sumy's ``name`` rates, best first: ``(document order, text)``."""
    from sumy.parsers.plaintext import PlaintextParser

    tokenizer, summarizer = _sumy_parts(name)
    text = "\n\n".join(a.text for a in cluster.documents)
    parser = PlaintextParser.from_string(text, tokenizer)
    ranked: list[tuple[int, str]] = []

    def keep_all(infos: Sequence[Any]) -> Sequence[Any]:
        ranked.extend((int(i.order), str(i.sentence)) for i in infos)
        return infos

    with warnings.catch_warnings():
        # LSA warns on inputs with fewer words than sentences; it still answers.
        warnings.filterwarnings("ignore", "Number of words", UserWarning)
        summarizer(parser.document, keep_all)
    return ranked


def cut_ranking(ranked: Sequence[tuple[int, str]], words: int) -> list[str]:
    """What sumy returns for a ``words`` budget, given its whole ranking."""
    best = _word_budget(words)([_Info(o, t) for o, t in ranked])
    return [i.sentence for i in sorted(best, key=lambda i: i.order)]


class _Info:
    __slots__ = ("order", "sentence")

    def __init__(self, order: int, sentence: str) -> None:
        self.order, self.sentence = order, sentence


def _cache_key(name: str, cluster: Cluster) -> str:
    from importlib.metadata import version

    h = hashlib.sha256(f"{name}\0sumy {version('sumy')}\0".encode())
    for a in cluster.documents:
        h.update(a.text.encode("utf-8", "surrogatepass") + b"\0\1")
    return h.hexdigest()[:32]


def cached_ranking(
    name: str, cluster: Cluster, cache_dir: Path
) -> tuple[list[tuple[int, str]], float]:
    """sumy's ranking from ``cache_dir`` (computed and stored on a miss), and the ms
    it took to compute when it was computed."""
    path = cache_dir / name / f"{_cache_key(name, cluster)}.json"
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
        return [(int(o), str(t)) for o, t in obj["ranking"]], float(obj["ms"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    start = time.perf_counter()
    ranked = sumy_ranking(name, cluster)
    ms = (time.perf_counter() - start) * 1000
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"cluster": cluster.id, "ms": ms, "ranking": ranked}, f)
    os.replace(tmp, path)
    return ranked, ms


def sumy_system(name: str, cache_dir: Path | None = None) -> System:
    """A sumy summarizer as a :data:`System` (its rankings kept in ``cache_dir``)."""

    def run(cluster: Cluster, words: int) -> list[str]:
        if cache_dir is None:
            return cut_ranking(sumy_ranking(name, cluster), words)
        return cut_ranking(cached_ranking(name, cluster, cache_dir)[0], words)

    return run


def get_system(name: str, cache_dir: Path | None = None) -> System:
    """The system called ``name`` (``storyline`` or one of :data:`PEERS`); sumy peers
    keep their rankings in ``cache_dir`` when one is given."""
    if name == "storyline":
        return storyline_system
    if name == BOUNDED:
        return bounded_system
    if name == "lead":
        return lead_system
    if name == "oracle":
        return oracle_system
    if name in SUMY_PEERS:
        return sumy_system(name, cache_dir)
    raise ValueError(f"unknown system {name!r}; choose from storyline, {', '.join(PEERS)}")
