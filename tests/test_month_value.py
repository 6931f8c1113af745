"""The month's own figure (本月) beside a running total, in the table, JSON and `show`."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import append_entries, evaluate
from ledger.numbers import plain, trim
from ledger.render.cells import cells
from ledger.series import monthly
from tests.helpers import entry, progress_of, write_plan
from tests.test_year_end import TARGETS

ENTRIES = [
    entry("output", date(2025, 1, 31), "80", n=1),
    entry("output", date(2025, 2, 28), "180", n=2, month_value=Decimal(100)),
    entry("output", date(2025, 4, 30), "420", n=3, month_value=Decimal(110)),
    entry("output", date(2025, 5, 31), "530", n=4),
    entry("space", date(2025, 4, 15), "5", n=5),
    entry("space", date(2025, 4, 30), "10", n=6),
    entry("growth", date(2025, 3, 31), "4.1", n=7),
]


@pytest.fixture
def plan(tmp_path: Path):
    return write_plan(tmp_path, TARGETS)


def test_month_by_month_figures(plan) -> None:
    points = monthly(plan, plan.target("output"), ENTRIES, date(2025, 5, 31))
    # January: the running total itself (from the baseline 0); February and April as recorded;
    # March has no reading; May: 530 − April's 420.
    assert [p.month_value for p in points] == [80, 100, None, 110, 110]
    space = monthly(plan, plan.target("space"), ENTRIES, date(2025, 4, 30))
    assert [p.month_value for p in space] == [None, None, None, 15]  # 5 + 10 added in April
    growth = monthly(plan, plan.target("growth"), ENTRIES, date(2025, 4, 30))
    assert [p.month_value for p in growth] == [None, None, Decimal("4.1"), None]


def test_the_month_figure_beside_the_running_total(plan) -> None:
    april = next(p for p in evaluate(plan, ENTRIES, date(2025, 4, 30)).targets if p.target.id == "output")
    assert april.month_value == 110
    assert (cells(april, "zh").current, cells(april, "zh").month) == ("420", "本月 110")
    may = next(p for p in evaluate(plan, ENTRIES, date(2025, 5, 31)).targets if p.target.id == "output")
    assert may.month_value is None and cells(may, "zh").month == ""


def test_json_and_show(plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    append_entries(tmp_path / "progress.toml", ENTRIES)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    doc = json.loads(runner.invoke(app, ["status", "--as-of", "2025-04-30", "-f", "json"]).stdout)
    assert doc["actions"][0]["targets"][0]["month_value"] == 110
    table = runner.invoke(app, ["status", "--as-of", "2025-04-30", "--lang", "zh"]).stdout
    assert "本月 110" in table
    shown = json.loads(runner.invoke(app, ["show", "output", "--as-of", "2025-05-31", "-f", "json"]).stdout)
    assert [p["month_value"] for p in shown["series"]] == [80, 100, None, 110, 110]
    chart = runner.invoke(app, ["show", "growth", "--as-of", "2025-04-30", "--lang", "en"]).stdout
    assert "2025-03-31  " in chart and "4.1%" in chart
    assert all(
        len(line) <= 80 for line in runner.invoke(app, ["show", "output", "--as-of", "2025-05"]).stdout.splitlines()
    )


def test_the_months_figure_keeps_the_digits_typed_in_every_output(workdir: Path, runner: CliRunner) -> None:
    # 628.32 with 本月 110.5: the month is 110.5 in the table, the report and show alike, not
    # padded to the total's two places (110.50); 1341.05 with 128.4 likewise (README: 本月 128.4).
    def ok(*args: str) -> str:
        result = runner.invoke(app, list(args))
        assert result.exit_code == 0, result.stderr
        return result.stdout

    ok("record", "industrial-output", "517.82", "--date", "2025-05")
    ok("record", "industrial-output", "628.32", "--month-value", "110.5", "--date", "2025-06")
    table = ok("status", "--as-of", "2025-06", "--lang", "zh").splitlines()
    at = next(i for i, line in enumerate(table) if line.startswith("工业总产值"))
    assert table[at + 1] == "                          本月 110.5"
    report = ok("report", "--as-of", "2025-06", "--lang", "zh").splitlines()
    assert (
        "| 工业总产值 | 1360 亿元 | 628.32（本月 110.5） | 06-30 | 46.2% | 50.0% | 略滞后 | 低于序时进度 3.8 个百分点 | 1256.64 |"
        in report
    )
    show = ok("show", "industrial-output", "--as-of", "2025-06", "--lang", "zh")
    assert "2025-06-30  ███████████░│░░░░░░░░░░░  46.2%  序时 50.0%  本月 110.5  略滞后" in show.splitlines()
    ok("record", "industrial-output", "1341.05", "--month-value", "128.4", "--date", "2025-12")
    december = ok("status", "--as-of", "2025-12", "--lang", "zh").splitlines()
    at = next(i for i, line in enumerate(december) if line.startswith("工业总产值"))
    assert december[at + 1].split() == ["本月", "128.4"]


@given(
    st.decimals(min_value=100, max_value=900, places=3, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=0, max_value=99, places=3, allow_nan=False, allow_infinity=False),
)
def test_a_month_typed_in_the_targets_unit_shows_as_typed(total: Decimal, month: Decimal) -> None:
    month = Decimal(trim(month))  # typed with fewer places than the total (110.5 beside 628.32)
    with tempfile.TemporaryDirectory() as folder:
        plan = write_plan(Path(folder), TARGETS)
    got = progress_of(
        plan, [entry("output", date(2025, 6, 30), str(total), month_value=month)], date(2025, 6, 30), "output"
    )
    assert cells(got, "zh").month == f"本月 {plain(month)}"
