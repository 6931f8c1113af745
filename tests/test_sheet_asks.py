"""A returned ``tracker sheet`` whose 填报口径 cell a department changed (the trial n12's notes): the
cell says what the figure cell asks for (``1—6月累计`` of a running total); changed to ``6月当月``
with August's own 112.4 typed under 完成值, the figure was still read as the 1—6月 total, silently.
A changed cell on a row with a figure is refused naming it and what was asked; a sheet left as
written imports as before."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import load_plan
from ledger.model import Direction, Kind
from ledger.sheet_asks import asked, asked_any_month
from tests.conftest import SHIPPED_PLAN
from tests.helpers import exported
from tests.test_decline_columns import _with_falls


def _returned(path: Path, target: str, figure: float, ask: str | None, out: Path) -> None:
    """The sheet at ``path`` with ``figure`` in ``target``'s 完成值 cell and, when given, its
    填报口径 cell changed to ``ask``."""
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    columns: dict[object, int] = {}
    for row in ws.iter_rows():
        values = [c.value for c in row]
        if "target" in values:
            columns = {v: i for i, v in enumerate(values)}
        elif columns and row[columns["target"]].value == target:
            row[columns["完成值"]].value = figure
            if ask is not None:
                row[columns["填报口径"]].value = ask
    book.save(out)


@pytest.fixture
def june_sheet(runner: CliRunner, workdir: Path) -> Path:
    result = runner.invoke(app, ["sheet", "--all", "--month", "2025-06", "--lang", "zh", "-o", "june.xlsx"])
    assert result.exit_code == 0, result.output
    return workdir / "june.xlsx"


def test_a_changed_ask_is_refused(runner: CliRunner, workdir: Path, june_sheet: Path) -> None:
    _returned(june_sheet, "industrial-output", 112.4, "6月当月", workdir / "back.xlsx")
    result = runner.invoke(app, ["import", "back.xlsx"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: back.xlsx: row 4: the 填报口径 cell (B4) was changed to '6月当月': tracker reads the figure of "
        "industrial-output as what the sheet asked (1—6月累计); give that figure and leave the cell as the sheet "
        "wrote it (a month's own figure of a running total goes in the 本月 column)"
    )
    assert exported(runner) == []


def test_a_sheet_as_written_imports(runner: CliRunner, workdir: Path, june_sheet: Path) -> None:
    _returned(june_sheet, "industrial-output", 640.5, None, workdir / "back.xlsx")
    result = runner.invoke(app, ["import", "back.xlsx"])
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("industrial-output", "2025-06-30", 640.5, "亿元")]


_SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@_SETTINGS
@given(st.sampled_from(["6月当月", "本月", "当月", "6月单月", "单月", "环比", "6月", "1—5月累计", "本季"]))
def test_every_changed_ask_of_a_running_total_is_refused(
    runner: CliRunner, workdir: Path, june_sheet: Path, ask: str
) -> None:
    (workdir / "progress.toml").unlink(missing_ok=True)
    _returned(june_sheet, "industrial-output", 112.4, ask, workdir / "back.xlsx")
    result = runner.invoke(app, ["import", "back.xlsx"])
    assert result.exit_code == 1
    said = "says" if ask == "1—5月累计" else "was changed to"  # another month's words beside June's date
    assert f"the 填报口径 cell (B4) {said} {ask!r}" in result.stderr
    assert exported(runner) == []


@given(st.integers(1, 12), st.sampled_from(["zh", "en"]))
def test_what_the_sheet_writes_is_never_a_change(month: int, lang: str) -> None:
    for target in load_plan(SHIPPED_PLAN).targets:
        assert asked(target, date(2025, month, 1), lang) in asked_any_month(target)


def test_a_date_changed_without_its_ask_is_refused(runner: CliRunner, workdir: Path, june_sheet: Path) -> None:
    """Dated 2025-05-31 under a cell asking 1—6月累计: which of the two is the figure's cannot be told
    (with the title left, it names June and the date is refused against it first)."""
    book = openpyxl.load_workbook(june_sheet)
    ws = book.worksheets[0]
    ws["A1"] = None
    ws["G4"] = 520.3
    ws["J4"] = date(2025, 5, 31)
    book.save(workdir / "back.xlsx")
    result = runner.invoke(app, ["import", "back.xlsx"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: back.xlsx: row 4: the 填报口径 cell (B4) says '1—6月累计', but the row is dated 2025-05-31, whose figure "
        "of industrial-output is 1—5月累计: correct the date or the figure so that they agree, and leave the cell as "
        "the sheet wrote it"
    )


def test_a_fall_rate_is_asked_for_its_fall(runner: CliRunner, workdir: Path) -> None:
    """能耗下降率 (target 3.5, a fall of 3.5 %) records falls as positive figures: its cell asked
    增速（%）, inviting the −4.0 of signed growth; it asks for the fall, and the returned sheet with
    that fall imports as written. A signed-growth target (能耗下降, target −3, down) keeps 增速."""
    _with_falls(workdir)
    made = runner.invoke(app, ["sheet", "--all", "--month", "2025-08", "--lang", "zh", "-o", "aug.xlsx"])
    assert made.exit_code == 0, made.output
    ws = openpyxl.load_workbook(workdir / "aug.xlsx").worksheets[0]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    header = next(r for r in rows if "target" in r)
    asks = {r[header.index("target")]: r[header.index("填报口径")] for r in rows if r[header.index("target")]}
    assert (asks["energy-fall"], asks["energy-growth"]) == ("下降率（%）", "增速（%）")
    _returned(workdir / "aug.xlsx", "energy-fall", 4.0, None, workdir / "back.xlsx")
    result = runner.invoke(app, ["import", "back.xlsx"])
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("energy-fall", "2025-08-31", 4.0, "%")]


@pytest.mark.parametrize(("figure", "code"), [(4.0, 0), (-4.0, 1)])
def test_a_sheet_sent_before_asking_for_the_fall_still_imports(
    runner: CliRunner, workdir: Path, figure: float, code: int
) -> None:
    """A sheet written before the change says 增速（%） beside 能耗下降率: no change of the cell; a fall
    typed as 4.0 imports, a signed −4.0 is refused as the sign slip it is."""
    _with_falls(workdir)
    assert runner.invoke(app, ["sheet", "--all", "--month", "2025-08", "--lang", "zh", "-o", "aug.xlsx"]).exit_code == 0
    _returned(workdir / "aug.xlsx", "energy-fall", figure, "增速（%）", workdir / "back.xlsx")
    result = runner.invoke(app, ["import", "back.xlsx"])
    assert result.exit_code == code, result.output
    assert "填报口径" not in result.stderr
    assert exported(runner) == ([("energy-fall", "2025-08-31", 4.0, "%")] if code == 0 else [])


_FALL_NAMES = ["单位工业增加值能耗下降率", "能耗降低率", "单位GDP能耗降幅", "碳排放强度下降率", "能耗下降"]
_SIGNED_NAMES = ["规模以上工业增加值", "能耗增减率"]


@given(st.integers(1, 12), st.sampled_from(_FALL_NAMES + _SIGNED_NAMES), st.sampled_from(["zh", "en"]))
def test_every_fall_rate_is_asked_for_a_fall(month: int, name: str, lang: str) -> None:
    """Whatever its month and language, a rate recording falls (a fall's name, target 3.5, up) asks
    for the fall; the same names with target −3, down, record signed growth and ask for growth."""
    rate = next(t for t in load_plan(SHIPPED_PLAN).targets if t.kind is Kind.RATE)
    fall = {"zh": "下降率（%）", "en": "fall (%)"}[lang]
    growth = {"zh": "增速（%）", "en": "rate (%)"}[lang]
    blank = {"baseline": None, "previous": None, "stretch": None}
    up = rate._replace(name=name, target=Decimal("3.5"), direction=Direction.UP, **blank)
    down = rate._replace(name=name, target=Decimal(-3), direction=Direction.DOWN, **blank)
    assert asked(up, date(2025, month, 1), lang) == (fall if name in _FALL_NAMES else growth)
    assert asked(down, date(2025, month, 1), lang) == growth
    assert asked(up, date(2025, month, 1), lang) in asked_any_month(up)
