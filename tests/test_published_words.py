"""Words of sheets as Chinese offices publish them (issue 14, the new-user trial n4): a 截至…月底
title or date cell makes a neutral figure column the year so far, as the same words in a header
do; a goal beside the target's name is never the name; a single month's growth is never hinted
into the year's; a row name carrying its unit; a 1—N月 label wherever it stands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.importing import read_table
from tests.helpers import INCREMENT_FIX
from tests.helpers import exported as _entries
from tests.helpers import import_text as _import


def _table(text: str) -> Any:
    return read_table("t.csv", text.encode(), "csv")


# --- 1. 截至…月底 above the header: the year so far -----------------------------------------


def test_the_trials_july_and_august_never_add_up(runner: CliRunner, workdir: Path) -> None:
    """The trial's case: 5000 (截至7月底) then 8000 (截至8月底) made 1.3 万平方米; the sheets say
    8000 平方米 (0.8 万) were added by the end of August. Each is refused for the increment."""
    for month, figure in ((7, 5000), (8, 8000)):
        text = (
            f"截至2025年{month}月底临平经开区创新空间建设情况\n指标名称,新增面积（平方米）\n新增创新空间面积,{figure}\n"
        )
        result = _import(runner, workdir, f"j{month}.csv", text)
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr == (
            f"error: j{month}.csv: row 3: innovation-space adds up its entries (kind increment), but {figure} is "
            f"under '新增面积（平方米）', a 1—{month}月 running total, as the title says" + INCREMENT_FIX
        )
    assert not (workdir / "progress.toml").exists()


def test_a_date_cell_saying_the_year_so_far_is_named(runner: CliRunner, workdir: Path) -> None:
    text = "临平经开区创新空间建设情况\n截至2025年8月底\n指标名称,新增面积（平方米）\n新增创新空间面积,8000\n"
    result = _import(runner, workdir, "c.csv", text)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: c.csv: row 4: innovation-space adds up its entries (kind increment), but 8000 is under "
        "'新增面积（平方米）', a 1—8月 running total, as '截至2025年8月底' (A2) says" + INCREMENT_FIX
    )


UP_TO_TITLES = ["截至{y}年{m}月底临平经开区创新空间建设情况", "截止{y}年{m}月末主要指标", "截至{y}年{m}月主要指标",
                "临平经开区截至{y}年{m}月底建设情况", "{y}年{m}月底主要指标", "{y}年{m}月末主要指标",
                "截至 {y} 年 {m} 月 底", "截至{y}.{m}月底"]  # fmt: skip
UP_TO_CELLS = ["截至{y}年{m}月底", "截止{y}年{m}月末", "截至{y}年{m}月", "{y}年{m}月底", "{y}年{m}月末",
               "截至{y}年{m}月{d}日", "截至{y}.{m}", "截止{y}.{m}月末"]  # fmt: skip
YEARLESS = ["临平经开区{y}年创新空间建设情况（截至{m}月底）", "{y}年截至{m}月末主要指标", "临平经开区{y}年主要指标\n截至{m}月底",
            "临平经开区{y}年主要指标\n截止{m}月末"]  # fmt: skip
ABOVE = UP_TO_TITLES + [f"标题\n{c}" for c in UP_TO_CELLS] + YEARLESS
NEUTRAL = ["新增面积（平方米）", "新增", "完成值", "数值", "完成", "实际完成", "绝对值", "新增面积"]


@given(
    st.integers(2, 12),
    st.sampled_from(ABOVE),
    st.sampled_from(NEUTRAL),
)
def test_every_up_to_form_makes_a_neutral_column_the_year_so_far(month: int, above: str, header: str) -> None:
    day = 30 if month in (4, 6, 9, 11) else 28 if month == 2 else 31
    table = _table(f"{above.format(y=2025, m=month, d=day)}\n指标名称,{header}\n新增创新空间面积,8000\n")
    value = table.column("value")
    assert (value.label, value.running_total, value.months) == (header, True, month)
    assert table.period is not None and (table.period.year, table.period.month) == (2025, month)


@given(st.integers(2, 12), st.sampled_from(ABOVE))
def test_an_explicit_month_column_stays_the_months_own(month: int, above: str) -> None:
    for header in ("本月新增（平方米）", "当月", "本月", "当月新增", f"{month}月新增"):
        table = _table(f"{above.format(y=2025, m=month, d=28)}\n指标名称,{header}\n新增创新空间面积,8000\n")
        assert table.column("value") is None
        column = table.column("month_value")
        assert (column.label, column.running_total) == (header, False)


@pytest.mark.parametrize("above", ["2025年8月临平经开区创新空间建设情况", "标题\n2025年8月", "截至2025年1月底主要指标"])
def test_a_month_or_januarys_year_so_far_is_the_months_own(runner: CliRunner, workdir: Path, above: str) -> None:
    month = 1 if "1月" in above else 8
    result = _import(runner, workdir, "m.csv", f"{above}\n指标名称,新增面积（平方米）\n新增创新空间面积,8000\n")
    assert result.exit_code == 0, result.stderr
    assert _entries(runner) == [("innovation-space", f"2025-{month:02d}-{31:02d}", 8000, "平方米")]


def test_a_yearless_up_to_title_with_a_date_is_still_the_year_so_far(runner: CliRunner, workdir: Path) -> None:
    """截至8月底 with no year: `--date 2025-08` gives the year, and the 8000 is still 1—8月's."""
    text = "截至8月底临平经开区创新空间建设情况\n指标名称,新增面积（平方米）\n新增创新空间面积,8000\n"
    result = _import(runner, workdir, "y.csv", text, "--date", "2025-08")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: y.csv: row 3: innovation-space adds up its entries (kind increment), but 8000 is under "
        "'新增面积（平方米）', a 1—8月 running total, as the title says" + INCREMENT_FIX
    )
    result = _import(runner, workdir, "y.csv", text)
    assert result.stderr == (
        "error: y.csv: the title '截至8月底临平经开区创新空间建设情况' is for month 8, but nothing says which year "
        "(no date column, no year in the title); give --date 2025-08\n"
    )


def test_under_an_up_to_title_the_month_column_adds_and_a_total_is_read_as_its_running_total(
    runner: CliRunner, workdir: Path
) -> None:
    text = (
        "截至2025年8月底临平经开区主要指标\n指标名称,完成值,本月（平方米）\n新增创新空间面积,,8000\n工业总产值,842.7,\n"
    )
    shown = _import(runner, workdir, "t.csv", text, "--dry-run")
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout.splitlines()[1] == (
        "row 4: industrial-output = 842.7 亿元 as of 2025-08-31 — figure: column '完成值' (B4); unit: the "
        "target's unit (亿元); a running total (1—N月累计); date: the title '截至2025年8月底临平经开区主要指标'; "
        "target: name in column '指标名称' (A4)"
    )
    assert _import(runner, workdir, "t.csv", text).exit_code == 0
    assert _entries(runner) == [
        ("innovation-space", "2025-08-31", 8000, "平方米"),
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
    ]


# --- 2. a goal beside the target's name ------------------------------------------------------

GOALS = ["目标", "年度目标", "全年目标", "任务", "计划", "全年任务", "年度计划", "目标值", "新增目标"]
NAMES = ["指标名称", "指标", "项目", "目标名称", "项目名称", "名称"]
UNITS = ["", "（亿元）", "(亿元)", "（单位：亿元）", "(万平方米)"]


@given(st.sampled_from(GOALS), st.sampled_from(UNITS), st.sampled_from(NAMES), st.booleans())
def test_a_goal_word_beside_a_name_is_the_years_goal(goal: str, unit: str, name: str, goal_first: bool) -> None:
    """Each goal header, with or without a unit in either bracket form, on either side of each
    header naming the target: the name column names the rows, the goal is not used (and says why)."""
    header = [f"{goal}{unit}", name] if goal_first else [name, f"{goal}{unit}"]
    row = ["1360", "规模以上工业总产值"] if goal_first else ["规模以上工业总产值", "1360"]
    table = _table(f"2025年1-8月主要指标\n{','.join(header)},1-8月累计\n{','.join(row)},842.7\n")
    assert table.column("target").label == name
    assert table.column("value").label == "1-8月累计"
    assert table.unused == f"{goal}{unit} (the year's goal, not a figure)"


@given(st.sampled_from(["目标", "任务"]))
def test_a_bare_goal_word_alone_names_the_rows(word: str) -> None:
    table = _table(f"2025年1-8月主要指标\n{word},1-8月累计\n规模以上工业总产值,842.7\n")
    assert table.column("target").label == word


@given(st.sampled_from(GOALS), st.sampled_from([u for u in UNITS if u]))
def test_a_goal_word_with_a_unit_never_names_the_rows(goal: str, unit: str) -> None:
    """A name has no unit: 目标（亿元） alone beside the figures leaves the sheet with no name column."""
    from ledger.table import NoHeader

    with pytest.raises(NoHeader):
        _table(f"2025年1-8月主要指标\n{goal}{unit},1-8月累计\n规模以上工业总产值,842.7\n")


def test_two_bare_goal_words_are_refused_as_two_name_columns(runner: CliRunner, workdir: Path) -> None:
    result = _import(
        runner, workdir, "g.csv", "任务,目标,1-8月累计\n规模以上工业总产值,1360,842.7\n", "--date", "2025-08"
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "error: g.csv: columns '任务' (A) and '目标' (B) both give target; to keep '任务', import with --map "
        "'目标=ignore'; to keep '目标', with --map '任务=ignore'\n"
    )


def test_the_trials_goal_in_yi_yuan(runner: CliRunner, workdir: Path) -> None:
    text = "临平经开区2025年1-8月主要指标\n指标名称,1-8月累计（亿元）,目标（亿元）\n规模以上工业总产值,842.7,1360\n"
    result = _import(runner, workdir, "mubiao.csv", text)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "note: mubiao.csv: columns not used: 目标（亿元） (the year's goal, not a figure)\n"
    assert _entries(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


# --- 3. a single month's growth alone --------------------------------------------------------


@pytest.mark.parametrize("name", ["工业增加值增速", "规模以上工业增加值"])
@pytest.mark.parametrize("month", [2, 8, 12])
def test_a_lone_months_growth_is_never_hinted_as_the_value(
    runner: CliRunner, workdir: Path, name: str, month: int
) -> None:
    """`8月同比增长%` alone is August's growth: mapped as the value it would be recorded as the
    year-to-date rate. The refusal names it and asks for the year-to-date column."""
    result = _import(runner, workdir, "g.csv", f"临平经开区2025年主要指标\n指标名称,{month}月同比增长%\n{name},5.8\n")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        f"note: g.csv: columns not used: {month}月同比增长% (a single month's growth, not year-to-date)\n"
        f"note: g.csv: 1 row without a figure passed over: row 3 ({name})\n"
        f"error: g.csv: no row has a figure: '{month}月同比增长%' (B) is a single month's growth, not year-to-date; "
        f"add the year-to-date figures (1-{month}月累计, or 1-{month}月同比增长% for a rate), or record them with "
        "`tracker record`\n"
    )
    assert "--map" not in result.stderr


def test_a_quantitys_row_beside_a_months_growth_is_hinted_to_the_year_to_date(runner: CliRunner, workdir: Path) -> None:
    """规模以上工业增加值 names the rate by its quantity; the sheet's only growth is August's own:
    the hint asks for the year-to-date growth, never a --map of August's."""
    text = "临平经开区2025年1-8月主要指标\n指标名称,1-8月累计,8月同比增长%\n规模以上工业增加值,180.35,1.2\n"
    result = _import(runner, workdir, "h.csv", text)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: h.csv: row 3: '规模以上工业增加值' (an alias of value-added-growth) names the quantity, not its growth "
        "rate, and the sheet has no growth column (同比增长%, 增速, ±%): 180.35 under '1-8月累计' would be recorded "
        "as a growth of 180.35%; '8月同比增长%' is a single month's growth, not year-to-date: add the 1-8月同比增长% "
        "column, or write the rate's own name (工业增加值增速) in the row"
    )
    assert "--map" not in result.stderr


@pytest.mark.parametrize(
    ("header", "why"),
    [
        ("环比增长%", "growth over the month before, not year-on-year"),
        ("占全区比重%", "a share of a whole, not growth"),
        ("上年同期增长%", "last year's growth, for comparison"),
        ("完成率%", "progress against the goal, not growth"),
    ],
)
def test_a_quantitys_row_beside_another_percent_is_never_hinted_to_map_it(
    runner: CliRunner, workdir: Path, header: str, why: str
) -> None:
    """The trial's 环比 case and its kind: none of these is the year's growth, so none is offered."""
    text = f"临平经开区2025年1-8月主要指标\n指标名称,1-8月累计,{header}\n规模以上工业增加值,180.35,1.2\n"
    result = _import(runner, workdir, "h.csv", text)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].endswith(
        f"'{header}' is {why}: add the 1-8月同比增长% column, or write the rate's own name (工业增加值增速) in the row"
    )
    assert "--map" not in result.stderr


def test_a_growth_beside_a_month_figure_is_hinted_to_the_year_to_date(runner: CliRunner, workdir: Path) -> None:
    text = "临平经开区2025年8月主要指标\n指标名称,8月,同比增长%\n规模以上工业增加值,—,5.8\n"
    result = _import(runner, workdir, "g.csv", text)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: g.csv: no row has a figure: '同比增长%' (C) is beside a single month's figure: the month's own growth, "
        "not year-to-date; add the year-to-date figures (1-8月累计, or 1-8月同比增长% for a rate), or record them "
        "with `tracker record`"
    )


def test_a_months_growth_under_a_running_totals_group_is_still_read(runner: CliRunner, workdir: Path) -> None:
    """`8月` merged over `累计 | 同比增长%`: 8月累计 is 1—8月, its growth the year's (held as before)."""
    text = "临平经开区2025年8月主要指标,,\n指标名称,8月,\n,累计,同比增长%\n规模以上工业增加值,180.35,5.8\n"
    result = _import(runner, workdir, "g.csv", text)
    assert result.exit_code == 0, result.stderr
    assert _entries(runner) == [("value-added-growth", "2025-08-31", 5.8, "%")]


# --- 4. a row name carrying its unit ----------------------------------------------------------


def test_the_trials_name_with_its_unit(runner: CliRunner, workdir: Path) -> None:
    text = "临平经开区2025年8月创新空间\n指标名称,本月\n新增创新空间面积（平方米）,8000\n"
    shown = _import(runner, workdir, "n.csv", text, "--dry-run")
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout == (
        "row 3: innovation-space = 8000 平方米 as of 2025-08-31 — figure: column '本月' (B3); unit: the row's name "
        "'新增创新空间面积（平方米）' (A3); date: the title '临平经开区2025年8月创新空间'; target: name in column "
        "'指标名称' (A3)\n"
    )
    done = _import(runner, workdir, "n.csv", text)
    assert done.exit_code == 0, done.stderr
    assert done.stdout == "imported 1 entry from n.csv into progress.toml (1 in the unit its headers give)\n"
    assert _entries(runner) == [("innovation-space", "2025-08-31", 8000, "平方米")]
    shown = runner.invoke(app, ["status", "--as-of", "2025-08", "--target", "innovation-space", "-f", "json"])
    (target,) = [t for a in json.loads(shown.stdout)["actions"] for t in a["targets"]]
    assert target["current"] == 0.8  # 万平方米


NAME_UNITS = [("（平方米）", 8000, "平方米"), ("(平方米)", 8000, "平方米"), ("（㎡）", 8000, "平方米"),
              ("（万平方米）", 0.8, "万平方米"), ("（单位：平方米）", 8000, "平方米"), (" (亩)", 12, "亩")]  # fmt: skip


@pytest.mark.parametrize(("bracket", "figure", "unit"), NAME_UNITS)
@pytest.mark.parametrize("prefix", ["", "一、", "（三）"])
def test_every_name_with_its_unit(
    runner: CliRunner, workdir: Path, bracket: str, figure: float, unit: str, prefix: str
) -> None:
    """Either bracket form, with 单位： or not, after the row's numbering; the unit line above
    (单位：万元) is every other row's, not this one's."""
    text = (
        "临平经开区2025年1-8月主要指标\n单位：万元\n指标名称,本月,1-8月累计\n"
        f"{prefix}新增创新空间面积{bracket},{figure},\n工业总产值,,8427000\n"
    )
    result = _import(runner, workdir, "n.csv", text)
    assert result.exit_code == 0, result.stderr
    assert _entries(runner) == [
        ("innovation-space", "2025-08-31", figure, unit),
        ("industrial-output", "2025-08-31", 8427000, "万元"),
    ]


@pytest.mark.parametrize(
    ("header", "cells", "said"),
    [
        ("指标名称,单位,本月", "万平方米,8000", "its 单位 cell (B3) says 万平方米"),
        ("指标名称,本月（万平方米）", "8000", "column '本月（万平方米）' says 万平方米"),
        ("指标名称,新增面积（亩）", "8000", "column '新增面积（亩）' says 亩"),
    ],
)
def test_a_name_unit_and_another_that_disagree_are_refused(
    runner: CliRunner, workdir: Path, header: str, cells: str, said: str
) -> None:
    text = f"临平经开区2025年8月创新空间\n{header}\n新增创新空间面积（平方米）,{cells}\n"
    result = _import(runner, workdir, "n.csv", text)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        f"error: n.csv: row 3: the row's name '新增创新空间面积（平方米）' says 平方米 but {said}; correct one of them\n"
    )
    assert not (workdir / "progress.toml").exists()


def test_a_name_unit_that_agrees_with_the_others_is_read(runner: CliRunner, workdir: Path) -> None:
    text = "临平经开区2025年8月创新空间\n指标名称,单位,本月（㎡）\n新增创新空间面积（平方米）,平方米,8000\n"
    assert _import(runner, workdir, "n.csv", text).exit_code == 0
    assert _entries(runner) == [("innovation-space", "2025-08-31", 8000, "平方米")]


def test_a_rates_quantity_unit_in_its_name_leaves_its_growth_in_percent(runner: CliRunner, workdir: Path) -> None:
    text = "临平经开区2025年1-8月\n指标名称,1-8月累计,同比增长%\n规模以上工业增加值（亿元）,180.35,5.8\n"
    assert _import(runner, workdir, "r.csv", text).exit_code == 0
    assert _entries(runner) == [("value-added-growth", "2025-08-31", 5.8, "%")]


@pytest.mark.parametrize("name", ["新增创新空间面积（含孵化器）", "新增创新空间面积（平方米", "新增面积（平方米）"])
def test_a_bracket_holding_no_unit_or_a_name_of_no_target_names_nothing(
    runner: CliRunner, workdir: Path, name: str
) -> None:
    result = _import(runner, workdir, "n.csv", f"临平经开区2025年8月\n指标名称,本月\n{name},8000\n")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: n.csv: row 3: no target {name!r}")


# --- 5. 1—N月 labels: 全年累计, a 1-8月累计 date, a 期间 column ----------------------------------


@pytest.mark.parametrize("header", ["全年累计新增", "全年累计", "全年完成"])
def test_the_whole_years_running_total_names_no_month(runner: CliRunner, workdir: Path, header: str) -> None:
    """全年累计 is the year so far, dated by the sheet: never month 12 (which refused an August
    date, and filed a lone sheet under December)."""
    text = f"指标名称,{header},截至日期\n工业总产值,842.7,2025-08\n新增创新空间面积,8,2025-08\n"
    result = _import(runner, workdir, "y.csv", text)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: y.csv: row 3: innovation-space adds up its entries (kind increment), but 8 is under '{header}', a "
        "running total" + INCREMENT_FIX
    )
    result = _import(runner, workdir, "y.csv", text.splitlines(keepends=True)[0] + text.splitlines()[1] + "\n")
    assert result.exit_code == 0, result.stderr
    assert _entries(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


def test_the_whole_year_beside_a_months_total_is_two_figures(runner: CliRunner, workdir: Path) -> None:
    """`全年 | 1-8月累计` under a title with no month: once the 全年 column (a goal, perhaps) was
    month 12 and filed as December's reading; now which is the figure is asked."""
    text = "临平经开区2025年主要指标\n指标名称,全年,1-8月累计\n工业总产值,1360,842.7\n"
    result = _import(runner, workdir, "y.csv", text)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: y.csv: columns '全年' (B) and '1-8月累计' (C) both give value")


@pytest.mark.parametrize("header", ["截至日期", "日期", "期间", "统计期间", "所属期间"])
@pytest.mark.parametrize("period", ["2025年1-8月累计", "2025年1-8月", "1-8月", "8月累计", "2025年8月累计"])
def test_a_year_to_date_period_in_a_date_column(runner: CliRunner, workdir: Path, header: str, period: str) -> None:
    """A date cell naming 1—N月 however written, under any date column's header: a total's
    running total dated the month's end; an increment refuses it as a running total."""
    text = f"临平经开区2025年主要指标\n指标名称,数值,{header}\n工业总产值,842.7,{period}\n"
    result = _import(runner, workdir, "p.csv", text)
    assert result.exit_code == 0, result.stderr
    assert _entries(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]
    text = f"临平经开区2025年主要指标\n指标名称,数值,{header}\n新增创新空间面积,5.2,{period}\n"
    result = _import(runner, workdir, "q.csv", text)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: q.csv: row 3: innovation-space adds up its entries (kind increment), but 5.2 is under '数值', a "
        f"1—8月 running total, as its date '{period}' (C3) says" + INCREMENT_FIX
    )


@pytest.mark.parametrize("period", ["2025年8月", "2025-08", "2025年8月末"])
def test_a_month_in_a_period_column_is_the_months_own(runner: CliRunner, workdir: Path, period: str) -> None:
    text = f"指标名称,新增（万平方米）,期间\n新增创新空间面积,0.8,{period}\n"
    assert _import(runner, workdir, "p.csv", text).exit_code == 0
    assert _entries(runner) == [("innovation-space", "2025-08-31", 0.8, "万平方米")]
