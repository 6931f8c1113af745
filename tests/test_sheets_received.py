"""Sheets as bureaus and departments really send them (issue 14, the new-user trial's final round):
an unlabelled subtotal under a merged target, a growth column under a period group, units by
kind in one line or in the title, progress-against-target columns, an earlier period's column
beside the latest, and where the success line says a unit came from. Each case is held by the
trial's sheet with its entries worked by hand, each kind by every form it takes."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import load_plan, units
from ledger.column_kinds import describe
from ledger.layout import read_table
from ledger.readings import Outcome
from ledger.sheets import Grid
from ledger.table_rows import rows_to_entries
from tests.conftest import SHIPPED_PLAN
from tests.helpers import RECORDED

PLAN = load_plan(SHIPPED_PLAN)


def _book(path: Path, rows: list[list[Any]], merges: tuple[str, ...] = (), title: str = "1-8月") -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for span in merges:
        ws.merge_cells(span)
    book.save(path)


def _export(runner: CliRunner) -> list[tuple[str, str, Any, str | None]]:
    result = runner.invoke(app, ["export", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return [(e["target"], e["date"], e["value"], e.get("unit")) for e in lines]


def _refused(result: Any, workdir: Path) -> None:
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert not (workdir / "progress.toml").exists()


def _outcome(rows: list[tuple[int, dict[int, Any]]], merged: tuple[tuple[int, int, int, int], ...] = ()) -> Outcome:
    """The import's reading of a workbook's cells, as the library gives it (nothing written)."""
    table = read_table(Grid("g.xlsx", rows, merged, "S", ("S",)))
    return rows_to_entries(PLAN, table, existing=[], default_date=None, recorded=RECORDED, by="t", spreadsheet=True)


# --- 1. an unlabelled subtotal under a merged target ------------------------------------------


def _carriers(third: Any, carrier: str | None = None) -> list[list[Any]]:
    return [
        ["2025年8月创新空间新增情况"],
        ["重点任务", "载体名称", "本月新增（平方米）"],
        ["新增创新空间面积", "A孵化器", 3000],
        [None, "B孵化器", 5000],
        [None, carrier, third],
    ]


def test_an_unlabelled_subtotal_is_passed_over_not_counted(runner: CliRunner, workdir: Path) -> None:
    """r3.xlsx: 3000 + 5000 平方米 and their unlabelled 8000 below: 8000 平方米 in all, never 16000."""
    _book(workdir / "r3.xlsx", _carriers(8000), ("A3:A5",), "8月")
    result = runner.invoke(app, ["import", "r3.xlsx"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "note: r3.xlsx: column '载体名称' kept as the note of the additions beside it\n"
        "note: r3.xlsx: passed over row 5 under '新增创新空间面积' (A3:A5), a subtotal: its 载体名称 is empty and "
        "8000 = 3000 + 5000, rows 3–4 above it (tracker adds rows up itself)\n"
    )
    assert _export(runner) == [
        ("innovation-space", "2025-08-31", 3000, "平方米"),
        ("innovation-space", "2025-08-31", 5000, "平方米"),
    ]


def test_an_unlabelled_row_that_is_not_the_sum_is_refused(runner: CliRunner, workdir: Path) -> None:
    """9000 under two carriers of 3000 and 5000: a carrier left unnamed, or a wrong subtotal? Not counted."""
    _book(workdir / "r.xlsx", _carriers(9000), ("A3:A5",), "8月")
    result = runner.invoke(app, ["import", "r.xlsx"])
    _refused(result, workdir)
    assert result.stderr.splitlines()[-1] == (
        "error: r.xlsx: row 5: its 载体名称 is empty, unlike the other rows under '新增创新空间面积' (A3:A5), and "
        "9000 is not the sum of rows 3–4 above it (8000): a subtotal, or a row whose 载体名称 was left out? it is "
        "not counted; label it 合计 if it is a total (then --skip-unknown passes it over), or delete it; if it is a "
        "row of its own, fill in its 载体名称"
    )


def test_a_labelled_third_carrier_is_counted(runner: CliRunner, workdir: Path) -> None:
    """The same 8000 with a name is a carrier of its own: every row counts."""
    _book(workdir / "r.xlsx", _carriers(8000, "C孵化器"), ("A3:A5",), "8月")
    result = runner.invoke(app, ["import", "r.xlsx"])
    assert result.exit_code == 0, result.stderr
    assert [v for _, _, v, _ in _export(runner)] == [3000, 5000, 8000]


def test_an_unlabelled_first_row_is_refused(runner: CliRunner, workdir: Path) -> None:
    rows = _carriers(5000, "B孵化器")
    rows[2][1] = None
    _book(workdir / "r.xlsx", rows, ("A3:A5",), "8月")
    result = runner.invoke(app, ["import", "r.xlsx"])
    _refused(result, workdir)
    assert (
        "row 3: its 载体名称 is empty, unlike the other rows under '新增创新空间面积' (A3:A5), and 3000 is not the sum "
        "of rows 4–5 below it (10000): a subtotal, or a row whose 载体名称 was left out? it is not counted"
        in (result.stderr)
    )


@pytest.mark.parametrize(("third", "passed"), [(8000, True), (9000, False)])
def test_an_unlabelled_subtotal_under_a_task_held_down_is_judged_alike(
    third: int, passed: bool, runner: CliRunner, workdir: Path
) -> None:
    """A department's CSV (a 里程碑 column, so 重点任务 holds for the rows below it): the same."""
    (workdir / "t.csv").write_text(
        "科技局2025年8月重点任务推进情况,,,\n重点任务,里程碑,载体名称,本月新增（平方米）\n"
        f"新增创新空间面积,,A孵化器,3000\n,,B孵化器,5000\n,,,{third}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["import", "t.csv"])
    if passed:
        assert result.exit_code == 0, result.stderr
        assert result.stderr.splitlines()[-1] == (
            "note: t.csv: passed over row 5 under '新增创新空间面积' (named in A3), a subtotal: its 载体名称 is empty "
            "and 8000 = 3000 + 5000, rows 3–4 above it (tracker adds rows up itself)"
        )
        assert [v for _, _, v, _ in _export(runner)] == [3000, 5000]
    else:
        _refused(result, workdir)
        assert (
            "row 5: its 载体名称 is empty, unlike the other rows under '新增创新空间面积' (named in A3), and 9000 "
            in (result.stderr)
        )


def test_an_unlabelled_status_row_is_no_subtotal() -> None:
    """A task's own status under its milestones' rows adds up nothing: it is read as before."""
    rows: list[tuple[int, dict[int, Any]]] = [
        (1, {1: "科技局2025年8月重点任务推进情况"}),
        (2, {1: "重点任务", 2: "里程碑", 3: "状态"}),
        (3, {1: "创新主体增量提质", 2: "构建培育链条", 3: "已完成"}),
        (4, {2: "壮大高企队伍", 3: "推进中"}),
        (5, {3: "推进中"}),
    ]
    table = read_table(Grid("g.xlsx", rows, ((3, 1, 5, 1),), "S", ("S",)))
    assert table.unlabelled == ()
    assert [r.number for r in table.rows] == [3, 4, 5]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(1, 9000), min_size=1, max_size=5),
    st.integers(-3, 3),
    st.sampled_from([None, "—", "/"]),
)
def test_an_unlabelled_row_counts_only_when_it_is_no_sum(carriers: list[int], off: int, blank: str | None) -> None:
    """Carriers under a merged 重点任务, then an unlabelled row of their sum (passed over, the
    carriers counted once) or of any other figure (refused, nothing counted)."""
    rows: list[tuple[int, dict[int, Any]]] = [
        (1, {1: "2025年8月创新空间新增情况"}),
        (2, {1: "重点任务", 2: "载体名称", 3: "本月新增（平方米）"}),
    ]
    for i, v in enumerate(carriers):
        rows.append((3 + i, {2: f"载体{i}", 3: Decimal(v)} | ({1: "新增创新空间面积"} if i == 0 else {})))
    last = 3 + len(carriers)
    third = sum(carriers) + off
    rows.append((last, {3: Decimal(third)} | ({} if blank is None else {2: blank})))
    out = _outcome(rows, ((3, 1, last, 1),))
    if off == 0:
        assert out.problems == []
        assert [e.value for e in out.entries] == [Decimal(v) for v in carriers]
        assert len(out.subtotals) == 1 and f"passed over row {last} " in out.subtotals[0]
    else:
        assert [p.where for p in out.problems] == [f"row {last}"]
        assert out.subtotals == []


@pytest.mark.parametrize(
    ("month", "ytd", "passed"),
    [(8000, None, True), (8000, 16000, True), (None, 16000, True), (8000, 15000, False), (7000, 16000, False)],
)
def test_each_figure_of_an_unlabelled_row_must_be_the_sum(month: Any, ytd: Any, passed: bool) -> None:
    """本月 and 1-8月累计 beside each other: an unlabelled row is a subtotal only if every figure
    it gives sums up (3000 + 5000 under 本月, 7000 + 9000 under 累计)."""
    rows: list[tuple[int, dict[int, Any]]] = [
        (1, {1: "2025年8月创新空间新增情况"}),
        (2, {1: "重点任务", 2: "载体名称", 3: "本月新增（平方米）", 4: "1-8月累计（平方米）"}),
        (3, {1: "新增创新空间面积", 2: "A", 3: Decimal(3000), 4: Decimal(7000)}),
        (4, {2: "B", 3: Decimal(5000), 4: Decimal(9000)}),
        (5, {c: Decimal(v) for c, v in ((3, month), (4, ytd)) if v is not None}),
    ]
    out = _outcome(rows, ((3, 1, 5, 1),))
    assert bool(out.subtotals) is passed
    assert bool(out.problems) is not passed


# --- 2. growth under a period group holding a running total --------------------------------


def test_growth_under_a_month_group_of_running_totals_is_growth(runner: CliRunner, workdir: Path) -> None:
    """k5.xlsx: `8月` merged over `累计 | 同比增长%`: 8月累计 is 1—8月, and its growth the year's so far."""
    rows = [
        ["临平经开区2025年主要经济指标"],
        ["指标名称", "单位", "8月", None],
        [None, None, "累计", "同比增长%"],
        ["规模以上工业总产值", "亿元", 842.7, 3.1],
        ["规模以上工业增加值", "亿元", 180.35, 5.8],
    ]
    _book(workdir / "k5.xlsx", rows, ("B2:B3", "A2:A3", "C2:D2"), "sheet1")
    result = runner.invoke(app, ["import", "k5.xlsx"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert _export(runner) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("value-added-growth", "2025-08-31", 5.8, "%"),
    ]


@pytest.mark.parametrize("group", ["8月", "1-8月", "截至8月", "2025年1-8月"])
@pytest.mark.parametrize("growth", ["同比增长%", "增速", "增长(%)", "±%", "同比%", "比上年增长%", "增幅"])
@pytest.mark.parametrize("figure", ["累计", "累计值", "累计完成"])
def test_every_growth_form_under_a_running_total_group(group: str, growth: str, figure: str) -> None:
    rows: list[tuple[int, dict[int, Any]]] = [
        (1, {1: "临平经开区2025年主要经济指标"}),
        (2, {1: "指标名称", 2: group}),
        (3, {2: figure, 3: growth}),
        (4, {1: "规模以上工业增加值", 2: Decimal("180.35"), 3: Decimal("5.8")}),
    ]
    out = _outcome(rows, ((2, 1, 3, 1), (2, 2, 2, 3)))
    assert out.problems == []
    assert [(e.target, str(e.date), e.value, e.unit) for e in out.entries] == [
        ("value-added-growth", "2025-08-31", Decimal("5.8"), "%")
    ]


def test_a_months_own_growth_stays_unused_beside_its_own_figure(runner: CliRunner, workdir: Path) -> None:
    """`8月` over `绝对值 | 同比增长%` is August's own figure and growth: neither is year to date."""
    rows: list[tuple[int, dict[int, Any]]] = [
        (1, {1: "临平经开区2025年主要经济指标"}),
        (2, {1: "指标名称", 2: "8月", 4: "1-8月"}),
        (3, {2: "绝对值", 3: "同比增长%", 4: "累计", 5: "同比增长%"}),
        (4, {1: "规模以上工业增加值", 2: Decimal("24.3"), 3: Decimal("6.1"), 4: Decimal("180.35"), 5: Decimal("5.8")}),
    ]
    out = _outcome(rows, ((2, 1, 3, 1), (2, 2, 2, 3), (2, 4, 2, 5)))
    assert out.problems == []
    assert [(e.target, e.value) for e in out.entries] == [("value-added-growth", Decimal("5.8"))]


# --- 5. progress against the goal, and the goal itself ---------------------------------------


def test_progress_and_goal_columns_are_not_figures(runner: CliRunner, workdir: Path) -> None:
    """d2.xlsx: 年度目标 | 1-8月累计 | 完成进度% | 同比增长%: one growth column, not two."""
    rows = [
        ["2025年1-8月主要经济指标"],
        ["指标名称", "单位", "年度目标", "1-8月累计", "完成进度%", "同比增长%"],
        ["规模以上工业总产值", "亿元", 1360, 842.7, 62, 3.1],
        ["规模以上工业增加值", "%", 6, None, None, 5.8],
    ]
    _book(workdir / "d2.xlsx", rows)
    result = runner.invoke(app, ["import", "d2.xlsx"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "note: d2.xlsx: columns not used: 年度目标 (the year's goal, not a figure), 完成进度% (progress against "
        "the goal, not growth)\n"
    )
    assert _export(runner) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("value-added-growth", "2025-08-31", 5.8, "%"),
    ]


@pytest.mark.parametrize(
    "header",
    ["完成进度%", "完成进度", "完成率", "完成率(%)", "进度%", "进度", "完成年度目标%", "占年度目标%", "完成全年目标",
     "占全年目标(%)", "目标完成率", "序时进度", "1-8月完成进度%", "完成年度计划%", "完成比例"],
)  # fmt: skip
def test_every_progress_form_is_progress_not_growth(header: str) -> None:
    col = describe(header)
    assert (col.field, col.why) == (None, "progress against the goal, not growth")


@pytest.mark.parametrize(
    "header", ["年度目标", "全年目标", "目标值", "年度计划", "全年计划", "年度目标(亿元)", "计划数"]
)
def test_every_goal_form_is_no_figure(header: str) -> None:
    col = describe(header)
    assert (col.field, col.why) == (None, "the year's goal, not a figure")


@pytest.mark.parametrize("header", ["同比增长%", "增速", "增长(%)", "±%", "1-8月 同比增长%", "比上年增长%"])
def test_growth_forms_stay_growth(header: str) -> None:
    assert describe(header).field == "growth"


# --- 6. an earlier period's column beside the latest ------------------------------------------


def test_last_months_running_total_beside_this_months_is_for_comparison(runner: CliRunner, workdir: Path) -> None:
    """d7c.xlsx: 1-7月 | 1-8月: the sheet reports 1—8月; 730.3 is July's, for comparison."""
    rows = [
        ["2025年主要经济指标"],
        ["指标名称", "单位", "1-7月", "1-8月"],
        ["规模以上工业总产值", "亿元", 730.3, 842.7],
    ]
    _book(workdir / "d7c.xlsx", rows)
    result = runner.invoke(app, ["import", "d7c.xlsx"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "note: d7c.xlsx: columns not used: 1-7月 (an earlier period than '1-8月', for comparison)\n"
    assert _export(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


def test_last_years_column_beside_this_years_is_for_comparison(runner: CliRunner, workdir: Path) -> None:
    """f1.xlsx: 2025年1-8月 | 2024年1-8月 | 增长%: this year's figure and its growth."""
    rows = [
        ["临平经开区主要经济指标"],
        ["指标名称", "单位", "2025年1-8月", "2024年1-8月", "增长%"],
        ["规模以上工业总产值", "亿元", 842.7, 817.4, 3.1],
        ["规模以上工业增加值", "亿元", 180.35, 170.5, 5.8],
    ]
    _book(workdir / "f1.xlsx", rows)
    result = runner.invoke(app, ["import", "f1.xlsx"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "note: f1.xlsx: columns not used: 2024年1-8月 (an earlier year than '2025年1-8月', for comparison)\n"
    )
    assert _export(runner) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("value-added-growth", "2025-08-31", 5.8, "%"),
    ]


EARLIER = [
    (["1-7月", "1-8月"], 1),
    (["1-8月", "1-7月"], 0),
    (["1-6月累计", "1-8月累计"], 1),
    (["2024年1-8月", "2025年1-8月"], 1),
    (["2025年1-8月累计", "2024年1-8月累计"], 0),
    (["1-8月", "2024年1-8月"], 0),  # the title's year, 2025, is the bare column's
    (["7月", "8月"], 1),
    (["1-5月", "1-6月", "1-8月", "1-7月"], 2),
]


@pytest.mark.parametrize(("headers", "latest"), EARLIER)
def test_the_latest_period_is_taken(headers: list[str], latest: int) -> None:
    figures = [Decimal(100 + i) for i in range(len(headers))]
    rows: list[tuple[int, dict[int, Any]]] = [
        (1, {1: "临平经开区2025年主要经济指标"}),
        (2, {1: "指标名称", 2: "单位"} | {3 + i: h for i, h in enumerate(headers)}),
        (3, {1: "新增创新空间面积" if headers[0] == "7月" else "工业总产值", 2: "万平方米" if headers[0] == "7月" else "亿元"}
         | {3 + i: v for i, v in enumerate(figures)}),
    ]  # fmt: skip
    out = _outcome(rows)
    assert out.problems == []
    assert [(str(e.date), e.value) for e in out.entries] == [("2025-08-31", figures[latest])]


@pytest.mark.parametrize(
    ("title", "headers", "error"),
    [
        ("2025年1-7月主要经济指标", ["1-7月", "1-8月"],
         "g.xlsx: columns '1-7月' (C) and '1-8月' (D) both give value; the title '2025年1-7月主要经济指标' says 2025-07: "
         "keep '1-7月' with --map '1-8月=ignore', or correct the sheet"),
        ("2025年1-8月主要经济指标", ["1-8月", "1-8月累计"],
         "g.xlsx: columns '1-8月' (C) and '1-8月累计' (D) both give value; to keep '1-8月', import with "
         "--map '1-8月累计=ignore'; to keep '1-8月累计', with --map '1-8月=ignore'"),
    ],
)  # fmt: skip
def test_where_the_latest_cannot_be_told_the_refusal_names_the_column_to_keep(
    title: str, headers: list[str], error: str
) -> None:
    from ledger.table import LayoutError

    rows: list[tuple[int, dict[int, Any]]] = [
        (1, {1: title}),
        (2, {1: "指标名称", 2: "单位", 3: headers[0], 4: headers[1]}),
        (3, {1: "工业总产值", 2: "亿元", 3: Decimal("730.3"), 4: Decimal("842.7")}),
    ]
    with pytest.raises(LayoutError) as refused:
        read_table(Grid("g.xlsx", rows, (), "S", ("S",)))
    assert str(refused.value) == error


@pytest.mark.parametrize("header", ["上年同期", "上年同期累计", "去年同期", "上年1-8月", "同期数"])
def test_last_years_figure_is_for_comparison(header: str) -> None:
    col = describe(header)
    assert (col.field, col.why) == (None, "last year's figure, for comparison")


# --- 3. units by kind in one line above the header --------------------------------------------


def _n1(line: str, header: str = "8月") -> list[list[Any]]:
    return [
        ["2025年1-8月主要经济指标"],
        [line],
        ["指标名称", "1-8月累计", header, "同比增长%"],
        ["规模以上工业总产值", 842.7, 112.4, 3.1],
        ["新增创新空间面积", None, 8000, None],
    ]


def test_two_units_by_kind_in_one_line(runner: CliRunner, workdir: Path) -> None:
    """n1.xlsx: 金额单位：亿元；面积单位：平方米: 842.7 亿元, and 8000 平方米 (0.8 万平方米), not 8000 万平方米."""
    _book(workdir / "n1.xlsx", _n1("金额单位：亿元；面积单位：平方米"))
    result = runner.invoke(app, ["import", "n1.xlsx"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "imported 2 entries from n1.xlsx (sheet '1-8月') into progress.toml (2 in the unit stated above the table)\n"
    )
    assert _export(runner) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("innovation-space", "2025-08-31", 8000, "平方米"),
    ]
    assert units.exact(Decimal(8000), "平方米", "万平方米") == Fraction(4, 5)
    status = runner.invoke(app, ["status", "--as-of", "2025-08", "--format", "json"])
    targets = [t for a in json.loads(status.stdout)["actions"] for t in a["targets"]]
    (space,) = [t for t in targets if t["id"] == "innovation-space"]
    assert Decimal(str(space["current"])) == Decimal("0.8")


SEPARATORS = ["；", ";", "，", ",", "、", " ", "　", "  ", "; ", "，　"]
MONEY_LABELS = ["金额单位", "价值单位", "产值单位", "投资单位", "单位"]
AREA_LABELS = ["面积单位", "用地单位", "单位", ""]
MONEY_UNITS = ["元", "千元", "万元", "百万元", "千万元", "亿元"]
AREA_UNITS = ["平方米", "万平方米", "亩", "公顷", "平方公里", "㎡", "m²", "平米"]


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(MONEY_LABELS), st.sampled_from(MONEY_UNITS), st.sampled_from(SEPARATORS),
    st.sampled_from(AREA_LABELS), st.sampled_from(AREA_UNITS), st.booleans(),
)  # fmt: skip
def test_each_unit_of_a_line_applies_to_its_kind(
    money_label: str, money: str, sep: str, area_label: str, area: str, area_first: bool
) -> None:
    """Whatever the separators and labels, the amount is read in the line's money unit and the
    area in its area unit, each converting exactly to what the sheet meant: 842.7 亿元, 0.8 万平方米."""
    area_unit = units.canonical(area)
    amount = Decimal(842.7 * 10**8) / Decimal(units.factor(money, "元").numerator)
    space = Decimal(8000) / (
        Decimal(units.factor(area_unit, "平方米").numerator) / units.factor(area_unit, "平方米").denominator
    )
    money_part = f"{money_label}：{money}" if money_label else money
    area_part = f"{area_label}：{area}" if area_label else area
    if not area_label and area_first:
        return  # a bare unit first has no label to say what it is for: not a unit line
    line = f"{area_part}{sep}{money_part}" if area_first else f"{money_part}{sep}{area_part}"
    rows: list[tuple[int, dict[int, Any]]] = [
        (1, {1: "2025年1-8月主要经济指标"}),
        (2, {1: line}),
        (3, {1: "指标名称", 2: "1-8月累计", 3: "8月"}),
        (4, {1: "规模以上工业总产值", 2: amount}),
        (5, {1: "新增创新空间面积", 3: space}),
    ]
    out = _outcome(rows)
    assert out.problems == []
    (output, added) = out.entries
    assert (output.unit, added.unit) == (money, area_unit)
    assert units.exact(output.value, output.unit, "亿元") == Fraction("842.7")
    assert units.exact(added.value, added.unit, "万平方米") == Fraction("0.8")
    assert out.units_stated == 2


KINDS = {
    "CNY": ["元", "万元", "亿元"],
    "USD": ["美元", "万美元", "亿美元"],
    "area": ["平方米", "万平方米", "亩"],
    "percent": ["%"],
    "count:家": ["家", "万家"],
    "count:人": ["人", "万人"],
}


@pytest.mark.parametrize(("kind_a", "kind_b"), [(a, b) for a in KINDS for b in KINDS if a < b])
@pytest.mark.parametrize("sep", ["；", "、", "，", " "])
def test_every_pair_of_kinds_in_one_line(kind_a: str, kind_b: str, sep: str) -> None:
    from ledger.sheet_title import _sheet_unit

    for a in KINDS[kind_a]:
        for b in KINDS[kind_b]:
            assert _sheet_unit(f"单位:{a}{sep}{b}") == (None, {kind_a: a, kind_b: b}, "")


def test_two_units_of_one_kind_in_one_line_are_refused() -> None:
    from ledger.table import LayoutError

    rows: list[tuple[int, dict[int, Any]]] = [
        (1, {1: "2025年1-8月主要经济指标"}),
        (2, {1: "金额单位：万元；投资单位：亿元"}),
        (3, {1: "指标名称", 2: "1-8月累计"}),
        (4, {1: "规模以上工业总产值", 2: Decimal(8427000)}),
    ]
    with pytest.raises(LayoutError) as refused:
        read_table(Grid("g.xlsx", rows, (), "S", ("S",)))
    assert str(refused.value) == (
        "g.xlsx: cell A2 gives two units of one kind (万元, 亿元); give each row's unit in a 单位 column"
    )


def test_a_unit_line_keeps_its_date() -> None:
    """单位：万元；面积：平方米　　2025年8月: the units, then the month the sheet is for."""
    rows: list[tuple[int, dict[int, Any]]] = [
        (1, {1: "主要经济指标"}),
        (2, {1: "金额单位：万元；面积单位：平方米　　2025年8月"}),
        (3, {1: "指标名称", 2: "1-8月累计"}),
        (4, {1: "规模以上工业总产值", 2: Decimal(8427000)}),
    ]
    table = read_table(Grid("g.xlsx", rows, (), "S", ("S",)))
    assert (str(table.period), table.line_units) == ("2025-08-31", {"CNY": "万元", "area": "平方米"})


# --- 4. a unit in the title ----------------------------------------------------------------------


def test_a_unit_in_the_title_is_the_sheets(runner: CliRunner, workdir: Path) -> None:
    """f5.xlsx: 2025年1-8月主要经济指标（单位：万元）: 8427000 万元 is 842.7 亿元, no --force needed."""
    rows = [
        ["2025年1-8月主要经济指标（单位：万元）"],
        ["指标名称", "1-8月累计", "8月"],
        ["规模以上工业总产值", 8427000, 1124000],
    ]
    _book(workdir / "f5.xlsx", rows)
    assert runner.invoke(app, ["record", "industrial-output", "730.3", "--date", "2025-07"]).exit_code == 0
    result = runner.invoke(app, ["import", "f5.xlsx", "--dry-run"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "row 3: industrial-output = 8427000 万元 as of 2025-08-31 — figure: column '1-8月累计' (B3); unit: the "
        "title '2025年1-8月主要经济指标（单位：万元）'; a running total (1—N月累计); 本月 1124000 万元: column '8月' "
        "(C3); date: the title '2025年1-8月主要经济指标（单位：万元）'; target: alias '规模以上工业总产值' in column "
        "'指标名称' (A3)\n"
    )
    result = runner.invoke(app, ["import", "f5.xlsx"])
    assert result.exit_code == 0, result.stderr
    (entry,) = [e for e in _export(runner) if e[1] == "2025-08-31"]
    assert entry == ("industrial-output", "2025-08-31", 8427000, "万元")
    assert units.exact(Decimal(8427000), "万元", "亿元") == Fraction("842.7")


@pytest.mark.parametrize(
    ("title", "figure", "unit"),
    [
        ("2025年1-8月主要经济指标（单位：万元）", 8427000, "万元"),
        ("2025年1-8月主要经济指标(单位:万元)", 8427000, "万元"),
        ("2025年1-8月主要经济指标（金额单位：千元）", 84270000, "千元"),
        ("2025年1-8月主要经济指标 （单位：亿元、%）", 842.7, "亿元"),
        ("临平经开区（单位：万元）2025年1-8月主要经济指标", 8427000, "万元"),
        ("2025年1-8月主要经济指标[单位：百万元]", 84270, "百万元"),
    ],
)
def test_every_title_unit_form(title: str, figure: Any, unit: str) -> None:
    rows: list[tuple[int, dict[int, Any]]] = [
        (1, {1: title}),
        (2, {1: "指标名称", 2: "1-8月累计"}),
        (3, {1: "规模以上工业总产值", 2: Decimal(str(figure))}),
    ]
    out = _outcome(rows)
    assert out.problems == []
    ((value, got, day),) = [(e.value, e.unit, str(e.date)) for e in out.entries]
    assert (got, day) == (unit, "2025-08-31")
    assert units.exact(value, got, "亿元") == Fraction("842.7")


def test_a_title_unit_and_a_unit_line_that_disagree_are_refused() -> None:
    from ledger.table import LayoutError

    rows: list[tuple[int, dict[int, Any]]] = [
        (1, {1: "2025年1-8月主要经济指标（单位：万元）"}),
        (2, {1: "单位：亿元"}),
        (3, {1: "指标名称", 2: "1-8月累计"}),
        (4, {1: "规模以上工业总产值", 2: Decimal("842.7")}),
    ]
    with pytest.raises(LayoutError) as refused:
        read_table(Grid("g.xlsx", rows, (), "S", ("S",)))
    assert str(refused.value) == (
        "g.xlsx: the title '2025年1-8月主要经济指标（单位：万元）' says 万元 but another says 亿元; which is it? "
        "correct the sheet"
    )


# --- 7. where a unit stated above the table came from ------------------------------------------


@pytest.mark.parametrize(
    ("rows", "stdout", "said"),
    [
        (
            [["临平经开区主要经济指标（1-8月）"], ["金额单位：万元", None, "填报日期：2025年9月5日"],
             ["指标名称", "8月", "1-8月累计", "同比增长%"], ["规模以上工业总产值", 1124000, 8427000, 3.1],
             ["规模以上工业增加值", 220000, 1803500, 5.8]],
            "imported 2 entries from c1.xlsx (sheet '1-8月') into progress.toml (1 in the unit its headers give, "
            "1 in the unit stated above the table)\n",
            ["unit: the unit line '金额单位：万元' (A2)", "unit: the header of '同比增长%'"],
        ),
        (
            [["2025年1-8月主要指标"], ["单位：千元"], ["指标名称", "1-8月累计", "8月"],
             ["规模以上工业总产值", 84270000, 11240000]],
            "imported 1 entry from c2.xlsx (sheet '1-8月') into progress.toml (1 in the unit stated above the table)\n",
            ["unit: the unit line '单位：千元' (A2)"],
        ),
        (
            [["2025年8月主要指标"], ["面积单位：平方米"], ["指标名称", "8月"], ["新增创新空间面积", 8000]],
            "imported 1 entry from n4.xlsx (sheet '1-8月') into progress.toml (1 in the unit stated above the table)\n",
            ["unit: the unit line '面积单位：平方米' (A2)"],
        ),
        (  # the unit and the date in one cell, set apart by full-width spaces: shown as one space
            [["临平经开区主要经济指标"], ["单位：万元\u3000\u30002025年8月"], ["指标名称", "1-8月累计"],
             ["规模以上工业总产值", 8427000]],
            "imported 1 entry from u3.xlsx (sheet '1-8月') into progress.toml (1 in the unit stated above the table)\n",
            ["unit: the unit line '单位：万元 2025年8月' (A2)"],
        ),
    ],
    ids=["c1", "c2", "n4", "u3"],
)  # fmt: skip
def test_the_unit_lines_provenance(
    rows: list[list[Any]], stdout: str, said: list[str], runner: CliRunner, workdir: Path
) -> None:
    name = stdout.split(" from ")[1].split(" ")[0]
    _book(workdir / name, rows)
    dry = runner.invoke(app, ["import", name, "--dry-run"])
    assert dry.exit_code == 0, dry.stderr
    assert [line.split("; ")[1] for line in dry.stdout.splitlines()] == said
    result = runner.invoke(app, ["import", name])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == stdout


def test_a_percent_sign_is_not_called_a_header(runner: CliRunner, workdir: Path) -> None:
    (workdir / "p.csv").write_text("指标名称,数值,截至日期\n工业增加值增速,5.8%,2025-08\n", encoding="utf-8")
    result = runner.invoke(app, ["import", "p.csv"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "imported 1 entry from p.csv into progress.toml (1 in % by the sign in the cell)\n"
    zh = runner.invoke(app, ["import", "p.csv", "--lang", "zh", "--allow-duplicates"])
    assert zh.stdout.endswith("（1 条按单元格中的%号）\n")


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("单位：万元", ("万元", {}, "")),
        ("计量单位：亿元", ("亿元", {}, "")),
        ("金额单位：万元", (None, {"CNY": "万元"}, "")),
        ("面积单位：平方米", (None, {"area": "平方米"}, "")),
        ("金额单位：平方米", (None, {}, "")),  # a label and a unit that disagree: no use to any row
        ("单位：万元、%", (None, {"CNY": "万元", "percent": "%"}, "")),
        ("金额单位：亿元；面积单位：平方米", (None, {"CNY": "亿元", "area": "平方米"}, "")),
        ("金额单位：亿元，面积：亩", (None, {"CNY": "亿元", "area": "亩"}, "")),
        ("金额单位：万元　面积单位：㎡　2025年8月", (None, {"CNY": "万元", "area": "平方米"}, "2025年8月")),
        ("单位：万元　　2025年8月", ("万元", {}, "2025年8月")),
        ("单位：万元 填报日期：2025年9月5日", ("万元", {}, "填报日期:2025年9月5日")),
        ("外资单位：万美元；金额单位：万元", (None, {"USD": "万美元", "CNY": "万元"}, "")),
        ("数量单位：家；金额单位：亿元", (None, {"count:家": "家", "CNY": "亿元"}, "")),
        ("填报单位：临平经开区统计局", None),
        ("单位负责人：张三", None),
    ],
)
def test_unit_line_forms(line: str, read: Any) -> None:
    import unicodedata

    from ledger.sheet_title import _sheet_unit

    assert _sheet_unit(unicodedata.normalize("NFKC", line)) == read
