"""The ledger's writer (store.entry_blocks) writes each value exactly as tomli-w writes it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from ledger.entries import Entry
from ledger.model import MilestoneStatus
from ledger.store import entry_blocks

texts = st.none() | st.text(max_size=12)
entries = st.builds(
    Entry,
    id=st.text(alphabet="0123456789abcdef", min_size=10, max_size=10),
    target=st.text(min_size=1, max_size=8),
    date=st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 12, 31)),
    recorded=st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=8))])),
    value=st.none() | st.decimals(allow_nan=False, allow_infinity=False),
    unit=texts,
    note=texts,
    source=texts,
    by=texts,
    corrects=texts,
    void=st.booleans(),
    reason=texts,
    status=st.none() | st.sampled_from(list(MilestoneStatus)),
    milestone=texts,
    month_value=st.none() | st.decimals(allow_nan=False, allow_infinity=False),
    forced=st.booleans(),
    period=st.none() | st.integers(min_value=2000, max_value=2100),
    batch=st.none() | st.integers(min_value=1, max_value=10**6),
    digest=st.none() | st.text(alphabet="0123456789abcdef", min_size=32, max_size=32),
)


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
