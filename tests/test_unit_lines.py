"""Unit lines where departments write them (the trial n12, cases 19 and 20): the title cell's
second line (``…建设情况⏎单位：亩``), the header row's last cell over an empty column
(``指标名称 | 本月新增 | 单位：亩``), a bare bracketed unit on a line of its own (``（亩）``) and
``单位 亩`` with a space for the colon. Each was passed over and the figures read in their target's
unit (12 亩 recorded as 12 万平方米, 15 times the area). They are read as the unit lines above the
header are, or refused naming the unit."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger import header_units
from ledger.importing import read_table
from ledger.table import LayoutError
from tests.helpers import exported as _entries
from tests.helpers import import_text as _import

_TITLE = "临平经开区2025年8月创新空间建设情况"


def test_the_title_cells_second_line(runner: CliRunner, workdir: Path) -> None:
    text = f'"{_TITLE}\n单位：亩"\n指标名称,本月新增\n新增创新空间面积,12\n'
    result = _import(runner, workdir, "a.csv", text, "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith(
        "row 3: innovation-space = 12 亩 as of 2025-08-31 — figure: column '本月新增' (B3); "
        "unit: the unit line '单位：亩' (A1); "
    )
    assert _import(runner, workdir, "a.csv", text).exit_code == 0
    assert _entries(runner) == [("innovation-space", "2025-08-31", 12, "亩")]  # 0.8 万平方米


def test_the_title_cells_second_line_in_千万元(runner: CliRunner, workdir: Path) -> None:
    text = '"临平经开区2025年1-8月主要经济指标\n单位：千万元"\n指标名称,1-8月\n规模以上工业总产值,842.7\n'
    result = _import(runner, workdir, "b.csv", text)
    assert result.exit_code == 0, result.output
    assert _entries(runner) == [("industrial-output", "2025-08-31", 842.7, "千万元")]  # 84.27 亿元


@pytest.mark.parametrize(
    ("layout", "where"),
    [
        ("指标名称,本月新增,单位：亩\n新增创新空间面积,12,\n", "the unit line '单位：亩' (C2)"),
        ("（亩）\n指标名称,本月新增\n新增创新空间面积,12\n", "the unit line '（亩）' (A2)"),
        ("单位 亩\n指标名称,本月新增\n新增创新空间面积,12\n", "the unit line '单位 亩' (A2)"),
    ],
)
def test_the_trials_layouts(runner: CliRunner, workdir: Path, layout: str, where: str) -> None:
    result = _import(runner, workdir, "s.csv", f"{_TITLE}\n{layout}", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "innovation-space = 12 亩 as of 2025-08-31 — figure: column '本月新增' (B" in result.stdout
    assert f"unit: {where};" in result.stdout
    assert "columns not used" not in result.stderr
    assert _import(runner, workdir, "s.csv", f"{_TITLE}\n{layout}").exit_code == 0
    assert _entries(runner) == [("innovation-space", "2025-08-31", 12, "亩")]


def test_a_unit_line_in_the_header_over_figures_is_refused(runner: CliRunner, workdir: Path) -> None:
    text = f"{_TITLE}\n指标名称,本月新增,单位：亩\n新增创新空间面积,12,3\n"
    result = _import(runner, workdir, "c.csv", text)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: c.csv: the header's cell '单位：亩' (C2) states a unit, but its column holds '3' (C3); put each "
        "row's unit under a 单位 header, or move the unit line above the header\n"
    )
    assert _entries(runner) == []


@pytest.mark.parametrize(
    ("line", "cell"),
    [("单位：万吨", "A2"), ("单位 吨", "A2"), ("（单位：立方米）", "A2"), (f"{_TITLE}　单位：吨", "A1")],
)
def test_a_unit_the_tracker_does_not_know_is_refused(runner: CliRunner, workdir: Path, line: str, cell: str) -> None:
    text = (f"{line}\n" if cell == "A1" else f"{_TITLE}\n{line}\n") + "指标名称,本月新增\n新增创新空间面积,12\n"
    result = _import(runner, workdir, "u.csv", text)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: u.csv: the unit line '{' '.join(line.split())}' ({cell}) says ")
    assert result.stderr.endswith(
        ", a unit the tracker does not know; give the figures in one it knows (亿元, 万元, 万平方米, 亩, 家…) "
        "there, in the headers or in a 单位 column\n"
    )
    assert _entries(runner) == []


def test_a_unit_in_the_titles_closing_bracket(runner: CliRunner, workdir: Path) -> None:
    text = f"{_TITLE}（亩）\n指标名称,本月新增\n新增创新空间面积,12\n"
    result = _import(runner, workdir, "t.csv", text, "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"unit: the title '{_TITLE}（亩）';" in result.stdout
    assert "date: the title '临平经开区2025年8月创新空间建设情况（亩）'" in result.stdout


def test_the_reporting_unit_is_no_unit_line(runner: CliRunner, workdir: Path) -> None:
    text = f"{_TITLE}\n填报单位 临平经开区管委会\n指标名称,本月新增\n新增创新空间面积,0.8\n"
    result = _import(runner, workdir, "r.csv", text)
    assert result.exit_code == 0, result.output
    assert _entries(runner) == [("innovation-space", "2025-08-31", 0.8, "万平方米")]


def test_a_bracket_that_is_no_unit_is_no_unit_line(runner: CliRunner, workdir: Path) -> None:
    text = f'"{_TITLE}\n（续）"\n指标名称,本月新增\n新增创新空间面积,0.8\n'
    result = _import(runner, workdir, "k.csv", text)
    assert result.exit_code == 0, result.output
    assert _entries(runner) == [("innovation-space", "2025-08-31", 0.8, "万平方米")]


_UNITS = ["亩", "平方米", "万平方米", "公顷", "万元", "亿元", "千万元", "家"]
_FORMS = [
    "单位：{}",
    "单位:{}",
    "单位 {}",
    "单位　{}",
    "单位 ：{}",
    "计量单位：{}",
    "（{}）",
    "({})",
    "【单位：{}】",
    "（单位：{}）",
]
_PLACES = ["line above", "title's second line", "header's last cell", "after the title"]


def _sheet(unit_line: str, place: str) -> str:
    if place == "line above":
        return f"{_TITLE}\n{unit_line}\n指标名称,本月新增\n新增创新空间面积,12\n"
    if place == "title's second line":
        return f'"{_TITLE}\n{unit_line}"\n指标名称,本月新增\n新增创新空间面积,12\n'
    if place == "header's last cell":
        return f"{_TITLE}\n指标名称,本月新增,{unit_line}\n新增创新空间面积,12,\n"
    blank = "" if unit_line.startswith(("（", "(", "【")) else "　"  # …情况（亩）; …情况　单位：亩
    return f"{_TITLE}{blank}{unit_line}\n指标名称,本月新增\n新增创新空间面积,12\n"


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_UNITS), st.sampled_from(_FORMS), st.sampled_from(_PLACES))
def test_every_unit_line_in_every_place_gives_the_figures_unit(unit: str, form: str, place: str) -> None:
    line = form.format(unit)
    table = read_table("s.csv", _sheet(line, place).encode(), "csv")
    assert table.unit == unit
    assert [c.label for c in table.columns] == ["指标名称", "本月新增"]
    assert table.period is not None and table.period.isoformat() == "2025-08-31"


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["吨", "万吨", "立方米", "户", "千瓦时"]), st.sampled_from(_FORMS[:6]), st.sampled_from(_PLACES))
def test_a_unit_line_naming_an_unknown_unit_is_refused_in_every_place(unit: str, form: str, place: str) -> None:
    with pytest.raises(LayoutError, match=f"says {unit}, a unit the tracker does not know"):
        read_table("s.csv", _sheet(form.format(unit), place).encode(), "csv")


@pytest.mark.parametrize("unit", ["栋", "港元", "人次", "标箱"])
def test_a_unit_line_in_a_unit_a_header_is_refused_in_is_refused(runner: CliRunner, workdir: Path, unit: str) -> None:
    # 单位：栋 was passed over and 12 栋 recorded as 12 万平方米, where a header's （栋） was refused:
    # the unit lines and the headers hold one list of the units tracker does not convert.
    text = f"{_TITLE}\n单位：{unit}\n指标名称,本月新增\n新增创新空间面积,12\n"
    result = _import(runner, workdir, "v.csv", text)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: v.csv: the unit line '单位：{unit}' (A2) says {unit}, a unit the tracker does not know; give the "
        "figures in one it knows (亿元, 万元, 万平方米, 亩, 家…) there, in the headers or in a 单位 column\n"
    )
    assert _entries(runner) == []


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["", "万", "千", "十万", "亿"]),
    st.sampled_from(sorted(header_units._OTHER_UNITS)),
    st.sampled_from(_FORMS[:6]),
    st.sampled_from(_PLACES),
)
def test_a_unit_line_in_any_unit_a_header_refuses_is_refused(scale: str, unit: str, form: str, place: str) -> None:
    said = scale + unit
    assert header_units.unread_unit(f"本月新增（{said}）") is not None  # as a header states it
    with pytest.raises(
        LayoutError, match=f"says {re.escape(unicodedata.normalize('NFKC', said))}, a unit the tracker does not know"
    ):
        read_table("s.csv", _sheet(form.format(said), place).encode(), "csv")
