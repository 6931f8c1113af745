"""`record` never appends to a ledger the readers refuse (docs/files.md, "Validated on every
read"): what the full reader refuses in any entry, of any target, anywhere in the file, the
layout check an append makes first refuses too, by the same rule."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger import Entry, LedgerError, append_entries, load_ledger
from ledger.entries import KEYS
from tests.test_corrections import recorded_id, run

CST = timezone(timedelta(hours=8))


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1e20", "value 1E+20 is out of range; it has 21 digits before the decimal point, and figures have at most 15"),
        (
            "1234567890123456",
            "value 1234567890123456 is out of range; it has 16 digits before the decimal point, and figures have "
            "at most 15",
        ),
        (
            "0.00000000000001",
            "value 1E-14 is out of range; it has 14 decimal places, and figures have at most 10: round it",
        ),
    ],
)
def test_record_refuses_a_ledger_with_a_figure_out_of_range_anywhere(
    runner: CliRunner, workdir: Path, typed: str, message: str
) -> None:
    """Typed by hand into another target's entry in the middle of the file: `status` refuses the
    ledger, and `record` refuses to append to it with the same line, writing nothing."""
    ledger = workdir / "progress.toml"
    recorded_id(run(runner, "record", "industrial-output", "318.6", "--date", "2025-03"))
    recorded_id(run(runner, "record", "innovation-space", "12.5", "--date", "2025-04"))
    recorded_id(run(runner, "record", "value-added-growth", "5.2", "--date", "2025-03"))
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("value = 12.5\n", f"value = {typed}\n"), "utf-8")
    before = ledger.read_bytes()
    status = run(runner, "status")
    assert status.exit_code == 1 and status.stderr == f"error: progress.toml:14: {message}\n"
    recorded = run(runner, "record", "industrial-output", "400", "--date", "2025-04")
    assert recorded.exit_code == 1 and recorded.stderr == status.stderr
    assert ledger.read_bytes() == before


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "date = 2025-04-30\n",
            "date = 2025-02-30\n",
            "not valid TOML: Invalid date or datetime; fix the TOML at column 8",
        ),
        ("value = 12.5\n", "", "entry has neither a value nor a status"),
        ("\nrecorded = ", "\nvoid = true\nrecorded = ", "a void entry must name the entry it withdraws in corrects"),
    ],
)
def test_record_refuses_an_entry_in_the_layout_that_the_reader_refuses(
    runner: CliRunner, workdir: Path, old: str, new: str, message: str
) -> None:
    ledger = workdir / "progress.toml"
    recorded_id(run(runner, "record", "industrial-output", "318.6", "--date", "2025-03"))
    recorded_id(run(runner, "record", "innovation-space", "12.5", "--date", "2025-04"))
    recorded_id(run(runner, "record", "value-added-growth", "5.2", "--date", "2025-03"))
    text = ledger.read_text(encoding="utf-8")
    at = text.index("innovation-space")
    ledger.write_text(text[:at] + text[at:].replace(old, new, 1), "utf-8")
    before = ledger.read_bytes()
    status = run(runner, "status")
    assert status.exit_code == 1 and message in status.stderr
    recorded = run(runner, "record", "industrial-output", "400", "--date", "2025-04")
    assert recorded.exit_code == 1 and recorded.stderr == status.stderr
    assert ledger.read_bytes() == before


# The property: any entry the full reader refuses, an append refuses to follow.

_NUMBER = st.one_of(
    st.from_regex(r"[+-]?(0|[1-9][0-9]{0,17})(\.[0-9]{1,13})?([eE][+-]?[0-9]{1,2})?", fullmatch=True),
    st.sampled_from(["nan", "inf", '"12"', "0.000000000000", "1_000"]),
)
_DATE = st.from_regex(r"(0000|19[0-9]{2}|20[0-9]{2})-(0[0-9]|1[0-3])-([0-3][0-9])", fullmatch=True)
_CLOCK = st.from_regex(
    r"([01][0-9]|2[0-5]):[0-6][0-9]:[0-6][0-9](\.[0-9]{1,3})?(Z|[+-](0[0-9]|2[0-5]):[0-6][0-9])", fullmatch=True
)
_FIELDS = {
    "date": _DATE,
    "value": st.none() | _NUMBER,
    "month_value": st.none() | _NUMBER,
    "status": st.none() | st.sampled_from(['"done"', '"bogus"']),
    "corrects": st.none() | st.just('"e000000001"'),
    "void": st.none() | st.sampled_from(["true", "false"]),
    "period": st.none() | st.from_regex(r"[0-9]{4}", fullmatch=True),
    "batch": st.none() | st.sampled_from(["0", "1", "2"]),
    "restored": st.none() | st.just("true"),
}


def _block(fields: dict[str, str | None]) -> str:
    """A block in the layout tracker writes: each key on its line, in the written order."""
    lines = [f"{key} = {fields[key]}" for key in KEYS if fields.get(key) is not None]
    return "[[entry]]\n" + "\n".join(lines) + "\n"


def _plain(n: int, target: str, value: str) -> str:
    fields = {"id": f'"e00000000{n}"', "target": f'"{target}"', "date": "2025-03-31", "value": value}
    # A digest (any: appends do not verify it), so that an append chains on from it without
    # reading the file whole, as on every ledger written since digests.
    fields["digest"] = f'"{n:032x}"'
    fields["recorded"] = "2025-04-01T09:00:00+08:00"
    return _block(fields)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries(_FIELDS), _DATE, _CLOCK)
def test_an_append_refuses_to_follow_any_entry_the_reader_refuses(
    drawn: dict[str, str | None], day: str, clock: str
) -> None:
    fields: dict[str, str | None] = {"id": '"e000000002"', "target": '"innovation-space"', **drawn}
    fields["recorded"] = f"{day}T{clock}"
    text = (
        _plain(1, "industrial-output", "318.6") + "\n" + _block(fields) + "\n" + _plain(3, "value-added-growth", "5.2")
    )
    new = Entry(
        "e000000009", "industrial-output", date(2025, 4, 30), datetime(2025, 5, 2, tzinfo=CST), value=Decimal(400)
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "progress.toml"
        path.write_text(text, encoding="utf-8")
        try:
            refused = load_ledger(path).torn is not None  # an import cut short: no append follows it either
        except LedgerError:
            refused = True
        if refused:
            with pytest.raises(LedgerError):
                append_entries(path, [new])
            assert path.read_text(encoding="utf-8") == text
        else:
            assert [e.id for e in append_entries(path, [new])] == ["e000000009"]
            assert [e.id for e in load_ledger(path).entries][-1] == "e000000009"
