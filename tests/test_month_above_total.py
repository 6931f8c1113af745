"""A month's own figure (本月) larger than the 1—N月 running total that includes it: the months
before would add up to a loss, which a quantity such as output cannot be. Refused at record,
amend and import, and reported by `check` in a ledger another tool wrote."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from cli import app
from ledger import append_entries
from ledger.meaning import check_ledger, check_new
from tests.helpers import entry
from tests.test_meaning_fast import PLAN

FEB, JAN = date(2025, 2, 28), date(2025, 1, 31)


def test_a_month_figure_above_its_running_total_is_found() -> None:
    feb = entry("output", FEB, "200", n=1, month_value=Decimal(500))
    [found] = check_new(PLAN, [], [feb])
    assert found.month_sum
    # 200 − 500 = −300 for January, which output cannot be.
    assert found.message == (
        "the month's own 500 亿元 is more than the running total 200 亿元 as of 2025-02-28 that includes it: the "
        "months before would add up to -300 亿元, below 0, possible only after a loss; the two figures may be "
        "swapped or in different units"
    )
    assert check_ledger(PLAN, [feb]) == [found]


def test_equal_or_within_rounding_or_below_is_fine() -> None:
    assert check_new(PLAN, [], [entry("output", FEB, "200", month_value=Decimal(200))]) == []  # January was 0
    # 200 stands for 199.5 … 200.5, 200.4 for 200.35 … 200.45: they may be the same figure.
    assert check_new(PLAN, [], [entry("output", FEB, "200", month_value=Decimal("200.4"))]) == []
    [off] = check_new(PLAN, [], [entry("output", FEB, "200", month_value=Decimal("200.6"))])
    assert "would add up to -0.6 亿元" in off.message
    assert check_new(PLAN, [], [entry("output", FEB, "200", month_value=Decimal(80))]) == []


def test_a_loss_is_left_as_written() -> None:
    # A running total below 0 (a loss to date): a month figure above it is what a smaller loss
    # this month, or a gain, gives.
    assert check_new(PLAN, [], [entry("output", FEB, "-100", month_value=Decimal(50))]) == []
    # With January's reading the sum decides: −300 + 500 = 200 adds up, after a loss.
    jan = entry("output", JAN, "-300", n=1)
    feb = entry("output", FEB, "200", n=2, month_value=Decimal(500))
    assert check_new(PLAN, [jan], [feb]) == [] and check_ledger(PLAN, [jan, feb]) == []


def test_with_the_month_before_one_message_not_two() -> None:
    jan = entry("output", JAN, "100", n=1)
    feb = entry("output", FEB, "200", n=2, month_value=Decimal(500))
    [found] = check_new(PLAN, [jan], [feb])
    assert found.message == (
        "the running total 200 亿元 is not the previous 100 亿元 (2025-01-31) plus this month's 500 亿元 = 600 亿元"
    )
    assert check_ledger(PLAN, [jan, feb]) == [found]


def test_january_s_running_total_is_its_own_month_figure() -> None:
    [found] = check_new(PLAN, [], [entry("output", JAN, "200", month_value=Decimal(150))])
    assert found.month_sum and found.message == (
        "as of 2025-01-31, the plan's first month, the running total 200 亿元 should equal the month's own 150 亿元: "
        "the running total of the first month (1—1月) is that month's figure"
    )


def test_a_stock_is_not_judged() -> None:
    from tests.helpers import write_plan

    plan = write_plan(
        Path(__import__("tempfile").mkdtemp()),
        '[[target]]\nid = "firms"\naction = "a"\nname = "企业数"\nkind = "total"\nunit = "家"\ntarget = 500\n'
        "baseline = 400\n",
    )
    assert check_new(plan, [], [entry("firms", FEB, "420", month_value=Decimal(450))]) == []


def _run(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def test_record_amend_import_refuse_and_check_reports(workdir: Path, runner: CliRunner) -> None:
    refused = _run(runner, "record", "industrial-output", "200", "--date", "2025-02", "--month-value", "500")
    assert refused.exit_code == 1 and refused.stdout == ""
    assert refused.stderr == (
        "error: industrial-output: the month's own 500 亿元 is more than the running total 200 亿元 as of "
        "2025-02-28 that includes it: the months before would add up to -300 亿元, below 0, possible only after a "
        "loss; the two figures may be swapped or in different units; nothing was recorded; if the month's own "
        "figure is what is wrong, give it with --month-value; if both figures are right, keep them with --force\n"
    )
    assert not (workdir / "progress.toml").exists()
    jan = _run(runner, "record", "industrial-output", "200", "--date", "2025-01", "--month-value", "150")
    assert jan.exit_code == 1 and "the running total 200 亿元 should equal the month's own 150 亿元" in jan.stderr
    # Swapped back, it is recorded; amending it to the slip is refused.
    good = _run(runner, "record", "industrial-output", "500", "--date", "2025-02", "--month-value", "200")
    assert good.exit_code == 0, good.stderr
    entry_id = good.stdout.split()[1].rstrip(":")
    amended = _run(runner, "amend", entry_id, "200", "--month-value", "500", "--reason", "核实数")
    assert amended.exit_code == 1 and "would add up to -300 亿元" in amended.stderr
    # A sheet's row (万元 in the header, converted: 500 亿元 for the month, 200 亿元 to date).
    (workdir / "m.csv").write_text(
        "指标名称,1-4月累计（万元）,本月（万元）,截至日期\n工业总产值,2000000,5000000,2025-04\n", encoding="utf-8"
    )
    imported = _run(runner, "import", "m.csv")
    assert imported.exit_code == 1
    assert "m.csv: row 2: the month's own 500 亿元 is more than the running total 200 亿元 as of 2025-04-30" in (
        imported.stderr
    )
    assert "import with --force" in imported.stderr
    # --force keeps it, marked forced, and check passes it.
    assert _run(runner, "import", "m.csv", "--force").exit_code == 0
    assert _run(runner, "check").exit_code == 0


def test_check_reports_a_ledger_written_by_another_tool(workdir: Path, runner: CliRunner) -> None:
    feb = entry("industrial-output", FEB, "200", n=1, unit="亿元", month_value=Decimal(500))
    append_entries(workdir / "progress.toml", [feb])
    result = _run(runner, "check", "--format", "json")
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["problems"]
    assert problem["entry"] == feb.id and "would add up to -300 亿元" in problem["message"]
    assert f"tracker amend {feb.id} VALUE --month-value MONTH" in problem["fix"]
