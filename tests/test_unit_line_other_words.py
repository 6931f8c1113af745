"""A unit line, a title's bracket or a header's bracket writing a unit tracker knows over a slash or in a
list beside a word it does not know: refused in one line, never read as the known unit.

Each of these was read as its first unit, the rest left as text: ``单位：万元/吨`` (a price per ton) over
12 filed 12 万元's worth, ``单位：万元、吨`` and ``单位：个/户`` likewise, and ``本月新增（万元/年）`` as 万元.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger import sheet_title, units
from ledger.header_units import unread_unit
from ledger.table import LayoutError
from tests.helpers import exported, import_text

_TITLE = "临平经开区2025年8月创新空间建设情况"
_RATE_FIX = (
    "a price or rate (one unit per another), not the unit of a quantity; write the unit the figures are in there "
    "(单位：万元, 单位：亩, or several: 单位：万元、平方米), in the headers or in a 单位 column"
)
_UNKNOWN_FIX = (
    "a unit the tracker does not know; give the figures in one it knows (亿元, 万元, 万平方米, 亩, 家…) there, in "
    "the headers or in a 单位 column"
)
_FIX_LINE = "write the unit alone there (单位：亩, 单位：万元), or give it in the headers or a 单位 column"


def _sheet(line: str) -> str:
    return f"{_TITLE}\n{line}\n指标名称,本月新增\n新增创新空间面积,12\n"


@pytest.mark.parametrize(
    ("line", "said"),
    [("单位：万元/吨", "万元/吨"), ("单位：万元／吨", "万元/吨"), ("单位：元/千瓦时", "元/千瓦时"),
     ("单位：万元/标箱", "万元/标箱"), ("单位：万元/年", "万元/年"), ("（万元/吨）", "万元/吨")],
)  # fmt: skip
def test_an_amount_over_a_slash_before_any_word_is_a_price(
    runner: CliRunner, workdir: Path, line: str, said: str
) -> None:
    result = import_text(runner, workdir, "s.csv", _sheet(line))
    assert result.exit_code == 1
    assert result.stderr == f"error: s.csv: the unit line {line!r} (A2) says {said}, {_RATE_FIX}\n"
    assert exported(runner) == []


@pytest.mark.parametrize(
    ("line", "word"),
    [("单位：万元、吨", "吨"), ("单位：万元，吨", "吨"), ("单位：个/户", "户"), ("单位：万元 吨", "吨"),
     ("金额单位：万元；面积单位：吨", "吨"), ("单位：亩、千瓦时", "千瓦时")],
)  # fmt: skip
def test_a_unit_tracker_does_not_know_beside_one_it_knows_is_refused(
    runner: CliRunner, workdir: Path, line: str, word: str
) -> None:
    result = import_text(runner, workdir, "s.csv", _sheet(line))
    assert result.exit_code == 1
    assert result.stderr == f"error: s.csv: the unit line {line!r} (A2) says {word}, {_UNKNOWN_FIX}\n"
    assert exported(runner) == []


def test_a_unit_over_a_slash_before_words_is_refused(runner: CliRunner, workdir: Path) -> None:
    result = import_text(runner, workdir, "s.csv", _sheet("单位：亩/年"))
    assert result.stderr == (
        f"error: s.csv: the unit line '单位：亩/年' (A2) gives its unit as '亩/年', which tracker cannot read; "
        f"{_FIX_LINE}\n"
    )
    assert exported(runner) == []


def test_a_price_in_a_titles_bracket_and_a_headers_cell_is_refused(runner: CliRunner, workdir: Path) -> None:
    titled = import_text(runner, workdir, "t.csv", f"{_TITLE}（万元/吨）\n指标名称,本月新增\n新增创新空间面积,12\n")
    assert titled.stderr == f"error: t.csv: the unit line '{_TITLE}（万元/吨）' (A1) says 万元/吨, {_RATE_FIX}\n"
    labelled = import_text(
        runner, workdir, "l.csv", f"{_TITLE}（单位：万元、吨）\n指标名称,本月新增\n新增创新空间面积,12\n"
    )
    assert labelled.stderr == f"error: l.csv: the unit line '{_TITLE}（单位：万元、吨）' (A1) says 吨, {_UNKNOWN_FIX}\n"
    header = import_text(runner, workdir, "h.csv", f"{_TITLE}\n指标名称,本月新增,（万元/吨）\n新增创新空间面积,12,\n")
    assert header.stderr == f"error: h.csv: the unit line '（万元/吨）' (C2) says 万元/吨, {_RATE_FIX}\n"
    assert exported(runner) == []


@pytest.mark.parametrize(
    ("label", "unit"),
    [("本月新增（万元/吨）", "万元/吨"), ("本月新增（万元/年）", "万元/年"), ("本月新增（个/户）", "个/户"),
     ("本月新增（元/千瓦时）", "元/千瓦时"), ("本月新增（万元/标箱）", "万元/标箱")],
)  # fmt: skip
def test_a_headers_bracket_over_a_slash_is_refused(runner: CliRunner, workdir: Path, label: str, unit: str) -> None:
    assert unread_unit(label) == unit
    result = import_text(runner, workdir, "s.csv", f"{_TITLE}\n指标名称,{label}\n新增创新空间面积,12\n")
    assert result.exit_code == 1
    assert f"column {label!r} (B) states its unit as {unit!r}, which tracker cannot read" in result.stderr
    assert exported(runner) == []


@pytest.mark.parametrize(
    "line", ["单位：个/家", "单位：个、家", "单位：万元/%", "单位：万元/人民币", "单位：万元；填报单位：万亩园区管委会"]
)
def test_known_units_a_currency_and_an_office_are_still_read(runner: CliRunner, workdir: Path, line: str) -> None:
    lines = sheet_title._UnitLines("s.csv")
    lines.read(unicodedata.normalize("NFKC", line), line, "A2")
    assert (lines.unit, lines.by_kind) in (
        (None, {"count:个": "个", "count:家": "家"}),
        (None, {"CNY": "万元", "percent": "%"}),
        ("万元", {}),
    )
    assert unread_unit("本月新增（万元/人民币）") is None


_KNOWN = ["元", "万元", "亿元", "美元", "万美元", "平方米", "万平方米", "亩", "公顷", "个", "家", "人", "项", "%"]
_OTHER = ["吨", "万吨", "户", "千瓦时", "标箱", "辆", "台", "人次", "立方米"]


@settings(deadline=None)
@given(
    st.sampled_from(_KNOWN),
    st.sampled_from(["/", "／", "、", "，", ","]),
    st.sampled_from(_OTHER),
    st.sampled_from(["单位：", "单位:", "计量单位：", "单位 "]),
)
def test_every_known_unit_beside_one_tracker_does_not_know_is_refused(
    unit: str, sep: str, other: str, label: str
) -> None:
    assert units.known(other) is None  # else a list or a rate by the rules for two known units
    lines = sheet_title._UnitLines("s.csv")
    text = f"{label}{unit}{sep}{other}"
    with pytest.raises(LayoutError) as refused:
        lines.read(unicodedata.normalize("NFKC", text), text, "A2")
    price = sep in "/／" and units.dimension(units.known(unit) or unit) in ("CNY", "USD")
    said = f"{unit}/{other}, {_RATE_FIX}" if price else f"{other}, {_UNKNOWN_FIX}"
    assert [p.message for p in refused.value.problems] == [f"s.csv: the unit line {text!r} (A2) says {said}"]
    assert (lines.unit, lines.by_kind) == (None, {})
