"""The noise storyline recognises, as regular expressions compiled once.

Three families, each a list of ``(kind, pattern)``:

* :data:`LINE_PATTERNS` must match a whole line or paragraph (``fullmatch``):
  "Image copyright Reuters", "Share this with Facebook", "By Jane Doe, BBC News".
* :data:`INLINE_PATTERNS` are searched inside kept prose: a credit glued to a
  sentence end, or the lower-cased scraped noise of the dev data
  ("... image copyright getty images image caption ...").
* :data:`SECTION_HEADERS` open a block of related links ("Related Topics").

Everything is case-insensitive, so "IMAGE COPYRIGHT" and "image copyright" match too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_I = re.IGNORECASE

#: Sentence-final punctuation, optionally followed by closing quotes or brackets.
STOP_END = re.compile(r"[.!?;:…][\"'”’)\]]*\s*\Z")

#: News agencies and wire services, for credits and mid-text datelines.
AGENCIES = (
    r"reuters(?: health)?|associated press|ap|afp|agence france[- ]presse|epa|efe|dpa|ansa"
    r"|upi|xinhua|yonhap|kyodo|tass|ria novosti|pa(?: media)?|press association|bloomberg"
    r"|cnn|bbc(?: news)?|cbs|nbc|abc|healthday news|marketwatch|business wire"
    r"|getty images|getty|anadolu|sipa|shutterstock|istock"
)
_AG = rf"(?:{AGENCIES})"

#: A known agency, whole: lets a lower-cased "( reuters )" count as a dateline source.
AGENCY = re.compile(AGENCIES, _I)

#: A photo credit: an agency, "Name/Agency", "Getty Images/Gallo Images"...
_CREDIT = (
    rf"(?:[\w.'-]+(?:\s[\w.'-]+){{0,3}}\s*/\s*)?{_AG}(?:\s*/\s*[\w.'-]+(?:\s[\w.'-]+){{0,2}})*"
)

_NETWORKS = r"(?:facebook|twitter|x|linkedin|e-?mail|whatsapp|messenger|pinterest|reddit|instagram)"

# (kind, pattern, may it match a line that reads like a sentence?). Patterns whose
# third field is False only fire on short lines without a final stop, so that
# "By Monday the water had receded." is never taken for a byline.
_LINE_SPECS: list[tuple[str, str, bool]] = [
    ("image-credit", r"image copyright\b.{0,120}", True),
    ("image-credit", r"(?:photo|picture|image|photograph|graphic)s?(?: credit)?\s*:.{0,160}", True),
    ("image-credit", r"\(\s*ap photo\b[^)]{0,120}\)", True),
    ("image-credit", r"\(?\s*" + _CREDIT + r"\s*\)?", True),
    ("image-credit", r"(?:credit|source)\s*:.{0,80}", False),
    ("caption", r"(?:image|media|photo|video)\s+caption\b.{0,300}", True),
    ("caption", r"caption\s*:.{0,300}", True),
    ("widget", r"media playback is (?:un)?supported on your device.{0,200}", True),
    ("widget", r"(?:enlarge this image\s*)?(?:toggle|hide) caption.{0,80}", True),
    ("widget", r"enlarge this image|advertisement|advertising|sponsored(?: content)?|ad", True),
    ("widget", r"skip to (?:main )?(?:content|navigation)|jump to (?:navigation|content)", True),
    ("widget", r"read more\b.{0,120}", True),
    ("widget", r"continue reading(?: the main story| below)?\W*", True),
    ("widget", r"(?:article )?continues? below(?: advertisement)?", True),
    ("widget", r"breaking news emails\b.{0,200}", True),
    (
        "widget",
        r"javascript is (?:disabled|required)\b.{0,200}"
        r"|you(?:'re| are) viewing youtube\b.{0,100}"
        r"|(?:please )?enable javascript\b.{0,200}",
        True,
    ),
    (
        "widget",
        r"(?:loading|close|menu|search|home|print|comments?|next|previous|back to top)"
        r"\W{0,3}",
        True,
    ),
    ("widget", r"(?:watch|listen|video|live|gallery)\s*:?\s*\W{0,3}", True),
    ("share-prompt", r"share (?:this|on|with|via|the story|the article)\b.{0,80}", True),
    ("share-prompt", rf"{_NETWORKS}(?:\s*[|·,/]?\s*{_NETWORKS})*", True),
    ("share-prompt", r"(?:subscribe|sign up)\b.{0,140}", True),
    (
        "share-prompt",
        r"(?:register|log ?in)(?: now| here| today| for free| to continue)\b.{0,100}",
        True,
    ),
    ("share-prompt", r"click here\b.{0,140}", True),
    ("share-prompt", rf"see more of .{{1,80}} on {_NETWORKS}", True),
    ("share-prompt", r"follow (?:us|@\w+|\w+ on (?:twitter|facebook|instagram|x))\b.{0,100}", True),
    ("share-prompt", r"(?:get|download) (?:our|the) (?:app|newsletter)\b.{0,100}", True),
    (
        "share-prompt",
        r"(?:thank you for signing up|you(?:'ve| have) been subscribed).{0,100}",
        True,
    ),
    (
        "cookie-notice",
        r"(?=.{0,300}(?:we use cookies|(?:site|website) uses cookies"
        r"|cookie (?:policy|settings|consent|preferences|notice)"
        r"|accept (?:all )?cookies)).{0,500}",
        True,
    ),
    ("byline", r"by\s+(?!the\b|a\b|an\b)[\w.'-]+(?:[\s,]+[\w.'&-]+){0,9}", False),
    ("byline", r"(?:written|reported|reporting) by\b.{0,80}", False),
    (
        "timestamp",
        r"(?:last )?(?:updated|published|posted|modified)(?: on| at)?\s*:?\s*"
        r"(?:\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep"
        r"|oct|nov|dec)[a-z]*\b|an? \w+ ago|\d+ \w+ ago).{0,60}",
        True,
    ),
    ("copyright", r"(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4})).{0,300}", True),
    ("copyright", r"all rights reserved\.?.{0,200}", True),
]

#: Whole-line noise: ``(kind, pattern, sentence_ok)``, tried with ``fullmatch``.
LINE_PATTERNS: list[tuple[str, re.Pattern[str], bool]] = [
    (kind, re.compile(p, _I), ok) for kind, p, ok in _LINE_SPECS
]

_COOKIE = re.compile("cookie", _I)


def _may_be_cookie_notice(piece: str) -> bool:
    """A necessary condition for the cookie-notice pattern, much cheaper than it (its
    look-ahead tries each phrase at each of 300 offsets): at most 500 characters and
    "cookie" (every phrase holds it) somewhere. For ASCII text ``lower()`` folds case
    exactly as the pattern's IGNORECASE does; other text takes the regex."""
    if len(piece) > 500:
        return False
    if piece.isascii():
        return "cookie" in piece.lower()
    return _COOKIE.search(piece) is not None


#: For a kind whose pattern is costly to try: a cheap test that every line it matches
#: passes (so skipping the pattern when the test fails changes nothing).
LINE_GUARDS: dict[str, Callable[[str], bool]] = {"cookie-notice": _may_be_cookie_notice}

SECTION_HEADERS = re.compile(
    r"(?:related (?:topics|content|stories|articles|coverage|links|news|internet links)"
    r"|more on this (?:story|topic)|more from [\w .'-]{1,40}|you (?:may|might) also like"
    r"|recommended(?: for you| stories)?|most (?:read|popular|viewed|shared)"
    r"|around the (?:bbc|web)|top stories|trending(?: now| stories)?|in other news"
    r"|(?:latest|more) (?:news|stories|headlines)|see also|elsewhere on [\w .'-]{1,40})\W{0,3}",
    _I,
)

_BOUNDARY = r"(?=\s+(?:image copyright|image caption|media caption)|[.!?][\"'”’]?(?=\s|\Z)|\Z)"

# "to read more about it" is prose, "... headline read more" is a widget.
_NOT_AFTER_READ = "".join(
    rf"(?<!\b{w}\sread\smore)"
    for w in ("to", "can", "will", "you", "we", "they", "could", "would", "should", "i")
)

#: Each pattern comes with the lower-case literals one of which any match contains:
#: a pattern runs only on text holding one of them (a substring test is much cheaper
#: than a regex scan, and most prose holds none).
INLINE_PATTERNS: list[tuple[str, re.Pattern[str], tuple[str, ...]]] = [
    (kind, re.compile(p, _I), triggers)
    for kind, p, triggers in [
        ("widget", r"media playback is (?:un)?supported on your device", ("media playback",)),
        (
            "caption",
            r"(?:image|media) caption\b.{0,400}?" + _BOUNDARY + r"[.!?]?[\"'”’]?",
            ("caption",),
        ),
        (
            "image-credit",
            r"image copyright\s+(?:" + _CREDIT + r"|[\w.'-]+(?:\s[\w.'-]+){0,3}"
            r"(?=\s+image caption|\s*\Z))",
            ("image copyright",),
        ),
        ("image-credit", r"\(\s*ap photo\s*/[^)]{0,120}\)", ("ap photo",)),
        (
            "image-credit",
            r"\(\s*(?:associated press|ap|reuters|afp|getty images)\s*\)"
            r"(?!\s*[-—–])",
            ("(",),
        ),
        (
            "widget",
            r"(?:enlarge this image\s+)?(?:toggle|hide) caption\s+"
            r"(?P<credit>\S+(?:\s\S+){0,3}?/\S+(?:/\S+)*(?:\s\S+)?)\s+(?P=credit)",
            ("caption",),
        ),
        (
            "widget",
            r"(?:enlarge this image\s+)?(?:toggle|hide) caption"
            r"(?:\s+(?:\S+\s){0,3}?\S+/\S+)?",
            ("caption",),
        ),
        ("widget", r"enlarge this image", ("enlarge this image",)),
        ("widget", r"continue reading the main story", ("continue reading",)),
        (
            "widget",
            r"(?:(?<=[.!?\"”'])|\A)\s*advertisement(?:\s+advertisement)*\b"
            r"(?!\s+(?:of|for|was|is|in|on|that|and|to|by|which|campaign|agency)\b)",
            ("advertisement",),
        ),
        (
            "widget",
            r"\bread\s+more\b"
            + _NOT_AFTER_READ
            + r"(?!\s+(?:than|about|of|books|widely|carefully|closely|often))"
            + r":?",
            ("read",),
        ),
        (
            "share-prompt",
            rf"share (?:this|on)(?: article| story| page)?(?:\s+{_NETWORKS}\b)+",
            ("share ",),
        ),
        (
            "share-prompt",
            r"(?:(?<=[.!?\"”'])|\A)\s*(?:newsletter )?sign up for (?:our|the|more)"
            r"\b[^.!?]{0,160}[.!?]?",
            ("sign up",),
        ),
        (
            "copyright",
            r"(?:©|\bcopyright)\s*\d{4}\b[^.!?]{0,80}[.!]?"
            r"(?:\s*all rights reserved\.?)?(?:\s*this material may not be published,"
            r" broadcast, rewritten,? or redistributed\.?)?",
            ("copyright", "©"),
        ),
        (
            "dateline",
            r"(?<=[.!?\"”'\)] )(?:[^\W\d][\w.'-]*(?:,?\s[\w.'-]+){0,3}\s*)?"
            rf"\(\s*{_AG}\s*\)\s*[-—–]{{1,2}}",
            ("(",),
        ),
    ]
]

#: A dateline opening an article or its first paragraph:
#: "MOSUL, Iraq (Reuters) -", "LONDON, Sept 30 (Reuters) -", "kabul ( ap ) —".
DATELINE = re.compile(
    r"(?P<place>[^\W\d][\w.'-]*(?:[ ][^\W\d][\w.'-]*){0,3}"
    r"(?:,[ ]?(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ ]\d)"
    r"[^\W\d][\w.'-]*(?:[ ][^\W\d][\w.'-]*){0,2})?)?"
    r"(?:,[ ]?(?P<date>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ ]\d{1,2}))?"
    r"\s*\(\s*(?P<source>[^\W\d][\w.&' -]{0,40}?)\s*\)\s*[-—–]{1,2}\s*",
    _I,
)

#: The AP house style without a source: "WASHINGTON —", "KABUL, Afghanistan —".
DATELINE_CAPS = re.compile(
    r"(?P<place>[A-Z][A-Z.'-]{2,}(?: [A-Z][A-Z.'-]+){0,2}(?:, [A-Z][\w.]+(?: [A-Z][\w.]+)?)?)"
    r" [—–]{1,2}\s*"
)
