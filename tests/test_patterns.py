"""ledger.patterns.LazyPattern: a pattern compiled on first use finds what the compiled pattern
finds, and importing the sheet reader compiles none of the slow ones (they cost ~5 ms each)."""

from __future__ import annotations

import re
import subprocess
import sys

from hypothesis import example, given
from hypothesis import strategies as st

from ledger import header_words, row_targets
from ledger.patterns import LazyPattern

LAZY = [row_targets._ROW_PREFIX, header_words._NOTE_ROW]
# Texts near what the patterns look for: list numbers, note words, running-total words.
texts = st.text(
    alphabet=st.sampled_from(list("其中:：一二十、.．(（)）123 注说明备资料来源填报人年累计月至-本初今值ab")),
    max_size=12,
)


@given(texts)
def test_a_lazy_pattern_matches_and_searches_as_the_compiled_one(text: str) -> None:
    for lazy in LAZY:
        compiled = re.compile(lazy.pattern)
        for got, expected in ((lazy.match(text), compiled.match(text)), (lazy.search(text), compiled.search(text))):
            assert (got and got.group(0)) == (expected and expected.group(0))


def test_known_rows() -> None:
    assert row_targets._ROW_PREFIX.match("（一）工业总产值") is not None
    assert (
        header_words._NOTE_ROW.match("注：数据为快报数") is not None
        and header_words._NOTE_ROW.match("注册企业") is None
    )


def test_importing_the_sheet_reader_compiles_no_slow_pattern() -> None:
    code = (
        "import re, ledger.importing, ledger.row_targets as r, ledger.layout, ledger.header_words as l\n"
        "p = [r._ROW_PREFIX, l._NOTE_ROW]\n"
        "assert all('compiled' not in vars(x) for x in p), p\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert all(isinstance(p, LazyPattern) for p in LAZY)


@given(texts)
def test_every_method_of_a_lazy_pattern_answers_as_the_compiled_one(text: str) -> None:
    pattern, flags = r"(其中|注)[:：]?|(\d)年", re.IGNORECASE
    compiled = re.compile(pattern, flags)
    lazy = LazyPattern(pattern, flags)
    groups = lambda m: m and (m.span(), m.groups())  # noqa: E731
    assert groups(lazy.match(text, 1)) == groups(compiled.match(text, 1))
    assert groups(lazy.fullmatch(text)) == groups(compiled.fullmatch(text))
    assert groups(lazy.search(text, 0, 5)) == groups(compiled.search(text, 0, 5))
    assert lazy.sub("-", text, 1) == compiled.sub("-", text, 1)
    assert lazy.subn("-", text) == compiled.subn("-", text)
    assert lazy.split(text) == compiled.split(text)
    assert lazy.findall(text) == compiled.findall(text)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    data = text.encode()
    assert LazyPattern(rb"\d+").findall(data) == re.findall(rb"\d+", data)


def test_once_compiled_a_lazy_pattern_hands_its_calls_to_re() -> None:
    lazy = LazyPattern(r"\d")
    assert lazy.search("a1") is not None
    assert lazy.match == lazy.compiled.match and lazy.search == lazy.compiled.search


# Each pattern the sheet reader skips unless a text holds one of its words (the quick test
# beside it in ledger/sheet_title.py, column_kinds.py, header_words.py).
NEEDS = [
    (header_words._TITLE_PERIOD, ("月",)),
    (header_words._TITLE_MONTHS, ("月",)),
    (header_words._TITLE_NAMED, header_words._NAMED_NEEDS),
    (header_words._DATE_CELL, ("月",)),
    (header_words._DOT_MONTH_CELL, (".",)),
    (header_words._UNIT_LABEL, ("单位",)),
    (header_words._TITLE_UNIT, ("单位",)),
    (header_words._QUARTER, ("季度", "半年", "q")),
    (header_words._PERIOD, ("月",)),
    (header_words.YEAR, ("年",)),
    (header_words._BRACKET, ("(", "[")),
]
near = st.lists(
    st.sampled_from(["2025", "年", "1", "-", "8", "10", "月", "季度", "三", "上半年", "全年", "Q", "q3", "单位", ":",
                     "：", "万元", ".", "(", ")", "[", "]", "（", "）", "截至", "底", "第", "一", " ", "填报", "日期",
                     "注", "制表人"]),
    max_size=8,
).map("".join)  # fmt: skip


@given(near)
@example("2025年全年")
@example("2025年上半年")
@example("2025 Q3")
@example("2025年第3季度")
@example("截至2025年8月")
@example("2025.10")
@example("单位：万元")
@example("(单位:万元)")
@example("q3")
@example("(1-8月)")
def test_a_pattern_skipped_for_lacking_its_words_would_find_nothing(text: str) -> None:
    for pattern, words in NEEDS:
        if not any(w in text for w in words):
            assert pattern.search(text) is None, (pattern.pattern, text)


@given(near)
@example("填报日期：2025年9月5日")
@example("注：数据为快报数")
@example("制表人：王")
def test_an_anchored_pattern_skipped_for_not_starting_with_its_words_would_find_nothing(text: str) -> None:
    for pattern, words in ((header_words._FILLED_IN, header_words.FILLED_IN_WORDS),
                           (header_words._NOTE_ROW, header_words._NOTE_STARTS)):  # fmt: skip
        if not text.startswith(words):
            assert pattern.search(text) is None, (pattern.pattern, text)


def test_anchored_patterns_still_find_their_lines() -> None:
    assert header_words._FILLED_IN.match("填报日期：2025年9月5日") is not None
    assert header_words.is_note("注：数据为快报数") and not header_words.is_note("说到注：")
