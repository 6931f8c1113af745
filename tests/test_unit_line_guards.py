"""The quick tests that spare an import compiling the unit-line and name-column patterns (a title
with an aside in brackets, 基准计划2025年主要指标（示例数据）, reached some eight of them, ~5 ms
each) answer as the patterns do: each is held to the general form it stands beside."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from ledger import header_words, layout_rows, sheet_title

# Texts near what a unit line, a bracketed unit and a name column's header hold.
near = st.lists(
    st.sampled_from(["单位", ":", "：", " ", "\u3000", "\n", "、", ",", "/", "；", "(", ")", "（", "）", "[", "]",
                     "【", "】", "亩", "万元", "万", "吨", "kg", "KWH", "m2", "%", "示例数据", "续", "1-8月", "金额",
                     "指标", "名称", "项目", "NAME", "1", "比", "2024", "年", "与"]),
    max_size=8,
).map("".join)  # fmt: skip


def _bare_unit_general(inside: str) -> tuple[str | None, dict[str, str], str] | None:
    """sheet_title._bare_unit as it reads without its quick test."""
    try:
        line = sheet_title._sheet_unit(inside if "单位" in inside else f"单位:{inside}")
    except ValueError as e:
        return ("raised", {}, str(e))
    return line if line is not None and not line[2].strip() else None


def _bare_unit_quick(inside: str) -> tuple[str | None, dict[str, str], str] | None:
    try:
        return sheet_title._bare_unit(inside)
    except ValueError as e:
        return ("raised", {}, str(e))


@given(near)
@example("示例数据")
@example("亩")
@example("万元、%")
@example(" 、亩")
@example("吨")
@example("万元、亿元")
def test_a_bracket_read_as_units_reads_as_the_unit_line_it_stands_for(inside: str) -> None:
    assert _bare_unit_quick(inside) == _bare_unit_general(inside)


@given(near)
@example(" 吨")
@example("、吨")
@example("\u3000万 元")
@example("")
def test_the_word_after_a_label_is_the_patterns(text: str) -> None:
    norm = f"单位:{text}"
    label = header_words._UNIT_LABEL.match(norm)
    assert label is not None
    word = header_words._UNIT_WORD.match(norm, label.end())
    assert sheet_title._first_word(text) == (word and word.group())


@given(near)
@example("基准计划2025年主要指标（示例数据）")
@example("(亩)\n")
@example("(亩)\n\n")
def test_a_text_not_ending_in_a_bracket_is_no_title_tail_nor_bare_unit(text: str) -> None:
    if not sheet_title._ends_bracketed(text):
        assert sheet_title._TITLE_TAIL.search(text) is None
        assert sheet_title._BARE_UNIT.match(text) is None
    if not text.startswith(("(", "[", "【")):
        assert sheet_title._BARE_UNIT.match(text) is None


@given(near)
@example("比2024年同期增长%")
@example("与 2023 年比")
def test_a_label_comparing_with_no_word_of_comparison_names_no_year(label: str) -> None:
    if not ("比" in label or "较" in label or "与" in label):
        assert header_words.VERSUS_YEAR.search(label) is None


@given(st.lists(near, max_size=6))
@example(["指标", "指标名称（当月）", " 项目 ", "指标1", "NAME", "名称(续)", "项目\x00名称"])
def test_name_columns_found_together_are_those_found_one_by_one(texts: list[str]) -> None:
    assert layout_rows._names_columns(texts) == {t for t in texts if layout_rows._names_column(t)}
