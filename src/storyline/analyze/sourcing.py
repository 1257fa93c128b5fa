"""Which documents are independent sources?

Twenty articles about one event are rarely twenty witnesses: many rewrite a wire
story. This module finds, cheaply:

1. **cited outlets** — the outlets a document says it relies on ("told Reuters",
   "reports AFP", "according to the Associated Press", a "(Reuters)" dateline,
   "a BBC report said", "the Harbor Tribune reported" — any capitalised name ending
   in an outlet word counts), never its own publisher, see :func:`cited_outlets`;
2. **publishers** — the outlet that published a document (``Article.source``, else the
   outlet in its dateline), see :func:`publisher`;
3. **independent groups** — documents joined when one cites the outlet that published
   the other, when both come from the same publisher, or when they are near-copies
   (most of their word 5-shingles shared), see :func:`independent_groups`.

:func:`count_independent` turns a set of documents (the supporters of a summary
sentence, say) into the number of independent sources among them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from storyline.model import Corpus, Document, Span

#: Canonical outlet name -> (aliases matched case-insensitively, aliases matched as written).
#: Short or common-word names ("AP", "ABC") only count when written in capitals.
_OUTLETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Reuters": (("reuters", "thomson reuters"), ()),
    "AFP": (("agence france-presse", "agence france presse", "afp"), ()),
    "Associated Press": (("associated press",), ("AP",)),
    "BBC": (
        (
            "bbc",
            "bbc news",
            "bbc afghan",
            "bbc persian",
            "bbc urdu",
            "bbc arabic",
            "bbcnews",
            "bbcworld",
            "bbcbreaking",
            "bbc world service",
        ),
        (),
    ),
    "CNN": (("cnn",), ()),
    "Al Jazeera": (("al jazeera", "al-jazeera"), ()),
    "The New York Times": (("new york times", "the new york times"), ("NYT",)),
    "The Washington Post": (("washington post", "the washington post"), ()),
    "The Guardian": (("the guardian",), ()),
    "Bloomberg": (("bloomberg news", "bloomberg"), ()),
    "The Wall Street Journal": (("wall street journal", "the wall street journal"), ("WSJ",)),
    "dpa": (("deutsche presse-agentur",), ("dpa", "DPA")),
    "Xinhua": (("xinhua",), ()),
    "Anadolu": (("anadolu agency", "anadolu"), ()),
    "TOLOnews": (("tolonews", "tolo news"), ()),
    "Pajhwok": (("pajhwok afghan news", "pajhwok"), ()),
    "Press Trust of India": (("press trust of india",), ("PTI",)),
    "UPI": (("united press international",), ("UPI",)),
    "NPR": (("npr",), ()),
    "ABC News": (("abc news",), ("ABC",)),
    "NBC News": (("nbc news",), ("NBC",)),
    "CBS News": (("cbs news",), ("CBS",)),
    "Fox News": (("fox news",), ()),
    "Sky News": (("sky news",), ()),
    "Politico": (("politico",), ()),
    "Axios": (("axios",), ()),
    "Interfax": (("interfax",), ()),
    "TASS": (("tass",), ()),
    "Kyodo": (("kyodo news", "kyodo"), ()),
    "Yonhap": (("yonhap news agency", "yonhap"), ()),
}


#: Web domains of known outlets (a page's URL names its publisher).
_DOMAINS = {
    "bbc.co.uk": "BBC", "bbc.com": "BBC", "reuters.com": "Reuters", "apnews.com":
    "Associated Press", "ap.org": "Associated Press", "afp.com": "AFP", "aljazeera.com":
    "Al Jazeera", "aljazeera.net": "Al Jazeera", "cnn.com": "CNN", "nytimes.com":
    "The New York Times", "washingtonpost.com": "The Washington Post", "theguardian.com":
    "The Guardian", "guardian.co.uk": "The Guardian", "bloomberg.com": "Bloomberg",
    "wsj.com": "The Wall Street Journal", "npr.org": "NPR", "foxnews.com": "Fox News",
    "nbcnews.com": "NBC News", "cbsnews.com": "CBS News", "abcnews.go.com": "ABC News",
    "news.sky.com": "Sky News", "politico.com": "Politico", "axios.com": "Axios",
    "tolonews.com": "TOLOnews", "pajhwok.com": "Pajhwok", "xinhuanet.com": "Xinhua",
    "aa.com.tr": "Anadolu", "interfax.com": "Interfax", "tass.com": "TASS",
    "kyodonews.net": "Kyodo", "yna.co.kr": "Yonhap",
}  # fmt: skip
#: Wire and photo agencies: a photo credited to them says nothing about the publisher.
_PHOTO_AGENCIES = {"Reuters", "AFP", "Associated Press", "Xinhua", "Anadolu", "dpa"}
_CREDIT_AGENCY = re.compile(r"(?i)\b(?:getty|epa|shutterstock|alamy|istock|afp|ap\b|reuters)")
_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:www\d?\.|m\.|mobile\.)?([^/:?#\s]+)", re.I)


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL (or a bare domain given as a site name) belongs to: a known
    outlet's name ("https://www.bbc.co.uk/news/..." -> "BBC"), else the host itself."""
    if not url or not url.strip():
        return None
    m = _HOST.match(url.strip())
    if m is None or "." not in m.group(1):
        return None
    host = m.group(1).lower().rstrip(".")
    for domain, name in _DOMAINS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return host


def looks_like_domain(name: str) -> bool:
    """ "bbc.co.uk", "www.example.com": a site name that is only a host."""
    return re.fullmatch(r"(?i)(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+", name.strip()) is not None


def credited_outlet(credits: Iterable[str]) -> str | None:
    """The one outlet the image credits name ("Image copyright BBC"), when they name one
    and it is not a wire or photo agency (whose pictures any outlet prints)."""
    named = []
    for credit in credits:
        if _CREDIT_AGENCY.search(credit):
            continue
        named += [_CANON.get(m.group(0)) or _CANON.get(m.group(0).casefold())
                  for m in _OUTLET_RE.finditer(credit)]  # fmt: skip
    found = {n for n in named if n and n not in _PHOTO_AGENCIES}
    return found.pop() if len(found) == 1 else None


def known_outlet(name: str | None) -> str | None:
    """The canonical name when ``name`` is a known outlet ("bbcnews" -> "BBC"), else None."""
    canon = canonical_outlet(name)
    return canon if canon in _OUTLETS else None


def _alternation(forms: Iterable[str]) -> str:
    return "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))


def _outlet_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    canon: dict[str, str] = {}
    folded: list[str] = []
    exact: list[str] = []
    for name, (insensitive, sensitive) in _OUTLETS.items():
        for f in insensitive:
            canon[f.casefold()] = name
            folded.append(f)
        for f in sensitive:
            canon[f] = name
            exact.append(f)
    pattern = rf"(?i:{_alternation(folded)})|{_alternation(exact)}"
    return re.compile(pattern), canon


_OUTLET_RE, _CANON = _outlet_regex()

#: Words that end an outlet's name ("Harbor Tribune", "Coastline Wire"). "Agency" alone
#: is left out (most agencies are not news outlets): only "News/Press Agency" counts.
_OUTLET_WORDS = (
    "Tribune Times Post News Radio Wire Herald Courier Ledger Journal Gazette Press TV "
    "Television Chronicle Observer Telegraph Dispatch"
).split()
_CAP = r"[A-Z][\w'’&-]*"
#: An unknown outlet: up to three capitalised words then an outlet word, or "Radio X".
_GENERIC_OUTLET = (
    rf"(?:{_CAP}\s+){{1,3}}(?:(?:News|Press)\s+Agency|(?:{'|'.join(_OUTLET_WORDS)})(?![\w-]))"
    rf"|(?:Radio|Television)\s+{_CAP}(?:\s+{_CAP})?"
)


def _o(i: int) -> str:
    """An outlet name (optionally after "the") in a named group ``outlet<i>``: a known
    outlet or a capitalised name ending in an outlet word (:data:`_GENERIC_OUTLET`)."""
    return rf"(?:(?i:the)\s+)?(?P<outlet{i}>(?:{_OUTLET_RE.pattern})(?!\w)|{_GENERIC_OUTLET})"


#: Phrases that say a document relies on an outlet; the outlet is in a group ``outlet<i>``.
_CITING_RE = re.compile(
    r"(?<!\w)(?:"
    r"(?i:told|tells|telling|reports?|reported|according\s+to|quoted\s+by|cited\s+by"
    r"|in\s+an\s+interview\s+with|speaking\s+to|spoke\s+to|via|said\s+in\s+a\s+statement\s+to)"
    rf"\s+{_o(0)}"
    rf"|\({_o(1)}\)"
    rf"|(?:(?i:a|an)\s+)?{_o(2)}\s+(?i:reported|reports|said|says|quoted|cited|learned|report"
    r"|reporter|correspondent|journalist|investigation|interview|article|story)(?!\w)"
    r")"
)


def canonical_outlet(name: str | None) -> str | None:
    """The outlet's canonical name ("bbc afghan" -> "BBC"); unknown names come back tidied."""
    if not name or not name.strip():
        return None
    tidy = re.sub(r"\s+", " ", name).strip()
    tidy = re.sub(r"^(?i:the)\s+", "", tidy)
    known = _CANON.get(tidy) or _CANON.get(tidy.casefold()) or _CANON.get("the " + tidy.casefold())
    return known or tidy


def _match_outlet(m: re.Match[str]) -> str:
    found = next(g for g in (m.group(n) for n in _outlet_groups(m)) if g)
    return canonical_outlet(found) or found


def _outlet_groups(m: re.Match[str]) -> list[str]:
    return [k for k in m.re.groupindex if k.startswith("outlet")]


def outlet_spans(document: Document) -> list[Span]:
    """Where ``document`` names an outlet it relies on; label = the canonical outlet.

    Each span covers the outlet's name only, so entity finding can drop it.
    """
    return list(_outlet_spans(document.text, document.index))


@functools.lru_cache(maxsize=64)
def _outlet_spans(text: str, doc: int) -> tuple[Span, ...]:
    """:func:`outlet_spans` of a document's text, kept for the latest documents: the
    dossier asks three times per document (actors, sourcing, independent sources), and
    the pattern's scan of a long article takes over a millisecond."""
    spans: list[Span] = []
    for m in _CITING_RE.finditer(text):
        group = next(n for n in _outlet_groups(m) if m.group(n))
        spans.append(Span(doc, m.start(group), m.end(group), _match_outlet(m)))
    return tuple(spans)


def dateline_outlet(document: Document) -> str | None:
    """The outlet in the document's dateline ("KABUL (Reuters) -" -> "Reuters").

    Without a dateline found by cleaning, the opening line is read, and only a known
    outlet counts there (a caption's "(Getty)" is not a dateline).
    """
    known_only = document.dateline is None
    if document.dateline is not None:
        text = document.text[document.dateline.start : document.dateline.end]
    else:
        text = document.text[:160].split("\n", 1)[0]
    m = re.search(r"\(([^()]{2,40})\)\s*(?:[-–—]|$)", text)
    if not m:
        return None
    name = canonical_outlet(m.group(1))
    return name if not known_only or name in _OUTLETS else None


def publisher(document: Document) -> str | None:
    """Who published ``document``: ``Article.source``, else the dateline's outlet."""
    return canonical_outlet(document.article.source) or dateline_outlet(document)


def cited_outlets(corpus: Corpus) -> dict[int, tuple[str, ...]]:
    """For every document, the outlets it says it relies on, in order of first mention.

    A document never relies on its own publisher: a Coastline Wire story with a
    "(Coastline Wire)" dateline, or one saying "the Harbor Tribune reported" in the
    Harbor Tribune, cites nobody.
    """
    out: dict[int, tuple[str, ...]] = {}
    for d in corpus.documents:
        names = [s.label for s in outlet_spans(d)]
        line = dateline_outlet(d)
        if line:
            names.insert(0, line)
        own = _same_outlet_key(publisher(d))
        kept = [n for n in names if own is None or _same_outlet_key(n) != own]
        out[d.index] = tuple(dict.fromkeys(kept))
    return out


def _same_outlet_key(name: str | None) -> str | None:
    """A key under which "The Harbor Tribune" and "Harbor Tribune" are one outlet."""
    canon = canonical_outlet(name)
    return canon.casefold() if canon else None


_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = 5) -> set[tuple[str, ...]]:
    """The set of ``k``-word windows of ``text`` (case-folded words)."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < k:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + k]) for i in range(len(words) - k + 1)}


def near_copy(a: set[tuple[str, ...]], b: set[tuple[str, ...]], threshold: float = 0.5) -> bool:
    """True when at least ``threshold`` of the smaller shingle set is shared."""
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= threshold


def independent_groups(corpus: Corpus, threshold: float = 0.5) -> list[set[int]]:
    """Documents grouped so each group is one independent source, groups in doc order."""
    docs = corpus.documents
    parent = {d.index: d.index for d in docs}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(j)] = find(i)

    for i, j in _related_pairs(corpus, threshold):
        union(min(i, j), max(i, j))
    groups: dict[int, set[int]] = {}
    for d in docs:
        groups.setdefault(find(d.index), set()).add(d.index)
    return sorted(groups.values(), key=min)


def _related_pairs(corpus: Corpus, threshold: float) -> Iterable[tuple[int, int]]:
    """Pairs of documents that are not independent of each other."""
    docs = corpus.documents
    pubs = {d.index: publisher(d) for d in docs}
    cites = cited_outlets(corpus)
    grams = {d.index: shingles(_kept_text(d)) for d in docs}
    for n, a in enumerate(docs):
        for b in docs[n + 1 :]:
            i, j = a.index, b.index
            same_pub = pubs[i] is not None and pubs[i] == pubs[j]
            cites_other = (pubs[j] is not None and pubs[j] in cites[i]) or (
                pubs[i] is not None and pubs[i] in cites[j]
            )
            if same_pub or cites_other or near_copy(grams[i], grams[j], threshold):
                yield i, j


def _kept_text(document: Document) -> str:
    """The document's sentences joined (its prose after cleaning), else its whole text."""
    if not document.sentences:
        return document.text
    return " ".join(document.text[s.start : s.end] for s in document.sentences)


def count_independent(docs: Iterable[int], corpus: Corpus | Sequence[set[int]]) -> int:
    """How many independent sources ``docs`` amount to.

    ``corpus`` may be the corpus, or the result of :func:`independent_groups` for it
    (pass that when counting many times: grouping compares every pair of documents).
    """
    groups = _groups_of(corpus) if isinstance(corpus, Corpus) else corpus
    wanted = set(docs)
    counted = sum(1 for g in groups if g & wanted)
    ungrouped = wanted - set().union(*groups) if groups else wanted
    return counted + len(ungrouped)


#: The last corpus grouped and its groups. Callers count once per summary sentence;
#: grouping compares every pair of documents, so it runs once per corpus. The corpus
#: is held (not its id) so a recycled id can never return another corpus's groups.
_LAST: list[tuple[Corpus, list[set[int]]]] = []


def _groups_of(corpus: Corpus) -> list[set[int]]:
    """:func:`independent_groups` for ``corpus``, computed once for the latest corpus."""
    if _LAST and _LAST[0][0] is corpus:
        return _LAST[0][1]
    groups = independent_groups(corpus)
    _LAST[:] = [(corpus, groups)]
    return groups
