"""An entry's fields are defined once (ledger.entries.FIELDS): every reader and writer follows it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.blocks import entry_blocks
from ledger.column_kinds import field_of
from ledger.entries import COLUMNS, FIELDS, KEYS, Entry, Field, FieldType
from ledger.exporting import entry_cells, to_jsonl
from ledger.fast_reader import BLOCK, scan
from ledger.formats import (
    EXPORT_EXTENSIONS,
    OUTPUT_EXTENSIONS,
    SHEET_EXTENSIONS,
    ExportFormat,
    OutputFormat,
    SheetFormat,
    format_for,
)
from ledger.formulas import neutralise, restore
from ledger.history import EntryState, LogRow
from ledger.ledger_reader import _entry, entry_tables
from ledger.model import MILESTONE_WORDS, Direction, Kind, MilestoneStatus, is_rank, lower_is_better
from ledger.render.json_doc import log_document

# One value of each type, unlike any default, with digits and offsets that a careless reader loses.
SAMPLE = {
    FieldType.TEXT: "文本 a\tb",
    FieldType.NUMBER: Decimal("-1234.50"),
    FieldType.DATE: date(2025, 6, 30),
    FieldType.TIME: datetime(2025, 7, 3, 9, 12, 5, 250000, tzinfo=timezone(timedelta(hours=8))),
    FieldType.STATUS: MilestoneStatus.BLOCKED,
    FieldType.FLAG: True,
    FieldType.YEAR: 2024,
    FieldType.COUNT: 3,
}
BASE = Entry("e000000001", "gdp", date(2025, 3, 31), datetime(2025, 4, 3, tzinfo=UTC), value=Decimal(7))


def with_field(f: Field) -> Entry:
    """A complete entry with ``f`` set to its sample (and what that field needs beside it)."""
    e = BASE._replace(**{f.name: SAMPLE[f.type]})
    if f.type is FieldType.STATUS:
        e = e._replace(value=None)
    if f.name == "void":
        e = e._replace(corrects="e000000000", value=None)  # a void withdraws the entry it corrects
    if f.name == "restored":
        e = e._replace(batch=1)  # said of an append of several, on its first entry
    if f.name == "id":
        e = e._replace(id="Bureau_io-2025-03")  # an id is text of its own rule (ledger.entries.ID_RULE)
    return e


def test_every_entry_attribute_is_a_field_and_the_ledger_writes_recorded_last() -> None:
    assert set(Entry._fields) - {"line"} == set(KEYS)
    assert tuple(f.name for f in FIELDS if not f.ledger_only) == COLUMNS
    assert {f.name for f in FIELDS if f.ledger_only} == {"batch", "restored", "digest"}
    assert KEYS[-1] == "recorded"
    assert BLOCK.groups == len(KEYS) + 1  # one group per key, and the block's end


@pytest.mark.parametrize("f", FIELDS, ids=lambda f: f.name)
def test_fast_reader_and_tomllib_read_what_the_writer_wrote_field_by_field(tmp_path: Path, f: Field) -> None:
    written = with_field(f)
    data = entry_blocks([written]).encode()
    [fast] = list(scan(data) or [])
    assert isinstance(fast, Entry), f"the fast reader leaves a block with {f.name} to tomllib"
    [(line, table)] = entry_tables(tmp_path / "x.toml", data.decode())
    slow = _entry(table, "x", line)
    assert getattr(fast, f.name) == getattr(slow, f.name) == getattr(written, f.name)
    assert f.name == "id" or getattr(written, f.name) == SAMPLE[f.type]
    assert fast == slow == written._replace(line=2)


@pytest.mark.parametrize("f", [f for f in FIELDS if not f.ledger_only], ids=lambda f: f.name)
def test_export_import_headers_and_json_carry_every_field(f: Field) -> None:
    e = with_field(f)
    assert list(entry_cells(e)) == list(COLUMNS)
    assert field_of(f.name) == f.name
    assert all(field_of(h) == f.name for h in f.headers)
    [doc] = log_document("p.toml", [LogRow(e, EntryState.CURRENT, None)])["entries"]
    assert list(doc)[: len(COLUMNS)] == list(COLUMNS)
    line = to_jsonl([e])
    assert f'"{f.name}": ' in line


@given(st.text(max_size=6))
def test_the_formula_guard_is_undone_exactly(text: str) -> None:
    guarded = neutralise(text)
    assert restore(guarded) == text
    assert not guarded.startswith(("=", "+", "-", "@"))


@pytest.mark.parametrize(
    ("kind", "direction", "target", "baseline", "lower"),
    [
        (Kind.RANK, Direction.UP, Decimal(10), None, True),  # 1 is best, whatever the direction key says
        (Kind.RATE, Direction.UP, Decimal(6), None, False),
        (Kind.RATE, Direction.DOWN, Decimal(3), None, True),  # e.g. an unemployment rate
        (Kind.TOTAL, Direction.UP, Decimal(80), Decimal(100), True),  # a stock brought down
        (Kind.INCREMENT, Direction.UP, Decimal(50), Decimal(0), False),
        (Kind.TOTAL, Direction.UP, Decimal(-5), None, True),  # below an unstated baseline of 0
        (Kind.MILESTONE, Direction.UP, None, None, False),
    ],
)
def test_which_way_is_better(kind: Kind, direction: Direction, target, baseline, lower: bool) -> None:
    assert lower_is_better(kind, direction, target, baseline) is lower


def test_a_rank_is_a_whole_number_from_one() -> None:
    assert [is_rank(Decimal(x)) for x in ("1", "70", "0", "-3", "2.5", "3.0")] == [
        True,
        True,
        False,
        False,
        False,
        True,
    ]


def test_chinese_milestone_words_are_one_table_for_reading_and_showing() -> None:
    from ledger.record import _CHINESE_STATUS
    from ledger.render.labels import MILESTONE, WORDS

    assert set(MILESTONE_WORDS) == set(MilestoneStatus)
    assert MILESTONE["zh"][MilestoneStatus.BLOCKED] == "受阻"
    assert _CHINESE_STATUS["滞后受阻"] is MilestoneStatus.BLOCKED
    assert all(_CHINESE_STATUS[MILESTONE["zh"][s]] is s for s in MilestoneStatus)  # what we show reads back
    assert WORDS["zh"].keys() == WORDS["en"].keys()


def test_a_file_name_says_one_format_per_direction() -> None:
    assert format_for("月报.HTML", OUTPUT_EXTENSIONS) is OutputFormat.html
    assert format_for("out.json", OUTPUT_EXTENSIONS) is OutputFormat.json
    assert format_for("in.json", SHEET_EXTENSIONS) is SheetFormat.jsonl  # import reads JSON Lines
    assert format_for("in.txt", SHEET_EXTENSIONS) is SheetFormat.csv
    assert format_for("entries.xlsx", EXPORT_EXTENSIONS) is ExportFormat.xlsx
    assert format_for("entries.xlsm", EXPORT_EXTENSIONS) is None
    assert format_for("notes", OUTPUT_EXTENSIONS) is None


def test_the_formula_guard_leaves_plain_apostrophes_alone() -> None:
    assert neutralise("=SUM(A1)") == "'=SUM(A1)"
    assert neutralise("'quoted") == "''quoted"
    assert restore("'quoted") == "'quoted"  # not our guard: a person's apostrophe
    assert restore("'-3.5") == "-3.5"
