"""Every command is documented (sqlite-utils' habit) and the CLI tells its version."""

from pathlib import Path

from typer.testing import CliRunner

from storyline import __version__
from storyline.cli.app import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_cli_every_command_is_in_the_readme() -> None:
    names = [c.name for c in app.registered_commands]
    assert sorted(names) == ["annotate", "batch", "dossier", "eval", "serve", "summarize"]
    groups = [g.name for g in app.registered_groups]
    assert groups == ["events"]
    for sub in ("add", "list", "show", "search", "export"):
        assert f"storyline events {sub}" in README
    for name in names:
        assert f"storyline {name}" in README


def test_cli_every_command_has_help() -> None:
    for command in ("summarize", "batch", "dossier", "annotate", "eval", "serve"):
        result = CliRunner().invoke(app, [command, "--help"])
        assert result.exit_code == 0, result.output
        assert "Usage" in result.output


def test_cli_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout


def test_cli_readme_documents_every_exit_code() -> None:
    for code in (
        "| 0 |",
        "| 1 |",
        "| 2 |",
        "| 3 |",
        "| 4 |",
        "| 5 |",
        "| 6 |",
        "| 7 |",
        "| 8 |",
        "101–200",
    ):
        assert code in README
