"""Roles the text gives a person: "defence ministry spokeswoman Maria Okafor" (a
pre-modifier), "Maria Okafor, the defence ministry spokeswoman," or "Omar Safi,
governor of Kunduz" (an appositive).

A role is found only next to a mention and only when it contains a role noun
(spokeswoman, minister, governor, chief...), so ordinary clauses are not mistaken
for roles.
"""

from __future__ import annotations

import re

from storyline.model import Span


def _words(text: str) -> frozenset[str]:
    """The space-separated words of ``text`` (keeps long word lists readable)."""
    return frozenset(text.split())


_ROLE_NOUNS = _words(
    "spokesman spokeswoman spokesperson minister president vice-president governor chief "
    "commander official officer director head leader mayor secretary ambassador envoy general "
    "chairman chairwoman chair ceo founder co-founder senator congressman congresswoman "
    "lawmaker legislator representative lawyer attorney prosecutor judge analyst professor "
    "researcher scientist doctor surgeon correspondent reporter editor author writer actor "
    "actress singer manager coach captain witness resident survivor deputy adviser advisor "
    "member student teacher pilot colonel sergeant lieutenant superintendent inspector "
    "administrator coordinator negotiator mediator executive economist expert activist "
    "campaigner candidate premier chancellor king queen prince princess monarch chancellor "
    "sheriff marshal detective investigator owner president-elect speaker presenter anchor "
    "anchorman anchorwoman newsreader broadcaster journalist photographer photojournalist "
    "cameraman commentator columnist host producer blogger"
)
_NOUN = r"(?:" + "|".join(sorted(set(_ROLE_NOUNS), key=len, reverse=True)) + r")s?"
_PRE = re.compile(rf"((?:[\w'’.&-]+\s+){{0,5}}?{_NOUN})\s*,?\s*$", re.IGNORECASE)
#: A role noun ending the text: :data:`_PRE` can match only where this does (checked on
#: the last characters first, because ``_PRE.search`` tries five lazy words before every
#: position of the text and was a fifth of the dossier's time outside spaCy).
_ENDS_IN_NOUN = re.compile(rf"{_NOUN}\Z", re.IGNORECASE)
#: Characters the longest role noun, plural, can span ("photojournalists").
_LONGEST = max(map(len, _ROLE_NOUNS)) + 1
_APPOS = re.compile(
    r"^\s*,\s+(?:(?:the|a|an)\s+)?([^,.;:()\n\"“”]{2,90}?)"
    r"(?=\s*(?:[,.;:)]|$|\s+(?:said|says|told|added|who)\b))",
    re.IGNORECASE,
)
_HAS_NOUN = re.compile(rf"\b{_NOUN}\b", re.IGNORECASE)
#: Words that end a pre-modifier looking backwards ("... said ministry spokeswoman X").
_STOP = _words(
    "the a an said says told and but or according to by with that as while when his her their "
    "its our my your this these those for on in at from was were is are be been has have had "
    "who which after before than also then of"
)
_BAD_START = re.compile(
    r"^(?:who|which|where|whose|whom|said|says|told|when|while|but|and)\b", re.IGNORECASE
)


def find_role(text: str, mention: Span) -> str | None:
    """The role ``text`` gives the person mentioned at ``mention``, if any."""
    return _appositive(text, mention.end) or _premodifier(text, mention.start)


def _premodifier(text: str, start: int) -> str | None:
    """Role words right before the name, cut back at the first function word."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 80) : start]
    before = re.split(r"[.!?][\"”’']?\s+(?=[A-Z\"“])", before)[-1]  # this sentence only
    if not before.strip() or before.rstrip().endswith(","):
        return None
    if not _ENDS_IN_NOUN.search(before.rstrip()[-_LONGEST:]):
        return None
    m = _PRE.search(before)
    if not m:
        return None
    words = m.group(1).split()
    kept: list[str] = []
    for w in reversed(words):
        if w.casefold() in _STOP or not re.match(r"^[\w'’.&-]+$", w):
            break
        kept.insert(0, w)
    role = " ".join(kept).strip(" .")
    return role if role and _HAS_NOUN.search(role) else None


def _appositive(text: str, end: int) -> str | None:
    """The noun phrase set off by a comma right after the name, if it names a role."""
    line_end = text.find("\n", end)
    after = text[end : line_end if line_end >= 0 else len(text)][:120]
    m = _APPOS.match(after)
    if not m:
        return None
    role = m.group(1).strip()
    if _BAD_START.match(role) or len(role.split()) > 10 or not _HAS_NOUN.search(role):
        return None
    return role


def has_role_noun(phrase: str) -> bool:
    """True when ``phrase`` contains a role noun ("spokeswoman", "governor"...)."""
    return bool(_HAS_NOUN.search(phrase))
