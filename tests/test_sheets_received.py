"""Sheets as bureaus and departments really send them (issue 14, the new-user trial's final round):
an unlabelled subtotal under a merged target, a growth column under a period group, units by
kind in one line or in the title, progress-against-target columns, an earlier period's column
beside the latest, and where the success line says a unit came from. Each case is held by the
trial's sheet with its entries worked by hand, each kind by every form it takes."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import load_plan
from ledger.importing import Outcome, rows_to_entries
from ledger.layout import read_table
from ledger.sheets import Grid
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
        "note: r3.xlsx: columns not used: 载体名称\n"
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
        "row 3: its 载体名称 is empty, unlike the other rows under '新增创新空间面积' (A3:A5), and no row above "
        in (result.stderr)
    )


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
