"""ledger.patterns.LazyPattern: a pattern compiled on first use finds what the compiled pattern
finds, and importing the sheet reader compiles none of the slow ones (they cost ~5 ms each)."""

from __future__ import annotations

import re
import subprocess
import sys

from hypothesis import given
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
