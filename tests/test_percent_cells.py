"""A plain number among percent cells (the new-user trial's bureau-own-names.xlsx, row 10): a
growth column whose cells are formatted ``0.0%`` (0.054 stored, 5.4% shown) and one typed in
General as 0.077. Excel shows 0.077: the person may have typed the fraction and forgotten the
format (7.7 %) or meant 0.077 %, so the row is refused, naming the cell, what it holds, what the
column shows and the fix. A plain number of 1 or more there (7.7) is what a reader sees in a %
column, 7.7 %; a column typed plainly throughout, or formatted throughout, reads as before.
Held for .xlsx (the byte scanner and the tree readers) and .xls (xlrd)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.importing import read_table
from ledger.sheets import PercentCell, read_xls
from ledger.table_rows import rows_to_entries
from tests.helpers import RECORDED
from tests.test_sheets_received import PLAN, _export, _refused

PERCENT, LITERAL, GENERAL = "0.0%", '0.0"%"', "General"

# The trial's sheet: a title, a date cell, 1-8月 merged over 绝对值 | 同比增长%, section rows, the
# growth column formatted 0.0% but for D10, typed in General.
HEAD: list[list[Any]] = [
    ["临平经开区2025年1-8月主要经济指标（示例数据，非真实统计）"],
    [None, None, None, "2025年8月"],
    ["指标名称", "单位", "1-8月", None],
    [None, None, "绝对值", "同比增长%"],
]
MERGES = ("A1:D1", "C3:D3", "A3:A4", "B3:B4")


def _rows(d10: Any) -> list[tuple[list[Any], str]]:
    """The trial's rows 5–13 with their growth cells' formats; row 10's growth cell is ``d10``."""
    return [
        (["一、工业"], GENERAL),
        (["规模以上工业总产值", "亿元", "842.70", 0.054], PERCENT),
        (["  其中：高新技术产业", "亿元", "561.20", 0.071], PERCENT),
        (["工业增加值增速", "亿元", "180.35", 0.058], PERCENT),
        (["二、服务业"], GENERAL),
        (["营利性服务业营收增速", "亿元", None, d10], GENERAL),
        (["三、投资"], GENERAL),
        (["固定资产投资", "亿元", "96.40", -0.021], PERCENT),
        (["  其中：工业投资", "亿元", "41.85", 0.093], PERCENT),
    ]


def _xlsx(path: Path, rows: list[tuple[list[Any], str]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "1-8月"
    for row in HEAD:
        ws.append(row)
    for cells, code in rows:
        ws.append(cells)
        if len(cells) > 3:
            ws.cell(ws.max_row, 4).number_format = code
    ws.append([])
    ws.append(["注：1.本表数据为示例，非真实统计；2.“—”表示暂无数据。"])
    for span in MERGES:
        ws.merge_cells(span)
    book.save(path)


def _xls(path: Path, rows: list[tuple[list[Any], str]]) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("1-8月")
    ws.write_merge(0, 0, 0, 3, HEAD[0][0])
    ws.write(1, 3, "2025年8月")
    ws.write_merge(2, 3, 0, 0, "指标名称")
    ws.write_merge(2, 3, 1, 1, "单位")
    ws.write_merge(2, 2, 2, 3, "1-8月")
    ws.write(3, 2, "绝对值")
    ws.write(3, 3, "同比增长%")
    styles = {code: xlwt.easyxf(num_format_str=code) for code in (PERCENT, LITERAL, GENERAL)}
    for r, (cells, code) in enumerate(rows, 4):
        for c, value in enumerate(cells):
            if value is not None:
                ws.write(r, c, value, styles[code] if c == 3 else xlwt.Style.default_style)
    book.save(str(path))


REFUSAL = (
    "error: {file}: row 10: cell D10 under '1-8月 同比增长%' holds 0.077, a plain number, in a column with cells "
    "formatted as percentages (D6 shows 5.4%): it may mean 7.7% or 0.077%; format D10 as a percentage, or type 7.7 "
    "(for 0.077% type 0.077%)"
)


@pytest.mark.parametrize(("file", "make"), [("bureau.xlsx", _xlsx), ("bureau.xls", _xls)])
@pytest.mark.parametrize("d10", [0.077, "0.077", "０．０７７"], ids=["typed", "text", "full-width"])
def test_a_plain_fraction_among_percent_cells_is_refused(
    file: str, make: Any, d10: Any, runner: CliRunner, workdir: Path
) -> None:
    """Row 10 was recorded as a growth of 0.077 %: refused, naming D10, 0.077, D6's 5.4% and the
    fix, with and without --dry-run; nothing written."""
    make(workdir / file, _rows(d10))
    for args in ([], ["--dry-run"]):
        result = runner.invoke(app, ["import", file, "--skip-unknown", *args])
        _refused(result, workdir)
        assert [line for line in result.stderr.splitlines() if line.startswith("error: ")] == [
            REFUSAL.format(file=file)
        ]


@pytest.mark.parametrize(("file", "make"), [("bureau.xlsx", _xlsx), ("bureau.xls", _xls)])
@pytest.mark.parametrize(
    ("d10", "code", "growth"),
    [
        (7.7, GENERAL, 7.7),  # shown 7.7 in a % column: 7.7 %, as a reader sees it
        (0.077, PERCENT, 7.7),  # formatted like the rest
        (0, GENERAL, 0),  # 0 is 0 % either way
        (-1.2, GENERAL, -1.2),
        ("7.7%", GENERAL, 7.7),  # a text showing its sign
    ],
)
def test_what_shows_no_doubt_is_read_as_shown(
    file: str, make: Any, d10: Any, code: str, growth: Any, runner: CliRunner, workdir: Path
) -> None:
    rows = _rows(d10)
    rows[5] = (rows[5][0], code)
    _imports_with_growth(runner, workdir / file, make, rows, growth)


def _imports_with_growth(
    runner: CliRunner, path: Path, make: Any, rows: list[tuple[list[Any], str]], growth: Any
) -> None:
    """The sheet of ``rows`` made at ``path`` imports, row 10's growth recorded as ``growth`` %."""
    make(path, rows)
    result = runner.invoke(app, ["import", path.name, "--skip-unknown"])
    assert result.exit_code == 0, result.stderr
    assert _export(runner) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("value-added-growth", "2025-08-31", 5.8, "%"),
        ("service-revenue-growth", "2025-08-31", growth, "%"),
    ]


@pytest.mark.parametrize(("file", "make"), [("plain.xlsx", _xlsx), ("plain.xls", _xls)])
def test_a_column_typed_as_percent_points_reads_as_before(
    file: str, make: Any, runner: CliRunner, workdir: Path
) -> None:
    """5.4, 7.1, 5.8, 0.077 typed in General (or shown with a literal sign, 0.0"%"): each is the
    percent it shows, 0.077 % included; no cell is a fraction."""
    typed = {1: 5.4, 2: 7.1, 3: 5.8, 5: 0.077, 7: -2.1, 8: 9.3}  # by index into _rows
    rows = [
        ([*cells[:3], typed[i]], GENERAL) if i in typed else (cells, code) for i, (cells, code) in enumerate(_rows(0))
    ]
    rows[3] = (rows[3][0], LITERAL)  # 工业增加值增速's 5.8 shown 5.8%
    _imports_with_growth(runner, workdir / file, make, rows, 0.077)


def test_a_rates_figure_column_without_a_growth_column_is_held_alike(runner: CliRunner, workdir: Path) -> None:
    """A department's sheet with one figure column for every target: the rates' cells formatted
    0.0%, one rate's typed 0.077 in General. Refused as in a growth column; the amount's 842.7
    beside them is no percent and is never asked about."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    for row in (
        ["指标名称", "1-8月累计", "截至日期"],
        ["工业总产值", 842.7, "2025-08-31"],
        ["工业增加值增速", 0.058, "2025-08-31"],
        ["营利性服务业营收增速", 0.077, "2025-08-31"],
    ):
        ws.append(row)
    ws["B3"].number_format = PERCENT
    book.save(workdir / "dept.xlsx")
    result = runner.invoke(app, ["import", "dept.xlsx"])
    _refused(result, workdir)
    assert result.stderr.splitlines()[-1] == (
        "error: dept.xlsx: row 4: cell B4 under '1-8月累计' holds 0.077, a plain number, in a column with cells "
        "formatted as percentages (B3 shows 5.8%): it may mean 7.7% or 0.077%; format B4 as a percentage, or type "
        "7.7 (for 0.077% type 0.077%)"
    )
    ws["B4"].number_format = PERCENT
    book.save(workdir / "dept.xlsx")
    result = runner.invoke(app, ["import", "dept.xlsx"])
    assert result.exit_code == 0, result.stderr
    assert _export(runner) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("value-added-growth", "2025-08-31", 5.8, "%"),
        ("service-revenue-growth", "2025-08-31", 7.7, "%"),
    ]


def test_the_xls_reader_marks_percent_cells(tmp_path: Path) -> None:
    """xlrd's cells: 0.0% is a PercentCell of the fraction × 100, 0.0"%" and General plain Decimals,
    each as its format shows it (0.058 under 0.0"%" shows 0.1%: 0.1)."""
    rows = _rows(0.077)
    rows[3] = (rows[3][0], LITERAL)
    _xls(tmp_path / "b.xls", rows)
    grid = read_xls("b.xls", (tmp_path / "b.xls").read_bytes(), None)
    growth = {r: (type(cells[4]), cells[4]) for r, cells in grid.rows if 4 in cells and r > 4}
    assert growth == {
        6: (PercentCell, Decimal("5.4")),
        7: (PercentCell, Decimal("7.1")),
        8: (Decimal, Decimal("0.1")),
        10: (Decimal, Decimal("0.077")),
        12: (PercentCell, Decimal("-2.1")),
        13: (PercentCell, Decimal("9.3")),
    }


# --- the property: any column of formatted and plain cells -----------------------------------

# A growth cell: its number as typed (or stored, for a percent cell) and whether it is formatted 0.0%.
CELLS = st.tuples(
    st.decimals(min_value=-30, max_value=30, places=3, allow_nan=False, allow_infinity=False), st.booleans()
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(st.lists(CELLS, min_size=1, max_size=6))
def test_any_mix_of_formatted_and_plain_cells(tmp_path: Path, cells: list[tuple[Decimal, bool]]) -> None:
    """A rate's rows, one a month, each growth cell formatted 0.0% or not: a formatted cell is its
    value × 100, unless every formatted cell (not 0) shows over 100% (points typed into a percent
    format), when each such row is refused; a plain one is its value, unless it is under 1 (not
    0) and some cell of the column is formatted, when its row alone is refused, naming its cell.
    The quick path and the general path agree."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["指标名称", "同比增长%", "截至日期"])
    for month, (number, formatted) in enumerate(cells, 1):
        ws.append(["工业增加值增速", float(number), f"2025-{month:02d}"])
        if formatted:
            ws.cell(ws.max_row, 2).number_format = PERCENT
    path = tmp_path / "p.xlsx"
    book.save(path)
    table = read_table("p.xlsx", path.read_bytes(), "xlsx")
    mixed = any(formatted for _, formatted in cells)
    # Every formatted cell (not 0) over 1, so showing over 100%: points typed into a percent format.
    shown = [number for number, formatted in cells if formatted and number]
    points = bool(shown) and all(abs(number) > 1 for number in shown)
    expected_entries, expected_rows = [], []
    for row, (number, formatted) in enumerate(cells, 2):
        if formatted and points and number:
            expected_rows.append(row)
        elif formatted:
            expected_entries.append((date(2025, row - 1, 1), number * 100))
        elif mixed and 0 < abs(number) < 1:
            expected_rows.append(row)
        else:
            expected_entries.append((date(2025, row - 1, 1), number))
    for quick in (True, False):
        out = rows_to_entries(
            PLAN, table, existing=[], default_date=None, recorded=RECORDED, by="t", spreadsheet=True, quick=quick
        )
        assert [(e.date.replace(day=1), e.value) for e in out.entries] == expected_entries
        assert all(e.unit == "%" for e in out.entries)
        assert [p.row for p in out.problems] == expected_rows
        assert all(f"cell B{p.row} under '同比增长%' holds " in p.message for p in out.problems)


# The same in a CSV: Excel saves a cell formatted 0.0% as its text, 7.6%, and a General one as
# 0.058; the cells written with the sign take the format's place (the trial's c17).
CSV_HEAD = "临平经开区2025年1-8月主要经济指标\n指标名称,1-8月同比增长%\n"
CSV_REFUSAL = (
    "error: s.csv: row 3: cell B3 under '1-8月同比增长%' holds 0.058, a plain number, in a column with cells "
    "written as percentages (B4 is 7.6%): it may mean 5.8% or 0.058%; write 5.8% in B3 (for 0.058% write 0.058%)"
)


@pytest.mark.parametrize(
    ("vag", "srg"),
    [("0.058", "7.6%"), ("０．０５８", "７．６％"), ("0.058", " 7.6 %")],
    ids=["ascii", "full-width", "spaced"],
)
def test_csv_plain_fraction_beside_a_written_percent_is_refused(
    runner: CliRunner, workdir: Path, vag: str, srg: str
) -> None:
    (workdir / "s.csv").write_text(
        f"{CSV_HEAD}规模以上工业增加值,{vag}\n营利性服务业营业收入,{srg}\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["import", "s.csv"])
    _refused(result, workdir)
    assert result.stderr.splitlines()[0] == CSV_REFUSAL


def test_csv_decimal_comma_fraction_beside_a_written_percent_is_refused(runner: CliRunner, workdir: Path) -> None:
    text = "指标名称;1-8月同比增长%\n规模以上工业增加值;0,058\n营利性服务业营业收入;7,6%\n"
    (workdir / "s.csv").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["import", "s.csv", "--date", "2025-08"])
    _refused(result, workdir)
    assert result.stderr.splitlines()[0] == CSV_REFUSAL.replace("row 3", "row 2").replace("B3", "B2").replace(
        "B4", "B3"
    )


@pytest.mark.parametrize(
    ("vag", "srg", "got"),
    [
        ("5.8%", "7.6%", 5.8),  # written with the sign: 5.8 %
        ("0.058%", "7.6%", 0.058),  # the sign says it: 0.058 %
        ("5.8", "7.6%", 5.8),  # 1 or more beside a written percent: the percent a reader sees
        ("0.058", "7.6", 0.058),  # no cell written with a sign: the column is typed in points
    ],
)
def test_csv_rates_read_as_written(runner: CliRunner, workdir: Path, vag: str, srg: str, got: float) -> None:
    (workdir / "s.csv").write_text(
        f"{CSV_HEAD}规模以上工业增加值,{vag}\n营利性服务业营业收入,{srg}\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["import", "s.csv"])
    assert result.exit_code == 0, result.output
    assert sorted(_export(runner)) == [
        ("service-revenue-growth", "2025-08-31", 7.6, "%"),
        ("value-added-growth", "2025-08-31", got, "%"),
    ]
