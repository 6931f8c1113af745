"""A total's or a rate's note read as a sheet's header is (the n12 trial, c14): a figure noted as
one month's own (8月当月, 本月, 8月单月) is not the running total (1—N月累计) a total records, nor a
growth noted 8月当月同比 or 环比 the year-to-date growth a rate records; `record`, an import's note
and `check` refuse it, as a sheet's column so headed is refused."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.column_kinds import MONTH_ON_MONTH, MONTHS_GROWTH
from ledger.month_notes import MONTHS_OWN, month_note
from ledger.slips import note_month
from tests.helpers import entry
from tests.test_meaning_fast import PLAN

OUTPUT = (
    "the month's own figure, but 'industrial-output' records the running total (1—N月累计); record the 1—8月 figure, "
    "with the month's own as --month-value (tracker record industrial-output FIGURE --month-value 112.4); nothing "
    "was recorded; if the figure is right, keep it with --force\n"
)


@pytest.mark.parametrize("note", ["8月当月", "本月", "8月单月", "当月数", "8月当月（快报）", "八月当月", "本期"])
def test_a_running_total_noted_as_the_months_own_is_refused(note: str, runner: CliRunner, workdir: Path) -> None:
    result = runner.invoke(app, ["record", "industrial-output", "112.4", "--date", "2025-08", "--note", note])
    assert result.exit_code == 1
    assert result.stderr == f"error: industrial-output: 112.4 亿元 as of 2025-08-31 is noted {note!r}, " + OUTPUT
    assert not (workdir / "progress.toml").exists()


def test_a_json_lines_note_of_the_months_own_is_refused(runner: CliRunner, workdir: Path) -> None:
    line = {"target": "industrial-output", "value": 112.4, "date": "2025-08", "note": "8月当月"}
    (workdir / "a.jsonl").write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["import", "a.jsonl"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: a.jsonl: row 1: 112.4 亿元 as of 2025-08-31 is noted '8月当月', "
        + OUTPUT.split("; nothing")[0]
        + "; nothing was imported; if these figures are right, import with --force"
    ]
    assert not (workdir / "progress.toml").exists()


@pytest.mark.parametrize(
    ("note", "why"),
    [("8月当月同比", "a single month's growth, not year-to-date"), ("环比", "growth over the month before, not "
     "year-on-year"), ("8月当月", "the month's own growth"), ("单月增速", "a single month's growth, not year-to-date")],
)  # fmt: skip
def test_a_rate_noted_as_not_year_to_date_growth_is_refused(
    note: str, why: str, runner: CliRunner, workdir: Path
) -> None:
    result = runner.invoke(app, ["record", "value-added-growth", "7.2", "--date", "2025-08", "--note", note])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: value-added-growth: 7.2 % as of 2025-08-31 is noted {note!r}, {why}, but 'value-added-growth' "
        "records the year-to-date growth on last year (1—N月同比); record the 1—8月 growth; nothing was recorded; "
        "if the figure is right, keep it with --force\n"
    )


def test_a_stock_noted_as_the_months_additions_is_refused() -> None:
    found = note_month(
        PLAN, PLAN.find("stock"), entry("stock", date(2025, 8, 31), "35", unit="万平方米", note="8月新增")
    )
    assert found is not None
    assert found.message == (
        "35 万平方米 as of 2025-08-31 is noted '8月新增', the month's own figure, but 'stock' records the level as it "
        "stands (a stock: kind total with a baseline), not what the month added; record the level at the month's end"
    )


@pytest.mark.parametrize(
    "note",
    ["8月", "8月份", "2025年8月", "1—8月累计", "快报", "截至8月15日", "8月15日报送", "快报（当月）", "已核实", "本月快报",
     "当月上报", "本期报表", "本月更新", "本月核实"],
)  # fmt: skip
def test_other_notes_are_kept(note: str, runner: CliRunner, workdir: Path) -> None:
    result = runner.invoke(app, ["record", "industrial-output", "842.7", "--date", "2025-08", "--note", note])
    assert result.exit_code == 0, result.stderr
    assert month_note(note) is None


def test_januarys_own_figure_is_the_year_so_far(runner: CliRunner, workdir: Path) -> None:
    result = runner.invoke(app, ["record", "industrial-output", "112.4", "--date", "2025-01", "--note", "1月当月"])
    assert result.exit_code == 0, result.stderr
    # …but a stock's January additions are still not its level.
    assert note_month(PLAN, PLAN.find("stock"), entry("stock", date(2025, 1, 31), "3", note="1月新增")) is not None


def test_an_addition_may_be_noted_as_the_months_own() -> None:
    assert note_month(PLAN, PLAN.find("area"), entry("area", date(2025, 8, 31), "2", note="8月当月")) is None


def test_a_forced_figure_is_kept_and_check_passes(runner: CliRunner, workdir: Path) -> None:
    args = ["record", "industrial-output", "112.4", "--date", "2025-08", "--note", "本月", "--force"]
    assert runner.invoke(app, args).exit_code == 0
    assert runner.invoke(app, ["check"]).exit_code == 0


def test_check_finds_one_written_before(runner: CliRunner, workdir: Path) -> None:
    """A ledger written before this rule (here: forced, then the mark taken off by hand) is told by check."""
    assert runner.invoke(app, ["record", "industrial-output", "112.4", "--date", "2025-08", "--note", "本月",
                               "--force"]).exit_code == 0  # fmt: skip
    ledger = workdir / "progress.toml"
    ledger.write_text("\n".join(x for x in ledger.read_text().splitlines() if not x.startswith("forced")) + "\n")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert "is noted '本月', the month's own figure, but 'industrial-output' records the running total" in result.output


months = st.sampled_from(["8月", "八月", "2025年8月", "12月", ""])
own = st.sampled_from(["当月", "本月", "单月", "本期", "当期", "(当月)", "（本月）"])
figure_words = st.sampled_from(["", "完成", "数", "值", "完成值", "新增", "实绩", "新增面积"])
brackets = st.sampled_from(["", "（快报）", "(1-8月累计842.7)"])


@given(months, own, figure_words, brackets)
def test_every_form_of_a_months_own_figure_is_refused_on_a_total(m: str, said: str, word: str, tail: str) -> None:
    note = m + said + word + tail
    assert month_note(note) == MONTHS_OWN
    day = date(2025, 12, 31) if m == "12月" else date(2025, 8, 31)
    found = note_month(PLAN, PLAN.find("output"), entry("output", day, "112.4", note=note))
    assert found is not None and "the month's own figure, but 'output' records the running total" in found.message
    # …and an addition so noted is the month's own, as it should be.
    assert note_month(PLAN, PLAN.find("area"), entry("area", day, "2", note=note)) is None


growths = st.sampled_from(["同比", "同比增长", "增速", "增长", "同比增速"])


@given(
    st.sampled_from(["8月", "8月当月", "当月", "本月", "单月", "8月单月"]), growths, st.sampled_from(["", "%", "（%）"])
)
def test_every_single_months_growth_is_refused_on_a_rate(m: str, growth: str, unit: str) -> None:
    note = m + growth + unit
    assert month_note(note) == MONTHS_GROWTH
    found = note_month(PLAN, PLAN.find("growth"), entry("growth", date(2025, 8, 31), "7.2", note=note))
    assert found is not None and f"{MONTHS_GROWTH}, but 'growth' records the year-to-date growth" in found.message


@given(st.sampled_from(["环比", "环比增长", "比上月增长", "环比增速"]), st.sampled_from(["", "%", "（%）"]))
def test_every_month_on_month_growth_is_refused_on_a_rate(growth: str, unit: str) -> None:
    note = growth + unit
    assert month_note(note) == MONTH_ON_MONTH
    assert note_month(PLAN, PLAN.find("growth"), entry("growth", date(2025, 8, 31), "7.2", note=note)) is not None
