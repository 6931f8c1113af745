"""A department sheet's 截至日期 written over: its 填报说明 asks a department whose figure is of
another day of the month to write that day, and import records the figure as of that day; a
date in another month is refused, naming the cells. Never moved to the month's end silently."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cli import ExitCode, app
from ledger import read_ledger
from tests.test_departments import HEAD, HISTORY, TARGETS, _columns, _rows


@pytest.fixture
def june(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner) -> Path:
    """June's sheet of 经济发展局 (a running total and a rate) and 科技局 (additions), with
    figures up to May in the ledger."""
    (tmp_path / "targets.toml").write_text(HEAD + TARGETS, encoding="utf-8")
    (tmp_path / "history.csv").write_text(HISTORY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["import", "history.csv"]).exit_code == 0
    for owner in ("经济发展局", "科技局"):
        made = runner.invoke(
            app, ["sheet", "--owner", owner, "--month", "2025-06", "-o", f"{owner}.xlsx", "--lang", "zh"]
        )
        assert made.exit_code == 0, made.output
    return tmp_path


def _fill(path: Path, cells: dict[str, dict[str, object]]) -> None:
    book = load_workbook(path)
    ws = book.active
    cols, rows = _columns(ws), _rows(ws)
    for target, values in cells.items():
        for header, value in values.items():
            ws.cell(rows[(target, None)], cols[header]).value = value
    book.save(path)


def test_the_instructions_say_a_day_written_over_is_recorded_as_written(june: Path) -> None:
    book = load_workbook(june / "经济发展局.xlsx")
    lines = [row[0] for row in book["填报说明"].iter_rows(values_only=True)]
    assert lines[4] == (
        "3. 截至日期已按本月月末填好；数据截至本月其他日期的，请改写为该日期（如 2025-06-15），"
        "导入时按所写日期记录；其他月份的数据请用该月的填报表，日期不在本月的行导入时退回。"
    )


def test_a_day_of_the_month_written_over_the_date_is_the_figures_date(runner: CliRunner, june: Path) -> None:
    before = len(read_ledger(june / "progress.toml"))
    _fill(june / "经济发展局.xlsx", {
        "output": {"完成值": 628.32, "本月": 107.42, "截至日期": datetime(2025, 6, 15)},  # an Excel date
        "growth": {"完成值": 5.6, "截至日期": "2025年6月20日"},  # typed as text
    })  # fmt: skip
    _fill(june / "科技局.xlsx", {"space": {"完成值": 5, "截至日期": "2025-06-15"}, "firms": {"完成值": 9}})
    for owner in ("经济发展局", "科技局"):
        result = runner.invoke(app, ["import", f"{owner}.xlsx"])
        assert result.exit_code == 0, result.output
    got = [(e.target, e.date, e.value, e.month_value) for e in read_ledger(june / "progress.toml")[before:]]
    assert got == [
        ("output", date(2025, 6, 15), Decimal("628.32"), Decimal("107.42")),
        ("growth", date(2025, 6, 20), Decimal("5.6"), None),
        ("space", date(2025, 6, 15), Decimal("5"), None),
        ("firms", date(2025, 6, 30), Decimal("9"), None),  # the date as the sheet filled it
    ]


# A date of another month on one row was refused twice, in two lines for one problem: the 填报口径
# cell (1—6月累计) against the date, and the date against the title. One line says it: the file,
# the row and the date cell, the sheet's month, and where another month's figures go.
def _another_month(month: str) -> str:
    return (
        f"row 4: the date column (J4) says {month} but the title '部门计划 经济发展局 2025年6月指标填报表' says "
        f"2025-06; correct the date to a day of 2025-06, or give {month}'s figures in that month's sheet (tracker "
        f"sheet --month {month})"
    )


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (datetime(2025, 5, 31), _another_month("2025-05")),  # an Excel date
        ("2025-07-15", _another_month("2025-07")),  # a later month, typed
        ("2025年5月20日", _another_month("2025-05")),
        (
            datetime(2024, 6, 30),  # last year's June: outside the plan, said so alone
            "row 4: output: date 2024-06-30 is outside the plan period 2025-01-01 to 2025-12-31; give the date the "
            "figure refers to in the date column, or --date for rows without one",
        ),
    ],
)
def test_a_date_in_another_month_is_refused_naming_the_cells(
    runner: CliRunner, june: Path, written: object, said: str
) -> None:
    _fill(june / "经济发展局.xlsx", {"output": {"完成值": 620.9, "截至日期": written}})
    before = (june / "progress.toml").read_bytes()
    result = runner.invoke(app, ["import", "经济发展局.xlsx"])
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.splitlines() == [
        "note: 经济发展局.xlsx: 1 row without a figure passed over: row 5 (growth)",
        f"error: 经济发展局.xlsx: {said}",
    ]
    assert (june / "progress.toml").read_bytes() == before


def test_a_date_of_the_sheets_month_with_another_months_words_is_still_refused(runner: CliRunner, june: Path) -> None:
    """The 填报口径 cell changed to another month's words on a row dated in the sheet's month is
    the one problem of that row, said as before."""
    book = load_workbook(june / "经济发展局.xlsx")
    ws = book.active
    cols, rows = _columns(ws), _rows(ws)
    ws.cell(rows[("output", None)], cols["完成值"]).value = 520.9
    ws.cell(rows[("output", None)], cols["填报口径"]).value = "1—5月累计"
    book.save(june / "经济发展局.xlsx")
    result = runner.invoke(app, ["import", "经济发展局.xlsx"])
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.splitlines()[1:] == [
        "error: 经济发展局.xlsx: row 4: the 填报口径 cell (B4) says '1—5月累计', but the row is dated 2025-06-30, whose "
        "figure of output is 1—6月累计: correct the date or the figure so that they agree, and leave the cell as the "
        "sheet wrote it"
    ]
