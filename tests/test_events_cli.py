"""``storyline events ...`` end to end on the committed sample feed, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli.app import app
from storyline.events import EventStore

ROOT = Path(__file__).resolve().parent.parent
FEED = [str(ROOT / "samples" / "velmar"), str(ROOT / "samples" / "events" / "feed.jsonl")]


def _run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_cli_events_end_to_end_on_the_sample_feed(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    code, _, err = _run("events", "add", *FEED, "--db", db)
    assert code == 0, err
    assert "15 articles added, 0 duplicates skipped, 0 errors; 5 events created" in err
    code, out, _ = _run("events", "list", "--db", db, "--format", "json")
    events = json.loads(out)
    assert code == 0 and len(events) == 5 and sum(e["articles"] for e in events) == 15
    velmar = next(e for e in events if "Velmar" in (e["title"] or ""))
    assert velmar["articles"] == 4 and velmar["outlets"] == 4
    code, out, _ = _run("events", "show", str(velmar["id"]), "--db", db, "--format", "json")
    summary = json.loads(out)
    assert code == 0 and summary["summary"] and len(summary["documents"]) == 4
    code, out, _ = _run("events", "show", str(velmar["id"]), "--db", db, "--format", "html")
    assert code == 0 and out.startswith("<!DOCTYPE html>")
    code, out, _ = _run("events", "search", "Mirela ferry", "--db", db, "--format", "json")
    hits = json.loads(out)
    assert code == 0 and len(hits) == 1 and hits[0]["title"] and "Mirela" in hits[0]["title"]
    code, out, _ = _run("events", "export", "--db", db)
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == 15
    assert set(lines[5]) == {"id", "event", "title", "published"}
    assert lines[4]["id"] == "halvard-quake-1"  # own ids kept, in the order added
    code, _, err = _run("events", "add", *FEED, "--db", db, "--gap-days", "30")  # again
    assert code == 0 and "0 articles added, 15 duplicates skipped" in err
    assert EventStore(db).settings.gap_days == 30


def test_cli_events_add_bad_input_reports_file_and_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "ok1", "text": "The Wend river flooded the old town of Wend on Monday."}\n'
        "{not json\n"
        '{"id": "e1", "text": "   "}\n'
        '{"id": "ok2", "text": "Wend officials opened two shelters for families."}\n',
        encoding="utf-8",
    )
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    db = str(tmp_path / "s.db")
    code, _, err = _run("events", "add", str(feed), str(binary), "--db", db)
    assert code == 103, err
    assert f"{feed}:2" in err and "line 2" in err
    assert "photo.txt" in err and "not text" in err
    assert "empty" in err
    assert "2 articles added, 0 duplicates skipped, 3 errors" in err


def test_cli_events_add_from_stdin(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    line = json.dumps({"id": "in1", "text": "Snow closed the Ferran pass on Tuesday night."})
    code, _, err = _run("events", "add", "-", "--db", db, input=line + "\n" + line + "\n")
    assert code == 0 and "1 articles added, 1 duplicates skipped" in err


def test_cli_events_show_unknown_event_and_bad_store(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    code, _, err = _run("events", "show", "99", "--db", str(db))
    assert code == 8 and "no event 99" in err
    db.write_bytes(b"not a database, just bytes " * 50)
    code, _, err = _run("events", "list", "--db", str(db))
    assert code == 7 and "cannot be opened" in err
