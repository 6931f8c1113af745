"""The unit a column's header states, in any form a department writes it (the n12 trial's c05, c06):
in brackets of any kind, after a slash, a colon or a space (``本月新增/亩``, ``本月新增 亩``), with a
scale before a unit (``本月新增（千平方米）``, ``1-8月累计（十亿元）``). 12 亩 was recorded as 12 万平方米
(15 times the area) and 84.27 十亿元 as 84.27 亿元 (a tenth of it), each in the target's unit, since
the header's was not read. A unit the header states is that column's, converted; one tracker cannot
read is refused, naming it; never is the target's unit assumed for a header stating another."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import units
from ledger.column_kinds import describe
from ledger.header_units import in_brackets, two_units, unread_unit
from tests.helpers import exported, import_text

_AUGUST = "临平经开区2025年8月创新空间建设情况\n指标名称,{}\n新增创新空间面积,12\n"


def _current(runner: CliRunner, target: str, month: str) -> float:
    import json

    result = runner.invoke(app, ["status", "--as-of", month, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = [t for a in json.loads(result.stdout)["actions"] for t in a["targets"] if t["id"] == target]
    return float(rows[0]["current"])


@pytest.mark.parametrize(
    ("header", "unit", "current"),
    [
        ("本月新增/亩", "亩", 0.8),
        ("本月新增 亩", "亩", 0.8),
        ("本月新增（千平方米）", "千平方米", 1.2),
        ("本月新增（亩）", "亩", 0.8),  # as it always was
    ],
)
def test_c05_the_headers_unit_is_read_and_converted(
    runner: CliRunner, workdir: Path, header: str, unit: str, current: float
) -> None:
    result = import_text(runner, workdir, "s.csv", _AUGUST.format(header))
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("innovation-space", "2025-08-31", 12, unit)]
    assert _current(runner, "innovation-space", "2025-08") == current
    assert runner.invoke(app, ["check"]).exit_code == 0


def test_c06_a_scaled_unit_is_read_and_the_hint_is_not_needed(runner: CliRunner, workdir: Path) -> None:
    sheet = "临平经开区2025年1-8月主要经济指标\n指标名称,1-8月累计（十亿元）\n规模以上工业总产值,84.27\n"
    result = import_text(runner, workdir, "s.csv", sheet, "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "row 3: industrial-output = 84.27 十亿元 as of 2025-08-31 — figure: column '1-8月累计（十亿元）' (B3); unit: "
        "the header of '1-8月累计（十亿元）'; a running total (1—N月累计); date: the title '临平经开区2025年1-8月主要经济指标'; "
        "target: alias '规模以上工业总产值' in column '指标名称' (A3)"
    )
    # the hint the trial followed, --map '…=value', now gives the same, converted
    result = import_text(runner, workdir, "s.csv", sheet, "--map", "1-8月累计（十亿元）=value")
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("industrial-output", "2025-08-31", 84.27, "十亿元")]
    assert _current(runner, "industrial-output", "2025-08") == 842.7


def test_a_unit_tracker_cannot_read_is_refused_naming_it(runner: CliRunner, workdir: Path) -> None:
    result = import_text(runner, workdir, "s.csv", _AUGUST.format("本月新增/栋"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: s.csv: column '本月新增/栋' (B) states its unit as '栋', which tracker cannot read; head it in a unit "
        "tracker converts (元, 万元, 亿元, 平方米, 万平方米, 亩, 公顷, 家, 个 …, with 千, 万, 百万, 十亿 … before one), or "
        "convert the figures"
    ]
    result = import_text(runner, workdir, "s.csv", _AUGUST.format("本月新增（万）"))
    assert result.stderr.splitlines()[-1].startswith(
        "error: s.csv: column '本月新增（万）' (B) states '万' of no quantity, which tracker cannot read;"
    )
    # a column not understood in such a unit is never offered as the figure, and so mapped refused
    result = import_text(runner, workdir, "s.csv", _AUGUST.format("1-8月累计（万千瓦）"))
    assert result.exit_code == 1 and "--map" not in result.stderr
    assert "'1-8月累计（万千瓦）' (B) is in '万千瓦', a unit tracker cannot read" in result.stderr.splitlines()[-1]
    result = import_text(
        runner, workdir, "s.csv", _AUGUST.format("1-8月累计（万千瓦）"), "--map", "1-8月累计（万千瓦）=value"
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith(
        "error: s.csv: column '1-8月累计（万千瓦）' (B) states its unit as '万千瓦', which tracker cannot read;"
    )
    # a price per area is no area: 元/平方米 is named whole, never read as 平方米
    result = import_text(runner, workdir, "s.csv", _AUGUST.format("新增面积 元/平方米"))
    assert "states its unit as '元/平方米'" in result.stderr
    assert exported(runner) == []


def test_scaled_units_convert_exactly() -> None:
    assert units.canonical("千㎡") == "千平方米" and units.canonical("十亿元") == "十亿元"
    assert units.factor("十亿元", "亿元") == 10 and units.factor("千平方米", "万平方米") == Fraction(1, 10)
    assert units.factor("万亩", "公顷") == Fraction(2000, 3)
    assert units.convert(Decimal("84.27"), "十亿元", "亿元") == Decimal("842.7")
    assert units.dimension("百万美元") == "USD" and units.dimension("千人") == "count:人"
    for wrong in ("万万元", "十%", "千万元元"):
        with pytest.raises(units.UnitError):
            units.canonical(wrong)
    with pytest.raises(units.UnitError):
        units.factor("十亿美元", "亿元")  # dollars are never yuan, at any scale


# The property: every unit tracker knows, with or without a scale before it, in every form a
# header states it, is the column's unit; every unit it cannot read is named, never the target's.
_BASES = ["元", "美元", "平方米", "㎡", "亩", "公顷", "平方公里", "家", "个", "项", "人"]
_SCALES = ["", *units.SCALES]
_UNREAD = ["栋", "万千瓦", "吨", "千瓦时", "辆", "立方米", "元/平方米", "万", "十亿"]
_HEADS = ["本月新增", "新增面积", "1-8月累计", "本年累计", "完成值", "8月完成"]


def _forms(head: str, unit: str) -> list[str]:
    """The ways a sheet writes a unit after a header's words."""
    brackets = [f"{head}（{unit}）", f"{head}({unit})", f"{head}[{unit}]", f"{head}【{unit}】", f"{head}〔{unit}〕",
                f"{head}［{unit}］", f"{head}{{{unit}}}", f"{head}（单位：{unit}）", f"{head}(单位:{unit})"]  # fmt: skip
    after = [f"{head}/{unit}", f"{head}／{unit}", f"{head} {unit}", f"{head}　{unit}", f"{head}：{unit}",
             f"{head}:{unit}", f"{head} 单位：{unit}", f"{head} / {unit}"]  # fmt: skip
    return brackets + after


@settings(deadline=None)  # a first call compiles patterns: no time limit on a busy machine
@given(st.sampled_from(_HEADS), st.sampled_from(_SCALES), st.sampled_from(_BASES), st.data())
def test_every_known_unit_in_every_form_is_the_columns(head: str, scale: str, base: str, data: st.DataObject) -> None:
    unit = scale + base  # 万㎡ is spelt so, an alias of 万平方米: a known unit all the same
    header = data.draw(st.sampled_from(_forms(head, unit)))
    column = describe(header)
    assert column.unit == units.canonical(unit), header
    assert column.field == describe(head).field, header  # the unit takes nothing from what the column is
    assert unread_unit(header) is None, header


@settings(deadline=None)  # a first call compiles patterns: no time limit on a busy machine
@given(st.sampled_from(_HEADS), st.sampled_from(_UNREAD), st.data())
def test_every_unit_tracker_cannot_read_is_named(head: str, unit: str, data: st.DataObject) -> None:
    forms = _forms(head, unit)
    if "/" in unit:  # 本月新增/元/平方米 is no way to write it
        forms = [f for f in forms if f"/{unit}" not in f and f"／{unit}" not in f]
    header = data.draw(st.sampled_from(forms))
    assert unread_unit(header) == unit, header
    assert describe(header).unit is None, header


def test_words_that_are_no_unit_are_left_where_they_stand() -> None:
    for label in (
        "1-8月 累计",
        "绝对值 当月",
        "本月/累计",
        "完成值(本月)",
        "新增(含续建)",
        "增速/%",
        "指标名称",
        "8月 同比增长%",
    ):
        assert in_brackets(label) == label and unread_unit(label) is None, label
    assert in_brackets("新增企业家/个") == "新增企业家（个）"  # 家 there is part of a word, not a unit before 个


def test_c06_a_hint_followed_keeps_the_headers_unit(runner: CliRunner, workdir: Path) -> None:
    sheet = "临平经开区2025年1-8月主要经济指标\n指标名称,截至今日数（十亿元）\n规模以上工业总产值,84.27\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].endswith("import with --map '截至今日数（十亿元）=value'")
    result = import_text(runner, workdir, "s.csv", sheet, "--map", "截至今日数（十亿元）=value")
    assert result.exit_code == 0, result.output
    assert _current(runner, "industrial-output", "2025-08") == 842.7


@settings(deadline=None)  # a first call compiles patterns: no time limit on a busy machine
@given(st.sampled_from(_SCALES), st.sampled_from(_BASES), st.sampled_from(["value", "month_value"]), st.data())
def test_a_column_mapped_keeps_the_unit_its_header_states(
    scale: str, base: str, field: str, data: st.DataObject
) -> None:
    header = data.draw(st.sampled_from(_forms("截至今日数", scale + base)))
    assert describe(header).field is None, header  # not understood: the hint offers --map
    assert describe(header, field).unit == units.canonical(scale + base), header


# A header stating two units (本月新增（平方米）/亩): one of them was taken, silently, and 12,000 平方米
# read as 12,000 亩 (or 12 亩 as 12 平方米). Which one the figures are in cannot be told: refused.
def test_a_header_stating_two_units_is_refused(runner: CliRunner, workdir: Path) -> None:
    sheet = "临平经开区2025年8月创新空间建设情况\n指标名称,本月新增（平方米）/亩\n新增创新空间面积,12000\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: s.csv: column '本月新增（平方米）/亩' (B) states two units, '平方米' and '亩'; head it with the one its "
        "figures are in"
    )
    assert exported(runner) == []


_OPEN_CLOSE = ["（）", "()", "[]", "【】", "〔〕", "［］", "{}"]
_SEPARATORS = ["/", "／", " ", "　", ":", "：", "、", "，", ",", " / ", ""]


def _two(head: str, first: str, second: str, data: st.DataObject) -> str:
    """A header stating ``first`` then ``second``, in one of the ways sheets write them."""
    o, c = data.draw(st.sampled_from(_OPEN_CLOSE))
    sep = data.draw(st.sampled_from(_SEPARATORS))
    inner = data.draw(st.sampled_from(_forms(head, first)))  # the first unit in any form of one
    forms = [
        f"{inner}{o}{second}{c}",  # 本月新增/亩（平方米）, 本月新增（亩）【平方米】
        f"{head}{o}{first}{c}{sep}{second}",  # 本月新增（平方米）/亩, 本月新增（平方米）亩
        f"{head}{o}{first}{c}{sep}{o}{second}{c}",  # 本月新增（亩）/（平方米）
        f"{head}{o}{first}{sep.strip() or '、'}{second}{c}",  # 本月新增（亩、平方米）, 本月新增（亩/平方米）
    ]
    if len(first) > 1 or units.dimension(first) == units.dimension(second):
        # 本月新增平方米（亩）, 本月新增亩（平方米）: a unit of one character against the words is a unit
        # only beside a bracket's of its own dimension (企业家（个）: a word's 家, counted in 个)
        forms.append(f"{head}{first}{o}{second}{c}")
    return data.draw(st.sampled_from(forms))


_PAIRS = [("平方米", "亩"), ("亩", "平方米"), ("万元", "亿元"), ("公顷", "万平方米"), ("亿元", "元"), ("元", "万元"),
          ("亩", "公顷"), ("人", "万人"), ("家", "万家")]  # fmt: skip


# Whatever the order, the separators or the brackets (本月新增/亩（平方米） was read in 平方米, the 亩
# ignored), a header stating two units names both, in the order written.
@settings(deadline=None)  # a first call compiles patterns: no time limit on a busy machine
@given(
    st.sampled_from(["本月新增", "1-8月累计", "完成值"]),
    st.sampled_from(_PAIRS),
    st.data(),
)
def test_every_header_with_two_units_states_both(head: str, pair: tuple[str, str], data: st.DataObject) -> None:
    first, second = pair
    header = _two(head, first, second, data)
    assert two_units(header) == (first, second), header
    inner = data.draw(st.sampled_from(_forms(head, first)))
    assert two_units(inner) is None, inner  # one unit: the column's


@pytest.mark.parametrize(
    "header",
    ["均价（元/平方米）", "每平方米（元）", "亩均税收（万元）", "本月新增（亩）（%）", "新增企业家（家）",
     "实际利用外资折美元（万美元）", "本月新增（㎡）/平方米", "增加值（现价）/亿元", "新增企业家（个）",
     "产业工人（万人）", "每亩（万元）", "万元GDP能耗（吨标煤）", "亩均（万元）", "新增法人（万家）"],
)  # fmt: skip
def test_a_rate_or_one_unit_twice_is_no_two_units(header: str) -> None:
    assert two_units(header) is None


def test_a_unit_after_a_slash_then_one_in_brackets_is_refused(runner: CliRunner, workdir: Path) -> None:
    sheet = "临平经开区2025年8月创新空间建设情况\n指标名称,本月新增/亩（平方米）\n新增创新空间面积,12\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: s.csv: column '本月新增/亩（平方米）' (B) states two units, '亩' and '平方米'; head it with the one its "
        "figures are in"
    )
    assert exported(runner) == []


# A unit of one character against the words before a bracket's (本月新增亩（平方米）, 完成额元（万元）):
# the bracket's was read, and 12 亩 taken as 12 平方米 (666 times too little), 12 元 as 12 万元.
@pytest.mark.parametrize(
    ("header", "first", "second"),
    [
        ("本月新增亩（平方米）", "亩", "平方米"),
        ("本月新增亩【万平方米】", "亩", "万平方米"),
        ("新增面积亩(公顷)", "亩", "公顷"),
    ],
)
def test_a_unit_of_one_character_against_the_words_is_a_second_unit(
    runner: CliRunner, workdir: Path, header: str, first: str, second: str
) -> None:
    result = import_text(runner, workdir, "s.csv", _AUGUST.format(header))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"error: s.csv: column '{header}' (B) states two units, '{first}' and '{second}'; head it with the one its "
        "figures are in"
    )
    assert exported(runner) == []


# Words that end in a counted noun are words, not its unit (工人, 企业家, 单位, 事项): beside a bracket
# of the noun's 万 they state one unit, the bracket's; the noun alone after the words states two.
_NOUN_WORDS = {"人": ["产业工人", "新增法人", "个人"], "家": ["企业家", "专家", "新增商家", "厂家"],
               "位": ["新增单位", "岗位", "床位"], "项": ["事项", "专项"], "个": ["整个"], "次": ["批次", "航次"]}  # fmt: skip


@settings(deadline=None)
@given(st.sampled_from(sorted(_NOUN_WORDS)), st.sampled_from(["本月新增", "1-8月累计", "完成值"]), st.data())
def test_a_word_ending_in_a_counted_noun_is_no_unit(noun: str, head: str, data: st.DataObject) -> None:
    word = data.draw(st.sampled_from(_NOUN_WORDS[noun]))
    o, c = data.draw(st.sampled_from(_OPEN_CLOSE))
    assert two_units(f"{word}{o}万{noun}{c}") is None
    assert two_units(f"{head}{noun}{o}万{noun}{c}") == (noun, f"万{noun}")


# A unit against the words with no bracket at all (本月新增平方米, 1-8月累计亿元) was not read: 12,000
# 平方米 taken as 12,000 万平方米, the target's unit. An amount's or an area's is the column's unit.
def test_a_unit_against_the_words_is_the_columns(runner: CliRunner, workdir: Path) -> None:
    result = import_text(runner, workdir, "s.csv", _AUGUST.format("本月新增平方米").replace(",12\n", ",12000\n"))
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("innovation-space", "2025-08-31", 12000, "平方米")]
    assert _current(runner, "innovation-space", "2025-08") == 1.2


_AMOUNTS_AND_AREAS = ["元", "美元", "平方米", "㎡", "公顷", "平方公里"]


@settings(deadline=None)
@given(st.sampled_from(_HEADS), st.sampled_from(_SCALES), st.sampled_from(_AMOUNTS_AND_AREAS), st.data())
def test_every_amount_or_area_against_the_words_is_the_columns(
    head: str, scale: str, base: str, data: st.DataObject
) -> None:
    unit = scale + base
    if len(unit) < 2:  # 元 alone ends words (单元, 多元): read so only in brackets or after a mark
        return
    assert describe(head + unit).unit == units.canonical(unit), head + unit
    rate = data.draw(st.sampled_from(["每", "人均", "折", "按"]))  # 每平方米, 折美元: a rate's or a conversion's
    assert describe(head + rate + unit).unit is None, head + rate + unit


@pytest.mark.parametrize(
    ("header", "unit"),
    [("本月新增亩", "亩"), ("新增面积亩", "亩"), ("本月新增元", None), ("新增单元", None), ("产业工人万人", "万人"),
     ("进入前十位", None), ("万元GDP能耗", None), ("亩均税收", None), ("每亩", None), ("本月新增每十万元", None)],
)  # fmt: skip
def test_one_character_against_the_words_is_a_unit_only_for_mu(header: str, unit: str | None) -> None:
    assert describe(header).unit == unit
