"""``check``'s line for a ``previous`` (上年实绩) that no longer matches last year's ledger names
last year's plan as the rest of the tool names a plan's years: a July–June plan's year before
2026-07-01 is 2025—2026 (as ``init --from`` writes it), not 2026 (its end's year)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cli import app

PLAN = """version = 1

[plan]
id = "p"
name = "年度计划"
start = {start}
end = {end}
ledger = "{ledger}"
{extra}
[[action]]
id = "a"
name = "行动"

[[target]]
id = "output"
action = "a"
name = "产值"
kind = "total"
unit = "亿元"
target = 200
{previous}"""


def _plans(folder: Path, start: str, end: str, start2: str, end2: str) -> None:
    (folder / "last.toml").write_text(
        PLAN.format(start=start, end=end, ledger="last.ledger.toml", extra="", previous=""), encoding="utf-8"
    )
    (folder / "this.toml").write_text(
        PLAN.format(
            start=start2,
            end=end2,
            ledger="this.ledger.toml",
            extra='previous_ledger = "last.ledger.toml"\n',
            previous="previous = 100\n",
        ),
        encoding="utf-8",
    )


def test_a_july_june_year_is_named_by_both_its_years(tmp_path: Path, monkeypatch, runner: CliRunner) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    _plans(tmp_path, "2025-07-01", "2026-06-30", "2026-07-01", "2027-06-30")
    assert runner.invoke(app, ["record", "output", "120", "--targets", "last.toml", "--date", "2026-06"]).exit_code == 0
    result = runner.invoke(app, ["check", "--targets", "this.toml", "--as-of", "2026-08"])
    assert (result.exit_code, result.stderr) == (
        1,
        "error: this.toml:22: target 'output': previous = 100 亿元 is not 2025—2026's final figure in "
        "last.ledger.toml (120 亿元 as of 2026-06-30, corrections included); write previous = 120; or, if 100 is "
        "right, correct 2025—2026's figure in last.ledger.toml with 2025—2026's plan (tracker amend ID VALUE "
        "--reason …)\n",
    )


def test_a_calendar_year_keeps_its_one_year(tmp_path: Path, monkeypatch, runner: CliRunner) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    _plans(tmp_path, "2025-01-01", "2025-12-31", "2026-01-01", "2026-12-31")
    assert runner.invoke(app, ["record", "output", "120", "--targets", "last.toml", "--date", "2025-12"]).exit_code == 0
    result = runner.invoke(app, ["check", "--targets", "this.toml", "--as-of", "2026-08"])
    assert result.exit_code == 1
    assert "previous = 100 亿元 is not 2025's final figure in last.ledger.toml" in result.stderr
