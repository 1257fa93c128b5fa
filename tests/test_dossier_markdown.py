"""The dossier's Markdown: sections in order, markers that lead to quoted passages."""

from __future__ import annotations

import re
from datetime import date

from dossier_fakes import fake_stages, load_cluster
from storyline.analyze.dossier import build_dossier
from storyline.model import Article, Span
from storyline.model.dossier import Claim, Difference, Dossier, TimelineEvent
from storyline.options import Options
from storyline.prepare import prepare
from storyline.render.dossier_md import md_escape, render_dossier_markdown

HEADINGS = ["Summary", "Actors", "Timeline", "Figures", "Claims", "Where sources differ", "Sources"]


def _markdown(name: str = "bridge") -> str:
    corpus = prepare(load_cluster(name))
    return render_dossier_markdown(build_dossier(corpus, Options(), stages=fake_stages()))


def test_dossier_md_title_then_sections_in_order():
    md = _markdown()
    assert md.startswith("# Kessel Bridge section collapses in Port Mellin\n")
    found = re.findall(r"^## (.+)$", md, flags=re.M)
    assert found[: len(HEADINGS)] == HEADINGS


def test_dossier_md_every_link_has_its_anchor():
    md = _markdown()
    targets = set(re.findall(r"\]\(#([\w-]+)\)", md))
    ids = set(re.findall(r'id="([\w-]+)"', md))
    assert targets and targets <= ids


def test_dossier_md_summary_markers_quote_the_cited_sentence():
    md = _markdown("ferry")
    summary = md.split("## Summary\n\n", 1)[1].split("\n\n", 1)[0]
    assert summary.startswith("Ferry crews on the Skerra route walked out on Sunday")
    assert "[\\[1\\]](#cite-1)[\\[2\\]](#cite-2)[\\[3\\]](#cite-3)" in summary
    assert "_(3 reports, 2 independent)_" in summary  # report 2 rewrites report 1 (fake)
    entry = re.search(r'^1\. <a id="cite-1"></a>(.+)$', md, flags=re.M).group(1)
    assert "Report 1 (Island Voice), characters 0–" in entry
    assert "“Ferry crews on the Skerra route walked out on Sunday, stranding about" in entry


def test_dossier_md_quote_is_cut_by_offsets_not_found_by_search():
    text = "Okafor said yes. Then Okafor said yes."
    second = Span(0, 22, 37)  # "Okafor said yes" — the second occurrence
    claim = Claim("Okafor", "yes", "said", False, (second,))
    dossier = Dossier((), (), (), (), (claim,), (), (), (Article(text=text),))
    md = render_dossier_markdown(dossier)
    assert "characters 22–37" in md
    assert "“Okafor said yes”" in md


def test_dossier_md_timeline_says_how_a_weekday_was_resolved():
    event = TimelineEvent(
        when=date(2026, 3, 6),
        resolved_from="on Friday",
        text="The bridge collapsed.",
        citations=(Span(0, 0, 21),),
        resolution="latest Friday on or before 2026-03-10, the article's date",
    )
    dossier = Dossier((), (), (event,), (), (), (), (), (Article(text="The bridge collapsed."),))
    md = render_dossier_markdown(dossier)
    assert "- **2026-03-06** — The bridge collapsed. [\\[1\\]](#cite-1)\\\n  _resolved" in md
    assert "resolved from 'on Friday' → latest Friday on or before 2026-03-10" in md


def test_dossier_md_flags_unverified_claims():
    md = _markdown()
    line = next(
        x
        for x in md.splitlines()
        if "authenticity could not be verified" in x and x.startswith("- **Unattributed**")
    )
    assert "**⚠ unverified**: “could not be verified”" in line


def test_dossier_md_escapes_markup_in_article_text():
    hostile = "Evil <script>alert(1)</script> and [link](http://x) *bold* said Bob Smith."
    corpus = prepare([Article(text=hostile, title="<b>Title</b>")])
    md = render_dossier_markdown(build_dossier(corpus, Options(), stages=fake_stages()))
    assert "<script>" not in md and "<b>" not in md
    assert "\\[link\\](http://x)" in md  # shown as written, not a link
    assert md_escape("a *b* [c]") == "a \\*b\\* \\[c\\]"


def test_dossier_md_empty_sections_say_so():
    dossier = Dossier((), (), (), (), (), (), (), (Article(text="Nothing here."),))
    md = render_dossier_markdown(dossier)
    assert md.count("_None found._") == len(HEADINGS)


def test_dossier_md_differences_grouped_figures_first():
    text = "One said 4. Two said 5. Only here."
    diffs = (
        Difference("unique", "Only one report says this.", (Span(0, 24, 34),)),
        Difference("figure", "4 or 5?", (Span(0, 0, 11), Span(0, 12, 23))),
    )
    md = render_dossier_markdown(Dossier((), (), (), (), (), diffs, (), (Article(text=text),)))
    body = md.split("## Where sources differ\n\n", 1)[1].split("## Sources", 1)[0]
    assert body.index("**Figures that differ**") < body.index("**Reported by one source only**")
    assert "- 4 or 5? [\\[1\\]](#cite-1)[\\[2\\]](#cite-2)" in body
