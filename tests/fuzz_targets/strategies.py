"""Hypothesis strategies for storyline's inputs: news-like text with the traps that broke
it before (issue 13), HTML, JSON, bytes in any encoding, batch files. Every strategy takes
``chars``, the rough size to aim at; texts written here are invented."""

from __future__ import annotations

import codecs
import json
from datetime import date
from typing import Any

from hypothesis import strategies as st

from storyline.model import Article

NAMES = ["Maria Okafor", "the Kessa dam", "Velmar", "Radio Velmar", "Ms Okafor", "Gen. Barlow"]
VERBS = ["said", "told Radio Velmar", "denied", "claimed", "reported", "warned"]
NOUNS = [
    "the bridge",
    "at least 40 people",
    "3,000 residents",
    "the council",
    "two helicopters",
    "$2.4 million",
    "the water authority",
    "12%",
    "dozens of homes",
]
WHEN = [
    "on Monday",
    "yesterday",
    "last week",
    "next Monday",
    "in March",
    "on 30 September 2015",
    "Sept. 30",
    "overnight",
    "three days ago",
    "this year",
    "in 1962",
    "at 3 p.m. Friday",
    "recently",
    "earlier this week",
    "in the spring",
]

#: Pieces that broke storyline before, and their kin.
TRAPS = [
    "Mr. ",
    "E. ",
    "U.S. It ",
    "3 p.m. Results ",
    'it . " the ',
    "killed.The",
    "Mrs.Smith ",
    '"Why?" she asked ',
    "... The ",
    '))))." ',
    "1. ",
    "www.site.com/a.B ",
    "pic.twitter.com ",
    "\u2028",
    "\u2029",
    "\r",
    "\r\n",
    "\x0b",
    "\x0c",
    "\x85",
    "\ufeff",
    "\u200b",
    "\u202e",
    "\ud800",
    "\udfff",
    "\x00",
    "\t",
    "é",
    "e\u0301",
    "😀",
    "ﬁ",
    "İ",
    "ß",
    "\u0660\u0661",
    "Image copyright Reuters",
    "Related Topics\n",
    "Share this with Facebook\n",
    "MOSUL, Iraq (Reuters) - ",
    "By Jane Doe, BBC News\n",
    "<b>",
    "&amp;",
    "{",
    "[",
    '"',
]


@st.composite
def sentence(draw: st.DrawFn) -> str:
    """One news-like sentence, with a date, a figure or a quote now and then."""
    words = [
        draw(st.sampled_from(NAMES)),
        draw(st.sampled_from(VERBS)),
        draw(st.sampled_from(NOUNS)),
    ]
    if draw(st.booleans()):
        words.append(draw(st.sampled_from(WHEN)))
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    if draw(st.integers(0, 5)) == 0:
        text = f"“{text},” {draw(st.sampled_from(NAMES))} said"
    return text + draw(st.sampled_from([".", ".", ".", "!", "?", "", "...", '."']))


def _repeated(chars: int) -> st.SearchStrategy[str]:
    """One trap repeated: the inputs that were quadratic."""
    return st.tuples(st.sampled_from(TRAPS), st.integers(1, max(1, chars // 4))).map(
        lambda t: t[0] * t[1]
    )


def piece(chars: int) -> st.SearchStrategy[str]:
    return st.one_of(
        sentence(),
        sentence(),
        sentence(),
        st.sampled_from(TRAPS),
        _repeated(chars),
        st.integers(1, max(1, chars)).map(lambda n: "x" * n),  # one giant token
        st.text(max_size=min(200, chars)),
        st.text(st.characters(exclude_categories=()), max_size=40),
        st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=3),
    )


_SEPARATORS = st.sampled_from([" ", " ", " ", "\n", "\n\n", "\r\n", "\r", "\u2028", "\t", ""])


@st.composite
def article_text(draw: st.DrawFn, chars: int) -> str:
    """A document: sentences, noise and traps, joined by spaces and line breaks."""
    parts = draw(st.lists(st.tuples(piece(chars), _SEPARATORS), min_size=1, max_size=25))
    return "".join(p + s for p, s in parts)[: max(chars, 1)]


def published() -> st.SearchStrategy[date | None]:
    extremes = st.sampled_from([date.min, date.max, date(2015, 9, 30)])
    return st.one_of(st.none(), st.dates(), extremes)


def optional_text() -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), st.text(max_size=30), st.sampled_from(["Coastline Wire", ""]))


def article(chars: int) -> st.SearchStrategy[Article]:
    return st.builds(
        Article,
        text=article_text(chars),
        title=optional_text(),
        source=optional_text(),
        published=published(),
        origin=st.sampled_from([None, "a.txt", "b\udcff.json"]),
    )


def articles(chars: int) -> st.SearchStrategy[list[Article | str]]:
    """One to five documents (strings or articles), sharing ``chars`` between them."""
    share = max(100, chars // 3)
    return st.lists(st.one_of(article(share), article_text(share)), min_size=1, max_size=5)


def article_dicts(chars: int) -> st.SearchStrategy[Any]:
    """Article objects as JSON gives them, with wrong types and extra keys now and then."""
    good = st.fixed_dictionaries(
        {"text": article_text(chars)},
        optional={
            "title": optional_text(),
            "source": optional_text(),
            "published": st.one_of(
                st.dates().map(str), st.text(max_size=12), st.integers(), st.none()
            ),
            "url": optional_text(),
            "id": st.one_of(st.text(max_size=8), st.integers()),
        },
    )
    return st.one_of(good, good, article_text(chars), json_values())


def json_values() -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
    )
    return st.recursive(
        scalars,
        lambda kids: st.one_of(
            st.lists(kids, max_size=4), st.dictionaries(st.text(max_size=8), kids, max_size=4)
        ),
        max_leaves=12,
    )


@st.composite
def html_page(draw: st.DrawFn, chars: int) -> str:
    body = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["p", "div", "span", "x-item", "script", "nav", "li", "h1", "br"]),
                article_text(max(50, chars // 8)),
            ),
            min_size=1,
            max_size=10,
        )
    )
    depth = draw(st.integers(0, max(0, min(chars // 10, 5_000))))
    inner = "".join(f"<{t}>{text}</{t}>" for t, text in body)
    title = draw(st.text(max_size=20))
    return (
        f"<html><head><title>{title}</title></head><body>"
        + "<div>" * depth
        + inner
        + "</div>" * draw(st.integers(0, depth))
        + "</body></html>"
    )


_ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"])


@st.composite
def file_bytes(draw: st.DrawFn, chars: int) -> tuple[str, bytes]:
    """``(file name, bytes)``: text, HTML, JSON or JSON Lines in some encoding, or junk."""
    kind = draw(st.sampled_from(["txt", "html", "json", "jsonl", "", "bin"]))
    if kind == "bin":
        return "x.bin" if draw(st.booleans()) else "x.txt", draw(st.binary(max_size=chars))
    if kind == "html":
        text = draw(html_page(chars))
    elif kind == "json":
        value = draw(
            st.one_of(article_dicts(chars), st.lists(article_dicts(chars // 3), max_size=3))
        )
        text = json.dumps(value, ensure_ascii=draw(st.booleans()))
    elif kind == "jsonl":
        rows = draw(st.lists(article_dicts(chars // 3), min_size=1, max_size=4))
        text = draw(_SEPARATORS.filter(bool)).join(json.dumps(r) for r in rows)
    else:
        text = draw(article_text(chars))
    if draw(st.integers(0, 4)) == 0:
        text = "[" * draw(st.integers(1, 100_000)) + text
    encoding = draw(_ENCODINGS)
    data = text.encode(encoding, errors="surrogatepass" if "utf" in encoding else "replace")
    return (f"doc.{kind}" if kind else "doc"), data


@st.composite
def batch_file(draw: st.DrawFn, chars: int) -> bytes:
    """A batch input: cluster lines, broken lines, junk bytes; any line ends."""
    cluster = st.fixed_dictionaries(
        {
            "id": st.one_of(st.integers(), st.text(max_size=6)),
            "documents": st.lists(article_dicts(chars // 6), min_size=1, max_size=3),
        }
    )
    line = st.one_of(
        cluster.map(lambda c: json.dumps(c).encode()),
        cluster.map(lambda c: json.dumps(c, ensure_ascii=False).encode("utf-8", "surrogatepass")),
        st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"")),
        st.just(b""),
        st.just(b"{not json"),
        st.just(b"[" * 5_000),
        st.just(b'{"id": 1' + b"0" * 5_000 + b', "documents": ["x"]}'),
    )
    lines = draw(st.lists(line, min_size=1, max_size=5))
    end = draw(st.sampled_from([b"\n", b"\r\n", b"\r"]))
    data = end.join(lines) + (end if draw(st.booleans()) else b"")
    return (codecs.BOM_UTF8 if draw(st.integers(0, 5)) == 0 else b"") + data


#: Markup that would run if a page ever put text into HTML unescaped (written here).
HOSTILE = [
    "<script>window.fuzzed=1</script>",
    '<img src=x onerror="window.fuzzed=2">',
    '<a href="javascript:window.fuzzed=3">x</a>',
    "</textarea><script>window.fuzzed=4</script>",
    '"><svg onload="window.fuzzed=5">',
    "{{ 7*7 }}{% raw %}",
]


@st.composite
def hostile_text(draw: st.DrawFn, chars: int) -> str:
    """A document with hostile markup spliced in between its pieces."""
    text = draw(article_text(chars))
    bits = draw(st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=3))
    at = sorted(draw(st.lists(st.integers(0, len(text)), min_size=len(bits), max_size=len(bits))))
    for k, b in sorted(zip(at, bits, strict=True), reverse=True):
        text = text[:k] + " " + b + " " + text[k:]
    return text


def store_items(chars: int) -> st.SearchStrategy[list[Any]]:
    """What :meth:`EventStore.add` may be given: article dicts (wrong types, extra keys),
    articles, texts, hostile markup, fields far over their bound, bytes and junk."""
    huge = st.integers(1, max(2, chars)).map(lambda n: "t" * n)
    huge_field = st.fixed_dictionaries(
        {"text": article_text(chars // 4)},
        optional={"title": huge, "source": huge, "url": huge, "id": huge},
    )
    item = st.one_of(
        article_dicts(chars // 4),
        article_dicts(chars // 4),
        article(chars // 4),
        hostile_text(chars // 4),
        huge_field,
        st.fixed_dictionaries(
            {
                "text": hostile_text(chars // 4),
                "title": st.sampled_from(HOSTILE),
                "url": st.sampled_from(["javascript:alert(1)", "http://a.b/x"]),
            }
        ),
        st.binary(max_size=200),
        st.none(),
        st.integers(),
        st.lists(st.text(max_size=5)),
    )
    return st.lists(item, min_size=1, max_size=6)
