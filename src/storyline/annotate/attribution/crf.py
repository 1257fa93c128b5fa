"""Attribution by two linear-chain CRFs over the parse (python-crfsuite), trained on PolNeAR.

1. **cue** — one CRF tags every sentence's tokens ``B``/``I``/``O`` for reporting words
   (features: word, lemma, tags, dependency arc, head, the dependents' labels, a quote
   around it, neighbours within two tokens, the cue lexicon).
2. **source and content** — for each cue found, a second CRF tags the tokens of a window
   of sentences around it ``B-S``/``I-S``/``B-C``/``I-C``/``O`` (features: the token's
   own, where it lies from the cue, in which of the cue's dependents' subtrees it sits,
   whether a quote mark, a sentence or a paragraph break lies between, in-quote flags,
   the cue's words). The window holds the sentence before or the two after the cue's
   only where a quotation or a colon can carry the content there (:func:`window`).
3. **post-processing** — a content that stops inside its quotation runs on to the
   closing mark, one that starts inside it back to the opening mark; the two halves of
   an interrupted quotation are joined; each source token belongs to one attribution.

The models are trained by ``scripts/train_attribution.py`` on PolNeAR's train split and
shipped gzipped in ``storyline/data/attribution/``. Only the feature functions here are
shared by training and tagging, so the two cannot drift apart.
"""

from __future__ import annotations

import functools
import gzip
from collections.abc import Iterator, Sequence
from importlib import resources

from storyline.annotate.attribution.tokens import Parsed
from storyline.annotate.attribution.tree import Tree

#: Sentences before and after the cue's own sentence that the role CRF reads.
BEFORE = 1
AFTER = 2

_QUOTES = {'"', "“", "”", "``", "''", "„"}
_OPEN = {"“", "``", "„"}
_TRAIL = {".", ",", "!", "?", ";", "…", " "}
#: What may end a quotation's content after its last word: closing marks, stops.
_ENDING = _QUOTES | _TRAIL
#: Marks that only close. Two apostrophes close a quotation opened by two backticks, but
#: some papers (the New York Times) open and close with them: like '"' they toggle.
_CLOSE = {"”"}
_MODEL_DIR = "storyline.data"
#: Parts of speech whose word is crossed with the token's place ("that" in the content).
_FUNCTION = {"SCONJ", "ADP", "PART", "PRON", "DET", "PUNCT", "CCONJ"}
CUE_MODEL = "cue.crfsuite.gz"
ROLE_MODEL = "role.crfsuite.gz"

Triple = tuple[set[int], set[int], set[int]]


@functools.lru_cache(maxsize=1 << 16)
def shape(text: str) -> str:
    """ "Xx", "x", "X", "d", "p" (punctuation) or "o", for the token's first characters."""
    out: list[str] = []
    for ch in text[:4]:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else "p"
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out) or "o"


def in_quotes(parsed: Parsed) -> list[bool]:
    """For every token, whether it lies inside quotation marks (reset at line breaks).

    '"' and "''" toggle (a text may open and close with either); "“", "``" and "„" open,
    "”" closes."""
    out = []
    inside = False
    for t in parsed.tokens:
        if t.start in parsed.breaks:
            inside = False
        if t.text in _QUOTES:
            if t.text in _OPEN:
                inside = True
            elif t.text in _CLOSE:
                inside = False
            else:
                inside = not inside
            out.append(False)
        else:
            out.append(inside)
    return out


class Context:
    """What the feature functions need about one parsed article, computed once: the
    tokens' own features as ``"name=value"`` strings (python-crfsuite reads a list of
    strings as features of weight 1), quote flags, depths."""

    def __init__(self, parsed: Parsed, lexicon: frozenset[str] = frozenset()) -> None:
        self.parsed = parsed
        self.tree = Tree(parsed)
        toks = self.tokens = parsed.tokens
        self.quoted = in_quotes(parsed)
        self.lexicon = lexicon
        n = len(toks)
        self.low = [t.text.casefold() for t in toks]
        self.lem = [t.lemma.casefold() for t in toks]
        self.lex = [w in lexicon for w in self.lem]
        quote_at = [t.text in _QUOTES for t in toks]
        #: running count of quote marks before each token (a quote between i and j).
        self.quotes_before = [0] * (n + 1)
        for i, q in enumerate(quote_at):
            self.quotes_before[i + 1] = self.quotes_before[i] + q
        #: paragraph index of each token (a line break starts a new one).
        self.para = [0] * n
        for i, t in enumerate(toks):
            self.para[i] = (self.para[i - 1] if i else 0) + (i > 0 and t.start in parsed.breaks)
        self.depth = [0] * n
        for i in range(n):
            k, d = i, 0
            while toks[k].head != k and d < 60:
                k = toks[k].head
                d += 1
            self.depth[i] = d
        self.own = [self._own(i) for i in range(n)]

    def _own(self, i: int) -> list[str]:
        t = self.tokens[i]
        n = len(self.tokens)
        out = [
            "bias", f"w={self.low[i]}", f"l={self.lem[i]}", f"p={t.pos}", f"t={t.tag}",
            f"d={t.dep}", f"s={shape(t.text)}", f"e={t.ent}", f"hd={self.tokens[t.head].dep}",
            f"depth={min(self.depth[i], 6)}", f"q={self.quoted[i]}",
        ]  # fmt: skip
        for off in (-1, 1):
            j = i + off
            if 0 <= j < n and self.tokens[j].sent == t.sent:
                out += [f"{off}:w={self.low[j]}", f"{off}:p={self.tokens[j].pos}"]
            else:
                out.append(f"{off}:edge")
        return out

    def ancestors(self, i: int) -> list[int]:
        """``i``'s heads up to its root (``i`` excluded)."""
        out: list[int] = []
        while self.tokens[i].head != i and len(out) < 60:
            i = self.tokens[i].head
            out.append(i)
        return out


def cue_features(ctx: Context, first: int, last: int) -> list[list[str]]:
    """Features of the tokens ``first:last`` (one sentence) for the cue CRF."""
    out = []
    toks = ctx.tokens
    for i in range(first, last):
        t = toks[i]
        lemma = ctx.lem[i]
        lex = ctx.lex[i]
        f = ctx.own[i] + [
            f"hl={ctx.lem[t.head]}", f"hp={toks[t.head].pos}", f"lex={lex}",
            f"l|d={lemma}|{t.dep}", f"l|p={lemma}|{t.pos}", f"root={t.head == i}",
        ]  # fmt: skip
        kids = ctx.tree.kids[i]
        for d in sorted({toks[k].dep for k in kids}):
            f.append(f"kid:{d}")
            if lex:
                f.append(f"lexkid:{d}")
        f.append(f"kidq={any(ctx.quoted[k] for k in kids)}")
        for off in (-2, -1, 1, 2):
            j = i + off
            if first <= j < last:
                f.append(f"{off}:lex={ctx.lex[j]}")
                if off in (-2, 2):
                    f += [f"{off}:w={ctx.low[j]}", f"{off}:p={toks[j].pos}"]
        if i + 1 < last:
            f.append(f"bi+={ctx.low[i]}|{ctx.low[i + 1]}")
        if i > first:
            f.append(f"bi-={ctx.low[i - 1]}|{ctx.low[i]}")
        out.append(f)
    return out


def cue_head(ctx: Context, cue: Sequence[int]) -> int:
    """The cue token whose head lies outside the cue (its first such, else its first)."""
    members = set(cue)
    return next((i for i in sorted(cue) if ctx.tokens[i].head not in members), min(cue))


#: Read the sentences around the cue's only where a quotation or a colon can carry the
#: content over (:func:`window`; the shipped role model is trained so).
NARROW = True
_DASHES = {":", "—", "–", "-"}


def _runs_on(ctx: Context, sent: int) -> bool:
    """Whether a content may run on from sentence ``sent`` into the next: it ends inside
    a quotation or on a quote mark, holds a colon or dash, or the next opens with a quote."""
    sents = ctx.parsed.sentences
    toks = ctx.tokens
    first, last = sents[sent]
    for i in range(last - 1, first - 1, -1):
        if toks[i].text not in _TRAIL:
            if ctx.quoted[i] or toks[i].text in _QUOTES:
                return True
            break
    else:
        return True
    if any(toks[i].text in _DASHES for i in range(first, last)):
        return True
    return sent + 1 < len(sents) and toks[sents[sent + 1][0]].text in _QUOTES


def _runs_back(ctx: Context, sent: int) -> bool:
    """Whether a content may come from the sentence before ``sent``: ``sent`` opens in or
    on a quotation, or the one before ends in one."""
    sents = ctx.parsed.sentences
    toks = ctx.tokens
    first = sents[sent][0]
    if toks[first].text in _QUOTES or ctx.quoted[first]:
        return True
    if sent == 0:
        return False
    a, b = sents[sent - 1]
    return any(toks[i].text in _QUOTES or ctx.quoted[i] for i in range(max(a, b - 3), b))


def window(ctx: Context, cue: Sequence[int]) -> tuple[int, int]:
    """Token range the role CRF reads for ``cue``: ``BEFORE`` sentences before the cue's
    sentence and ``AFTER`` after it (with ``NARROW``, only where a quotation or colon
    can carry a content over)."""
    sents = ctx.parsed.sentences
    s = ctx.tokens[min(cue)].sent
    e = ctx.tokens[max(cue)].sent
    a = max(0, s - BEFORE) if not NARROW or _runs_back(ctx, s) else s
    b = min(len(sents) - 1, e + AFTER) if not NARROW or _runs_on(ctx, e) else e
    return sents[a][0], sents[b][1]


def _bucket(n: int) -> str:
    a = abs(n)
    b = str(a) if a <= 3 else "4-6" if a <= 6 else "7-12" if a <= 12 else "13-25"
    b = b if a <= 25 else "26+"

    return ("-" if n < 0 else "+") + b


def role_features(ctx: Context, cue: Sequence[int]) -> tuple[int, list[list[str]]]:
    """The window's first token and features of its tokens for the role CRF."""
    first, last = window(ctx, cue)
    members = set(cue)
    h = cue_head(ctx, cue)
    lo, hi = min(cue), max(cue)
    cue_sent = ctx.tokens[h].sent
    cue_q = ctx.quoted[h]
    below = {k: ctx.tokens[k].dep for k in ctx.tree.kids[h]}
    branch: dict[int, str] = {}
    for k, dep in below.items():
        for m in ctx.tree.subtree(k):
            branch[m] = dep
    up = ctx.ancestors(h)
    above: dict[int, str] = {}
    if up:
        # The clause the cue hangs from ('"We will win," he said'): its tokens outside the cue.
        top = up[0]
        for m in ctx.tree.subtree(top):
            above.setdefault(m, "up")
        for a in up:
            above[a] = "anc"
    cue_dep = ctx.tokens[h].dep
    cue_lemma = ctx.lem[h]
    cue_text = "_".join(ctx.lem[i] for i in sorted(cue))
    cue_para = ctx.para[h]
    toks = ctx.tokens
    wheres = [
        "cue" if j in members else branch.get(j) or above.get(j, "none") for j in range(first, last)
    ]
    out = []
    for j in range(first, last):
        t = toks[j]
        rel = _bucket(j - lo if j < lo else j - hi if j > hi else 0)
        sent = max(-2, min(2, t.sent - cue_sent))
        where = wheres[j - first]
        if j in members:
            between_q, side = 0, "C"
        elif j < lo:
            between_q, side = ctx.quotes_before[lo] - ctx.quotes_before[j + 1], "L"
        else:
            between_q, side = ctx.quotes_before[j] - ctx.quotes_before[hi + 1], "R"
        f = ctx.own[j] + [
            f"rel={rel}", f"sent={sent}", f"where={where}", f"where|sent={where}|{sent}",
            f"where|d={where}|{t.dep}", f"where|p={where}|{t.pos}", f"rel|p={rel}|{t.pos}",
            f"q|cq={ctx.quoted[j]}|{cue_q}", f"bq|side={min(between_q, 3)}|{side}",
            f"cuedep={cue_dep}", f"cuel={cue_lemma}", f"where|cuedep={where}|{cue_dep}",
            f"cuet={cue_text}", f"para={max(-2, min(2, ctx.para[j] - cue_para))}",
        ]  # fmt: skip
        if j > first and ctx.para[j] != ctx.para[j - 1]:
            f.append("brk")
        if t.pos in _FUNCTION:
            f.append(f"w|where={ctx.low[j]}|{where}")
        if j > first:
            f.append(f"-1:where={wheres[j - first - 1]}")
        if j + 1 < last:
            f.append(f"1:where={wheres[j - first + 1]}")
        out.append(f)
    return first, out


def bio(labels: Sequence[str], first: int) -> dict[str, set[int]]:
    """Token indexes per role ("S", "C", "CUE") of a tagged sequence starting at ``first``."""
    out: dict[str, set[int]] = {}
    for k, label in enumerate(labels):
        if label != "O":
            out.setdefault(label.split("-", 1)[1], set()).add(first + k)
    return out


def runs(indexes: set[int]) -> list[list[int]]:
    """Consecutive runs of token indexes."""
    out: list[list[int]] = []
    for i in sorted(indexes):
        if out and i == out[-1][-1] + 1:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def cue_spans(labels: Sequence[str], first: int) -> Iterator[list[int]]:
    """The cues of one tagged sentence: a ``B`` and the ``I`` s after it."""
    cur: list[int] = []
    for k, label in enumerate(labels):
        if label == "B" or (label == "I" and not cur):
            if cur:
                yield cur
            cur = [first + k]
        elif label == "I":
            cur.append(first + k)
        else:
            if cur:
                yield cur
            cur = []
    if cur:
        yield cur


class Crf:
    """The two taggers, loaded from the package's data (or given model bytes)."""

    def __init__(
        self,
        cue: bytes,
        role: bytes,
        lexicon: frozenset[str],
        extend: bool = True,
        cue_threshold: float = 0.5,
        join: bool = True,
        back: bool = True,
    ) -> None:
        import pycrfsuite

        #: The taggers read the model bytes in place: they must outlive the taggers.
        self.data_ = (cue, role)
        self.cue = pycrfsuite.Tagger()
        self.cue.open_inmemory(cue)
        self.role = pycrfsuite.Tagger()
        self.role.open_inmemory(role)
        self.lexicon = lexicon
        #: Run a content that stops inside its quotation on to the closing mark.
        self.extend = extend
        #: Join the two halves of an interrupted quotation (:func:`join_quotes`).
        self.join = join
        #: Run a content that starts inside its quotation back to the opening mark.
        self.back = back
        #: Marginal probability above which a token is tagged as part of a cue.
        self.cue_threshold = cue_threshold

    def _recall(self, labels: list[str]) -> list[str]:
        """Viterbi's tags with every "O" whose marginal probability of being in a cue
        exceeds ``cue_threshold`` turned into a cue tag (cues are rarer than they are
        missed: the threshold trades precision for recall)."""
        out = list(labels)
        for k, label in enumerate(labels):
            if label != "O":
                continue
            b = self.cue.marginal("B", k)
            i = self.cue.marginal("I", k)
            if b + i > self.cue_threshold:
                out[k] = "I" if i > b and k > 0 and out[k - 1] != "O" else "B"
        return out

    def find(self, parsed: Parsed) -> list[Triple]:
        """``(source, cue, content)`` token sets, one per attribution found."""
        ctx = Context(parsed, self.lexicon)
        out = []
        for first, last in parsed.sentences:
            labels = self.cue.tag(cue_features(ctx, first, last))
            if self.cue_threshold < 0.5:
                labels = self._recall(labels)
            for cue in cue_spans(labels, first):
                start, feats = role_features(ctx, cue)
                roles = bio(self.role.tag(feats), start)
                source = roles.get("S", set()) - set(cue)
                content = roles.get("C", set()) - set(cue)
                if content and self.extend:
                    content = close_quote(ctx, content, set(cue) | source)
                if content and self.back:
                    content = open_quote(ctx, content, set(cue) | source)
                if content:
                    content = quote_only(ctx, content)
                if content:
                    out.append((source, set(cue), content))
        out = own_sources(out)
        if self.join:
            out = join_quotes(ctx, out)
        return out


def own_sources(found: list[Triple]) -> list[Triple]:
    """Each token has one role in one attribution (PolNeAR's univocal annotation): a run
    of source tokens with another attribution's cue between it and this cue is that
    attribution's ("Okafor said ..., but Brandt told ...": Okafor is not Brandt's), when
    a nearer run remains."""
    cues = [cue for _, cue, _ in found]
    out = []
    for source, cue, content in found:
        lo, hi = min(cue), max(cue)
        keep: set[int] = set()
        for run in runs(source):
            a, b = (run[-1], lo) if run[-1] < lo else (hi, run[0])
            if not any(other is not cue and a < min(other) and max(other) < b for other in cues):
                keep |= set(run)
        # "Okafor said ... and added ...": a source with no nearer one is still shared
        out.append((keep or source, cue, content))
    return out


def _quote_after(ctx: Context, k: int, limit: int = 200) -> list[int]:
    """Tokens of a quotation opening at token ``k`` (a quote mark), up to its closing mark."""
    toks = ctx.tokens
    if k >= len(toks) or toks[k].text not in _QUOTES or toks[k].text == "”":
        return []
    end = k + 1
    while end < len(toks) and end - k < limit and toks[end].text not in _QUOTES:
        if toks[end].start in ctx.parsed.breaks:
            return []
        end += 1
    if end >= len(toks) or toks[end].text not in _QUOTES or end == k + 1:
        return []
    return list(range(k + 1, end))


def _quote_before(ctx: Context, k: int, limit: int = 200) -> list[int]:
    """Tokens of a quotation closing at token ``k`` (a quote mark), back to its opening."""
    toks = ctx.tokens
    if k < 0 or toks[k].text not in _QUOTES or toks[k].text in _OPEN:
        return []
    start = k - 1
    while start >= 0 and k - start < limit and toks[start].text not in _QUOTES:
        start -= 1
    if start < 0 or toks[start].text not in _QUOTES or start == k - 1:
        return []
    if any(toks[i].start in ctx.parsed.breaks for i in range(start + 1, k)):
        return []
    return list(range(start + 1, k))


def join_quotes(ctx: Context, found: list[Triple]) -> list[Triple]:
    """An interrupted quotation ('"The levee is gone," she said, "and the town is under
    water."', or '"...," said Ana Berg, the mayor. "..."') is one content: a content that
    is the quotation just before its cue and source gets the quotation right behind them
    (in the same sentence or opening the next one), and the reverse, when no other
    attribution has it."""
    toks = ctx.tokens
    n = len(toks)
    used: set[int] = set()
    for source, cue, content in found:
        used |= source | cue | content
    out = []
    for source, cue, content in found:
        mid = cue | source
        lo, hi = min(mid), max(mid)
        words = [i for i in content if toks[i].text not in _QUOTES]
        extra: list[int] = []
        if words and max(words) < lo:
            k = max(words) + 1
            while k < lo and toks[k].text in {",", "."}:
                k += 1
            if k < lo and toks[k].text in _QUOTES:  # the content is the quotation before
                k = hi + 1
                while k < n and toks[k].text in {",", ":"}:
                    k += 1
                if k < n and toks[k].text not in _QUOTES:
                    end = ctx.parsed.sentences[toks[hi].sent][1]
                    if end < n and not any(toks[i].text in _QUOTES for i in range(k, end)):
                        k = end
                extra = _quote_after(ctx, k)
        elif words and min(words) > hi:
            k = min(words) - 1
            if k > hi and toks[k].text in _QUOTES:  # the content is the quotation after
                k = lo - 1
                while k >= 0 and toks[k].text in {",", "."}:
                    k -= 1
                extra = _quote_before(ctx, k)
        if extra and not set(extra) & used:
            content = content | set(extra)
            used |= set(extra)
        out.append((source, cue, content))
    return out


def close_quote(ctx: Context, content: set[int], taken: set[int], limit: int = 200) -> set[int]:
    """A content that opens a quotation and stops inside it runs on to the closing mark
    (a quotation of several sentences), unless that would swallow the cue or source."""
    toks = ctx.tokens
    first, last = min(content), max(content)
    while first <= last and toks[first].text in _QUOTES:
        first += 1
    if first > last:  # the content is quote marks only: nothing to run on from
        return content
    opened = first > 0 and toks[first - 1].text in _QUOTES and ctx.quoted[first]
    if not opened or not ctx.quoted[last]:
        return content
    end = last + 1
    while end < len(toks) and end - last < limit:
        if toks[end].text in _QUOTES or toks[end].start in ctx.parsed.breaks:
            break
        end += 1
    if end >= len(toks) or toks[end].text not in _QUOTES or end - last >= limit:
        return content
    extra = set(range(last + 1, end))
    if extra & taken:
        return content
    return content | extra


def quote_only(ctx: Context, content: set[int]) -> set[int]:
    """A content that holds a whole quotation ending it, and words of an earlier sentence
    outside that quotation before its opening mark, is the quotation alone: the sentence
    before a quote is narration, not what the speaker said."""
    toks = ctx.tokens
    first, last = min(content), max(content)
    end = last
    while end > first and toks[end].text in _ENDING:
        end -= 1
    opening = next(
        (k for k in range(first, end) if toks[k].text in _QUOTES and ctx.quoted[k + 1]), None
    )
    if opening is None or opening == first:
        return content
    if not all(ctx.quoted[k] for k in range(opening + 1, end + 1) if toks[k].text not in _QUOTES):
        return content
    if toks[first].sent == toks[opening].sent or any(ctx.quoted[k] for k in range(first, opening)):
        return content
    return {k for k in content if k >= opening}


def open_quote(ctx: Context, content: set[int], taken: set[int], limit: int = 200) -> set[int]:
    """A content that closes a quotation and starts inside it runs back to the opening
    mark ('"We were ready. We are still ready," she said': both sentences), unless that
    would swallow the cue or source or cross a paragraph break."""
    toks = ctx.tokens
    first, last = min(content), max(content)
    while last >= first and toks[last].text in _QUOTES:
        last -= 1
    if last < first:
        return content
    k = last + 1
    while k < len(toks) and k - last < 4 and toks[k].text in _TRAIL:
        k += 1
    closed = k < len(toks) and toks[k].text in _QUOTES and ctx.quoted[last]
    if first == 0 or not closed or not ctx.quoted[first] or toks[first - 1].text in _QUOTES:
        return content
    start = first - 1
    while start >= 0 and first - start < limit:
        if toks[start].text in _QUOTES or toks[start + 1].start in ctx.parsed.breaks:
            break
        start -= 1
    if start < 0 or toks[start].text not in _QUOTES or first - start >= limit:
        return content
    extra = set(range(start + 1, first))
    if extra & taken:
        return content
    return content | extra


def available() -> bool:
    """Whether python-crfsuite and the shipped models are there."""
    try:
        import pycrfsuite  # noqa: F401
    except ImportError:
        return False
    base = resources.files(_MODEL_DIR).joinpath("attribution")
    return base.joinpath(CUE_MODEL).is_file() and base.joinpath(ROLE_MODEL).is_file()


@functools.cache
def shipped() -> Crf:
    """The models shipped with the package, loaded once per process."""
    base = resources.files(_MODEL_DIR).joinpath("attribution")
    cue = gzip.decompress(base.joinpath(CUE_MODEL).read_bytes())
    role = gzip.decompress(base.joinpath(ROLE_MODEL).read_bytes())
    lexicon = frozenset(base.joinpath("lexicon.txt").read_text(encoding="utf-8").split())
    return Crf(cue, role, lexicon)
