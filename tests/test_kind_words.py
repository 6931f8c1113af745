"""The words for an amount (绝对值, 绝对额, 数值, 金额 …) are one list (ledger.amount_words), read
alike in a 类别 cell, a header after a period and a measure over periods; a 类别 cell that is none
of the column's words is refused naming the column and the cell (the n17 trial, c08)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger.amount_words import AMOUNT_WORDS
from ledger.column_kinds import describe
from ledger.header_words import NAMES
from ledger.names import key
from ledger.row_kinds import _kind_of
from tests.helpers import import_text

LEIBIE = (
    "临平经开区2025年1-8月主要经济指标\n指标名称,类别,1-8月\n规模以上工业总产值,{figure},8427000\n,{growth},4.1\n"
    "规模以上工业增加值,{figure},1803500\n,{growth},5.8\n"
)


def test_c08_jueduie_is_read_as_juedzhi_is(runner: CliRunner, workdir: Path) -> None:
    result = import_text(
        runner, workdir, "s.csv", LEIBIE.format(figure="绝对额（万元）", growth="同比增长（%）"), "--dry-run"
    )
    assert result.exit_code == 0, result.output
    assert "row 3: industrial-output = 8427000 万元 as of 2025-08-31" in result.stdout
    assert "row 6: value-added-growth = 5.8% as of 2025-08-31" in result.stdout


def test_an_unknown_kind_label_is_refused_naming_the_column(runner: CliRunner, workdir: Path) -> None:
    result = import_text(runner, workdir, "s.csv", LEIBIE.format(figure="总计额（万元）", growth="同比增长（%）"))
    assert result.exit_code == 1
    assert result.stderr == (
        "error: s.csv: row 3: column '类别' (B) says what each row's figure is (row 4 its growth), but '总计额（万元）' "
        "(B3) is none of its words; write 绝对值（单位） or another amount word (绝对额、绝对数、绝对量、数值、金额、总额、"
        "总量) for the figure, 增速（%） or 同比增长（%） for its growth\n"
    )
    assert not (workdir / "progress.toml").exists()


def test_a_change_in_an_amount_is_no_growth_row(runner: CliRunner, workdir: Path) -> None:
    """增减（亿元） is a change of the amount: never read as growth, refused in the same words."""
    result = import_text(runner, workdir, "s.csv", LEIBIE.format(figure="绝对值（万元）", growth="增减（亿元）"))
    assert result.exit_code == 1
    assert "but '增减（亿元）' (B4) is none of its words" in result.stderr
    assert "value-added-growth" not in result.stdout


def test_categories_that_are_no_kinds_leave_the_column_alone(runner: CliRunner, workdir: Path) -> None:
    text = "临平经开区2025年1-8月主要经济指标\n指标名称,类别,1-8月累计（亿元）\n规模以上工业总产值,工业,842.7\n"
    assert import_text(runner, workdir, "s.csv", text).exit_code == 0


@given(
    st.sampled_from(AMOUNT_WORDS),
    st.sampled_from(["万元", "亿元"]),
    st.sampled_from(["（{}）", "({})", "（单位：{}）"]),
)
def test_every_amount_word_is_a_figure_everywhere(word: str, unit: str, bracket: str) -> None:
    cell = word + bracket.format(unit)
    assert _kind_of(key(cell)) == ("figure", unit)
    assert describe(f"1-8月 {word}").field == "value"
    assert describe(f"8月{word}").field == "month_value"
    assert describe(f"{cell} 1-8月").field == "value"
    assert describe(f"{cell} 1-8月").unit == unit


@given(st.sampled_from([w for w in NAMES["growth"] if w not in ("±",)]), st.sampled_from(["（%）", "(%)", "%"]))
def test_every_growth_word_of_a_header_marks_a_growth_row(word: str, percent: str) -> None:
    assert _kind_of(key(word + percent)) == ("growth", "%")
