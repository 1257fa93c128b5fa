"""The dossier's actors: people, organisations and places, merged across documents.

1. **recognise** — run the NER model sentence by sentence
   (:func:`~storyline.annotate.ner.recognize`).
2. **tidy** — fix cheap weak spots of a small model: strip a leading "the", a trailing
   "'s", honorifics and photo-credit leftovers ("Kunduz Image"); drop months, weekdays
   and numbers; drop outlets named as sources ("told Reuters"); keep NORP only for
   groups ("the Taliban").
3. **evidence** — every mention also gathers cheap type votes from its words and
   context (:func:`_evidence`): an organisation suffix ("Brantwell Engineering",
   "Norsund Lines"), a place context ("in Dunmore", "the town of Velmar", "residents
   of Velmar", "Velmar-based", "the Skerra council"), person evidence (an honorific,
   a role, a two-word name followed by "said").
4. **merge** — mentions with the same words become one actor; a lone surname or
   honorific form joins the full name ("Ms Okafor" -> "Maria Okafor"); an acronym joins
   its expansion ("UN" -> "United Nations"). The actor's type is the vote of all its
   mentions: each spaCy label counts once, each piece of evidence twice.
5. **roles** — "defence ministry spokeswoman Maria Okafor", "Maria Okafor, the defence
   ministry spokeswoman,", "X, governor of Y" (:mod:`storyline.annotate.roles`).
6. **rank** — by salience: share of documents naming the actor, mentions, earliness.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from storyline.analyze.sourcing import outlet_spans
from storyline.annotate.ner import EntityRecognizer, recognize
from storyline.annotate.roles import find_role
from storyline.model import Corpus, Document, Span
from storyline.model.dossier import Actor


def _words(text: str) -> frozenset[str]:
    """The space-separated words of ``text`` (keeps long word lists readable)."""
    return frozenset(text.split())


_TYPES = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "organization",
}
#: Groups a small model tags NORP or misses; always organisations.
_GROUPS = {
    "taliban",
    "al-qaeda",
    "al qaeda",
    "hamas",
    "hezbollah",
    "houthis",
    "houthi",
    "isis",
    "isil",
    "islamic state",
    "al-shabab",
    "al-shabaab",
    "boko haram",
    "haqqani network",
    "pkk",
    "ypg",
    "farc",
    "nato",
    "un",
    "eu",
}
_HONORIFICS = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|lady|lord|rev|fr|sgt|cpl|pte|lt|capt|maj|col"
    r"|gen|adm|sen|rep|gov|pres|st)\.?|president|general|senator|governor|minister|judge"
    r"|justice|mayor|king|queen|prince|princess|pope|sheikh|imam|mullah|commander|colonel"
    r"|captain|major|lieutenant|sergeant|chancellor|premier)\s+",
    re.IGNORECASE,
)
_MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_DAYS = _words("monday tuesday wednesday thursday friday saturday sunday today yesterday")
_TIME_WORDS = set(_MONTHS) | set(_DAYS)
_CREDIT_TAIL = re.compile(
    r"\s+(?:image|images|photo|photos|picture|pictures|credit|caption|video|getty|file)\b.*$",
    re.IGNORECASE,
)
_SAID_AFTER = re.compile(r"^\s*(?:said|says|told|added|tweeted|insisted|warned)\b")
_ORG_WORDS = re.compile(
    r"\b(?:ministry|council|police|army|forces|party|government|court|agency|bank|university"
    r"|committee|department|office|inc|ltd|corp|company|group|union|organi[sz]ation|league"
    r"|association|institute|commission|parliament|assembly|network|front|movement|brigade)\b",
    re.IGNORECASE,
)
#: Last words that make a name an organisation ("Brantwell Engineering", "Norsund Lines").
_ORG_SUFFIX = _words(
    "Engineering Lines Ltd Limited Inc Corp Corporation Co Group Authority Ministry Agency "
    "Council Party Bank Airlines Airways Company Tribune News Radio Union Association "
    "Institute University College Hospital Police Army Navy Industries Holdings Partners "
    "Services Systems Energy Motors Foods Textiles Shipping Ferries Railways Rail Logistics "
    "Construction Technologies Labs Foundation Trust Fund Committee Commission Court "
    "Department Office Board Network Media Times Herald Courier Ledger Journal Gazette Press "
    "TV Wire Post Club Federation Alliance Front Movement Brigade Church Mining Steel Oil Gas "
    "Pharmaceuticals Insurance Capital Ventures Studios Airport PLC plc LLC GmbH AG SA"
)
#: A short honorific just before a name the model cut it from ("Ms | Varga").
_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame)\.?\s+$")
#: A preposition before a name: a place rather than a person ("in Dunmore"), but as
#: likely an organisation ("in Congress"), so it only outvotes a person label.
_PLACE_PREP = re.compile(
    r"\b(?:in|near|outside|across|around|inside|throughout|towards?)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: Contexts right before a name that make it a place ("the town of Velmar").
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:town|city|village|province|district|region|county|port|capital|island|state"
    r"|country|municipality|suburb|residents|people|citizens|mayor|outskirts|centre|center"
    r"|streets|north|south|east|west)\s+of\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
#: Contexts right after a name that make it a place ("Velmar-based", "the Skerra council").
_PLACE_AFTER = re.compile(
    r"^(?:-based\b|\s+(?:council|route|region|area|district|island|coast|harbou?r|valley"
    r"|province|county|residents|municipality|shoreline|waterfront)\b)"
)
#: One-word "organisations" a small model finds inside role phrases ("Defence ministry ...").
_GENERIC_ORG = _words(
    "defence defense interior foreign health finance justice education ministry government "
    "police army military state federal national city council parliament congress senate"
)
_STRIP_CHARS = " \t\n\"'“”‘’.,;:!?()[]-–—"


@dataclass(frozen=True, slots=True)
class Mention:
    """One tidied entity mention: its span (label = type) and normalised words."""

    span: Span
    #: The words as written, without "the", honorifics or "'s" ("Okafor").
    surface: str
    key: str
    type: str
    #: The form as written with its honorific, for the actor's aliases ("Ms Okafor").
    alias: str = ""
    #: Type votes from the words and context (:func:`_evidence`), beside ``type``.
    votes: tuple[str, ...] = ()


def find_actors(corpus: Corpus, recognizer: EntityRecognizer) -> list[Actor]:
    """Actors of ``corpus``, merged across documents, most salient first."""
    return actors_from_mentions(corpus, entity_mentions(corpus, recognizer))


def entity_mentions(corpus: Corpus, recognizer: EntityRecognizer) -> list[list[Mention]]:
    """Steps 1-3: the tidied entity mentions of each document (what ``storyline annotate``
    lists as a document's entities, and what the actors are built from)."""
    found = recognize(corpus, recognizer)
    return [_tidy_all(doc, spans) for doc, spans in zip(corpus.documents, found, strict=True)]


def actors_from_mentions(corpus: Corpus, mentions: Iterable[Iterable[Mention]]) -> list[Actor]:
    """Steps 4-6: mentions merged into actors, typed by vote, most salient first."""
    clusters = _merge([m for doc in mentions for m in doc])
    actors = [_actor(corpus, ms) for ms in clusters]
    return sorted(actors, key=lambda a: (-a.salience, a.name))


def _tidy_all(doc: Document, spans: Iterable[Span]) -> list[Mention]:
    """Step 2 for one document: tidy each span, drop outlets cited as sources."""
    outlets = [(s.start, s.end) for s in outlet_spans(doc)]
    out: list[Mention] = _dateline_places(doc)
    for span in spans:
        m = _tidy(doc, span)
        if m is None or any(a < m.span.end and m.span.start < b for a, b in outlets):
            continue
        out.append(m)
    return out


def _dateline_places(doc: Document) -> list[Mention]:
    """The places named by a dateline ("MOSUL, Iraq (Reuters) -" -> MOSUL, Iraq)."""
    if doc.dateline is None:
        return []
    line = doc.text[doc.dateline.start : doc.dateline.end]
    head = re.match(r"\s*([^()\n]*?)\s*(?:\(|[-–—]|$)", line)
    if not head:
        return []
    out: list[Mention] = []
    for part in re.finditer(r"[^\W\d_][\w.' -]*[\w.]", head.group(1)):
        start = doc.dateline.start + head.start(1) + part.start()
        end = start + len(part.group(0).rstrip(". "))
        key = _key(doc.text[start:end])
        if key and not _is_time(key):
            out.append(
                Mention(
                    Span(doc.index, start, end, "place"),
                    doc.text[start:end],
                    key,
                    "place",
                    votes=("place", "place"),
                )
            )
    return out


def _tidy(doc: Document, span: Span) -> Mention | None:
    """A cleaned mention for one NER span, or None when it is not an actor."""
    kind = _TYPES.get(span.label)
    if kind is None:
        return None
    text = doc.text
    start, end, titled = _trim(text, span.start, span.end)
    if end <= start:
        return None
    surface = text[start:end]
    key = _key(surface)
    if not key or not re.search(r"[^\W\d_]", key) or _is_time(key):
        return None
    if kind == "organization" and key in _GENERIC_ORG:
        return None
    kind = _reclassify(span.label, kind, key, text[max(0, start - 5) : start], text[end : end + 12])
    if kind is None:
        return None
    votes: tuple[str, ...]
    if _in_dateline(doc, start, end):
        kind, votes = "place", ("place", "place")
    else:
        votes = _evidence(text, Span(span.doc, start, end, kind), key, titled < start)
    alias = text[titled:end]
    return Mention(Span(span.doc, start, end, kind), surface, key, kind, alias, votes)


def _evidence(text: str, span: Span, key: str, titled: bool) -> tuple[str, ...]:
    """Step 3: type votes (each counted twice) from a mention's words and context."""
    surface = text[span.start : span.end]
    before = text[max(0, span.start - 40) : span.start]
    after = text[span.end : span.end + 30]
    votes: list[str] = []
    if surface.split()[-1] in _ORG_SUFFIX:
        votes.append("organization")
    elif _place_context(before, after, span.label):
        votes.append("place")
    said = bool(_SAID_AFTER.match(after)) and _looks_like_name(key, before[-5:])
    titled = titled or bool(_TITLE_BEFORE.search(before))
    if titled or (not votes and (said or find_role(text, span) is not None)):
        votes.append("person")
    return tuple(v for v in votes for _ in range(2))


def _in_dateline(doc: Document, start: int, end: int) -> bool:
    """True for the place name of a dateline ("VARNA (Reuters) -")."""
    if doc.dateline is not None:
        return doc.dateline.start <= start and end <= doc.dateline.end
    return (
        bool(
            re.match(r"[\s,A-Za-z.'-]{0,40}\([^()\n]{2,40}\)\s*[-–—]", doc.text[start : start + 90])
        )
        and not doc.text[:start].strip()
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int, int]:
    """Offsets without a leading "the"/honorific, trailing "'s", credit words or punctuation.

    Returns ``(start, end, titled)``: ``titled`` is where the name starts with its honorific.
    """
    piece = text[start:end]
    piece_cut = piece.split("/")[0] if "/" in piece else piece  # "Reuters/Tim Wimborne"
    end = start + len(piece_cut)
    credit = _CREDIT_TAIL.search(text[start:end])
    if credit and credit.start() > 0:
        end = start + credit.start()
    while start < end and text[start] in _STRIP_CHARS:
        start += 1
    lead = re.match(r"(?i:the)\s+", text[start:end])
    if lead:
        start += lead.end()
    titled = start
    while True:
        h = _HONORIFICS.match(text[start:end])
        if not h or h.end() >= end - start:
            break
        start += h.end()
    poss = re.search(r"['’]s?$", text[start:end])
    if poss:
        end = start + poss.start()
    while end > start and text[end - 1] in _STRIP_CHARS:
        end -= 1
    return start, end, min(titled, start)


def _key(surface: str) -> str:
    """Normalised words used to compare mentions: case-folded, no dots, one space."""
    words = surface.replace(".", "").replace("’", "'").casefold().split()
    return " ".join(words)


def _is_time(key: str) -> bool:
    words = key.split()
    return all(w in _TIME_WORDS or w.isdigit() for w in words)


def _place_context(before: str, after: str, label: str) -> bool:
    """ "the town of X", "residents of X", "X-based", "the X council"; "in X" only
    against a person label."""
    if _PLACE_BEFORE.search(before) or _PLACE_AFTER.match(after):
        return True
    return label == "person" and bool(_PLACE_PREP.search(before))


def _reclassify(label: str, kind: str, key: str, before: str, after: str) -> str | None:
    """Fix obvious model errors with rules; None drops the mention."""
    if key in _GROUPS:
        return "organization"
    if label == "NORP":
        # A nationality adjective ("Afghan officials") is not an actor; a group is.
        group = re.match(r"^\s*(?:[,.;:)]|said|says|have|has|were|was|are|claimed|fighters)", after)
        return "organization" if group and re.search(r"(?i)the\s*$", before) else None
    return kind


def _looks_like_name(key: str, before: str) -> bool:
    """Two or three plain words, no organisation word, not after "the"."""
    words = key.split()
    return (
        2 <= len(words) <= 3
        and all(w.isalpha() or "-" in w for w in words)
        and not _ORG_WORDS.search(key)
        and not any(w.casefold() == words[-1] for w in _ORG_SUFFIX)
        and not re.search(r"(?i)\bthe\s*$", before)
    )


def _merge(mentions: list[Mention]) -> list[list[Mention]]:
    """Step 3: cluster mentions by key, then join surnames and acronyms to full forms."""
    by_key: dict[str, list[Mention]] = {}
    for m in mentions:
        by_key.setdefault(m.key, []).append(m)
    types = {k: _vote(ms) for k, ms in by_key.items()}
    target = {k: k for k in by_key}
    for k in by_key:
        target[k] = _surname_target(k, types, by_key) or _acronym_target(k, types) or k
    clusters: dict[str, list[Mention]] = {}
    for k, ms in by_key.items():
        clusters.setdefault(target[k], []).extend(ms)
    return [[replace(m, type=_vote(ms)) for m in ms] for ms in clusters.values()]


def _vote(ms: list[Mention]) -> str:
    """The type most votes give: each mention's label once, its evidence (step 3) as
    listed; ties go to person, then organisation."""
    order = {"person": 0, "organization": 1, "place": 2}
    counts = Counter(m.type for m in ms)
    counts.update(v for m in ms for v in m.votes)
    return min(counts, key=lambda t: (-counts[t], order[t]))


def _surname_target(
    key: str, types: dict[str, str], by_key: dict[str, list[Mention]]
) -> str | None:
    """The full name a one-word mention ("okafor") stands for, if one fits: the mention is
    typed person, or only the model typed it otherwise ("Silva said" tagged ORG)."""
    unsure = not any(m.votes for m in by_key[key])
    if " " in key or (types[key] != "person" and not unsure):
        return None
    fulls = [k for k, t in types.items() if t == "person" and " " in k and k.split()[-1] == key]
    if not fulls:
        return None
    docs = {m.span.doc for m in by_key[key]}

    def fit(k: str) -> tuple[int, int]:
        shared = len(docs & {m.span.doc for m in by_key[k]})
        return shared, len(by_key[k])

    return max(fulls, key=fit)


def _acronym_target(key: str, types: dict[str, str]) -> str | None:
    """The expansion an acronym ("un", "us") stands for ("united nations"), if present."""
    short = key.replace(" ", "")
    if not 2 <= len(short) <= 6 or not short.isalpha() or " " in key:
        return None
    for k, t in types.items():
        if " " in k and t != "person" and _acronym(k) == short:
            return k
    return None


def _acronym(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in {"of", "the", "for", "and", "on", "de"})


def _actor(corpus: Corpus, ms: list[Mention]) -> Actor:
    """Step 4-5 for one cluster: name, aliases, role, salience."""
    ms = sorted(ms, key=lambda m: m.span)
    kind = ms[0].type
    name = _display_name(ms)
    aliases = tuple(dict.fromkeys(m.alias or m.surface for m in ms))
    aliases = tuple(a for a in aliases if a != name)
    role = _role(corpus, ms) if kind == "person" else None
    return Actor(
        name=name,
        type=kind,  # type: ignore[arg-type]
        mentions=tuple(replace(m.span, label=kind) for m in ms),
        role=role,
        salience=_salience(corpus, ms),
        aliases=aliases,
    )


def _display_name(ms: list[Mention]) -> str:
    """The most complete common form: most words, then most frequent, then capitalised."""
    counts = Counter(m.surface for m in ms)
    return max(
        counts,
        key=lambda s: (len(s.split()), counts[s], _cased(s), -_first_index(ms, s)),
    )


def _cased(surface: str) -> int:
    """2 for "Maria Okafor", 1 for "MARIA OKAFOR", 0 for "maria okafor"."""
    has_upper = any(c.isupper() for c in surface)
    has_lower = any(c.islower() for c in surface)
    return 2 if has_upper and has_lower else int(has_upper)


def _first_index(ms: list[Mention], surface: str) -> int:
    return next(i for i, m in enumerate(ms) if m.surface == surface)


def _role(corpus: Corpus, ms: list[Mention]) -> str | None:
    """The role the text gives most often for these mentions (earliest on ties)."""
    roles = [r for m in ms if (r := find_role(corpus.documents[m.span.doc].text, m.span))]
    if not roles:
        return None
    counts = Counter(r.casefold() for r in roles)
    best = max(counts.values())
    return max((r for r in roles if counts[r.casefold()] == best), key=len)


def _salience(corpus: Corpus, ms: list[Mention]) -> float:
    """Share of documents naming it (weight 1), of mentions (0.3), earliness (0.2)."""
    n_docs = max(1, len(corpus.documents))
    docs = {m.span.doc for m in ms}
    first = {d: min(m.span.start for m in ms if m.span.doc == d) for d in docs}
    early = sum(1 - first[d] / max(1, len(corpus.documents[d].text)) for d in docs) / n_docs
    mentions = min(1.0, len(ms) / (3 * n_docs))
    return len(docs) / n_docs + 0.3 * mentions + 0.2 * early
