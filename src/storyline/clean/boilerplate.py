"""Find scraped-web noise in an article's text, without editing the text.

:func:`clean` works in numbered steps:

1. **units** — cut the text into lines, or paragraphs when it is hard-wrapped
   (:mod:`storyline.clean.units`).
2. **headline** — a short first line without a final stop, followed by more text, is
   the headline: metadata, not summary text.
3. **whole units** — a unit that is entirely noise (credit, caption, share prompt,
   byline, copyright...) is removed with that kind (:data:`~.patterns.LINE_PATTERNS`).
4. **link blocks** — "Related Topics" and the unstopped lines after it (not one with a
   sentence ending inside: a wrapped paragraph that ends in a title), and any run of
   two or more short unstopped lines, are ``related-links``; a lone one is a ``heading``.
5. **dateline** — "MOSUL, Iraq (Reuters) -" opening the first prose unit is removed
   and kept as metadata.
6. **inline noise** — credits glued to sentences, lower-cased widget text.
7. **regions** — what is left of each unit, trimmed, is a region of prose; leftover
   bits with no letter or digit are reported as ``punctuation``.

Every character of the text ends up in a region, in a removal, or is whitespace.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from storyline.clean.inline import dateline_parts, find_dateline, inline_noise
from storyline.clean.patterns import LINE_GUARDS, LINE_PATTERNS, SECTION_HEADERS
from storyline.clean.units import (
    has_inner_stop,
    is_short_unstopped,
    is_stopped,
    lines,
    strip_span,
    units,
    wrapped_line,
)
from storyline.model import Removal, Span

Interval = tuple[int, int]
Cut = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class Cleaning:
    """What cleaning found in one article's text.

    ``regions`` are ``(start, end)`` offsets of the prose kept, in text order; a region
    never crosses a paragraph break, so sentences never span one.
    """

    regions: tuple[tuple[int, int], ...]
    removed: tuple[Removal, ...] = ()
    dateline: Span | None = None
    #: Outlet and place read off the dateline ("Reuters", "MOSUL, Iraq"), if any.
    dateline_source: str | None = None
    dateline_place: str | None = None
    #: The headline line (also listed in ``removed`` with kind ``"headline"``).
    headline: Span | None = None


@dataclass(frozen=True, slots=True)
class _Step:
    """A run of :data:`LINE_PATTERNS` tried as one alternation (one regex call instead
    of one per pattern), or a single guarded pattern."""

    #: The alternation for short unstopped lines (every pattern of the run) and for
    #: other lines (those that may match a sentence); group ``g<i>`` is pattern ``i``.
    short: re.Pattern[str] | None
    sentence: re.Pattern[str] | None
    guard: Callable[[str], bool] | None = None


def _alternation(indices: list[int], sentence_only: bool) -> re.Pattern[str] | None:
    alts = [
        f"(?P<g{i}>{LINE_PATTERNS[i][1].pattern})"
        for i in indices
        if LINE_PATTERNS[i][2] or not sentence_only
    ]
    return re.compile("|".join(alts), re.IGNORECASE) if alts else None


def _steps() -> tuple[_Step, ...]:
    """LINE_PATTERNS in order, as alternations split at the guarded patterns. With
    ``fullmatch`` an alternation gives its first alternative that matches the whole
    line, so the kind found is the one trying the patterns one by one would give."""
    steps: list[_Step] = []
    run: list[int] = []
    for i, (kind, pattern, _) in enumerate(LINE_PATTERNS):
        assert pattern.flags & re.IGNORECASE and not pattern.groups, kind
        guard = LINE_GUARDS.get(kind)
        if guard is None:
            run.append(i)
            continue
        if run:
            steps.append(_Step(_alternation(run, False), _alternation(run, True)))
        run = []
        solo = [i]
        steps.append(_Step(_alternation(solo, False), _alternation(solo, True), guard))
    if run:
        steps.append(_Step(_alternation(run, False), _alternation(run, True)))
    return tuple(steps)


_STEPS = _steps()


def classify_unit(piece: str) -> str | None:
    """The noise kind of a whole line or paragraph, or None if it may be prose: the
    kind of the first of :data:`LINE_PATTERNS` that matches it whole (patterns not
    ``sentence_ok`` only on a short unstopped line)."""
    short = is_short_unstopped(piece)
    for step in _STEPS:
        pattern = step.short if short else step.sentence
        if pattern is None or (step.guard is not None and not step.guard(piece)):
            continue
        m = pattern.fullmatch(piece)
        if m is not None:
            return LINE_PATTERNS[int(str(m.lastgroup)[1:])][0]
    return None


def find_headline(text: str) -> Interval | None:
    """The first line when it reads as a headline: short, no final stop, not noise,
    with more text after it."""
    found = lines(text)
    if len(found) < 2:
        return None
    s, e = found[0]
    piece = text[s:e]
    if not any(c.isalpha() for c in piece) or not is_short_unstopped(piece):
        return None
    if classify_unit(piece) or SECTION_HEADERS.fullmatch(piece):
        return None
    if inline_noise(text, (s, e)) or wrapped_line(text, found):
        return None
    return s, e


def _split_headline(text: str, spans: list[Interval], head: Interval) -> list[Interval]:
    """Make the headline its own unit (a wrapped first paragraph may contain it)."""
    rest = strip_span(text, head[1], spans[0][1])
    return [head] + ([rest] if rest[0] < rest[1] else []) + spans[1:]


def _link_blocks(prose: list[str], kinds: list[str | None]) -> None:
    """Step 4: mark section headers, the unstopped units after them, and runs of
    short unstopped units (noise units in between do not break a run).

    ``prose`` is each unit's text without its inline noise, so a sentence with a
    credit glued to its end still counts as stopped.
    """
    in_section = False
    run: list[int] = []
    for i, piece in enumerate(prose):
        if kinds[i] is not None or not piece:
            continue
        if SECTION_HEADERS.fullmatch(piece):
            kinds[i], in_section = "related-links", True
            _close_run(run, kinds, prose)
            continue
        if in_section and not is_stopped(piece) and not has_inner_stop(piece):
            kinds[i] = "related-links"  # a unit with a sentence ending inside is not a link
            continue
        in_section = False
        if is_short_unstopped(piece) or _short_question(piece):
            run.append(i)
        else:
            _close_run(run, kinds, prose)
    _close_run(run, kinds, prose)


def _short_question(piece: str) -> bool:
    """A short line ending in "?": a link title inside a run of them, else prose."""
    return piece.endswith("?") and is_short_unstopped(piece[:-1])


def _close_run(run: list[int], kinds: list[str | None], prose: list[str]) -> None:
    """A run of 2+ link-like lines (one at least unstopped) is related links; a lone
    unstopped line is a heading; lone or all-question lines stay prose."""
    unstopped = [i for i in run if not _short_question(prose[i])]
    if len(run) >= 2 and unstopped:
        for i in run:
            kinds[i] = "related-links"
    elif len(run) == 1 and unstopped:
        kinds[run[0]] = "heading"
    run.clear()


def _kept_pieces(text: str, unit: Interval, cuts: list[tuple[int, int, str]]) -> list[Interval]:
    """What remains of ``unit`` once the inline ``cuts`` are taken out, trimmed."""
    out: list[Interval] = []
    pos = unit[0]
    for s, e, _ in cuts:
        out.append(strip_span(text, pos, s))
        pos = e
    out.append(strip_span(text, pos, unit[1]))
    return [p for p in out if p[0] < p[1]]


def _own_unit(line: str) -> bool:
    return classify_unit(line) is not None or SECTION_HEADERS.fullmatch(line) is not None


def _units_and_kinds(text: str) -> tuple[list[Interval], list[str | None]]:
    """Steps 1-3: units, the headline, and the kind of each unit that is whole noise."""
    # A section header ("Related Topics") stays a unit of its own too, or a hard-wrapped
    # paragraph before it would take it in and end unstopped (a related link).
    spans = units(text, is_noise=_own_unit)
    head = find_headline(text)
    if head is not None:
        spans = _split_headline(text, spans, head)
        return spans, ["headline"] + [classify_unit(text[s:e]) for s, e in spans[1:]]
    return spans, [classify_unit(text[s:e]) for s, e in spans]


def _regions(
    text: str, doc: int, unit: Interval, cuts: list[Cut]
) -> tuple[list[Interval], list[Removal]]:
    """Step 7: the kept pieces of one unit, and removals for its cuts and stray marks."""
    removed = [Removal(Span(doc, s, e, k), k) for s, e, k in cuts]
    regions: list[Interval] = []
    for s, e in _kept_pieces(text, unit, cuts):
        if any(c.isalnum() for c in text[s:e]):
            regions.append((s, e))
        else:
            removed.append(Removal(Span(doc, s, e, "punctuation"), "punctuation"))
    return regions, removed


def _prose(text: str, unit: Interval, cuts: list[Cut]) -> str:
    """The unit's words without its inline noise. A credit glued to the end of a
    unit ends a sentence, so the prose then gets a final stop."""
    words = " ".join(text[s:e] for s, e in _kept_pieces(text, unit, cuts))
    return words + "." if words and cuts and cuts[-1][1] == unit[1] else words


def clean(text: str, doc: int = 0) -> Cleaning:
    """Regions of prose in ``text`` and a removal, with its kind, for everything else."""
    spans, kinds = _units_and_kinds(text)
    cuts = [inline_noise(text, u) if k is None else [] for u, k in zip(spans, kinds, strict=True)]
    prose = [_prose(text, u, c) for u, c in zip(spans, cuts, strict=True)]
    _link_blocks(prose, kinds)
    removed = [Removal(Span(doc, s, e, k), k) for (s, e), k in zip(spans, kinds, strict=True) if k]
    kept = [i for i, k in enumerate(kinds) if k is None]
    if kept and (dateline := find_dateline(text, spans[kept[0]])) is not None:
        later = [c for c in cuts[kept[0]] if c[0] >= dateline[1]]
        cuts[kept[0]] = [(*dateline, "dateline"), *later]
    regions: list[Interval] = []
    for i in kept:
        got, lost = _regions(text, doc, spans[i], cuts[i])
        regions += got
        removed += lost
    removed.sort(key=lambda r: (r.span.start, r.span.end))
    first = next((r.span for r in removed if r.kind == "dateline"), None)
    source, place = dateline_parts(text[first.start : first.end]) if first else (None, None)
    head = spans[0] if kinds and kinds[0] == "headline" else None
    return Cleaning(
        regions=tuple(regions),
        removed=tuple(removed),
        dateline=first,
        dateline_source=source,
        dateline_place=place,
        headline=Span(doc, head[0], head[1], "headline") if head else None,
    )
