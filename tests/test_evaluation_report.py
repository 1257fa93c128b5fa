"""``evaluate`` and ``storyline eval``: bad lines, failures, JSON, several references."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import storyline
from storyline.cli import eval_cmd
from storyline.errors import NoSentencesError
from storyline.evaluation import evaluate
from storyline.evaluation.clusters import read_clusters
from storyline.evaluation.render import report_notes
from storyline.model import Article, Summary, SummarySentence

DOCS = [
    "The Ashford library reopened on Saturday after a two-year renovation. "
    "The building now has a children's wing and a roof garden.",
    "Ashford's library opened its doors again on Saturday. "
    "The renovation cost 4.5 million pounds, the council said.",
]
SUMMARY = "Ashford's library reopened on Saturday after a renovation costing 4.5 million pounds."


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "clusters.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _good(cid: str = "a", **extra: object) -> str:
    obj: dict[str, object] = {"id": cid, "documents": DOCS, "summary": SUMMARY}
    obj.update(extra)
    return json.dumps(obj)


def test_evaluation_bad_lines_are_reported_and_skipped(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            _good("a"),
            "{not json",
            json.dumps([1, 2]),
            json.dumps({"id": "b", "documents": DOCS}),
            json.dumps({"id": "c", "documents": [], "summary": "x"}),
            json.dumps({"id": "d", "documents": [{"title": "no text"}], "summary": "x"}),
            _good("e"),
        ],
    )
    report = evaluate(path, words=20, peers=["lead"])
    assert report.clusters == 2
    assert [b.line for b in report.bad_lines] == [2, 3, 4, 5, 6]
    reasons = " | ".join(b.reason for b in report.bad_lines)
    for expected in ("not valid JSON", "expected a JSON object", "no reference", "non-empty"):
        assert expected in reasons
    assert any("line 2: not valid JSON" in line for line in report_notes(report))


def test_evaluation_reads_article_objects_and_several_references(tmp_path: Path) -> None:
    objs = [{"text": DOCS[0], "title": "Library"}, DOCS[1]]
    path = _write(tmp_path, [json.dumps({"id": "x", "documents": objs, "summaries": ["a", "b"]})])
    (cluster,) = read_clusters(path)
    assert cluster.references == ("a", "b")
    assert cluster.documents[0].title == "Library"
    assert cluster.documents[1].text == DOCS[1]


def test_evaluation_several_references_are_averaged(tmp_path: Path) -> None:
    other = "Children now have their own wing in the Ashford library."
    one = evaluate(_write(tmp_path, [_good()]), words=30, peers=["lead"]).system("lead")
    two_path = tmp_path / "two.jsonl"
    two_path.write_text(_good(summaries=[SUMMARY, other]) + "\n", encoding="utf-8")
    two = evaluate(two_path, words=30, peers=["lead"]).system("lead")
    alone_path = tmp_path / "other.jsonl"
    alone_path.write_text(_good(summary=other) + "\n", encoding="utf-8")
    alone = evaluate(alone_path, words=30, peers=["lead"]).system("lead")
    assert two.f1["rouge1"] == pytest.approx((one.f1["rouge1"] + alone.f1["rouge1"]) / 2)


def test_evaluation_limit_counts_usable_clusters(tmp_path: Path) -> None:
    path = _write(tmp_path, ["oops", _good("a"), _good("b"), _good("c")])
    report = evaluate(path, words=20, limit=2, peers=["lead"])
    assert report.clusters == 2
    assert report.system("lead").clusters == 2


def test_evaluation_storyline_error_counts_as_empty_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def flaky(articles: list[Article], words: int = 120, fill: bool = False) -> Summary:
        if "children's wing" in articles[0].text:
            raise NoSentencesError("no sentence found in test article")
        first = SummarySentence(articles[0].text.split(". ")[0] + ".", ())
        return Summary(sentences=(first,), documents=tuple(articles))

    monkeypatch.setattr(storyline, "summarize", flaky)
    other = json.dumps({"id": "b", "documents": DOCS[1:], "summary": SUMMARY})
    report = evaluate(_write(tmp_path, [_good("a"), other]), words=25, peers=["lead"])
    result = report.system("storyline")
    assert result.clusters == 2
    assert result.failures == 1
    assert result.crashes == 0
    assert result.examples == ["a: [S105] no sentence found in test article"]
    assert any("storyline: 1 cluster(s) gave no summary" in x for x in report_notes(report))
    assert result.f1["rouge1"] > 0  # the other cluster was scored


def test_evaluation_unknown_peer_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown peer"):
        evaluate(_write(tmp_path, [_good()]), words=20, peers=["bert"])


def test_evaluation_workers_give_the_same_scores(tmp_path: Path) -> None:
    path = _write(tmp_path, [_good("a"), _good("b", summary="The roof garden is new.")])
    serial = evaluate(path, words=20, peers=["lead"])
    parallel = evaluate(path, words=20, peers=["lead"], workers=2)
    for name in ("storyline", "lead"):
        assert parallel.system(name).f1 == serial.system(name).f1


def _cli() -> typer.Typer:
    app = typer.Typer()
    eval_cmd.register(app)

    @app.callback()
    def _root() -> None:
        """storyline (test app with the eval command only)."""

    return app


def test_evaluation_cli_json_is_machine_readable(tmp_path: Path) -> None:
    path = _write(tmp_path, [_good("a"), "bad line"])
    result = CliRunner().invoke(
        _cli(), ["eval", str(path), "--words", "20", "--peers", "lead,oracle", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [s["system"] for s in data["systems"]] == ["storyline", "lead", "oracle"]
    assert data["clusters"] == 1
    assert data["bad_lines"][0]["line"] == 2
    assert 0.0 < data["systems"][2]["f1"]["rouge1"] <= 1.0
    assert data["protocol"]


def test_evaluation_cli_table_names_systems_and_protocol(tmp_path: Path) -> None:
    path = _write(tmp_path, [_good("a")])
    result = CliRunner().invoke(_cli(), ["eval", str(path), "-w", "20", "--peers", "lead"])
    assert result.exit_code == 0, result.output
    assert "storyline" in result.output and "lead" in result.output
    assert "cut to its first 20" in result.output


def test_evaluation_cli_missing_file_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(_cli(), ["eval", str(tmp_path / "nope.jsonl"), "--peers", "lead"])
    assert result.exit_code == 3
    assert "cannot read the clusters file" in result.output
    assert "Traceback" not in result.output


def test_evaluation_cli_unknown_peer_is_a_usage_error(tmp_path: Path) -> None:
    path = _write(tmp_path, [_good("a")])
    result = CliRunner().invoke(_cli(), ["eval", str(path), "--peers", "lead,bert"])
    assert result.exit_code == 2
    assert "unknown peer(s) bert" in result.output


def test_evaluation_progress_is_called_once_per_cluster(tmp_path: Path) -> None:
    seen: list[int] = []
    evaluate(
        _write(tmp_path, [_good("a"), "x", _good("b")]), 20, peers=["lead"], progress=seen.append
    )
    assert seen == [1, 1]


def test_evaluation_cli_is_registered_in_the_storyline_app() -> None:
    from storyline.cli.app import app

    result = CliRunner().invoke(app, ["eval", "--help"])
    assert result.exit_code == 0
    assert "--peers" in result.output


def test_evaluation_reports_mean_words_after_the_cut(tmp_path: Path) -> None:
    report = evaluate(_write(tmp_path, [_good("a")]), words=12, peers=["lead"])
    assert report.system("lead").mean_words == 12
    assert report.to_dict()["systems"][1]["mean_words"] == 12


def test_evaluation_a_crashing_system_is_recorded_not_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from storyline.evaluation import report
    from storyline.evaluation.clusters import Cluster

    def broken(cluster: Cluster, words: int) -> list[str]:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(report, "get_system", lambda name: broken)
    cluster = Cluster("c1", (Article(text="A flood hit the town on Monday."),), ("ref",), 1)
    run = report.run_system("broken", cluster, 50)
    assert run.crashed and run.failure == "RuntimeError: simulated bug"
    assert run.words == 0
