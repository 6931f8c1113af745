"""The ledger's writer (store.entry_blocks) writes each value exactly as tomli-w writes it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

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
)


@given(entries)
def test_entry_blocks_write_what_tomli_w_writes(e: Entry) -> None:
    assert entry_blocks([e]) == "\n[[entry]]\n" + tomli_w.dumps(e.to_toml())


def test_a_text_with_quotes_and_controls_is_escaped() -> None:
    e = Entry("abcdef1234", "t", date(2025, 6, 30), datetime(2025, 7, 1, 9, tzinfo=UTC), note='a"b\\c\nd\te\x7f')
    assert 'note = "a\\"b\\\\c\\nd\te\\u007f"\n' in entry_blocks([e])
