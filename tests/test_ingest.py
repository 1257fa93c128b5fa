"""ingest: files, folders, stdin, encodings and formats to Articles."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

import storyline.ingest as ingest
from storyline.errors import BinaryFileError, EmptyInputError, FileReadError, FormatError
from storyline.ingest import article_from_obj, read_bytes, read_path, read_paths, sniff

FIX = Path(__file__).parent / "fixtures" / "ingest"
SAMPLES = Path(__file__).parent.parent / "samples" / "velmar"
TEXT = "The ferry to Osk was cancelled on Monday because of high winds."


def test_ingest_public_surface_is_pinned() -> None:
    assert sorted(ingest.__all__) == [
        "article_from_obj",
        "read_bytes",
        "read_path",
        "read_paths",
        "sniff",
    ]


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        ("a.txt", "<html><body>x</body></html>", "text"),
        ("a.json", "hello", "json"),
        ("noext", "<!DOCTYPE html><html><p>Hi</p></html>", "html"),
        ("noext", '{"text": "a"}', "json"),
        ("noext", '[{"text": "a"}]', "json"),
        ("noext", '{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        ("<stdin>", "Just words. More words.", "text"),
        ("<stdin>", "<3 is a heart, not a tag.", "text"),
    ],
)
def test_ingest_sniff_by_extension_then_content(name: str, text: str, fmt: str) -> None:
    assert sniff(name, text) == fmt


def test_ingest_plain_text_headline_becomes_title_and_stays_in_text() -> None:
    (a,) = read_path(FIX / "headline.txt")
    assert a.title == "Mill reopens in Tarn"
    assert a.text.startswith("Mill reopens in Tarn\n")
    assert a.origin == str(FIX / "headline.txt")


def test_ingest_text_without_headline_has_no_title() -> None:
    (a,) = read_bytes(f"{TEXT} Then it rained.".encode(), "x.txt")
    assert a.title is None


def test_ingest_text_header_block_is_metadata() -> None:
    data = f"Source: Osk Daily\nPublished: 2024-11-04\n\n{TEXT}\n".encode()
    (a,) = read_bytes(data, "x.txt")
    assert (a.source, a.published) == ("Osk Daily", date(2024, 11, 4))
    assert a.text == f"{TEXT}\n"


def test_ingest_utf8_has_no_note() -> None:
    text = "Café owners in Tarn said the quay was closed."
    (a,) = read_bytes(text.encode("utf-8"), "x.txt")
    assert (a.text, a.notes) == (text, ())


def test_ingest_guessed_encoding_is_noted() -> None:
    text = "Café owners in Tarn said the “quay” was closed — again — on Monday. " * 3
    (a,) = read_bytes(text.encode("cp1252"), "x.txt")
    assert any("not UTF-8" in n for n in a.notes)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"])
def test_ingest_decodes_any_text_encoding(encoding: str) -> None:
    text = "Café owners in Tarn said the “quay” was closed — again — on Monday. " * 3
    (a,) = read_bytes(text.encode(encoding), "x.txt")
    assert a.text == text


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03",
        b"abc\x00def\x00\x01\x02\x03ghi\x00\x00\x00\x05",
    ],
)
def test_ingest_binary_file_is_refused_with_advice(data: bytes) -> None:
    with pytest.raises(BinaryFileError, match=r"photo\.bin.*give a text, HTML or JSON file"):
        read_bytes(data, "photo.bin")


@pytest.mark.parametrize("data", [b"", b"   \n\t  \n"])
def test_ingest_empty_file_names_the_file(data: bytes) -> None:
    with pytest.raises(EmptyInputError, match=r"empty\.txt"):
        read_bytes(data, "empty.txt")


def test_ingest_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(FileReadError, match=r"nope\.txt"):
        read_path(tmp_path / "nope.txt")


def test_ingest_json_object_array_and_cluster(tmp_path: Path) -> None:
    p = tmp_path / "c.json"
    p.write_text(json.dumps([{"text": TEXT, "title": "Ferry off"}, "Second report here."]))
    a, b = read_path(p)
    assert (a.origin, a.title) == (f"{p}#1", "Ferry off")
    assert (b.origin, b.text) == (f"{p}#2", "Second report here.")
    p.write_text(json.dumps({"id": "x", "documents": [TEXT, TEXT + " Again."]}))
    assert [x.origin for x in read_path(p)] == [f"{p}#1", f"{p}#2"]


def test_ingest_jsonl_lines_are_numbered() -> None:
    a, b = read_path(FIX / "cluster.jsonl", default_date=date(2024, 1, 1))
    assert a.origin.endswith("cluster.jsonl:1") and b.origin.endswith("cluster.jsonl:2")
    assert (a.source, a.published) == ("Osk Daily", date(2024, 11, 4))
    assert b.published == date(2024, 1, 1)


def test_ingest_malformed_json_gives_line_number(tmp_path: Path) -> None:
    p = tmp_path / "bad.json"
    p.write_text('[\n{"text": "a"},\n{"text": }\n]')
    with pytest.raises(FormatError, match=r"bad\.json, line 3"):
        read_path(p)
    q = tmp_path / "bad.jsonl"
    q.write_text('{"text": "a"}\n{"text": "b"\n')
    with pytest.raises(FormatError, match=r"bad\.jsonl:2"):
        read_path(q)


def test_ingest_article_obj_needs_text() -> None:
    with pytest.raises(FormatError, match=r'c\.json#3.*"text"'):
        article_from_obj({"title": "No body"}, "c.json#3")


def test_ingest_article_obj_bad_date_is_a_note_not_a_loss() -> None:
    a = article_from_obj(
        {"text": TEXT, "published": "last Tuesday"}, "c.json#1", default_date=date(2024, 5, 1)
    )
    assert a.published == date(2024, 5, 1)
    assert "last Tuesday" in a.notes[0]


def test_ingest_article_obj_datetime_with_zone() -> None:
    a = article_from_obj({"text": TEXT, "published": "2024-11-04T23:10:00Z"}, "x")
    assert a.published == date(2024, 11, 4)


def test_ingest_html_extracts_text_and_metadata() -> None:
    (a,) = read_path(FIX / "page.htm")
    assert a.source == "Osk Daily"
    assert a.published == date(2024, 11, 4)
    assert "About 200 travellers" in a.text
    assert "Home | News" not in a.text


def test_ingest_html_without_article_falls_back_with_note(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import storyline.ingest.html as html_reader

    monkeypatch.setattr(html_reader, "_extract", lambda html: None)
    html = b"<html><body><nav>Home</nav><script>var x=1;</script><div>Tiny page.</div></body>"
    (a,) = read_bytes(html, "tiny.html")
    assert a.text == "Tiny page."
    assert any("HTML extractor" in n for n in a.notes)


def test_ingest_folder_is_sorted_skips_hidden_and_reports_others(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second story text here. It has words.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Nested story text here. It has words.")
    (tmp_path / ".hidden.txt").write_text("Hidden story. Should not be read.")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / "empty.txt").write_text("")
    arts, notes = read_paths([tmp_path])
    assert [Path(a.origin or "").name for a in arts] == ["b.txt", "a.txt"]
    assert any("photo.png" in n and "not a text format" in n for n in notes)
    assert any("empty.txt" in n for n in notes)


def test_ingest_folder_with_nothing_readable_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n")
    with pytest.raises(FileReadError, match=str(tmp_path)):
        read_path(tmp_path)


def test_ingest_stdin_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(json.dumps({"text": TEXT}).encode()))
    monkeypatch.setattr(sys, "stdin", fake)
    (a,) = read_path("-")
    assert (a.origin, a.text) == ("<stdin>", TEXT)


@pytest.mark.parametrize(
    ("name", "title", "source", "published"),
    [
        (
            "01-coastline-wire.txt",
            "Dam breach floods Velmar, at least 40 dead",
            "Coastline Wire",
            date(2025, 3, 3),
        ),
        (
            "02-velmar-courier.html",
            "Dozens dead as Kessa dam bursts above Velmar",
            "Velmar Courier",
            date(2025, 3, 3),
        ),
        (
            "03-radio-velmar.txt",
            "In pictures: Velmar after the flood",
            "Radio Velmar",
            date(2025, 3, 4),
        ),
        (
            "04-northern-ledger.json",
            "Velmar dam authority denies it ignored warnings",
            "The Northern Ledger",
            date(2025, 3, 4),
        ),
    ],
)
def test_ingest_samples_have_title_source_date(
    name: str, title: str, source: str, published: date
) -> None:
    (a,) = read_path(SAMPLES / name)
    assert (a.title, a.source, a.published) == (title, source, published)
    assert 150 <= len(a.text.split()) <= 320


def test_ingest_samples_folder_reads_four_articles_in_order() -> None:
    arts, notes = read_paths([SAMPLES])
    assert [Path(a.origin or "").name[:2] for a in arts] == ["01", "02", "03", "04"]
    assert notes == []
    _, root_notes = read_paths([SAMPLES.parent])  # samples/ holds a README beside the cluster
    assert any("README.md" in n and "documentation" in n for n in root_notes)


def test_ingest_dateline_outlet_becomes_the_source_once_the_article_is_prepared(
    tmp_path: Path,
) -> None:
    from storyline.prepare import prepare

    path = tmp_path / "wire.txt"
    path.write_text(
        "HALDEN, Ostravia (Valley Wire) - Floodwater broke through the Marrow Creek levee "
        "early on Tuesday, forcing 3,000 residents to leave their homes. Fire crews rescued "
        "41 people from rooftops, the fire service said.\n",
        encoding="utf-8",
    )
    (article,) = read_path(path)
    assert article.source is None  # the reader leaves the dateline to the cleaner
    assert prepare([article]).articles[0].source == "Valley Wire"
