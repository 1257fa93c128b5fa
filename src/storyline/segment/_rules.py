"""The cheap rules storyline lays over Punkt, each one a fix for a measured miss.

Every rule works on *cuts*: offsets where one sentence ends and the next begins
(whitespace around a cut is trimmed later). A rule adds a cut, moves one, or drops one;
it never edits text, so no character of a region can be lost.

Every rule costs time linear in the line: each looks at the few characters around a
cut (a token is read at most :data:`_TOKEN_CAP` characters back), never at the line
from its start again (``"Mr. "`` repeated 10,000 times once took minutes).
"""

from __future__ import annotations

import re


def _words(spaced: str) -> frozenset[str]:
    """A word list written as one spaced string (easier to read and edit than a literal)."""
    return frozenset(spaced.split())


#: Titles that stand before a name and essentially never end a sentence.
TITLES = _words(
    "mr mrs ms messrs mme dr prof gen lt col maj capt cmdr cdr adm sgt cpl pvt gov sen rep "
    "rev hon pres supt det insp mt ft brig lieut"
)

#: Closed-class words that, capitalised after an abbreviation or ellipsis, start a sentence.
#: (Not "And"/"Or": title-cased text such as "U.S. And Japanese Vessels" has them mid-line.)
STARTERS = _words(
    "The A An It He She They We I You This That These Those There Their Its His Her Our My "
    "But So Yet Then However Meanwhile Still Now Later Earlier Today Yesterday "
    "In On At For With By From After Before When While If As Since Although Though Because "
    "None Nobody Nothing No Some Many Most Several Few All Both Each Every Neither One Two "
    "Three About More Other Others Another Such What Who Why How Where Which"
)

#: Words after ``a.m.``/``p.m.`` that continue the sentence ("at 3 p.m. Monday").
_TIME_CONTINUERS = _words(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December Jan Feb Mar Apr Jun Jul Aug "
    "Sep Sept Oct Nov Dec Eastern Central Pacific Mountain Greenwich Local And Or Nor"
)

#: Top-level domains and file extensions: ``insurance.com`` and ``photo.jpg`` are not
#: two sentences glued together.
_NOT_A_SENTENCE_START = _words(
    "com net org edu gov mil int info biz name app dev ai io co uk us ca de fr au jp cn ru "
    "in it es nl se no ly me tv gl be ch eu nz ie za html htm php asp aspx jsp js json xml "
    "pdf jpg jpeg png gif svg mp3 mp4 doc docx xls xlsx csv txt zip exe py"
)

_CLOSERS = "\"'”’)]}»"
_CLOSER_RUN = re.compile(r"[\"'”’)\]}»]+")
_ALWAYS_CLOSING = frozenset("”’)]}»")

# A sentence end glued to the next word: "killed.The", "said.investigators", 'go."The'.
_GLUED = re.compile(r"(?<=[a-z][a-z])[.!?][\"”’]?(?=[A-Za-z][a-z]+\b)")
# A period or ellipsis (with closers) followed by a capitalised word, inside one span.
_ABBREV_GAP = re.compile(r"(?:\.|…)[\"'”’)\]]*(\s+)([A-Z][A-Za-z'’]*)")
_POSSESSIVE = re.compile(r"['’][A-Za-z]")
_LIST_MARKER = re.compile(r"\(?(?:\d{1,3}|[A-Za-z])[.)]")
_TOKEN_RIGHT = re.compile(r"\S+")
_LETTERS = re.compile(r"[A-Za-z]+")
_WORD_BEFORE_DOT = re.compile(r"([A-Za-z]+)\.[\"'”’)\]]*$")
#: The longest token a rule reads back from a cut. Titles, times, initials and
#: abbreviations are far shorter; a longer run of non-spaces is none of them.
_TOKEN_CAP = 64


def _token_before(text: str, lo: int, pos: int) -> str | None:
    """The run of non-spaces ending at ``pos`` (starting no earlier than ``lo``), or None
    when it is longer than :data:`_TOKEN_CAP`. Reads at most that many characters."""
    i = pos
    stop = max(lo, pos - _TOKEN_CAP - 1)
    while i > stop and not text[i - 1].isspace():
        i -= 1
    if i == stop and i > lo and not text[i - 1].isspace():
        return None
    return text[i:pos]


def _letters_before(text: str, lo: int, pos: int) -> str | None:
    """The run of ASCII letters ending at ``pos`` (not before ``lo``); None when longer
    than :data:`_TOKEN_CAP` (no abbreviation is)."""
    i = pos
    stop = max(lo, pos - _TOKEN_CAP - 1)
    while i > stop and _is_ascii_letter(text[i - 1]):
        i -= 1
    if i == stop and i > lo and _is_ascii_letter(text[i - 1]):
        return None
    return text[i:pos]


def _is_ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


class _QuoteCount:
    """Straight double quotes before a position, counted once for increasing positions."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.count = 0

    def before(self, pos: int) -> int:
        if pos < self.pos:
            self.pos, self.count = 0, 0
        self.count += self.text.count('"', self.pos, pos)
        self.pos = pos
        return self.count


def realign(text: str, cuts: list[int]) -> list[int]:
    """Move each cut past the closing quotes and brackets that end the sentence before it.

    ``text`` is one line. Curly closers and brackets always move; a straight quote is
    judged by :func:`_closes`.
    """
    out: list[int] = []
    quotes = _QuoteCount(text)
    for cut in cuts:
        gap_end = cut
        while gap_end < len(text) and text[gap_end].isspace():
            gap_end += 1
        run = _CLOSER_RUN.match(text, gap_end)
        new_cut = cut
        if run:
            for pos in range(run.start(), run.end()):
                if not _closes(text, pos, quotes):
                    break
                new_cut = pos + 1
        out.append(new_cut)
    return out


def _closes(text: str, pos: int, quotes: _QuoteCount | None = None) -> bool:
    """Whether the closer at ``pos`` ends the sentence before it rather than opening the next.

    A straight double quote glued to the next word opens (``. "The``); one glued to the
    punctuation before it and followed by a space closes (``."  The``). Spaced on both
    sides, as in tokenised text (``it . " the`` vs ``good . " he``), it closes when the line
    before it holds an odd number of them. A straight single quote closes only when it
    touches the punctuation and no letter follows (``n.s.a.'s`` is a possessive).
    """
    char = text[pos]
    before = text[pos - 1] if pos else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    if char == '"':
        if before.isspace() and after.isalnum():
            return False
        if not before.isspace() and (after.isspace() or after in _CLOSERS):
            return True
        before_count = quotes.before(pos) if quotes else text.count('"', 0, pos)
        return before_count % 2 == 1
    if char == "'":
        return not before.isspace() and not after.isalnum()
    return char in _ALWAYS_CLOSING


def glued_cuts(text: str, start: int, end: int, is_abbrev: set[str]) -> list[int]:
    """Cuts inside ``killed.The``-style tokens that are not web addresses or file names."""
    cuts: list[int] = []
    tokens = _TOKEN_RIGHT.finditer(text, start, end)
    token: re.Match[str] | None = None
    address = False
    for m in _GLUED.finditer(text, start, end):
        while token is None or token.end() <= m.start():
            token = next(tokens)  # the run of non-spaces that holds the match
            address = any(mark in token.group() for mark in ("/", "@", "www", "://"))
        if address:
            continue
        after = _LETTERS.match(text, m.end(), end)
        rest = m.end() + (after.end() - after.start() if after else 0)
        if text.startswith(".", rest, end) and rest + 1 < end and text[rest + 1].isalnum():
            continue  # "pic.twitter.com"
        word_before = _letters_before(text, start, m.start())
        if word_before and word_before.lower() in is_abbrev:
            continue  # "Mrs.Smith"
        if after and after.group().lower() in _NOT_A_SENTENCE_START:
            continue
        cuts.append(m.end())
    return cuts


def abbreviation_cuts(text: str, start: int, end: int) -> list[int]:
    """Cuts after an abbreviation or ellipsis that Punkt kept, where a sentence clearly starts.

    ``8 p.m. Results are…`` (a capitalised word after a time that is not a day, month or
    zone) and ``in the U.S. It said…`` (a capitalised closed-class word).
    """
    cuts: list[int] = []
    for m in _ABBREV_GAP.finditer(text, start, end):
        word = m.group(2)
        token = _token_before(text, start, m.start(1))
        if token is not None and _is_title(token):
            continue
        if token is None:  # a long run of non-spaces: judged by its end alone
            token = text[m.start(1) - _TOKEN_CAP : m.start(1)]
        bare = token.rstrip(_CLOSERS).lower()
        is_time = bare.endswith(("a.m.", "p.m."))
        if (is_time and word not in _TIME_CONTINUERS and not word.isupper()) or (
            word in STARTERS and not _is_initial(token, word)
        ):
            cuts.append(m.start(2))
    return cuts


def _is_title(token: str) -> bool:
    m = _WORD_BEFORE_DOT.search(token)
    return m is not None and m.group(1).lower() in TITLES and token.count(".") == 1


def _is_initial(token: str, word: str) -> bool:
    """``E. A. Carter``: a single capital after an initial is another initial."""
    return len(word) == 1 and len(token.rstrip(".")) == 1


def keeps_together(text: str, prev_start: int, cut: int) -> bool:
    """Whether the cut between ``text[prev_start:cut]`` and what follows is wrong.

    ``text`` is one line, so a sentence starting at 0 opens the line.

    Four cases: a possessive after an abbreviation (``the N.S.A.'s``); a question or
    exclamation in quotes followed by lower case is an attribution (``"Are we safe?" one
    parent asked``); a title never ends a sentence (``Sgt. Ben Fuller``); a list marker
    opening a line is not a sentence (``1. The…``).
    """
    if _POSSESSIVE.match(text, cut) and cut and not text[cut - 1].isspace():
        return True
    end = cut  # prev is text[prev_start:end]: the sentence before the cut, right-trimmed
    while end > prev_start and text[end - 1].isspace():
        end -= 1
    nxt = text[cut : cut + 40].lstrip()
    if end == prev_start or not nxt:
        return False
    bare_end = end
    while bare_end > prev_start and text[bare_end - 1] in _CLOSERS:
        bare_end -= 1
    closed = bare_end != end and bare_end > prev_start and text[bare_end - 1] in "?!"
    if closed and nxt[0].islower():
        return True
    last = _token_before(text, prev_start, end)
    if last is not None and _is_title(last):
        return True
    return prev_start == 0 and _LIST_MARKER.fullmatch(text, 0, end) is not None
