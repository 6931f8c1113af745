"""Header words spaced out character by character, as official tables write a short header to the
width of a long one (the trial n17, case c01): ``单 位`` and ``单　位`` were read as the word 单 with
the unit 位 after a space, so the unit column was "not used" and 12 亩 stored as 12 万平方米, while
``本 月`` and ``累 计`` were read spaced. One rule (:func:`ledger.header_units.closed_up`) writes
such a word together before a unit after a space is looked for."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger.column_kinds import describe
from ledger.entries import COLUMNS
from ledger.header_units import closed_up
from ledger.header_words import NAMES
from tests.helpers import exported as _entries
from tests.helpers import import_text as _import

_TITLE = "临平经开区科技局2025年8月创新空间建设情况"


@pytest.mark.parametrize("header", ["单 位", "单　位", "计 量 单 位", "单  位"])
def test_a_spaced_unit_column_gives_the_rows_unit(runner: CliRunner, workdir: Path, header: str) -> None:
    text = f"{_TITLE}\n指标名称,{header},本月新增\n新增创新空间面积,亩,12\n"
    result = _import(runner, workdir, "s.csv", text)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # no "columns not used: 单 位"
    assert (
        result.stdout == "imported 1 entry from s.csv into progress.toml (1 in the unit of the sheet's unit column)\n"
    )
    assert _entries(runner) == [("innovation-space", "2025-08-31", 12, "亩")]  # 8000 平方米, 0.8 万平方米


def test_spaced_figure_headers_keep_their_units(runner: CliRunner, workdir: Path) -> None:
    text = "临平经开区2025年8月主要经济指标\n指 标 名 称,本 月（亿元）,累 计（亿元）\n规模以上工业总产值,112.4,842.7\n"
    result = _import(runner, workdir, "e.csv", text, "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "row 3: industrial-output = 842.7 亿元 as of 2025-08-31 — figure: column '累 计（亿元）' (C3); unit: the header "
        "of '累 计（亿元）'; a running total (1—N月累计); 本月 112.4 亿元: column '本 月（亿元）' (B3); "
    )


@pytest.mark.parametrize(
    ("label", "closed"),
    [
        ("单 位", "单位"),
        ("本　月（亿元）", "本月（亿元）"),
        ("1-8月 累 计", "1-8月 累计"),  # a two-row label's lower words, spaced
        ("本月新增 亩", "本月新增 亩"),  # a unit after a space: words of several characters stay apart
        ("1-8月 亩", "1-8月 亩"),  # one character alone is no spaced word
        ("month value", "month value"),
    ],
)
def test_what_is_closed_up(label: str, closed: str) -> None:
    assert closed_up(label) == closed


def test_a_unit_after_a_space_is_still_read() -> None:
    assert describe("本月新增 亩").unit == "亩"
    assert describe("本月新增 亩").field == "month_value"


# Every header word of characters alone (单位, 计量单位, 填报人, 时间, 月份, 统计期间, 考核年度 …): ending in
# 位, 人, 间, 份 or 度, which a header may state as a unit, each was misread spaced.
_WORDS = sorted(
    w for w in {*COLUMNS, *(a for names in NAMES.values() for a in names)} if re.fullmatch(r"[\u4e00-\u9fff]{2,}", w)
)
_BLANKS = [" ", "\u3000", "  ", "\u3000\u3000", "\xa0", "\t"]


def _said(label: str) -> tuple[object, ...]:
    c = describe(label)
    return (c.field, c.unit, c.running_total, c.months, c.why)


def test_the_words_that_were_misread_are_among_those_checked() -> None:
    assert {"单位", "计量单位", "填报人", "时间", "月份", "统计期间", "考核年度"} <= set(_WORDS)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(_WORDS), st.sampled_from(_BLANKS), st.sampled_from(["", "（亿元）", "(亩)"]))
def test_every_header_word_reads_alike_spaced(word: str, blank: str, unit: str) -> None:
    assert _said(blank.join(word) + unit) == _said(word + unit)
