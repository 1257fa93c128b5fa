"""The dossier's HTML page: self-contained, escaped, markers that land on highlights."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from dossier_fakes import fake_stages, load_cluster
from storyline.analyze.dossier import build_dossier
from storyline.model import Article, Span
from storyline.model.dossier import Claim, Dossier, Figure
from storyline.options import Options
from storyline.prepare import prepare
from storyline.render.html import highlight, render_dossier_html

SECTION_IDS = ["summary", "actors", "timeline", "figures", "claims", "differences", "sources"]
VOID = {"meta", "br", "img", "hr", "link", "input"}


class _Tags(HTMLParser):
    """Collects ids, hrefs, text, and checks that tags nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: set[str] = set()
        self.text: list[str] = []
        self.crossed = False

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        d = dict(attrs)
        if "id" in d:
            self.ids.append(d["id"])
        if "href" in d:
            self.hrefs.append(d["href"])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.crossed = True

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Tags:
    p = _Tags()
    p.feed(page)
    p.close()
    return p


def _page(name: str = "bridge") -> str:
    corpus = prepare(load_cluster(name))
    return render_dossier_html(build_dossier(corpus, Options(), stages=fake_stages()))


def test_render_html_sections_in_order_summary_first():
    page = _page()
    positions = [page.index(f'<section id="{s}">') for s in SECTION_IDS]
    assert positions == sorted(positions)
    assert page.index("<h1>") < positions[0]


def test_render_html_every_href_has_its_id_and_ids_are_unique():
    tags = _parse(_page())
    assert not tags.crossed and not tags.stack
    assert len(tags.ids) == len(set(tags.ids))
    targets = [h[1:] for h in tags.hrefs if h.startswith("#")]
    assert targets and set(targets) <= set(tags.ids)
    assert all(h.startswith("#") for h in tags.hrefs)  # nothing leaves the page


def test_render_html_is_self_contained():
    tags = _parse(_page())
    assert "style" in tags.tags
    assert not tags.tags & {"script", "link", "img", "iframe"}
    assert "http" not in "".join(tags.hrefs)


def test_render_html_marker_leads_to_the_cited_sentence_highlighted():
    articles = load_cluster("ferry")
    page = render_dossier_html(build_dossier(prepare(articles), Options(), stages=fake_stages()))
    summary = page.split('<section id="summary">', 1)[1].split("</section>", 1)[0]
    assert '<a href="#d1-s0"' in summary and '<a href="#d2-s0"' in summary
    mark = re.search(r'<mark class="m\d" id="d1-s0">(.*?)</mark>', page).group(1)
    assert html.unescape(mark).startswith("Ferry crews on the Skerra route walked out on Sunday")


def test_render_html_escapes_hostile_article_text():
    hostile = 'Mayor Bob Smith said <script>alert("x")</script> & <img src=x onerror=1> happened.'
    corpus = prepare([Article(text=hostile, title="<script>t</script>", source="<b>Out</b>")])
    page = render_dossier_html(build_dossier(corpus, Options(), stages=fake_stages()))
    tags = _parse(page)
    assert not tags.tags & {"script", "img", "b"}
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert '<script>alert("x")</script>' in "".join(tags.text)  # shown, as text


def test_render_html_claims_flag_unverified():
    text = "A video could not be verified."
    claim = Claim(None, text, None, True, (Span(0, 0, len(text)),), marker="could not be verified")
    page = render_dossier_html(Dossier((), (), (), (), (claim,), (), (), (Article(text=text),)))
    assert '<span class="flag">⚠ unverified: “could not be verified”</span>' in page


def test_render_html_highlight_nested_and_overlapping_spans():
    text = "abcdefghij"
    out = highlight(text, [(0, 6), (2, 4), (3, 9)], prefix="d1")
    assert out == (
        '<mark class="m1" id="d1-s0">ab</mark><mark class="m2" id="d1-s2">c</mark>'
        '<mark class="m3" id="d1-s3">d</mark><mark class="m2">ef</mark>'
        '<mark class="m1">ghi</mark>j'
    )


def test_render_html_highlight_empty_span_still_gets_a_target():
    out = highlight("abc", [(1, 1), (3, 3)], prefix="d2")
    assert out == 'a<mark id="d2-s1"></mark>bc<mark id="d2-s3"></mark>'


@given(
    st.text(alphabet="ab<&>\"' \n", max_size=40),
    st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45)), max_size=6),
)
def test_render_html_highlight_keeps_text_and_nests(text, pairs):
    spans = [(min(a, b), max(a, b)) for a, b in pairs]
    out = highlight(text, spans, [(0, min(2, len(text)), "boilerplate")])
    tags = _parse(f"<div>{out}</div>")
    assert not tags.crossed and not tags.stack
    assert "".join(tags.text) == text
    starts = {min(s, len(text)) for s, _ in spans}
    assert sorted(tags.ids) == sorted(f"d1-s{s}" for s in starts)


def test_render_html_one_marker_per_report_leading_to_the_first_span():
    text = "Police said 5 people died."
    figure = Figure(5.0, None, "people", "5 people", (Span(0, 12, 20), Span(0, 0, len(text))))
    page = render_dossier_html(Dossier((), (), (), (figure,), (), (), (), (Article(text=text),)))
    figures = page.split('<section id="figures">', 1)[1].split("</section>", 1)[0]
    assert re.findall(r'href="#([\w-]+)"', figures) == ["d1-s12"]
    assert '<mark class="m1" id="d1-s0">Police said </mark><mark class="m2" id="d1-s12">' in page
