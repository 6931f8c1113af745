"""Headers and units as bureaus write them (issue 14, the new-user trial of 2026-11-30): a single
month's figure is never the running total, a change in 亿元 is never growth, a total row is
never counted with its parts in whichever label column it is marked, a unit stated above the
header is the figures' unit, and a column not understood is named with the --map that reads it.
Each kind is held by hand-worked sheets and by every spelling of its headers and units."""

from __future__ import annotations

import itertools
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import units
from ledger.column_kinds import describe
from tests.sheets.build import carriers_subtotal, month_done, month_flash, unit_above


def _book(path: Path, fill: Any) -> None:
    from openpyxl import Workbook

    book = Workbook()
    fill(book)
    book.save(path)


def _export(runner: CliRunner) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["export", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def _import_csv(runner: CliRunner, workdir: Path, name: str, text: str, *args: str) -> Any:
    """Write ``text`` to ``name`` in ``workdir`` and import it with ``args``."""
    (workdir / name).write_text(text, encoding="utf-8")
    return runner.invoke(app, ["import", name, *args])


def _refused(result: Any, workdir: Path) -> None:
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert not (workdir / "progress.toml").exists()


# --- 1. a single month's figure -------------------------------------------------------------


def test_a_month_flash_is_refused_row_by_row(runner: CliRunner, workdir: Path) -> None:
    """`8月` over 绝对值 | 同比增长%: 112.4 is August's output, not 1—8月; 6.1 % August's growth."""
    _book(workdir / "flash.xlsx", month_flash)
    result = runner.invoke(app, ["import", "flash.xlsx"])
    _refused(result, workdir)
    assert result.stderr == (
        "note: flash.xlsx: columns not used: 8月 同比增长% (a single month's growth, not year-to-date)\n"
        "error: flash.xlsx: row 4: industrial-output records the running total (1—N月累计), but the row gives only "
        "the month's own figure (112.4 under '8月 绝对值' (C4)); add the 1—N月 column beside it, or record the "
        "running total with `tracker record industrial-output FIGURE --month-value 112.4`\n"
        "error: flash.xlsx: row 5: value-added-growth records the year-to-date figure (1—N月), but the row gives "
        "only the month's own figure (24.3 under '8月 绝对值' (C5)); add the 1—N月 column beside it, or record the "
        "year-to-date figure with `tracker record value-added-growth FIGURE`\n"
    )


@pytest.mark.parametrize("header", ["8月", "8月完成", "8月 绝对值", "当月", "本月完成", "8月份", "8月实际完成"])
def test_a_single_month_header_is_never_a_running_total(header: str, runner: CliRunner, workdir: Path) -> None:
    _book(workdir / "m.xlsx", month_done(header))
    result = runner.invoke(app, ["import", "m.xlsx"])
    _refused(result, workdir)
    assert "industrial-output records the running total (1—N月累计), but the row gives only the month's own " in (
        result.stderr
    )


def test_two_columns_giving_one_field_name_both_in_the_hint(runner: CliRunner, workdir: Path) -> None:
    result = _import_csv(
        runner, workdir, "two.csv", "指标名称,1-8月累计,累计值,截至日期\n工业总产值,842.7,842.7,2025-08\n"
    )
    _refused(result, workdir)
    assert result.stderr == (
        "error: two.csv: columns '1-8月累计' (B) and '累计值' (C) both give value; to keep '1-8月累计', import "
        "with --map '累计值=ignore'; to keep '累计值', with --map '1-8月累计=ignore'\n"
    )


MONTHS = st.integers(1, 12)
HEADER_UNITS = st.sampled_from(["", "(万元)", "（亿元）", "(万平方米)", "（单位：万元）"])


@given(MONTHS, st.sampled_from(["{m}月", "{m}月完成", "{m}月 绝对值", "{m}月份", "{m}月值", "{m}月新增", "{m}月数"]),
       HEADER_UNITS)  # fmt: skip
def test_single_month_forms(month: int, form: str, unit: str) -> None:
    column = describe(form.format(m=month) + unit)
    assert (column.field, column.running_total, column.months) == ("month_value", False, month)


@given(st.sampled_from(["当月", "本月", "当月完成", "本月完成", "本月新增", "当月值", "本月 绝对值"]), HEADER_UNITS)
def test_this_month_forms(form: str, unit: str) -> None:
    column = describe(form + unit)
    assert (column.field, column.running_total) == ("month_value", False)


@given(
    st.integers(2, 12), st.sampled_from(["同比增长%", " 同比%", "同比增速(%)", "增长%", " 增幅", "比上年同期增长(%)"])
)
def test_a_months_own_growth_is_never_year_to_date_growth(month: int, growth: str) -> None:
    assert describe(f"{month}月{growth}").field is None
    assert describe(f"1-{month}月{growth}").field == "growth"


# --- 10. running totals as bureaus head them ------------------------------------------------

RUNNING = ["1-{m}月", "1—{m}月累计", "1至{m}月累计", "1~{m}月累计", "1－{m}月累计", "2025年1-{m}月累计", "累计（1-{m}月）",
           "1-{m}月止累计", "截至{m}月累计", "截止{m}月底", "1-{m}月份累计", "{m}月末", "1-{m}月完成", "1-{m}月 绝对值",
           "{m}月累计"]  # fmt: skip


@given(st.integers(2, 12), st.sampled_from(RUNNING), HEADER_UNITS)
def test_running_total_forms(month: int, form: str, unit: str) -> None:
    column = describe(form.format(m=month) + unit)
    assert (column.field, column.running_total, column.months) == ("value", True, month)


@pytest.mark.parametrize("header", ["本月止累计", "今年以来新增", "本年累计", "年初至今", "本年以来累计"])
def test_running_totals_without_a_month(header: str) -> None:
    column = describe(header)
    assert (column.field, column.running_total, column.months) == ("value", True, None)


@pytest.mark.parametrize("header", [f.format(m=8) for f in RUNNING] + ["本月止累计"])
def test_each_running_total_header_imports(header: str, runner: CliRunner, workdir: Path) -> None:
    result = _import_csv(
        runner,
        workdir,
        "h.csv",
        f"临平经开区2025年1-8月主要经济指标,,\n指标名称,单位,{header}\n规模以上工业总产值,亿元,842.7\n",
    )
    assert result.exit_code == 0, result.stderr
    assert [(e["target"], e["date"], e["value"], e["unit"]) for e in _export(runner)] == [
        ("industrial-output", "2025-08-31", 842.7, "亿元")
    ]


def test_a_year_to_date_addition_into_an_increment_is_refused(runner: CliRunner, workdir: Path) -> None:
    """今年以来新增 is the year's additions so far: adding it as one month's counts every month again."""
    result = _import_csv(
        runner,
        workdir,
        "k.csv",
        "临平经开区科技局2025年8月报表,\n指标名称,今年以来新增（万平方米）\n新增创新空间面积,20.5\n",
    )
    _refused(result, workdir)
    assert result.stderr == (
        "error: k.csv: row 3: innovation-space adds up its entries (kind increment), but 20.5 is under "
        "'今年以来新增（万平方米）', a running total; give the month's own figure in the 本月 column, or make the target "
        'kind = "total" in the plan if it is published as a running total and holds no additions yet\n'
    )


def test_a_column_not_understood_is_named_with_the_map_that_reads_it(runner: CliRunner, workdir: Path) -> None:
    result = _import_csv(
        runner,
        workdir,
        "u.csv",
        "临平经开区2025年1-8月主要经济指标,,\n指标名称,单位,八月份报送数\n规模以上工业总产值,亿元,842.7\n",
    )
    _refused(result, workdir)
    assert result.stderr == (
        "note: u.csv: columns not used: 八月份报送数\n"
        "note: u.csv: 1 row without a figure passed over: row 3 (规模以上工业总产值)\n"
        "error: u.csv: no row has a figure in a column tracker understands (column '八月份报送数' (C) not understood); "
        "if it holds the figures, import with --map '八月份报送数=value'\n"
    )
    mapped = runner.invoke(app, ["import", "u.csv", "--map", "八月份报送数=value"])
    assert mapped.exit_code == 0, mapped.stderr
    assert [(e["value"], e["unit"], e["date"]) for e in _export(runner)] == [(842.7, "亿元", "2025-08-31")]


# --- 6. a change in a unit is never growth --------------------------------------------------


def test_a_change_in_yi_yuan_is_never_growth(runner: CliRunner, workdir: Path) -> None:
    """比上年同期增减(亿元) 9.9 is 9.9 亿元 more than last year, not 9.9 % growth."""
    result = _import_csv(
        runner,
        workdir,
        "c.csv",
        "临平经开区2025年1-8月主要经济指标,,,\n指标名称,1-8月累计(亿元),增减(亿元),增长%\n规模以上工业增加值,180.35,9.9,5.8\n",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "note: c.csv: columns not used: 增减(亿元)\n"
    assert [(e["target"], e["value"], e["unit"]) for e in _export(runner)] == [("value-added-growth", 5.8, "%")]


def test_a_change_alone_is_refused_not_read_as_growth(runner: CliRunner, workdir: Path) -> None:
    def fill(book: Any) -> None:
        ws = book.active
        ws.append(["临平经开区2025年1-8月主要经济指标"])
        ws.append(["指标名称", "1-8月累计(亿元)", "比上年同期增减(亿元)"])
        ws.append(["规模以上工业增加值", 180.35, 9.9])

    _book(workdir / "c.xlsx", fill)
    result = runner.invoke(app, ["import", "c.xlsx"])
    _refused(result, workdir)
    assert result.stderr == (
        "note: c.xlsx: columns not used: 比上年同期增减(亿元)\n"
        "error: c.xlsx: row 3: '规模以上工业增加值' (an alias of value-added-growth) names the quantity, not its "
        "growth rate, and the sheet has no growth column (同比增长%, 增速, ±%): 180.35 under '1-8月累计(亿元)' would be "
        "recorded as a growth of 180.35%; add the growth column, name it with --map 'HEADER=growth', or write the "
        "rate's own name (工业增加值增速) in the row\n"
    )


@given(
    st.sampled_from([u for u in units.KNOWN_UNITS if u != "%"] + ["百分点"]),
    st.sampled_from(
        ["比上年同期增减({u})", "增减({u})", "同比增长（{u}）", "比上年增长({u})", "同比增减({u})", "增长额({u})"]
    ),
    st.sampled_from(["", "1-8月 ", "8月 "]),
)
def test_a_header_with_a_unit_other_than_percent_is_never_growth(unit: str, form: str, period: str) -> None:
    assert describe(period + form.format(u=unit)).field is None


# --- 4. total rows in any label column -------------------------------------------------------

TOTALS = [
    "小计",
    "合计",
    "总计",
    "合  计",
    "小 计",
    "小计：",
    "全区合计",
    "园区小计",
    "合计数",
    "共计",
    "共 计",
    "汇总",
    "全区共计",
    "合计(2个)",
    "小计（2个）",
]


@pytest.mark.parametrize("label", TOTALS)
def test_a_subtotal_under_a_merged_target_is_refused(label: str, runner: CliRunner, workdir: Path) -> None:
    """3000 + 5000 + 2000 平方米 and their 小计 10000: counting it would make 20000."""
    _book(workdir / "s.xlsx", carriers_subtotal(label))
    result = runner.invoke(app, ["import", "s.xlsx"])
    _refused(result, workdir)
    assert result.stderr == (
        "note: s.xlsx: column '载体名称' kept as the note of the additions beside it\n"
        f"error: s.xlsx: row 6: {label!r} in column '载体名称' (B6) marks a total row, the sum of rows that tracker reads and adds up itself; delete it, or pass it over with --skip-unknown: the rows it totals are imported all the same\n"
    )


def test_skip_unknown_passes_a_subtotal_over(runner: CliRunner, workdir: Path) -> None:
    _book(workdir / "s.xlsx", carriers_subtotal())
    result = runner.invoke(app, ["import", "s.xlsx", "--skip-unknown"])
    assert result.exit_code == 0, result.stderr
    assert "note: s.xlsx: skipped row 6 (小计): a total row (--skip-unknown)\n" in result.stderr
    got = [(e["target"], e["date"], e["value"], e["unit"]) for e in _export(runner)]
    assert got == [("innovation-space", "2025-09-30", v, "平方米") for v in (3000, 5000, 2000)]


def test_a_total_beside_a_target_named_on_every_row_is_refused(runner: CliRunner, workdir: Path) -> None:
    result = _import_csv(
        runner,
        workdir,
        "r.csv",
        "科技局2025年9月新增创新空间情况,,\n重点任务,载体名称,本月新增（平方米）\n新增创新空间面积,智造园A座,3000\n"
        "新增创新空间面积,孵化器二期,5000\n新增创新空间面积,合计,8000\n",
    )
    _refused(result, workdir)
    assert result.stderr.splitlines()[-1] == (
        "error: r.csv: row 5: '合计' in column '载体名称' (B5) marks a total row, the sum of rows that tracker reads and adds up itself; delete it, or pass it over with --skip-unknown: the rows it totals are imported all the same"
    )


def test_a_total_label_with_no_figure_is_passed_over(runner: CliRunner, workdir: Path) -> None:
    result = _import_csv(
        runner,
        workdir,
        "r.csv",
        "科技局2025年9月新增创新空间情况,,\n重点任务,载体名称,本月新增（平方米）\n新增创新空间面积,智造园A座,3000\n"
        "新增创新空间面积,合计,—\n",
    )
    assert result.exit_code == 0, result.stderr
    assert [e["value"] for e in _export(runner)] == [3000]


# --- 8. units above the header, and 千元 ------------------------------------------------------

MONEY = ["元", "千元", "万元", "百万元", "千万元", "亿元", "万亿元"]


@pytest.mark.parametrize(
    ("line", "unit", "figure"),
    [(["金额单位：万元"], "万元", 8427000), (["单位：万元、%"], "万元", 8427000), (["单位：千元"], "千元", 84270000),
     (["计量单位：亿元"], "亿元", 842.7), (["单位：万元", None, "2025年8月"], "万元", 8427000),
     (["金额单位:百万元"], "百万元", 84270)],
)  # fmt: skip
def test_a_unit_line_above_the_header(
    line: list[Any], unit: str, figure: float, runner: CliRunner, workdir: Path
) -> None:
    """842.7 亿元 written in the line's unit: stored as written, in that unit."""
    _book(workdir / "u.xlsx", unit_above(line, figure=figure))
    result = runner.invoke(app, ["import", "u.xlsx"])
    assert result.exit_code == 0, result.stderr
    got = [(e["target"], e["date"], e["value"], e["unit"]) for e in _export(runner)]
    assert got == [("industrial-output", "2025-08-31", figure, unit)]
    assert units.exact(Decimal(str(figure)), unit, "亿元") == Fraction("842.7")


def test_wan_yuan_line_gives_the_figure_its_size(runner: CliRunner, workdir: Path) -> None:
    """The trial's case: 8427000 under 金额单位：万元 is 842.7 亿元, which passes the meaning checks."""
    _book(workdir / "u.xlsx", unit_above(["金额单位：万元"]))
    assert runner.invoke(app, ["record", "industrial-output", "730.3", "--date", "2025-07"]).exit_code == 0
    result = runner.invoke(app, ["import", "u.xlsx"])
    assert result.exit_code == 0, result.stderr
    (entry,) = [e for e in _export(runner) if e["date"] == "2025-08-31"]
    assert units.exact(Decimal(str(entry["value"])), entry["unit"], "亿元") == Fraction("842.7")


def test_an_amounts_unit_is_not_an_areas(runner: CliRunner, workdir: Path) -> None:
    """金额单位：万元 says nothing of 平方米: the area row keeps its target's unit."""
    result = _import_csv(
        runner, workdir, "a.csv", "科技局2025年8月报表,\n金额单位：万元,\n指标名称,本月\n新增创新空间面积,0.8\n"
    )
    assert result.exit_code == 0, result.stderr
    assert [(e["target"], e["value"], e["unit"]) for e in _export(runner)] == [("innovation-space", 0.8, "万平方米")]


@given(st.sampled_from(MONEY), st.sampled_from(MONEY), st.sampled_from(MONEY))
def test_money_units_convert_exactly(a: str, b: str, c: str) -> None:
    powers = {"元": 0, "千元": 3, "万元": 4, "百万元": 6, "千万元": 7, "亿元": 8, "万亿元": 12}
    assert units.factor(a, b) == Fraction(10) ** (powers[a] - powers[b])
    assert units.factor(a, b) * units.factor(b, c) == units.factor(a, c)


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False), st.sampled_from(MONEY))
def test_qianyuan_round_trips(value: Decimal, other: str) -> None:
    there = units.convert(value, "千元", other)
    assert units.exact(there, other, "千元") == Fraction(value)


def test_every_known_unit_pair_of_one_dimension_converts(runner: CliRunner) -> None:
    for a, b in itertools.product(units.KNOWN_UNITS, repeat=2):
        if units.dimension(a) == units.dimension(b):
            assert units.factor(a, b) * units.factor(b, a) == 1
        else:
            with pytest.raises(units.UnitError):
                units.factor(a, b)


@pytest.mark.parametrize("label", ["合计", "合 计", "总计", "小计", "共计", "共 计", "汇总", "全区合计", "全区共计"])
def test_a_total_in_the_target_column_is_refused(label: str, runner: CliRunner, workdir: Path) -> None:
    """A total row named in the target column (after the plan's names had their chance): its
    figure is its rows' sum, never a target's own."""
    result = _import_csv(
        runner,
        workdir,
        "t.csv",
        f"指标名称,本月,单位,截至日期\n新增创新空间面积,3000,平方米,2025-09\n新增创新空间面积,5000,平方米,2025-09\n"
        f"{label},8000,平方米,2025-09\n",
    )
    _refused(result, workdir)
    assert (
        f"error: t.csv: row 4: {label!r} is a total row, the sum of rows that tracker reads and adds up itself"
        in result.stderr
    )


@pytest.mark.parametrize(
    "header",
    [
        "新增目标（平方米）",
        "新增任务（平方米）",
        "计划新增（平方米）",
        "全年任务（亿元）",
        "2025年新增目标",
        "年度新增任务（万平方米）",
    ],
)
def test_a_header_that_names_a_goal_task_or_plan_is_never_a_figure(header: str) -> None:
    """Found by a new-user trial: 新增目标（平方米） 500000 was imported as an addition of 500000
    平方米, 50 万平方米 done. A goal is never a figure, however the header words it."""
    from ledger.column_kinds import describe

    column = describe(header)
    assert (column.field, column.why) == (None, "the year's goal, not a figure")


@pytest.mark.parametrize("header", ["重点任务", "任务名称", "工作任务", "指标名称"])
def test_a_task_name_column_is_still_the_target(header: str) -> None:
    from ledger.column_kinds import describe

    assert describe(header).field == "target"
