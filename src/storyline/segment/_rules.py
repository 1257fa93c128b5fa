"""The cheap rules storyline lays over Punkt, each one a fix for a measured miss.

Every rule works on *cuts*: offsets where one sentence ends and the next begins
(whitespace around a cut is trimmed later). A rule adds a cut, moves one, or drops one;
it never edits text, so no character of a region can be lost.
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
_TOKEN_LEFT = re.compile(r"\S+$")
_TOKEN_RIGHT = re.compile(r"\S+")
_WORD_BEFORE_DOT = re.compile(r"([A-Za-z]+)\.[\"'”’)\]]*$")


def realign(text: str, cuts: list[int]) -> list[int]:
    """Move each cut past the closing quotes and brackets that end the sentence before it.

    ``text`` is one line. Curly closers and brackets always move; a straight quote is
    judged by :func:`_closes`.
    """
    out: list[int] = []
    for cut in cuts:
        gap_end = cut
        while gap_end < len(text) and text[gap_end].isspace():
            gap_end += 1
        run = _CLOSER_RUN.match(text, gap_end)
        new_cut = cut
        if run:
            for pos in range(run.start(), run.end()):
                if not _closes(text, pos):
                    break
                new_cut = pos + 1
        out.append(new_cut)
    return out


def _closes(text: str, pos: int) -> bool:
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
        return text.count('"', 0, pos) % 2 == 1
    if char == "'":
        return not before.isspace() and not after.isalnum()
    return char in _ALWAYS_CLOSING


def glued_cuts(text: str, start: int, end: int, is_abbrev: set[str]) -> list[int]:
    """Cuts inside ``killed.The``-style tokens that are not web addresses or file names."""
    cuts: list[int] = []
    for m in _GLUED.finditer(text, start, end):
        left = _TOKEN_LEFT.search(text, start, m.start())
        right = _TOKEN_RIGHT.match(text, m.end(), end)
        token = (left.group() if left else "") + m.group() + (right.group() if right else "")
        if any(mark in token for mark in ("/", "@", "www", "://")):
            continue
        after = re.match(r"[A-Za-z]+", text[m.end() : end])
        rest = text[m.end() + (after.end() if after else 0) : end]
        if rest.startswith(".") and rest[1:2].isalnum():
            continue  # "pic.twitter.com"
        word_before = re.search(r"[A-Za-z]+$", text[start : m.start()])
        if word_before and word_before.group().lower() in is_abbrev:
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
        left = _TOKEN_LEFT.search(text, start, m.start(1))
        token = left.group() if left else ""
        if _is_title(token):
            continue
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
    prev = text[prev_start:cut].rstrip()
    nxt = text[cut : cut + 40].lstrip()
    if not prev or not nxt:
        return False
    bare = prev.rstrip(_CLOSERS)
    if bare != prev and bare.endswith(("?", "!")) and nxt[0].islower():
        return True
    last = prev.rsplit(None, 1)[-1]
    if _is_title(last):
        return True
    return prev_start == 0 and _LIST_MARKER.fullmatch(prev) is not None
