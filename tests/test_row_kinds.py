"""A 类别 column saying which row is an indicator's figure and which its growth (issue 14, the n9
trial, c06): the growth row is never read as the quantity, and a rate target reads only it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import row_kinds as kinds_module
from ledger.sheets import Row
from ledger.table import Column, LayoutError
from tests.helpers import exported, import_text

_HEAD = "临平经开区2025年1-8月主要经济指标"


def _book(path: Path, kind_header: str, figure: str, growth: str, rows: list[list[object]] | None = None) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "1-8月"
    body = rows or [["规模以上工业总产值", figure, 842.7], [None, growth, 4.1]]
    for r in [[_HEAD], ["指标名称", kind_header, "1-8月"], *body]:
        ws.append(r)
    for at in range(3, 3 + len(body), 2):
        ws.merge_cells(f"A{at}:A{at + 1}")
    book.save(path)


def test_c06_the_growth_row_is_never_the_quantity(runner: CliRunner, workdir: Path) -> None:
    _book(workdir / "s.xlsx", "类别", "绝对值（亿元）", "增速（%）")
    result = runner.invoke(app, ["import", "s.xlsx"])
    assert result.exit_code == 0, result.output
    assert "--force" not in result.stderr
    assert (
        "note: s.xlsx: column '类别' (B) says which rows hold a growth (row 4) and which the figure: a rate target "
        "reads its growth row, any other target its figure row, in the unit the column gives"
    ) in result.stderr
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


def test_a_rate_reads_its_growth_row_and_a_total_its_figure_row(runner: CliRunner, workdir: Path) -> None:
    rows: list[list[object]] = [
        ["规模以上工业总产值", "绝对值（万元）", 8427000],
        [None, "增速（%）", 4.1],
        ["规模以上工业增加值", "绝对值（亿元）", 180.35],
        [None, "增速（%）", 5.2],
    ]
    _book(workdir / "s.xlsx", "类别", "", "", rows)
    result = runner.invoke(app, ["import", "s.xlsx"])
    assert result.exit_code == 0, result.output
    assert sorted(exported(runner)) == [
        ("industrial-output", "2025-08-31", 8427000, "万元"),  # 842.7 亿元, converted when read
        ("value-added-growth", "2025-08-31", 5.2, "%"),
    ]


_SETTINGS = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@_SETTINGS
@given(
    st.sampled_from(["类别", "指标类别", "类型", "口径", "指标口径"]),
    st.sampled_from(["绝对值（亿元）", "总量(亿元)", "亿元", "绝对值"]),
    st.sampled_from(["增速（%）", "增速", "同比增长%", "增长(%)", "%", "增幅（%）"]),
)
def test_no_growth_row_is_read_as_a_quantity(
    runner: CliRunner, workdir: Path, kind_header: str, figure: str, growth: str
) -> None:
    (workdir / "progress.toml").unlink(missing_ok=True)
    _book(workdir / "s.xlsx", kind_header, figure, growth)
    result = runner.invoke(app, ["import", "s.xlsx"])
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


def test_the_layout_in_a_csv_reads_alike(runner: CliRunner, workdir: Path) -> None:
    sheet = f"{_HEAD}\n指标名称,类别,1-8月\n规模以上工业总产值,绝对值（亿元）,842.7\n规模以上工业总产值,增速（%）,4.1\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


def test_a_category_column_of_other_words_is_not_read_as_units(runner: CliRunner, workdir: Path) -> None:
    sheet = f"{_HEAD}\n指标名称,类别,1-8月累计\n规模以上工业总产值,增长型产业,842.7\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 0, result.output
    assert "note: s.csv: columns not used: 类别" in result.stderr
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


# The docs' own form of the layout in a CSV (or a sheet saved without its merges): the growth row's
# name left blank under the figure row's, as the merged cell shows it. It was refused as "row 4:
# no target" (the trial n12's notes).
_BLANK_NAMES = (
    f"{_HEAD}\n指标名称,类别,1-8月累计\n规模以上工业总产值,绝对值（亿元）,842.7\n,增速（%）,4.1\n"
    "规模以上工业增加值,绝对值（亿元）,180.3\n,增速（%）,5.8\n"
)


def test_a_blank_name_under_its_pair_in_a_csv_is_the_pairs(runner: CliRunner, workdir: Path) -> None:
    result = import_text(runner, workdir, "s.csv", _BLANK_NAMES)
    assert result.exit_code == 0, result.output
    assert (
        "note: s.csv: column '类别' (B) says which rows hold a growth (row 4, 6) and which the figure: a rate target "
        "reads its growth row, any other target its figure row, in the unit the column gives; row 4, 6 (no name) "
        "under the name of the row above, whose pair it is"
    ) in result.stderr
    assert sorted(exported(runner)) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("value-added-growth", "2025-08-31", 5.8, "%"),
    ]


@_SETTINGS
@given(
    st.booleans(),
    st.sampled_from(["绝对值（亿元）", "总量(亿元)", "亿元"]),
    st.sampled_from(["增速（%）", "同比增长%"]),
)
def test_either_row_of_a_pair_may_carry_the_name(
    runner: CliRunner, workdir: Path, growth_first: bool, figure: str, growth: str
) -> None:
    """In a workbook without merges too, whichever of the pair comes first names both."""
    (workdir / "progress.toml").unlink(missing_ok=True)
    pairs = [("规模以上工业总产值", 842.7, 4.1), ("规模以上工业增加值", 180.3, 5.8)]
    rows: list[list[object]] = []
    for name, amount, rate in pairs:
        first, second = ([growth, rate], [figure, amount]) if growth_first else ([figure, amount], [growth, rate])
        rows += [[name, *first], [None, *second]]
    book = openpyxl.Workbook()
    ws = book.active
    for r in [[_HEAD], ["指标名称", "类别", "1-8月"], *rows]:
        ws.append(r)
    book.save(workdir / "s.xlsx")
    result = runner.invoke(app, ["import", "s.xlsx"])
    assert result.exit_code == 0, result.output
    assert sorted(exported(runner)) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("value-added-growth", "2025-08-31", 5.8, "%"),
    ]


def test_a_blank_name_not_under_its_pair_is_still_refused(runner: CliRunner, workdir: Path) -> None:
    """Two figure rows in a row are no pair: the blank one names nothing, as before."""
    sheet = f"{_HEAD}\n指标名称,类别,1-8月累计\n规模以上工业总产值,绝对值（亿元）,842.7\n,绝对值（亿元）,900\n,增速（%）,4.1\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code != 0
    assert "row 4: no target: fill in the target's name or id" in result.stderr
    assert exported(runner) == []


_KIND_CELLS = st.sampled_from(
    ["", " ", "亿元", " 万元 ", "%", "增速（%）", "绝对值（亿元）", "总量", "工业", "增减（亿元）", "同比增长%", "个"]
)


def _kinds_read(columns: list[Column], rows: list[Row], keyed_by: str, by_field: dict[str, Column]) -> Any:
    """row_kinds' answer, or its refusal, with ``by_field`` as it leaves it."""
    fields = dict(by_field)
    try:
        return kinds_module.row_kinds(list(columns), rows, keyed_by, fields, "s.csv"), fields
    except LayoutError as e:
        return e.problems, fields


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["单位", "类别", "项目"]),
    st.lists(st.tuples(st.sampled_from(["规模以上工业总产值", "", "工业增加值"]), _KIND_CELLS | st.none()), max_size=8),
    st.booleans(),
    st.booleans(),
)
def test_a_column_saying_no_growth_is_answered_from_its_distinct_texts(
    header: str, cells: list[tuple[str, str | None]], keyed_by_index: bool, number: bool
) -> None:
    # row_kinds tells a column none of whose texts says growth (a 单位 column of units) from its
    # distinct texts (_no_growth), not row by row: the answer, or the refusal, is the same.
    field = "unit" if header == "单位" else None
    columns = [Column(1, "指标名称", "target"), Column(2, header, field), Column(3, "1-8月", "value")]
    by_field = {c.field: c for c in columns if c.field is not None}
    if keyed_by_index:  # a CSV's records; None: a record ending before the column
        rows = [Row(i, [n, c, "1"] if c is not None else [n]) for i, (n, c) in enumerate(cells, 3)]
    else:  # a workbook's rows; a number in the column when asked
        rows = [
            Row(i, {1: n, 3: "1"} | ({2: Decimal(1) if number else c} if c is not None else {}))
            for i, (n, c) in enumerate(cells, 3)
        ]
    keyed_by = "index" if keyed_by_index else "number"
    fast = _kinds_read(columns, rows, keyed_by, by_field)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kinds_module, "_no_growth", lambda *_: False)
        slow = _kinds_read(columns, rows, keyed_by, by_field)
    assert fast == slow


def test_a_column_of_units_alone_is_not_read_row_by_row() -> None:
    # 20,000 blank 单位 cells: told at once that no row is a growth row, the rows returned as they are
    columns = [Column(1, "指标名称", "target"), Column(2, "单位", "unit")]
    rows = [Row(n, ["指标", ""]) for n in range(3, 20003)]
    read: dict[str, Any] = {}
    assert kinds_module._no_growth(rows, columns[1], "index", read, True)
    assert kinds_module.row_kinds(columns, rows, "index", {"unit": columns[1]})[1] is rows
    rows[5] = Row(8, ["指标", "增速（%）"])
    assert not kinds_module._no_growth(rows, columns[1], "index", read, True)
    assert read == {"增速（%）": ("growth", "%")}
