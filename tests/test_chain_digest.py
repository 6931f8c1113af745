"""The digest chain (ledger/chain.py) is put together by hand for speed: it must give, for every
entry, the digest of the rule as first written: SHA-256 of json.dumps([previous, key, text, …])."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from ledger.chain import _COVERED, _text, chained, digest_of, verify
from ledger.entries import Entry
from ledger.model import MilestoneStatus
from tests.helpers import any_entry as entries


def _as_first_written(previous: str, e: Entry) -> str:
    parts = [previous]
    for key in _COVERED:
        value = getattr(e, key)
        if value is not None and value is not False:
            parts += (key, _text(value))
    blob = json.dumps(parts, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    return hashlib.sha256(blob).hexdigest()[:32]


@given(st.text(max_size=40), entries)
def test_digest_as_first_written(previous: str, e: Entry) -> None:
    assert digest_of(previous, e) == _as_first_written(previous, e)


@given(st.lists(entries, max_size=5))
def test_chained_entries_verify(items: list[Entry]) -> None:
    done = chained("", items)
    assert [e._replace(digest=None) for e in done] == [e._replace(digest=None) for e in items]
    assert verify(done).broken is None


def test_a_digest_by_hand() -> None:
    """The bytes digested, written out: the previous digest, then key and text of each field set."""
    e = Entry(
        "abcdef1234",
        "t1",
        date(2025, 6, 30),
        datetime(2025, 7, 1, 9, tzinfo=timezone(timedelta(hours=8))),
        value=Decimal("680.0"),
        unit="亿元",
        note='a"b',
    )
    blob = (
        '["","id","abcdef1234","target","t1","date","2025-06-30","value","6.8E+2","unit","亿元",'
        '"note","a\\"b","recorded","2025-07-01T09:00:00+08:00"]'
    )
    assert digest_of("", e) == hashlib.sha256(blob.encode()).hexdigest()[:32]


def test_text_of_each_type() -> None:
    assert _text(Decimal("0.00")) == "0"
    assert _text(Decimal("-0")) == "0"
    assert _text(Decimal("12.50")) == "12.5"
    assert _text(Decimal("1200")) == "1.2E+3"
    assert _text(True) == "true"
    assert _text(MilestoneStatus.DONE) == "done"
    assert _text(2024) == "2024"
    assert _text(date(2025, 1, 31)) == "2025-01-31"
