"""HTML pages: the article's main text and metadata, via trafilatura.

1. **extract** — ``trafilatura.bare_extraction`` finds the main text, title, date,
   site name and URL; comments and tables are left out.
2. **fall back** — when it finds no text, the visible text of the body (scripts,
   styles, navigation, header and footer left out) is used, with a note, rather than
   losing the document.
3. **date** — the page's publication date, else ``default_date``.

``Article.text`` is the extracted text: offsets and citations point into it.
"""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

import trafilatura

from storyline.ingest.fields import parse_date
from storyline.model import Article

_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template"}
_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "tr",
    "blockquote",
    "figcaption",
    "title",
    "pre",
    "ul",
    "ol",
    "table",
}


class _Visible(HTMLParser):
    """Collects visible text, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The page's visible text, blocks on their own lines, spaces collapsed."""
    parser = _Visible()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


#: A credit line of the page (figure captions and footers included, which the extractor
#: leaves out): "Image copyright BBC", "© BBC 2015", "Copyright BBC".
_CREDIT_LINE = re.compile(
    r"(?im)^\s*(?:image\s+copyright|copyright|©|\(c\)|photo(?:graph)?s?\s*:|picture\s*:)"
    r"\s*(?:©\s*)?([^\n]{2,60}?)\.?\s*(?:image\s+caption\b.*)?$"
)


def page_credit(html: str) -> str | None:
    """The one outlet the page's image credits and copyright lines name (not a wire or
    photo agency), for pages whose metadata names no site."""
    from storyline.analyze.sourcing import credited_outlet

    lines = re.split(r"(?i)(?=image\s+copyright|image\s+caption)", visible_text(html))
    return credited_outlet(m.group(1) for m in _CREDIT_LINE.finditer("\n".join(lines)))


def _extract(html: str) -> trafilatura.settings.Document | None:
    # With the default as_dict=False, bare_extraction returns a Document (or None).
    return trafilatura.bare_extraction(  # type: ignore[return-value]
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        # favor_precision gave the same text on the sample; recall matters more here,
        # since clean() removes leftover noise.
        favor_precision=False,
    )


def article_from_html(
    html: str, origin: str, *, default_date: date | None = None, notes: tuple[str, ...] = ()
) -> Article:
    """An :class:`Article` from an HTML page read from ``origin``."""
    doc = _extract(html)
    text = (doc.text or "") if doc is not None else ""
    extra: list[str] = []
    if not text.strip():
        text = visible_text(html)
        extra.append(f"{origin}: no article found by the HTML extractor; used the page's text")
    published = parse_date(doc.date) if doc is not None and doc.date else None
    source = doc.sitename if doc is not None else None
    return Article(
        text=text,
        title=doc.title if doc is not None else None,
        source=source or page_credit(html),
        url=doc.url if doc is not None else None,
        published=published or default_date,
        origin=origin,
        notes=(*notes, *extra),
    )
