"""Quotations in news text: where they open and close, and who is said to speak them.

Three families of double marks are read, each in one pass (linear in the text):

* typewriter quotes, as in wire copy: ````Until now,'' he said`` — ``````
  opens and ``''`` closes;
* curly quotes: ``“`` opens and ``”`` closes;
* straight quotes ``"``, whose direction is read off the spacing (``said "no`` opens,
  ``no," he`` closes) and, where both sides are spaced as in tokenised text
  (``said " no , " he``), off whether a quotation is already open.

Curly single quotes (``‘…’``) count only as a pair inside one stretch of text, since
``’`` is mostly an apostrophe; straight single quotes are never read as quotation
marks (``the farmers' union``, ``'90s``).

An *attribution* is a speech verb (``said``, ``told``, ``according to`` ...) outside
the quoted words; its *speaker* is the phrase next to it (``he``, ``Cuomo``, ``said
a spokesman for the ministry``). A speaker that is a pronoun or a bare
"a spokesman" names someone only another sentence identifies.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_SPEECH_VERBS = (
    "said says say saying told tells tell telling added adds asked asks replied replies "
    "explained explains stated states declared declares insisted insists warned warns "
    "noted notes claimed claims argued argues announced announces wrote writes recalled "
    "recalls continued continues complained complains conceded concedes acknowledged "
    "acknowledges admitted admits confirmed confirms denied denies predicted predicts urged "
    "urges quoted quotes tweeted tweets posted remarked remarks observed observes commented "
    "comments suggested suggests testified testifies shouted shouts cried cries yelled yells "
    "screamed whispered whispers joked jokes promised promises vowed vows pledged pledges "
    "maintained maintains contended contends countered counters responded responds answered "
    "answers reported reports concluded concludes emphasized emphasizes emphasised stressed "
    "stresses agreed agrees objected protested mused muses boasted boasts cautioned "
    "cautions conceded announced assured assures recounted recounts described describes "
    "called calls"
)
#: A speech verb, or "according to", as a whole word (any case).
SPEECH = re.compile(
    r"\b(?:" + "|".join(sorted(set(_SPEECH_VERBS.split()), key=len, reverse=True)) + r")\b"
    r"|\baccording to\b",
    re.IGNORECASE,
)
_PRONOUN_SPEAKER = frozenset("he she they it him her them we i you".split())
_BARE_ROLE = re.compile(
    r"^(?:a|an|the|one|another)\s+(?:spokes(?:man|woman|person)|official|source|aide|"
    r"statement|spokesmen|spokeswomen|officials|sources)$",
    re.IGNORECASE,
)
_SPEAKER_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…]")
#: A clause ending in a colon right before a quotation introduces it.
_COLON_INTRO = re.compile(r"(?:^|[.!?]\s)([^.!?:]{1,120}):\s*Q\b")

OPEN = 1
CLOSE = -1


@dataclass(frozen=True, slots=True)
class Quotation:
    """One quotation: ``start`` at its opening mark, ``end`` after its closing mark.

    ``opened`` is false when the text began inside it (its opening mark is in an earlier
    stretch of text); ``closed`` is false when it runs on past the end.
    """

    start: int
    end: int
    opened: bool = True
    closed: bool = True


def _straight_direction(text: str, pos: int, inside: bool) -> int:
    """Whether the straight ``"`` at ``pos`` opens or closes a quotation."""
    before = text[pos - 1] if pos else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    glued_after = not after.isspace() and after not in ".,;:!?)]}"
    glued_before = not before.isspace() and before not in "([{—–-"
    if glued_after and not glued_before:
        return OPEN
    if glued_before and not glued_after:
        return CLOSE
    return CLOSE if inside else OPEN


_MARK = re.compile(r"``|''|[“”\"‘’]")


def quotations(
    text: str, start: int = 0, end: int | None = None, inside: bool = False
) -> list[Quotation]:
    """The quotations of ``text[start:end]``, in order, never nested.

    ``inside`` says that the stretch begins inside a quotation opened before it. A
    second opening mark while a quotation is open starts a new one (wire copy opens
    every paragraph of a long quotation anew); a closing mark with none open closes
    a quotation that began before ``start``.
    """
    end = len(text) if end is None else end
    out: list[Quotation] = []
    open_at: int | None = start if inside else None
    carried = inside  # the open quotation began before ``start``
    single_at: int | None = None
    for m in _MARK.finditer(text, start, end):
        if m.group() in ("‘", "’"):
            single_at = _single(text, m, open_at, single_at, out)
            continue
        if _direction(text, m, open_at is not None) == OPEN:
            if open_at is not None and (m.start() > open_at or not carried):
                out.append(Quotation(open_at, m.start(), not carried, False))
            open_at, carried, single_at = m.start(), False, None
        else:
            began = (out[-1].end if out else start) if open_at is None else open_at
            out.append(Quotation(began, m.end(), open_at is not None and not carried, True))
            open_at, carried, single_at = None, False, None
    if open_at is not None:
        out.append(Quotation(open_at, end, not carried, False))
    return out


def _direction(text: str, m: re.Match[str], inside: bool) -> int:
    mark = m.group()
    if mark in ("``", "“"):
        return OPEN
    if mark == "”":
        return CLOSE
    if mark == "''":
        # wire copy now and then opens with '' instead of ``: glued to the next word only
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        return OPEN if before.isspace() and after.isalnum() and not inside else CLOSE
    return _straight_direction(text, m.start(), inside)


def _single(
    text: str, m: re.Match[str], open_at: int | None, single_at: int | None, out: list[Quotation]
) -> int | None:
    """Curly single quotes outside a double quotation: a ``‘…’`` pair is a quotation."""
    if open_at is not None:
        return single_at  # nested inside a double quotation: part of it
    if m.group() == "‘":
        after = text[m.end() : m.end() + 1]
        return m.start() if after.isalpha() else single_at
    after = text[m.end() : m.end() + 1]
    if single_at is not None and not after.isalnum():
        out.append(Quotation(single_at, m.end()))
        return None
    return single_at


def inside_after(quotes: list[Quotation], inside: bool = False) -> bool:
    """Whether a quotation is still open at the end of the stretch they were read from."""
    if not quotes:
        return inside
    return not quotes[-1].closed


# ---------------------------------------------------------------------------------------
# attributions


@dataclass(frozen=True, slots=True)
class Attribution:
    """A speech verb outside the quotations and the speaker phrase next to it."""

    verb: str
    speaker: str | None

    @property
    def names_speaker(self) -> bool:
        """Whether the speaker is named here rather than in another sentence."""
        if self.speaker is None:
            return False
        s = self.speaker.strip().lower()
        first = s.split()[0] if s.split() else s
        return first not in _PRONOUN_SPEAKER and _BARE_ROLE.match(s) is None


def outside(text: str, quotes: list[Quotation], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` with every quoted stretch replaced by one ``Q`` placeholder."""
    end = len(text) if end is None else end
    parts: list[str] = []
    cursor = start
    for q in quotes:
        if q.end <= start or q.start >= end:
            continue
        parts.append(text[cursor : max(cursor, q.start)])
        parts.append(" Q ")
        cursor = max(cursor, min(q.end, end))
    parts.append(text[cursor:end])
    return "".join(parts)


def attribution(unquoted: str) -> Attribution | None:
    """The attribution in text whose quotations are ``Q`` placeholders (see
    :func:`outside`), or ``None`` when no speech verb stands outside them."""
    m = SPEECH.search(unquoted)
    if m is not None:
        return Attribution(m.group().lower(), _speaker(unquoted, m))
    colon = _COLON_INTRO.search(unquoted)
    if colon is not None:  # "The colonel was brief: “…”" — the subject speaks
        words = _SPEAKER_WORD.findall(colon.group(1))
        return Attribution(":", " ".join(words[:8]) or None) if words else None
    return None


def _speaker(unquoted: str, verb: re.Match[str]) -> str | None:
    """The phrase before the verb ("he said", "the mayor of X said") back to a comma or
    placeholder, else the phrase after it ("said Joel Aran, a fisherman")."""
    before = re.split(r"[,;:()—–]|\bQ\b|--", unquoted[: verb.start()])[-1].strip()
    before_words = _SPEAKER_WORD.findall(before)
    if before_words and len(before_words) <= 8:
        return " ".join(before_words)
    after = re.split(r"[,;:()—–.!?]|\bQ\b|--", unquoted[verb.end() :])[0].strip()
    after_words = _SPEAKER_WORD.findall(after)
    if verb.group().lower() == "according to" or after_words:
        return " ".join(after_words[:8]) or None
    return " ".join(before_words[-8:]) or None


def ends_sentence(text: str) -> bool:
    """Whether ``text`` holds a sentence-ending mark."""
    return _SENTENCE_END.search(text) is not None


# ---------------------------------------------------------------------------------------
# segmentation: keep a quotation with its attribution

#: A quotation and its attribution are joined only up to this many characters, so a
#: stray mark cannot glue a whole paragraph into one sentence.
MAX_JOINED_CHARS = 800
#: How far before an opening mark and after a closing mark an attribution is looked for.
_WINDOW = 200
_LOWER_START = re.compile(r"\s*[a-z]")
_SPACE = re.compile(r"\s*")


def join_quotations(text: str, cuts: list[int]) -> list[int]:
    """The sentence cuts of one line (``text``) that do not part a quotation from its
    attribution; ``cuts`` are sorted offsets where one sentence ends and the next begins.

    1. **inside** — the cuts inside a quotation of several sentences go when an
       attribution stands right before or after it, in the same sentences
       (````S1. S2,'' he said`` and ``He said: “S1. S2.”``);
    2. **after** — the cut after a quotation that ends its sentence goes when the next
       piece opens in lower case with a speech verb (``"We will appeal." he said``);
    3. **chain** — a quotation that fills its own sentences, right after a sentence
       holding an attributed quotation, joins it (````S1,'' he said. ``S2.''``).

    Each quotation is looked at once, within bounded windows: linear in the line.
    """
    if not cuts:
        return cuts
    quotes = [q for q in quotations(text) if q.opened and q.closed]
    drop: set[int] = set()
    for q in quotes:
        drop.update(_inside_cuts(text, cuts, q))
    kept = [c for c in cuts if c not in drop]
    return _chain(text, kept, quotes)


def _inside_cuts(text: str, cuts: list[int], q: Quotation) -> list[int]:
    """Steps 1 and 2 for one quotation: the cuts it holds together with its attribution."""
    a = bisect.bisect_right(cuts, q.start)
    b = bisect.bisect_left(cuts, q.end)
    piece_start = cuts[a - 1] if a else 0
    out: list[int] = []
    tail_end = cuts[b] if b < len(cuts) else len(text)
    if b < len(cuts) and not text[q.end : cuts[b]].strip() and _attribution_piece(text, cuts, b):
        out.append(cuts[b])  # step 2
        tail_end = cuts[b + 1] if b + 1 < len(cuts) else len(text)
    if b > a:  # step 1
        lead = text[max(piece_start, q.start - _WINDOW) : q.start]
        tail = text[q.end : min(tail_end, q.end + _WINDOW)]
        if tail_end - piece_start <= MAX_JOINED_CHARS and attribution(f"{lead} Q {tail}"):
            out.extend(cuts[a:b])
    return out


def _attribution_piece(text: str, cuts: list[int], k: int) -> bool:
    """Whether the piece after cut ``k`` opens with an attribution in lower case: a speech
    verb ("said the minister") or a pronoun and one ("he said"). A name in lower case
    ("erdogan said tuesday that …", in lower-cased text) opens a sentence of its own."""
    end = cuts[k + 1] if k + 1 < len(cuts) else len(text)
    words = text[cuts[k] : min(end, cuts[k] + 60)].split()[:2]
    if not words or not _LOWER_START.match(words[0]):
        return False
    if SPEECH.fullmatch(words[0]):
        return True  # "said the minister"
    return words[0] in _PRONOUN_SPEAKER and len(words) > 1 and SPEECH.match(words[1]) is not None


def _chain(text: str, cuts: list[int], quotes: list[Quotation]) -> list[int]:
    """Step 3: a sentence that is only a quotation joins an attributed quotation before it."""
    starting = {q.start: q for q in quotes}
    starts = [q.start for q in quotes]
    kept: list[int] = []
    unit_start = 0
    k = 0
    while k < len(cuts):
        cut = cuts[k]
        space = _SPACE.match(text, cut)
        q = starting.get(space.end() if space else cut)
        if q is not None and _attributed_unit(text, unit_start, cut, quotes, starts):
            ends = _quote_only_end(text, cuts, k, q)
            if ends is not None and ends - unit_start <= MAX_JOINED_CHARS:
                k = bisect.bisect_left(cuts, ends)  # cuts inside q and before it go
                continue
        kept.append(cut)
        unit_start = cut
        k += 1
    return kept


def _attributed_unit(
    text: str, start: int, end: int, quotes: list[Quotation], starts: list[int]
) -> bool:
    """Whether ``text[start:end]`` holds a quotation and a speech verb outside it."""
    if end - start > MAX_JOINED_CHARS:
        return False
    first = bisect.bisect_left(starts, start)
    last = bisect.bisect_left(starts, end)
    inner = [q for q in quotes[first:last] if q.end <= end]
    return bool(inner) and attribution(outside(text, inner, start, end)) is not None


def _quote_only_end(text: str, cuts: list[int], k: int, q: Quotation) -> int | None:
    """Where the sentence(s) starting at ``cuts[k]`` end if they are only quotation ``q``."""
    j = bisect.bisect_left(cuts, q.end)
    end = cuts[j] if j < len(cuts) else len(text)
    if text[q.end : end].strip():
        return None  # something follows the quotation: its own attribution, or more
    return end
