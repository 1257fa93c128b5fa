"""The dossier's claims: who said what, and what the sources themselves doubt.

For every sentence:

1. **attribution** — find a reporting verb ("said", "told", "denied", "according
   to"...) with its speaker: the words just before the verb ("Okafor said",
   "officials said", "the spokeswoman said"), or after it ("..., said Okafor").
   The claim is the rest of the sentence on the other side (without "that",
   quotes, or the person told: "told Reuters that ...").
2. **speaker** — resolved to an actor where possible: a mention of the actor in the
   speaker's words, "he"/"she" -> the last person named earlier in the same
   document, "the spokeswoman" -> the person of that document with that role.
3. **unverified** — the source marks the statement as doubtful ("could not be
   independently verified", "reportedly", "allegedly", "unconfirmed"...).
4. **merge** — the same claim from several documents (same speaker, same polarity,
   most content words shared) becomes one :class:`Claim` citing every sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.annotate.roles import has_role_noun
from storyline.model import Corpus, Document, Span
from storyline.model.dossier import Actor, Claim


def _words(text: str) -> frozenset[str]:
    """The space-separated words of ``text`` (keeps long word lists readable)."""
    return frozenset(text.split())


#: Reporting verbs. "states" and "reports" are left out: too often nouns ("United States").
_VERB = re.compile(
    r"\b(?P<verb>said|says|say|told|tells|tweeted|tweets|claimed|claims|confirmed|confirms"
    r"|denied|denies|deny|insisted|insists|stated|added|adds|warned|warns|announced"
    r"|announces|reported)\b"
    r"|\b(?P<acc>according\s+to)\b",
    re.IGNORECASE,
)
#: Verbs that may come before their speaker ("..., said Okafor").
_INVERTIBLE = {"said", "says", "added", "told", "warned", "insisted"}
_PASSIVE = re.compile(r"\b(?:was|were|been|be|is|are|being|it|has|have|had)\s*$", re.IGNORECASE)
_DENY = {"denied", "denies", "deny"}
_UNVERIFIED = re.compile(
    r"\b(?:(?:could|can|can't|cannot|could\s+not)\s+(?:not\s+)?(?:be\s+)?(?:independently\s+)?"
    r"(?:verified|verify|confirmed|confirm)"
    r"|(?:was|were|is|are)\s+unable\s+to\s+(?:independently\s+)?(?:verify|confirm)"
    r"|(?:has|have|had)\s+not\s+been\s+(?:independently\s+)?(?:verified|confirmed)"
    r"|purportedly|purported|reportedly|allegedly|alleged|claims?|unconfirmed|unverified"
    r"|it\s+(?:is|was|remains|remained)\s+(?:not\s+clear|unclear))\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"^(?:he|she)$", re.IGNORECASE)
_NP_STOP = _words(
    "that and but which who whom whose when while as if because so or than then also later "
    "earlier had has have was were is are did does do will would could should may might said "
    "says told added in on at of for to from with by after before"
)
_WORD_RE = re.compile(r"[\w'’.-]+")
#: A relative clause ending right before the verb: "..., who said", "Police who arrived
#: at the scene said" ("that" is left out: it is more often "said that").
_RELATIVE = re.compile(r"\b(?:who|which)\b(?:\s+[^\s,.;:\"“”]+){0,8}\s*$", re.IGNORECASE)
#: "that/who/which" ending the text before a verb phrase ("The authority that | runs...").
_RELATIVE_BEFORE = re.compile(r"(?:,\s*)?\b(?:that|who|which)\s*$", re.IGNORECASE)
#: A verb with its object, not a noun phrase: "runs the Kessa dam", "owns a bakery".
_VERB_PHRASE = re.compile(r"^[a-z][\w'’-]*\s+(?:the|a|an|its|their|his|her)\s+\S")
#: Prepositions a speaker's noun phrase may hold ("a spokeswoman for the authority").
_ATTACH = _words("of for at from in on")
_TIME_TAIL = re.compile(
    r"\s+(?:(?:on|last|this|late|early)\s+)?(?:\w+day|today|yesterday|week|month|"
    r"morning|evening|night)(?:\s+(?:morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)
#: A quotation opening the sentence and ending before the speaker ('"We found it sound," he').
_QUOTE_FIRST = re.compile(r'^\s*["“][^"“”]{3,}[,.!?]?["”]\s*,?\s*$')
_CONTENT = re.compile(r"[^\W\d_]{3,}")
_FUNCTION = _words(
    "the and that this with from have has had was were are for not but its their his her "
    "they them said says been will would could into than then there which who what when"
)


@dataclass(frozen=True, slots=True)
class _Found:
    """One claim found in one sentence (offsets into the article text)."""

    sentence: Span
    claim: tuple[int, int]
    speaker: str | None
    verb: str | None
    marker: str | None


def find_claims(corpus: Corpus, actors: Sequence[Actor]) -> list[Claim]:
    """Attributed and unverified statements of ``corpus``, merged across documents.

    Claims reported by more documents come first; ties keep reading order.
    """
    found: list[_Found] = []
    for doc in corpus.documents:
        people = _PersonIndex(doc.index, actors)
        for sentence in doc.sentences:
            f = _claim_in(doc, sentence, people)
            if f is not None:
                found.append(f)
    return _merge(corpus, found)


class _PersonIndex:
    """Actor mentions of one document, for speaker resolution."""

    def __init__(self, doc: int, actors: Sequence[Actor]) -> None:
        self.mentions = sorted(
            ((m.start, m.end, a) for a in actors for m in a.mentions if m.doc == doc),
            key=lambda t: (t[0], t[1]),
        )
        self.names: dict[str, Actor] = {}
        for a in reversed(actors):  # most salient wins
            forms = [a.name, *a.aliases]
            if a.type == "person":
                forms.append(a.name.split()[-1])
            self.names.update({f.casefold(): a for f in forms})

    def named(self, phrase: str) -> Actor | None:
        """The actor whose name, alias or surname is ``phrase`` (any case)."""
        return self.names.get(re.sub(r"^(?i:the)\s+", "", phrase).casefold())

    def overlapping(self, start: int, end: int) -> Actor | None:
        hits = [a for s, e, a in self.mentions if s < end and start < e]
        return next((a for a in hits if a.type == "person"), hits[0] if hits else None)

    def last_person_before(self, pos: int) -> Actor | None:
        people = [a for s, _, a in self.mentions if s < pos and a.type == "person"]
        return people[-1] if people else None

    def with_role(self, noun: str) -> Actor | None:
        noun = noun.casefold().rstrip("s")
        for _, _, a in self.mentions:
            if a.type == "person" and a.role and a.role.casefold().split()[-1].rstrip("s") == noun:
                return a
        return None


def _claim_in(doc: Document, sentence: Span, people: _PersonIndex) -> _Found | None:
    """Steps 1-3 for one sentence."""
    text = doc.text[sentence.start : sentence.end]
    marker = _UNVERIFIED.search(text)
    attribution = _attribution(text)
    if attribution is None and marker is None:
        return None
    off = sentence.start
    if attribution is None:
        a, b = _trim(text, 0, len(text))
        return _Found(sentence, (off + a, off + b), None, None, marker.group(0) if marker else None)
    (sa, sb), verb, (ca, cb) = attribution
    speaker = _resolve(text[sa:sb], off + sa, off + sb, people)
    return _Found(
        sentence, (off + ca, off + cb), speaker, verb, marker.group(0) if marker else None
    )


def _attribution(text: str) -> tuple[tuple[int, int], str, tuple[int, int]] | None:
    """``(speaker span, verb, claim span)`` in ``text`` for the first attribution found."""
    found = _attribution_match(text)
    if found is None:
        return None
    speaker, m, claim = found
    return speaker, re.sub(r"\s+", " ", m.group(0).casefold()), claim


def _attribution_match(
    text: str,
) -> tuple[tuple[int, int], re.Match[str], tuple[int, int]] | None:
    """``(speaker span, verb match, claim span)`` for the first attribution in ``text``."""
    for m in _VERB.finditer(text):
        found = _according(text, m) if m.group("acc") else _reporting(text, m)
        if found is not None:
            speaker, claim = found
            if len(_WORD_RE.findall(text[claim[0] : claim[1]])) >= 3:
                return speaker, m, claim
    return None


Pair = tuple[int, int]


def attribution_spans(
    doc: Document, actors: Sequence[Actor]
) -> list[tuple[Pair | None, Pair | None, Pair, str | None, bool]]:
    """``(source, cue, content, speaker, unverified)`` for each sentence of ``doc`` with an
    attribution or an unverified marker (steps 1-3); offsets into the document's text."""
    people = _PersonIndex(doc.index, actors)
    out: list[tuple[Pair | None, Pair | None, Pair, str | None, bool]] = []
    for sentence in doc.sentences:
        text = doc.text[sentence.start : sentence.end]
        off = sentence.start
        marker = _UNVERIFIED.search(text) is not None
        found = _attribution_match(text)
        if found is None:
            if marker:
                a, b = _trim(text, 0, len(text))
                out.append((None, None, (off + a, off + b), None, True))
            continue
        (sa, sb), m, (ca, cb) = found
        speaker = _resolve(text[sa:sb], off + sa, off + sb, people)
        out.append(
            ((off + sa, off + sb), (off + m.start(), off + m.end()), (off + ca, off + cb),
             speaker, marker)
        )  # fmt: skip
    return out


def _according(text: str, m: re.Match[str]) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """ "According to X, claim." or "Claim, according to X." """
    tail = re.match(r"\s*([^,.;:\n]{2,80})", text[m.end() :])
    if not tail:
        return None
    speaker = (m.end() + tail.start(1), m.end() + tail.end(1))
    if text[: m.start()].strip(" \"“”'"):
        claim = _trim(text, 0, m.start())
    else:
        claim = _trim(text, speaker[1], len(text))
    return speaker, claim


def _reporting(text: str, m: re.Match[str]) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """ "X said (that) claim.", "Claim, X said." or "Claim, said X." """
    if _PASSIVE.search(text[: m.start()]):
        return None
    subject = _subject_before(text, m.start())
    if subject is not None:
        right = _after_verb(text, m.end(), m.group("verb").casefold())
        if _QUOTE_FIRST.match(text[: subject[0]]) or len(_WORD_RE.findall(text[right:])) < 3:
            return subject, _trim(text, 0, subject[0])  # '"Quote," he told reporters in X.'
        return subject, _trim(text, right, len(text))
    after = re.match(r"\s*([^,.;:\n\"“”]{2,80})", text[m.end() :])
    if (
        after is None
        or m.group("verb").casefold() not in _INVERTIBLE
        or len(after.group(1).split()) > 8
        or not text[: m.start()].strip()
    ):
        return None
    speaker = (m.end() + after.start(1), m.end() + after.end(1))
    return speaker, _trim(text, 0, m.start())


def _subject_before(text: str, verb_start: int) -> tuple[int, int] | None:
    """The noun phrase right before the verb, with its appositive if it has one
    ("Maria Okafor, the ministry spokeswoman, said"); a relative clause between the
    speaker and the verb is skipped ("The authority that runs the dam denied",
    "a spokeswoman for the authority on Monday, who said")."""
    apposed = re.search(r",\s*([^,\n\"“”]{2,90}),\s*$", text[:verb_start])
    if apposed and _RELATIVE.match(apposed.group(1)):  # "The company, which built it, said"
        return _noun_phrase(text, apposed.start())
    if apposed and _is_appositive(apposed.group(1)):
        head = _noun_phrase(text, apposed.start())
        if head is not None:
            return head[0], apposed.end(1)
    relative = _RELATIVE.search(text[:verb_start])
    if relative is not None:  # "Police who arrived at the scene said", "..., who said"
        return _relative_head(text, relative.start())
    found = _noun_phrase(text, verb_start)
    if found is None or not _VERB_PHRASE.match(text[found[0] : found[1]]):
        return found
    relative = _RELATIVE_BEFORE.search(text[: found[0]])
    return _relative_head(text, relative.start()) if relative else None


def _relative_head(text: str, end: int) -> tuple[int, int] | None:
    """The noun phrase a relative clause starting at ``end`` belongs to, walking back
    through "of/for/at/from/in/on" attachments and dropping a trailing time phrase."""
    end = len(text[:end].rstrip(" ,"))
    words = list(_WORD_RE.finditer(text[:end]))
    kept: list[re.Match[str]] = []
    stop = end
    for w in reversed(words[-10:]):
        word = w.group(0).casefold()
        if text[w.end() : stop].strip() or (word in _NP_STOP and word not in _ATTACH):
            break
        kept.insert(0, w)
        stop = w.start()
    while kept and kept[0].group(0).casefold() in _ATTACH:
        kept.pop(0)
    phrase = " ".join(w.group(0) for w in kept)
    tail = _TIME_TAIL.search(phrase)
    if tail:
        kept = kept[: len(phrase[: tail.start()].split())]
    while kept and kept[-1].group(0).casefold() in _ATTACH:
        kept.pop()
    if not kept:
        return None
    return kept[0].start(), kept[-1].end()


def _is_appositive(phrase: str) -> bool:
    """ "the ministry spokeswoman", "an armed group", "governor of Varna"."""
    return bool(re.match(r"(?i:the|a|an)\s", phrase.strip())) or has_role_noun(phrase)


def _noun_phrase(text: str, verb_start: int) -> tuple[int, int] | None:
    """The noun phrase (at most six words) right before ``verb_start``, if there is one."""
    words = list(_WORD_RE.finditer(text[:verb_start]))
    kept: list[re.Match[str]] = []
    end = verb_start
    for w in reversed(words[-6:]):
        gap = text[w.end() : end]
        if gap.strip() or w.group(0).casefold() in _NP_STOP:
            break
        kept.insert(0, w)
        end = w.start()
    if not kept:
        return None
    return kept[0].start(), kept[-1].end()


def _after_verb(text: str, pos: int, verb: str) -> int:
    """Where the claim starts after the verb: skip who was told, "on Monday", "that"."""
    rest = text[pos:]
    if verb in {"told", "tells"}:
        obj = re.match(
            r"\s*(?:(?:the|a|an)\s+)?(?:[A-Z][\w.&'’-]*\s*){1,4}|\s*(?:reporters|journalists|"
            r"him|her|them|us|me|parliament|lawmakers)\b",
            rest,
        )
        if obj:
            pos += obj.end()
    skip = re.match(
        r"\s*(?:(?:on\s+)?(?i:\w+day|today|yesterday|last\s+week|earlier|later)\b\s*)?,?\s*"
        r"(?:that\b)?",
        text[pos:],
    )
    return pos + (skip.end() if skip else 0)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding spaces, quotes, commas and the final full stop."""
    strip = " \t\n,;:\"“”‘’'-–—"
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip + ".":
        end -= 1
    return start, end


def _resolve(phrase: str, start: int, end: int, people: _PersonIndex) -> str | None:
    """Step 2: the actor behind the speaker's words, else the words themselves."""
    phrase = phrase.strip()
    if _PRONOUN.match(phrase):
        person = people.last_person_before(start)
        return person.name if person else None
    if re.fullmatch(r"(?i:they|it|we|i|you)", phrase):
        return None
    actor = people.overlapping(start, end) or people.named(phrase)
    if actor is not None:
        return actor.name
    role = re.fullmatch(r"(?i:the)\s+(?:[\w-]+\s+){0,3}?([\w-]+)", phrase)
    if role:
        person = people.with_role(role.group(1))
        if person is not None:
            return person.name
    return phrase


def _merge(corpus: Corpus, found: list[_Found]) -> list[Claim]:
    """Step 4: one Claim per (speaker, polarity, similar text), citing every sentence."""
    groups: list[list[_Found]] = []
    words: list[set[str]] = []
    for f in found:
        w = _content(corpus.documents[f.sentence.doc].text[f.claim[0] : f.claim[1]])
        for i, g in enumerate(groups):
            if _same(g[0], f) and _jaccard(words[i], w) >= 0.5:
                g.append(f)
                words[i] |= w
                break
        else:
            groups.append([f])
            words.append(w)
    order = sorted(groups, key=lambda g: (-len({f.sentence.doc for f in g}), g[0].sentence))
    return [_claim(corpus, g) for g in order]


def _same(a: _Found, b: _Found) -> bool:
    speaker = (a.speaker or "").casefold() == (b.speaker or "").casefold()
    polarity = (a.verb in _DENY) == (b.verb in _DENY)
    return speaker and polarity and (a.verb is None) == (b.verb is None)


def _content(text: str) -> set[str]:
    return {w for w in (x.casefold() for x in _CONTENT.findall(text)) if w not in _FUNCTION}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _claim(corpus: Corpus, group: list[_Found]) -> Claim:
    first = group[0]
    text = corpus.documents[first.sentence.doc].text[first.claim[0] : first.claim[1]]
    cites = tuple(
        dict.fromkeys(
            Span(f.sentence.doc, f.sentence.start, f.sentence.end, "claim") for f in group
        )
    )
    marker = next((f.marker for f in group if f.marker), None)
    return Claim(
        speaker=first.speaker,
        text=text,
        verb=first.verb,
        unverified=marker is not None,
        citations=cites,
        marker=marker,
    )
