"""A unit written among words, as a rate, or against a counted noun's words: read as the figures'
unit, or refused in one line, never left for the target's unit to take.

Each of these was read in the target's unit: ``单位：用地亩数`` over 12 (12 亩, filed as 12 万平方米),
``单位:元/平方米`` as two units (12 filed as 12 平方米), ``本月新增就业人数万人`` 0.12 as 0.12 人 and
``本月新增每十万元`` 0.8 as 0.8 万平方米.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import sheet_title
from ledger.column_kinds import describe
from ledger.header_units import per_unit, unread_unit, unread_units
from ledger.table import LayoutError
from tests.helpers import exported, import_text

_TITLE = "临平经开区2025年8月创新空间建设情况"
_FIX_LINE = "write the unit alone there (单位：亩, 单位：万元), or give it in the headers or a 单位 column"


@pytest.mark.parametrize("line", ["单位：用地亩数", "单位：面积亩", "单位：建筑面积平方米", "面积单位：用地亩数"])
def test_a_unit_within_a_unit_lines_words_is_refused(runner: CliRunner, workdir: Path, line: str) -> None:
    result = import_text(runner, workdir, "s.csv", f"{_TITLE}\n{line}\n指标名称,本月新增\n新增创新空间面积,12\n")
    assert result.exit_code == 1
    word = line.split("：")[1]
    assert result.stderr == (
        f"error: s.csv: the unit line {line!r} (A2) gives its unit as {word!r}, a unit within words, which tracker "
        f"cannot read; {_FIX_LINE}\n"
    )
    assert exported(runner) == []


@pytest.mark.parametrize("line", ["单位：万亩园区管委会", "责任单位：亩产办", "填报单位：万亩产业园管委会"])
def test_an_office_named_after_a_unit_label_is_no_unit_line(runner: CliRunner, workdir: Path, line: str) -> None:
    result = import_text(runner, workdir, "s.csv", f"{_TITLE}\n{line}\n指标名称,本月新增\n新增创新空间面积,0.8\n")
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("innovation-space", "2025-08-31", 0.8, "万平方米")]


_RATE_FIX = (
    "a price or rate (one unit per another), not the unit of a quantity; write the unit the figures are in there "
    "(单位：万元, 单位：亩, or several: 单位：万元、平方米), in the headers or in a 单位 column\n"
)


@pytest.mark.parametrize(
    ("line", "cell", "rate"),
    [("单位:元/平方米", "A2", "元/平方米"), ("单位：万元/亩", "A2", "万元/亩"), ("单位：万元／人", "A2", "万元/人"),
     ("（元/平方米）", "A2", "元/平方米")],
)  # fmt: skip
def test_a_price_on_the_unit_line_is_refused(runner: CliRunner, workdir: Path, line: str, cell: str, rate: str) -> None:
    result = import_text(runner, workdir, "s.csv", f"{_TITLE}\n{line}\n指标名称,本月新增\n新增创新空间面积,12\n")
    assert result.exit_code == 1
    assert result.stderr == f"error: s.csv: the unit line {line!r} ({cell}) says {rate}, {_RATE_FIX}"
    assert exported(runner) == []


def test_a_price_in_the_titles_bracket_and_the_headers_last_cell_is_refused(runner: CliRunner, workdir: Path) -> None:
    titled = import_text(runner, workdir, "t.csv", f"{_TITLE}（元/平方米）\n指标名称,本月新增\n新增创新空间面积,12\n")
    assert titled.stderr == f"error: t.csv: the unit line '{_TITLE}（元/平方米）' (A1) says 元/平方米, {_RATE_FIX}"
    header = import_text(runner, workdir, "h.csv", f"{_TITLE}\n指标名称,本月新增,单位：万元/亩\n新增创新空间面积,12,\n")
    assert header.stderr == f"error: h.csv: the unit line '单位：万元/亩' (C2) says 万元/亩, {_RATE_FIX}"


def test_units_listed_over_a_slash_are_still_each_kinds(runner: CliRunner, workdir: Path) -> None:
    # 万元/% lists an amount's unit and a rate's, no price; 平方米/万元 of no slash-rate words: 平方米 is the
    # area's. (An area's row under 单位：万元/% states its own unit: the line says every figure is in 万元
    # or %, so a row naming none is refused: tests/test_count_unit_lines.py.)
    text = f"{_TITLE}\n单位：万元/%\n指标名称,本月新增（万平方米）\n新增创新空间面积,0.8\n"
    assert import_text(runner, workdir, "s.csv", text).exit_code == 0
    assert exported(runner) == [("innovation-space", "2025-08-31", 0.8, "万平方米")]


_KINDS = ["元", "万元", "亿元", "美元", "万美元"]
_PER = ["平方米", "亩", "万平方米", "公顷", "人", "家", "个"]


@settings(deadline=None)
@given(
    st.sampled_from(_KINDS),
    st.sampled_from(_PER),
    st.sampled_from(["/", "／"]),
    st.sampled_from(["单位：", "单位:", "单位 "]),
)
def test_every_amount_per_quantity_on_a_unit_line_is_refused(money: str, per: str, slash: str, label: str) -> None:
    lines = sheet_title._UnitLines("s.csv")
    text = f"{label}{money}{slash}{per}"
    with pytest.raises(LayoutError) as refused:
        lines.read(unicodedata.normalize("NFKC", text), text, "A2")
    assert [p.message for p in refused.value.problems] == [
        f"s.csv: the unit line {text!r} (A2) says {money}/{per}, {_RATE_FIX.strip()}"
    ]


_WORDS = ["用地", "面积", "建筑面积", "占地", "土地"]
_AREAS = ["亩", "平方米", "万平方米", "公顷", "平方公里"]


@settings(deadline=None)
@given(
    st.sampled_from(_WORDS),
    st.sampled_from(_AREAS),
    st.sampled_from(["", "数", "量"]),
    st.sampled_from(["单位：", "单位:", "计量单位："]),
)
def test_every_area_within_a_unit_lines_words_is_refused(words: str, unit: str, after: str, label: str) -> None:
    lines = sheet_title._UnitLines("s.csv")
    text = f"{label}{words}{unit}{after}"
    with pytest.raises(LayoutError) as refused:
        lines.read(unicodedata.normalize("NFKC", text), text, "A2")
    assert [p.message for p in refused.value.problems] == [
        f"s.csv: the unit line {text!r} (A2) gives its unit as {words + unit + after!r}, a unit within words, which "
        f"tracker cannot read; {_FIX_LINE}"
    ]


_PLAN = """version = 1

[plan]
id = "p"
name = "临平经开区2025年"
start = 2025-01-01
end = 2025-12-31

[[action]]
id = "a"
name = "行动"

[[target]]
id = "jobs"
action = "a"
name = "新增就业人数"
kind = "increment"
unit = "人"
target = 5000

[[target]]
id = "firms"
action = "a"
name = "新增企业数"
kind = "increment"
unit = "家"
target = 100
"""


@pytest.fixture
def counted(workdir: Path) -> Path:
    (workdir / "targets.toml").write_text(_PLAN, encoding="utf-8")
    return workdir


@pytest.mark.parametrize("header", ["本月新增就业人数万人", "本月新增人数万人", "本月新增万人"])
def test_a_counted_nouns_scaled_unit_against_the_words_is_the_columns(
    runner: CliRunner, counted: Path, header: str
) -> None:
    result = import_text(runner, counted, "s.csv", f"临平经开区2025年8月\n指标名称,{header}\n新增就业人数,0.12\n")
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("jobs", "2025-08-31", 0.12, "万人")]  # 1200 人, never 0.12 人


def test_a_counted_noun_after_a_count_or_a_figures_word_is_the_columns(runner: CliRunner, counted: Path) -> None:
    text = "临平经开区2025年8月\n指标名称,本月新增企业数家\n新增企业数,12\n"
    assert import_text(runner, counted, "s.csv", text).exit_code == 0
    assert exported(runner) == [("firms", "2025-08-31", 12, "家")]
    other = import_text(runner, counted, "o.csv", "临平经开区2025年8月\n指标名称,本月新增企业数个\n新增企业数,12\n")
    assert other.exit_code == 1
    assert (
        other.stderr
        == "error: o.csv: row 3: firms is in 家: unit '个' cannot be converted to '家' (a different kind of quantity)\n"
    )


@pytest.mark.parametrize(
    ("header", "unit"),
    [("就业人数万人", "万人"), ("企业数家", "家"), ("本月新增人", "人"), ("1-8月累计家", "家"), ("产业工人万人", "万人"),
     ("新增企业家", None), ("负责人", None), ("进入前十位", None), ("数百人", None), ("责任单位", None)],
)  # fmt: skip
def test_which_counted_nouns_against_the_words_are_units(header: str, unit: str | None) -> None:
    assert describe(header).unit == unit


_COUNT_HEADS = ["本月新增", "1-8月累计", "就业人数", "企业数", "从业人员数", "新增项目数"]


@settings(deadline=None)
@given(st.sampled_from(_COUNT_HEADS), st.sampled_from(["万", "千", "亿"]), st.sampled_from(list("人家个项")))
def test_every_scaled_count_against_the_words_is_the_columns(head: str, scale: str, noun: str) -> None:
    assert describe(head + scale + noun).unit == scale + noun


@pytest.mark.parametrize("header", ["本月新增每十万元", "本月新增每万人", "本月新增每平方米", "本月新增（每十万元）"])
def test_a_figure_per_unit_is_refused(runner: CliRunner, workdir: Path, header: str) -> None:
    result = import_text(runner, workdir, "s.csv", f"{_TITLE}\n指标名称,{header}\n新增创新空间面积,0.8\n")
    assert result.exit_code == 1
    per = header[header.index("每") :].rstrip("）")
    assert result.stderr == (
        f"error: s.csv: column {header!r} (B) states a figure per unit ({per!r}), which is no quantity a target "
        f"counts; give the quantity itself under a header in its unit (本月新增（万元）), or leave the column out "
        f"with --map '{header}=ignore'\n"
    )
    assert exported(runner) == []


@settings(deadline=None)
@given(
    st.sampled_from(["本月新增", "1-8月累计", "完成值", "产值"]),
    st.sampled_from(["", "十", "百", "千", "万", "十万", "亿"]),
    st.sampled_from(["元", "平方米", "亩", "人", "家", "美元", "公顷"]),
    st.sampled_from(["", "（%s）"]),
)
def test_every_figure_per_unit_is_named(head: str, scale: str, unit: str, bracket: str) -> None:
    per = f"每{scale}{unit}"
    label = head + (bracket % per if bracket else per)
    assert per_unit(label) == per
    assert unread_unit(label) == per


def test_a_unit_after_per_words_that_name_none_is_no_rate() -> None:
    assert per_unit("每月新增（万元）") is None
    assert unread_unit("本月新增（万元）") is None


def test_the_growth_of_a_figure_per_unit_is_growth() -> None:
    # 每万元GDP能耗下降率 is a rate target's figure: its growth column is no figure per unit, refused
    [column] = [describe("每万元GDP能耗增长%")]
    assert column.field == "growth"
    out, problems = unread_units("s.csv", [column])
    assert (out, problems) == ([column], [])
    [figure] = [describe("本月新增每万元")]
    assert unread_units("s.csv", [figure])[1] == [
        "s.csv: column '本月新增每万元' states a figure per unit ('每万元'), which is no quantity a target counts; give "
        "the quantity itself under a header in its unit (本月新增（万元）), or leave the column out with --map "
        "'本月新增每万元=ignore'"
    ]


_FIGURES_PLAN = """version = 1

[plan]
id = "p"
name = "临平经开区2025年"
start = 2025-01-01
end = 2025-12-31

[[action]]
id = "a"
name = "行动"

[[target]]
id = "rnd"
action = "a"
name = "研发投入"
kind = "increment"
unit = "万元"
target = 500000

[[target]]
id = "projects"
action = "a"
name = "新招引项目"
kind = "increment"
unit = "个"
target = 20

[[target]]
id = "firms"
action = "a"
name = "新增规上企业"
kind = "increment"
unit = "家"
target = 10
"""


@pytest.fixture
def figures(workdir: Path) -> Path:
    (workdir / "targets.toml").write_text(_FIGURES_PLAN, encoding="utf-8")
    return workdir


@pytest.mark.parametrize(
    ("line", "unit"),
    [("单位：千元现价", "千元"), ("单位：万元当年价", "万元"), ("单位：千元可比价格", "千元"), ("单位：千元 现价", "千元"),
     ("单位：千元（现价）", "千元"), ("单位：千元按不变价计算", "千元")],
)  # fmt: skip
def test_the_price_an_amount_is_reckoned_at_after_its_unit_is_the_units(
    runner: CliRunner, figures: Path, line: str, unit: str
) -> None:
    # 300000 千元 is 30000 万元: never 300000 万元, ten times too large
    result = import_text(runner, figures, "s.csv", f"临平经开区2025年8月\n{line}\n指标名称,本月新增\n研发投入,300000\n")
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("rnd", "2025-08-31", 300000, unit)]
    status = runner.invoke(app, ["status", "--as-of", "2025-08", "--format", "csv", "--target", "rnd"])
    assert status.stdout.splitlines()[1].split(",")[12] == ("30000" if unit == "千元" else "300000")


@pytest.mark.parametrize(
    ("line", "word", "unit"),
    [("单位：亩以上", "亩以上", "亩"), ("单位：千元含税", "千元含税", "千元"), ("单位：亩现价", "亩现价", "亩"),
     ("计量单位：万元合计", "万元合计", "万元")],
)  # fmt: skip
def test_a_unit_followed_by_other_words_is_refused(
    runner: CliRunner, figures: Path, line: str, word: str, unit: str
) -> None:
    result = import_text(runner, figures, "s.csv", f"临平经开区2025年8月\n{line}\n指标名称,本月新增\n研发投入,300000\n")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: s.csv: the unit line {line!r} (A2) gives its unit as {word!r}, {unit} followed by words, which "
        f"tracker cannot read; {_FIX_LINE}\n"
    )
    assert exported(runner) == []


@settings(deadline=None)
@given(
    st.sampled_from(["千元", "万元", "亿元", "元", "万美元"]),
    st.sampled_from(["现价", "当年价", "可比价", "不变价", "现行价格", "按现价计算", "当期价", "按可比价格计"]),
    st.sampled_from(["单位：", "单位:", "计量单位：", "金额单位："]),
)
def test_every_amount_at_a_price_on_a_unit_line_is_the_amounts_unit(unit: str, basis: str, label: str) -> None:
    lines = sheet_title._UnitLines("s.csv")
    text = f"{label}{unit}{basis}"
    assert lines.read(unicodedata.normalize("NFKC", text), text, "A2") == ""
    assert (lines.unit, lines.by_kind) in ((unit, {}), (None, {"CNY" if "美" not in unit else "USD": unit}))


@settings(deadline=None)
@given(
    st.sampled_from(["亩", "万亩", "平方米", "万平方米", "千元", "万元", "个", "家", "人"]),
    st.sampled_from(["以上", "以下", "左右", "合计", "含税", "用地", "新增", "现价"]),
    st.sampled_from(["单位：", "单位:", "计量单位："]),
)
def test_every_unit_followed_by_other_words_is_refused(unit: str, words: str, label: str) -> None:
    if words == "现价" and unit.endswith("元"):
        return  # the amount's price: read as its unit (above)
    lines = sheet_title._UnitLines("s.csv")
    text = f"{label}{unit}{words}"
    with pytest.raises(LayoutError) as refused:
        lines.read(unicodedata.normalize("NFKC", text), text, "A2")
    [message] = [p.message for p in refused.value.problems]
    assert message.startswith(f"s.csv: the unit line {text!r} (A2) gives its unit as {unit + words!r}, ")
    assert f", {unit} followed by words" in message or "a unit within words" in message


@pytest.mark.parametrize("line", ["单位：个/家", "（个/家）", "单位：个/家/人", "单位：个、家"])
def test_counted_nouns_over_a_slash_are_listed(runner: CliRunner, figures: Path, line: str) -> None:
    text = f"临平经开区2025年8月\n{line}\n指标名称,本月新增\n新招引项目,3\n新增规上企业,2\n"
    result = import_text(runner, figures, "s.csv", text)
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("projects", "2025-08-31", 3, "个"), ("firms", "2025-08-31", 2, "家")]


@settings(deadline=None)
@given(
    st.lists(st.sampled_from(["个", "家", "人", "项", "万人", "万家"]), min_size=2, max_size=4, unique=True),
    st.sampled_from(["/", "／"]),
    st.sampled_from(["单位：", "单位:", "单位 "]),
)
def test_every_list_of_counts_over_slashes_is_no_rate(nouns: list[str], slash: str, label: str) -> None:
    # each noun is a kind of its own, and two of one noun (人/万人) two units of one kind
    lines = sheet_title._UnitLines("s.csv")
    text = label + slash.join(nouns)
    try:
        lines.read(unicodedata.normalize("NFKC", text), text, "A2")
    except LayoutError as e:
        assert {"人", "万人"} <= set(nouns) or {"家", "万家"} <= set(nouns)
        assert e.problems[0].message.startswith("s.csv: cell A2 gives two units of one kind")
    else:
        assert lines.by_kind == {f"count:{n[-1]}": n for n in nouns}
