"""A growth column that says the change is a fall (the n12 trial, c23): under '同比下降%',
'比上年下降（%）', '同比降幅（%）' or '比上年同期减少%' a 3.2 is a fall of 3.2 %, growth of −3.2 %, and
was recorded as +3.2 %. Such a column is no growth target's figure, refused, never read either way;
--map cannot make it the figure; a rate noted so with a positive figure is refused too. A target
that is itself a fall (单位工业增加值能耗下降率, target 3.5, a bigger fall better) reads its figure
there, as written. Signed headers (增减, 增长(+)下降(-)) stay growth."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.column_kinds import DECLINE, NOT_GROWTH, RATE_CHANGE, change_said, describe, is_change
from ledger.month_notes import month_note
from tests.helpers import exported, import_text

TITLE = "临平经开区2025年1-8月主要经济指标"
C23 = ["同比下降%", "比上年下降（%）", "同比降幅（%）", "比上年同期减少%"]
WHY = "a fall written without its sign (下降 3.2 is growth of −3.2), not signed growth"


@pytest.mark.parametrize("header", C23)
def test_c23_a_decline_column_is_refused(header: str, runner: CliRunner, workdir: Path) -> None:
    (workdir / "s.csv").write_text(f"{TITLE}\n指标名称,{header}\n规模以上工业增加值,3.2\n", encoding="utf-8")
    result = runner.invoke(app, ["import", "s.csv"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"error: s.csv: no row has a figure: {header!r} (B) is {WHY}; add the column of figures (1—N月累计, or "
        "同比增长% for a rate), or record them with `tracker record`"
    )
    assert not (workdir / "progress.toml").exists()


@pytest.mark.parametrize("header", C23)
def test_c23_a_decline_column_cannot_be_mapped_as_the_growth(header: str, runner: CliRunner, workdir: Path) -> None:
    (workdir / "s.csv").write_text(f"{TITLE}\n指标名称,{header}\n规模以上工业增加值,3.2\n", encoding="utf-8")
    result = runner.invoke(app, ["import", "s.csv", "--map", f"{header}=growth"])
    assert result.exit_code == 1
    # 同比下降% was also refused as a change of the growth rate: 同比下降 says the figure fell (同比回落 that its growth did)
    assert result.stderr == (
        f"error: --map: s.csv: {header!r} holds {WHY}; read as the figure its sign would be lost: add the growth "
        "signed (同比增长%, −3.2 for a fall of 3.2), or record it with `tracker record`\n"
    )
    assert not (workdir / "progress.toml").exists()


def test_beside_the_running_total_the_rate_row_is_refused(runner: CliRunner, workdir: Path) -> None:
    sheet = f"{TITLE}\n指标名称,1-8月,同比下降%\n规模以上工业总产值,842.7,3.2\n规模以上工业增加值,,3.2\n"
    (workdir / "s.csv").write_text(sheet, encoding="utf-8")
    result = runner.invoke(app, ["import", "s.csv"])
    assert result.exit_code == 1
    assert f"the row's only figure is 3.2 under '同比下降%' (C4), {WHY}, which is not recorded" in result.stderr


@pytest.mark.parametrize(
    "header", ["同比增减%", "增减幅度%", "同比增长（+）下降（-）%", "比上年增(+)减(-)%", "同比增长%"]
)
def test_signed_growth_headers_are_growth(header: str, runner: CliRunner, workdir: Path) -> None:
    assert describe(header).field == "growth"
    (workdir / "s.csv").write_text(f"{TITLE}\n指标名称,{header}\n规模以上工业增加值,-3.2\n", encoding="utf-8")
    assert runner.invoke(app, ["import", "s.csv"]).exit_code == 0
    assert (
        'value = "-3.2"' in (workdir / "progress.toml").read_text()
        or "value = -3.2" in (workdir / "progress.toml").read_text()
    )


def test_a_quantity_that_fell_is_no_growth_column() -> None:
    assert describe("减少面积（平方米）").why is None


@pytest.mark.parametrize(("value", "code"), [("3.2", 1), ("-3.2", 0)])
def test_a_rate_noted_as_a_fall(value: str, code: int, runner: CliRunner, workdir: Path) -> None:
    """3.2 noted 同比下降 lost its sign; −3.2 so noted is the fall typed with its sign."""
    result = runner.invoke(app, ["record", "value-added-growth", value, "--date", "2025-08", "--note", "同比下降"])
    assert result.exit_code == code, result.stderr
    if code:
        assert result.stderr == (
            f"error: value-added-growth: 3.2 % as of 2025-08-31 is noted '同比下降', {WHY}, but 'value-added-growth' "
            "records the year-to-date growth on last year (1—N月同比); record the 1—8月 growth; nothing was "
            "recorded; if the figure is right, keep it with --force\n"
        )


@pytest.mark.parametrize("value", ["0.6", "-0.6"])
def test_a_rate_noted_as_a_fall_of_its_growth_rate(value: str, runner: CliRunner, workdir: Path) -> None:
    """0.6 noted 同比回落 is the growth rate 0.6 points lower, no growth of ±0.6 %, whatever its sign."""
    result = runner.invoke(app, ["record", "value-added-growth", value, "--date", "2025-08", "--note", "同比回落"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: value-added-growth: {value} % as of 2025-08-31 is noted '同比回落', a change of the growth rate in "
        "points (回落/提高 0.6: growth 0.6 points lower/higher), not growth, but 'value-added-growth' records the "
        "year-to-date growth on last year (1—N月同比); record the 1—8月 growth; nothing was recorded; if the figure "
        "is right, keep it with --force\n"
    )


periods = st.sampled_from(["", "1-8月", "2025年1-8月", "累计"])
ons = st.sampled_from(["同比", "比上年", "比上年同期", "较上年", "比去年同期", "较上年同期", ""])
falls = st.sampled_from(["下降", "降幅", "减少", "减幅", "下滑", "下跌", "降低"])
units = st.sampled_from(["%", "（%）", "(%)", "率%", "幅度(%)"])


@given(periods, ons, falls, units)
def test_every_fall_written_without_its_sign_is_refused(period: str, on: str, fall: str, unit: str) -> None:
    header = period + on + fall + unit
    column = describe(header)
    assert column.field is None and column.why == DECLINE and DECLINE in NOT_GROWTH
    assert month_note(on + fall) == DECLINE or not on


# 回落 (同比回落, 增速回落, 回落 0.6 个百分点) is the growth rate's fall, in points, never the figure's fall
# without its sign: one reading per word, each refusal saying its own.
# 比上年提高% is growth itself (提高 of the figure): over last year, only 回落 is always the rate's.
_RATE_MOVES = st.one_of(
    st.tuples(st.sampled_from(["同比", "增速", "增幅", "增速同比"]), st.sampled_from(["回落", "提高", "放缓", "收窄"])),
    st.tuples(st.sampled_from(["比上年", "比上年同期", "较上年同期"]), st.just("回落")),
)


@given(periods, _RATE_MOVES, st.sampled_from(["", "%", "（个百分点）", "(百分点)"]))
def test_every_fall_of_the_growth_rate_is_a_change_in_points(period: str, move: tuple[str, str], unit: str) -> None:
    on, change = move
    header = period + on + change + unit
    column = describe(header)
    assert column.field is None and column.why != DECLINE, header
    assert is_change(header) and change_said(header) == RATE_CHANGE, header
    assert month_note(on + change) == RATE_CHANGE


@pytest.mark.parametrize("header", ["同比回落", "同比回落（个百分点）", "增速回落"])
def test_a_fall_of_the_growth_rate_is_refused_as_one(header: str, runner: CliRunner, workdir: Path) -> None:
    (workdir / "s.csv").write_text(f"{TITLE}\n指标名称,{header}\n规模以上工业增加值,0.6\n", encoding="utf-8")
    result = runner.invoke(app, ["import", "s.csv"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"error: s.csv: no row has a figure: {header!r} (B) is a change of the growth rate in points (回落/提高 0.6: "
        "growth 0.6 points lower/higher), not growth; add the column of figures (1—N月累计, or 同比增长% for a rate), "
        "or record them with `tracker record`"
    )
    result = runner.invoke(app, ["import", "s.csv", "--map", f"{header}=growth"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"error: --map: s.csv: {header!r} holds a change of the growth rate in points (回落/提高 0.6: growth 0.6 "
        "points lower/higher), not growth: a rate's figure is its growth (同比增长%), and a change of N 百分点 is no "
        "growth of N %; use the growth or figure column, or record it with `tracker record`"
    )
    assert not (workdir / "progress.toml").exists()


@given(periods, ons, st.sampled_from(["增减", "增长(+)下降(-)", "升降", "增（减）", "±"]), units)
def test_a_rise_and_a_fall_together_is_signed_growth(period: str, on: str, both: str, unit: str) -> None:
    assert describe(period + on + both + unit).why != DECLINE


# --- a target that is itself a fall (能耗下降率): a column of falls without their sign holds its figure ---

_FALLS = """
[[target]]
id = "energy-fall"
action = "industry"
name = "单位工业增加值能耗下降率"
aliases = ["单位工业增加值能耗"]
kind = "rate"
unit = "%"
target = 3.5

[[target]]
id = "energy-growth"
action = "industry"
name = "能耗下降"
kind = "rate"
unit = "%"
target = -3
direction = "down"
"""


def _with_falls(workdir: Path) -> None:
    plan = workdir / "targets.toml"
    plan.write_text(plan.read_text(encoding="utf-8") + _FALLS, encoding="utf-8")


@pytest.mark.parametrize("header", ["下降率%", "下降%", "同比下降%", "降幅（%）", "比上年下降（%）"])
def test_a_fall_rate_target_reads_its_fall_column(header: str, runner: CliRunner, workdir: Path) -> None:
    _with_falls(workdir)
    sheet = f"{TITLE}\n指标名称,{header}\n单位工业增加值能耗,4.1\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # the column was used: not listed as unused
    assert exported(runner) == [("energy-fall", "2025-08-31", 4.1, "%")]
    assert runner.invoke(app, ["check"]).exit_code == 0  # nor is the entry a slip afterwards
    noted = ["record", "energy-fall", "3.9", "--date", "2025-07", "--note", "同比下降"]
    assert runner.invoke(app, noted).exit_code == 0  # its fall noted as one: its figure


def test_beside_a_growth_target_only_the_fall_rate_reads_the_fall(runner: CliRunner, workdir: Path) -> None:
    _with_falls(workdir)
    sheet = f"{TITLE}\n指标名称,下降率%\n单位工业增加值能耗下降率,4.1\n规模以上工业增加值,3.2\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"error: s.csv: row 4: value-added-growth is a rate, whose figure is its year-to-date growth, but the row's "
        f"only figure is 3.2 under '下降率%' (B4), {WHY}, which is not recorded; add the 1-8月同比增长% column (or "
        "累计增速), or record it with `tracker record value-added-growth GROWTH`"
    )
    assert exported(runner) == []


@pytest.mark.parametrize("header", ["下降率%", "同比下降%"])
def test_a_signed_growth_target_named_a_fall_still_refuses_it(header: str, runner: CliRunner, workdir: Path) -> None:
    """能耗下降, target −3, direction down: its figures are signed growth, 3.2 under 下降 is −3.2."""
    _with_falls(workdir)
    result = import_text(runner, workdir, "s.csv", f"{TITLE}\n指标名称,{header}\n能耗下降,3.2\n")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"error: s.csv: no row has a figure: {header!r} (B) is {WHY}; add the column of figures (1—N月累计, or "
        "同比增长% for a rate), or record them with `tracker record`"
    )
    assert exported(runner) == []


def test_only_a_rate_named_a_fall_with_positive_figures_records_falls() -> None:
    from datetime import date
    from decimal import Decimal

    from ledger.column_kinds import records_falls
    from ledger.model import Direction, Kind, Target

    def target(name: str, goal: str, direction: Direction = Direction.UP, kind: Kind = Kind.RATE) -> Target:
        return Target("t", "a", name, kind, date(2025, 12, 31), Decimal(1), "%", Decimal(goal), direction=direction)

    assert records_falls(target("能耗下降率", "3.5"))
    assert records_falls(target("单位工业增加值能耗降低率", "3.5"))  # 增加值 is no rise of the figure
    assert not records_falls(target("能耗下降率", "-3.5"))
    assert not records_falls(target("能耗下降", "3.5", Direction.DOWN))
    assert not records_falls(target("工业增加值增速", "6"))
    assert not records_falls(target("能耗增减率", "3"))
    assert not records_falls(target("能耗下降率", "3.5", kind=Kind.TOTAL))
