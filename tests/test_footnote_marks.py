"""Footnote marks after a figure (issue 14, the new-user trial n5, case 11): a bureau writes
``842.7①`` with ``注：①为初步数`` below the table. NFKC, which makes full-width digits ASCII, also
makes ① a 1, so 842.7① was read as 842.71. A trailing mark is taken off with a note naming the
cell and the mark (and said in ``--dry-run``); a mark inside a figure is refused; a typed figure
(``tracker record``) with a mark is refused, naming it."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.numbers import footnote, parse_number
from ledger.sheet_cells import figure
from tests.helpers import exported as _entries
from tests.helpers import import_text as _import

_BUREAU = (
    "临平经开区2025年1-8月主要经济指标\n单位：亿元\n指标名称,1-8月累计,同比增长%\n"
    "规模以上工业总产值,842.7①,5.1\n规模以上工业增加值,214.9,5.8①\n营利性服务业营业收入,120.3,6¹\n注：①为初步数。\n"
)


def test_the_trials_bureau_sheet_reads_each_figure_without_its_mark(runner: CliRunner, workdir: Path) -> None:
    result = _import(runner, workdir, "bureau.csv", _BUREAU)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "note: bureau.csv: column '1-8月累计' (B4): '842.7①' read as 842.7, '①' taken as a footnote mark\n"
        "note: bureau.csv: column '同比增长%' (C5): '5.8①' read as 5.8, '①' taken as a footnote mark\n"
        "note: bureau.csv: column '同比增长%' (C6): '6¹' read as 6, '¹' taken as a footnote mark\n"
    )
    assert sorted(_entries(runner)) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("service-revenue-growth", "2025-08-31", 6, "%"),
        ("value-added-growth", "2025-08-31", 5.8, "%"),
    ]


def test_a_dry_run_says_which_mark_it_took_off(runner: CliRunner, workdir: Path) -> None:
    result = _import(runner, workdir, "bureau.csv", _BUREAU, "--dry-run")
    assert result.exit_code == 0, result.output
    line = next(x for x in result.stdout.splitlines() if x.startswith("row 4:"))
    assert line == (
        "row 4: industrial-output = 842.7 亿元 as of 2025-08-31 — figure: column '1-8月累计' (B4); unit: the unit line "
        "'单位：亿元' (A2); a running total (1—N月累计); '842.7①' read as 842.7, '①' taken as a footnote mark; date: "
        "the title '临平经开区2025年1-8月主要经济指标'; target: alias '规模以上工业总产值' in column '指标名称' (A4)"
    )


def test_an_addition_with_a_mark_is_not_ten_times_larger(runner: CliRunner, workdir: Path) -> None:
    """8000① 平方米 was 80001 平方米, 8.0001 万 against 0.8 万; the header's m² is still a unit."""
    text = "临平经开区科技局2025年8月重点任务推进情况\n指标名称,本月新增（m²）\n新增创新空间面积,8000①\n注：①含临时载体。\n"
    result = _import(runner, workdir, "dept.csv", text)
    assert result.exit_code == 0, result.output
    assert _entries(runner) == [("innovation-space", "2025-08-31", 8000, "平方米")]


@pytest.mark.parametrize("cell", ["842.7*", "842.7†", "842.7‡", "842.7#", "842.7△", "842.7▲", "842.7※", "842.7⑴", "842.7⁽¹⁾",
                                  "842.7 ②", "８４２．７①"])  # fmt: skip
def test_every_mark_is_taken_off_alike(runner: CliRunner, workdir: Path, cell: str) -> None:
    text = f"指标名称,1-8月累计,单位\n规模以上工业总产值,{cell},亿元\n"
    result = _import(runner, workdir, "b.csv", text, "--date", "2025-08")
    assert result.exit_code == 0, result.output
    assert _entries(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]
    assert result.stderr.startswith("note: b.csv: column '1-8月累计' (B2): ")


def test_an_xlsx_text_cell_with_a_mark(runner: CliRunner, workdir: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["临平经开区2025年1-8月主要经济指标"])
    ws.append(["指标名称", "1-8月累计(亿元)", "同比增长%"])
    ws.append(["规模以上工业总产值", "842.7①", 5.1])
    ws.append(["规模以上工业增加值", 214.9, "5.8²"])
    wb.save(workdir / "b.xlsx")
    result = runner.invoke(app, ["import", "b.xlsx"])
    assert result.exit_code == 0, result.output
    assert sorted(_entries(runner)) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("value-added-growth", "2025-08-31", 5.8, "%"),
    ]
    assert "(B3): '842.7①' read as 842.7, '①' taken as a footnote mark" in result.stderr
    assert "(C4): '5.8²' read as 5.8, '²' taken as a footnote mark" in result.stderr


def test_a_mark_inside_a_figure_is_refused(runner: CliRunner, workdir: Path) -> None:
    result = _import(runner, workdir, "b.csv", "指标名称,1-8月累计\n规模以上工业总产值,84①2.7\n", "--date", "2025-08")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "error: b.csv: row 2: column '1-8月累计' (B2): '84①2.7' is not a number: it holds a footnote mark "
        "(①, ¹, ⑴, *, ※, †, ‡, #, △, ▲) inside the figure"
    )
    assert _entries(runner) == []


@pytest.mark.parametrize("typed", ["842.7①", "842.7*", "842.7¹"])
def test_record_refuses_a_typed_mark(runner: CliRunner, workdir: Path, typed: str) -> None:
    result = runner.invoke(app, ["record", "industrial-output", typed, "--date", "2025-08"])
    assert result.exit_code == 1
    mark = typed[-1]
    assert result.stderr == (
        f"error: industrial-output: {typed!r} ends in the footnote mark {mark!r}, no part of the figure 842.7; "
        "give a plain number such as 318.6 or -4.6\n"
    )
    assert _entries(runner) == []


def test_record_refuses_a_marked_month_figure(runner: CliRunner, workdir: Path) -> None:
    result = runner.invoke(
        app, ["record", "industrial-output", "842.7", "--month-value", "107.1①", "--date", "2025-08"]
    )
    assert result.exit_code == 1
    assert "'107.1①' ends in the footnote mark '①'" in result.stderr
    assert _entries(runner) == []


# --- the rule, for every form -------------------------------------------------------------

_MARKS = st.sampled_from("*※†‡#△▲＊＃") | st.characters(categories=["No"]).filter(
    lambda c: "\u2044" not in unicodedata.normalize("NFKC", c)  # ½ is a fraction: refused, never a mark
)
_FIGURES = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False, allow_infinity=False).map(str)


@given(_FIGURES, st.lists(_MARKS, min_size=1, max_size=3).map("".join), st.sampled_from(["", "%", " "]))
@example("0.00", "㈩", "")  # NFKC writes ㈩ as (十): a mark, never a unit glued to the figure
def test_a_trailing_mark_is_never_a_digit(number: str, marks: str, sign: str) -> None:
    text = number + sign + marks
    assert footnote(text) == ((number + sign).rstrip(), marks)
    assert figure(text) == number + sign.strip()
    with pytest.raises(ValueError, match="ends in the footnote mark"):
        parse_number(text)


@given(_FIGURES, _MARKS, st.integers(min_value=0, max_value=20))
def test_a_mark_inside_a_figure_is_refused_everywhere(number: str, mark: str, at: int) -> None:
    at = min(at, len(number) - 1)
    text = number[:at] + mark + number[at:] + "0"
    with pytest.raises(ValueError):
        figure(text)
    with pytest.raises(ValueError):
        parse_number(text)


@given(_FIGURES)
def test_full_width_digits_are_still_digits(number: str) -> None:
    wide = number.translate(str.maketrans("0123456789.-", "０１２３４５６７８９．－"))
    assert parse_number(wide) == Decimal(number)
    assert figure(wide) == number


@pytest.mark.parametrize("typed", ["5½", "5 ¾"])
def test_a_fraction_is_no_mark_and_no_number(typed: str) -> None:
    with pytest.raises(ValueError, match="is not a number"):
        parse_number(typed)
    with pytest.raises(ValueError, match="is not a number"):
        parse_number(figure(typed) or "")
