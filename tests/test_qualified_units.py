"""A unit written with what it measures, as offices write it (the trial n17, cases c05 and c06): a
unit line ``单位：亩（用地面积）``, ``单位：万元人民币``, ``单位：亩。`` and a header ``本月新增（亩，用地面积）``
were passed over without a word and 12 亩 stored as 12 万平方米. The unit is read when it is clear
(one unit beside words that are no unit), and refused when it cannot be (two units, or a unit
within words), never the figures taken in their target's unit."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger.column_kinds import describe
from ledger.header_units import two_units, unread_unit
from ledger.importing import read_table
from ledger.table import LayoutError
from tests.helpers import exported as _entries
from tests.helpers import import_text as _import

_TITLE = "临平经开区科技局2025年8月创新空间建设情况"
_OUTPUT = "临平经开区2025年1-8月主要经济指标"


@pytest.mark.parametrize("line", ["单位：亩（用地面积）", "单位：亩。", "单位：亩(用地)", "单位：亩（用地面积）。"])
def test_a_unit_line_with_a_qualifier_gives_the_unit(runner: CliRunner, workdir: Path, line: str) -> None:
    text = f"{_TITLE}\n{line}\n指标名称,本月新增\n新增创新空间面积,12\n"
    result = _import(runner, workdir, "s.csv", text, "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        f"row 4: innovation-space = 12 亩 as of 2025-08-31 — figure: column '本月新增' (B4); unit: the unit line "
        f"'{line}' (A2); "
    )
    assert _import(runner, workdir, "s.csv", text).exit_code == 0
    assert _entries(runner) == [("innovation-space", "2025-08-31", 12, "亩")]  # 0.8 万平方米


@pytest.mark.parametrize("line", ["单位：万元人民币", "单位：人民币万元", "单位：万元（人民币）"])
def test_a_currency_named_with_its_unit(runner: CliRunner, workdir: Path, line: str) -> None:
    text = f"{_OUTPUT}\n{line}\n指标名称,1-8月累计\n规模以上工业总产值,8427000\n"
    result = _import(runner, workdir, "m.csv", text)
    assert result.exit_code == 0, result.output
    assert _entries(runner) == [("industrial-output", "2025-08-31", 8427000, "万元")]  # 842.7 亿元


def test_a_qualified_unit_in_the_titles_bracket(runner: CliRunner, workdir: Path) -> None:
    # It was refused as "says 亩, a unit the tracker does not know", while listing 亩 among those it knows.
    text = f"{_TITLE}（单位：亩，用地面积）\n指标名称,本月新增\n新增创新空间面积,12\n"
    result = _import(runner, workdir, "t.csv", text)
    assert result.exit_code == 0, result.output
    assert _entries(runner) == [("innovation-space", "2025-08-31", 12, "亩")]


def test_a_qualified_unit_after_the_title(runner: CliRunner, workdir: Path) -> None:
    text = f"{_TITLE}　单位：亩（用地）\n指标名称,本月新增\n新增创新空间面积,12\n"
    result = _import(runner, workdir, "a.csv", text)
    assert result.exit_code == 0, result.output
    assert _entries(runner) == [("innovation-space", "2025-08-31", 12, "亩")]


@pytest.mark.parametrize(
    ("line", "word"),
    [("单位：万元（亿元）", "万元(亿元)"), ("单位：亩(用地，含道路)", "亩(用地")],
)
def test_a_unit_line_that_cannot_be_read_is_refused(runner: CliRunner, workdir: Path, line: str, word: str) -> None:
    text = f"{_OUTPUT}\n{line}\n指标名称,1-8月累计\n规模以上工业总产值,842.7\n"
    result = _import(runner, workdir, "r.csv", text)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: r.csv: the unit line '{line}' (A2) gives its unit as '{word}', which tracker cannot read; write the "
        "unit alone there (单位：亩, 单位：万元), or give it in the headers or a 单位 column\n"
    )
    assert _entries(runner) == []


def test_an_unknown_unit_with_a_qualifier_is_refused(runner: CliRunner, workdir: Path) -> None:
    text = f"{_TITLE}\n单位：吨（用地）\n指标名称,本月新增\n新增创新空间面积,12\n"
    result = _import(runner, workdir, "u.csv", text)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: u.csv: the unit line '单位：吨（用地）' (A2) says 吨, a unit the tracker does not know; give the figures "
        "in one it knows (亿元, 万元, 万平方米, 亩, 家…) there, in the headers or in a 单位 column\n"
    )


@pytest.mark.parametrize(
    "line", ["填报单位：科技局1号楼", "填报单位：万亩产业园管委会", "报送单位：临平万亩园区", "单位：万亩园区管委会"]
)
def test_the_reporting_office_is_still_no_unit_line(runner: CliRunner, workdir: Path, line: str) -> None:
    # An office's name holding a unit's word (万亩) is no unit line that cannot be read: it has no bracket.
    text = f"{_TITLE}\n{line}\n指标名称,本月新增\n新增创新空间面积,0.8\n"
    assert _import(runner, workdir, "o.csv", text).exit_code == 0
    assert _entries(runner) == [("innovation-space", "2025-08-31", 0.8, "万平方米")]


@pytest.mark.parametrize(
    "header",
    [
        "本月新增（亩，用地面积）",
        "本月新增（用地面积，亩）",
        "本月新增（用地面积、亩）",
        "本月新增（单位：亩，用地面积）",
    ],
)
def test_a_header_unit_among_words(runner: CliRunner, workdir: Path, header: str) -> None:
    text = f"{_TITLE}\n指标名称,{header}\n新增创新空间面积,12\n"
    result = _import(runner, workdir, "h.csv", text, "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"unit: the header of '{header}';" in result.stdout
    assert _import(runner, workdir, "h.csv", text).exit_code == 0
    assert _entries(runner) == [("innovation-space", "2025-08-31", 12, "亩")]


def test_a_square_metre_header_among_words(runner: CliRunner, workdir: Path) -> None:
    text = f"{_TITLE}\n指标名称,本月新增（建筑面积，平方米）\n新增创新空间面积,8000\n"
    assert _import(runner, workdir, "q.csv", text).exit_code == 0
    assert _entries(runner) == [("innovation-space", "2025-08-31", 8000, "平方米")]


def test_a_period_and_a_unit_in_one_bracket() -> None:
    column = describe("累计（1-8月，亿元）")  # read in the target's unit before, the bracket kept whole
    assert (column.field, column.unit, column.running_total, column.months) == ("value", "亿元", True, 8)


@pytest.mark.parametrize(
    ("header", "said"),
    [
        ("本月新增（用地亩数）", "states its unit as '用地亩数', which tracker cannot read; head it in a unit tracker "
         "converts (元, 万元, 亿元, 平方米, 万平方米, 亩, 公顷, 家, 个 …, with 千, 万, 百万, 十亿 … before one), or convert the "
         "figures"),
        ("本月新增（吨、亩）", "states two units, '吨' and '亩'; head it with the one its figures are in"),
        ("本月新增（亩，平方米）", "states two units, '亩' and '平方米'; head it with the one its figures are in"),
    ],
)  # fmt: skip
def test_a_header_bracket_that_cannot_be_read_is_refused(
    runner: CliRunner, workdir: Path, header: str, said: str
) -> None:
    text = f"{_TITLE}\n指标名称,{header}\n新增创新空间面积,12\n"
    result = _import(runner, workdir, "b.csv", text)
    assert result.exit_code == 1
    assert result.stderr == f"error: b.csv: column '{header}' (B) {said}\n"
    assert _entries(runner) == []


_UNITS = ["亩", "平方米", "万平方米", "公顷", "万元", "亿元", "千万元", "家"]
_QUALIFIERS = ["用地面积", "建筑面积", "用地", "现价", "不含税", "含在建"]
_BRACKETS = [("（", "）"), ("(", ")"), ("【", "】"), ("[", "]")]


def _unit_line(unit: str, data: st.DataObject) -> str:
    form = data.draw(st.sampled_from(["bracket", "stop", "currency"] if unit.endswith("元") else ["bracket", "stop"]))
    if form == "stop":
        return f"单位：{unit}" + data.draw(st.sampled_from(["。", "."]))
    if form == "currency":
        return data.draw(st.sampled_from([f"单位：{unit}人民币", f"单位：人民币{unit}", f"单位：{unit}（人民币）"]))
    left, right = data.draw(st.sampled_from(_BRACKETS))
    label = data.draw(st.sampled_from(["单位：", "单位:", "计量单位：", "单位 "]))
    return f"{label}{unit}{left}{data.draw(st.sampled_from(_QUALIFIERS))}{right}"


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_UNITS), st.sampled_from(["line above", "title's second line", "after the title"]), st.data())
def test_every_qualified_unit_line_gives_its_unit(unit: str, place: str, data: st.DataObject) -> None:
    line = _unit_line(unit, data)
    if place == "line above":
        text = f"{_TITLE}\n{line}\n指标名称,本月新增\n新增创新空间面积,12\n"
    elif place == "title's second line":
        text = f'"{_TITLE}\n{line}"\n指标名称,本月新增\n新增创新空间面积,12\n'
    else:
        text = f"{_TITLE}　{line}\n指标名称,本月新增\n新增创新空间面积,12\n"
    table = read_table("s.csv", text.encode(), "csv")
    assert table.unit == unit


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["吨", "万元", "平方米"]), st.sampled_from(["亿元", "亩", "用地亩数"]), st.data())
def test_a_unit_line_whose_bracket_holds_a_unit_is_refused(unit: str, inside: str, data: st.DataObject) -> None:
    left, right = data.draw(st.sampled_from(_BRACKETS))
    text = f"{_TITLE}\n单位：{unit}{left}{inside}{right}\n指标名称,本月新增\n新增创新空间面积,12\n"
    with pytest.raises(LayoutError, match=r"the unit line .* \(A2\) (gives its unit as|says 吨)"):
        read_table("s.csv", text.encode(), "csv")


_SEPARATORS = ["，", ",", "、", "/", "；", " ， "]


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["本月新增", "1-8月累计", "完成值", "本月"]),
    st.sampled_from(_UNITS),
    st.sampled_from(_QUALIFIERS),
    st.sampled_from(_SEPARATORS),
    st.booleans(),
    st.sampled_from(_BRACKETS[:3]),
)
def test_every_header_unit_among_words_is_read(
    head: str, unit: str, words: str, sep: str, unit_first: bool, bracket: tuple[str, str]
) -> None:
    inside = f"{unit}{sep}{words}" if unit_first else f"{words}{sep}{unit}"
    label = f"{head}{bracket[0]}{inside}{bracket[1]}"
    plain = describe(f"{head}（{unit}）")
    column = describe(label)
    assert (column.field, column.unit, column.running_total) == (
        plain.field,
        unicodedata.normalize("NFKC", unit),
        plain.running_total,
    )
    assert two_units(label) is None and unread_unit(label) is None


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["亩", "平方米", "万元", "吨", "栋"]),
    st.sampled_from(["亿元", "平方米", "亩", "公顷", "万吨"]),
    st.sampled_from(_SEPARATORS),
)
def test_a_header_bracket_of_two_units_is_refused(first: str, second: str, sep: str) -> None:
    if first == second:
        return
    label = f"本月新增（{first}{sep}用地{sep}{second}）"
    assert two_units(label) is not None or unread_unit(label) is not None
    assert describe(label).unit is None
