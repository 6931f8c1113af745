"""The ledger's writer (blocks.entry_blocks) writes each value exactly as tomli-w writes it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from ledger.blocks import entry_blocks
from ledger.entries import Entry
from tests.helpers import any_entry as entries


@given(entries)
def test_entry_blocks_write_what_tomli_w_writes(e: Entry) -> None:
    assert entry_blocks([e]) == "\n[[entry]]\n" + tomli_w.dumps(e.to_toml())


def test_a_text_with_quotes_and_controls_is_escaped() -> None:
    e = Entry("abcdef1234", "t", date(2025, 6, 30), datetime(2025, 7, 1, 9, tzinfo=UTC), note='a"b\\c\nd\te\x7f')
    assert 'note = "a\\"b\\\\c\\nd\te\\u007f"\n' in entry_blocks([e])


@given(st.lists(entries, max_size=4))
def test_several_entries_in_order(items: list[Entry]) -> None:
    assert entry_blocks(items) == "".join("\n[[entry]]\n" + tomli_w.dumps(e.to_toml()) for e in items)


def test_figures_as_typed() -> None:
    """680 stays 680, 680.0 stays 680.0, 1E+2 is the whole number 100, -0 is 0, and the same
    figure read once more (from the cache) is written the same."""
    day, when = date(2025, 6, 30), datetime(2025, 7, 1, 9, tzinfo=UTC)
    values = ["680", "680.0", "1E+2", "-0", "0.5", "680"]
    blocks = entry_blocks(Entry("abcdef1234", "t", day, when, value=Decimal(v)) for v in values)
    assert [line for line in blocks.splitlines() if line.startswith("value")] == [
        "value = 680", "value = 680.0", "value = 100", "value = 0", "value = 0.5", "value = 680"
    ]  # fmt: skip
