"""One date grammar for the command line (--as-of, --date, --since) and a sheet's date cells:
2025/8, 2025.8, 2025年8月 and 2025年8月31日 typed are read as a date cell holding them is, a month
meaning its end; forms that cannot be told (2025.1, 8月末 with no year) are refused in one line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import ExitCode, app
from ledger import parse_date, read_ledger
from ledger.sheet_dates import sheet_date


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2025/8", date(2025, 8, 31)),
        ("2025.8", date(2025, 8, 31)),
        ("2025.08", date(2025, 8, 31)),
        ("2025年8月", date(2025, 8, 31)),
        ("2025年8月31日", date(2025, 8, 31)),
        ("2025年8月15日", date(2025, 8, 15)),
        ("2025年八月", date(2025, 8, 31)),
        ("2025年8月末", date(2025, 8, 31)),
        ("2025/8/15", date(2025, 8, 15)),
        ("2025.08.15", date(2025, 8, 15)),
        ("２０２５年８月", date(2025, 8, 31)),
        ("2025-02", date(2025, 2, 28)),
        ("2025Q3", date(2025, 9, 30)),
    ],
)
def test_the_forms_a_date_cell_takes_are_typed_dates(typed: str, day: date) -> None:
    assert parse_date(typed) == day == sheet_date(typed, None)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("2025.1", "'2025.1' may be January or October (a sheet that holds 2025.10 as a number writes it 2025.1); "
         "write 2025-01 or 2025-10"),
        ("8月末", "'8月末' names no year; write it with its year, YYYY-08"),
        ("2025年3-8月", "'2025年3-8月' is a period from month 3, not from January; write the as-of date, 2025-08"),
        ("2025/2/30", "'2025/2/30' is not a date; use 2025-03-31, 2025-03 (month end), 2025年3月, 2025年3月31日 "
         "or 2025Q1 (quarter end)"),
    ],
)  # fmt: skip
def test_forms_that_cannot_be_told_are_refused_in_one_line(typed: str, said: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_date(typed)
    assert str(refused.value) == said


def test_as_of_and_date_take_the_sheet_forms(runner: CliRunner, workdir: Path) -> None:
    result = runner.invoke(app, ["record", "industrial-output", "842.7", "--date", "2025年8月"])
    assert result.exit_code == 0, result.output
    assert read_ledger(workdir / "progress.toml")[-1].date == date(2025, 8, 31)
    result = runner.invoke(app, ["record", "value-added-growth", "5.8", "--date", "2025年8月15日"])
    assert result.exit_code == 0, result.output
    assert read_ledger(workdir / "progress.toml")[-1].date == date(2025, 8, 15)
    for typed in ("2025/8", "2025.8", "2025年8月", "2025年8月31日"):
        doc = json.loads(runner.invoke(app, ["status", "-f", "json", "--as-of", typed]).stdout)
        assert doc["as_of"] == "2025-08-31"
    since = runner.invoke(app, ["log", "--since", "2025年8月", "--until", "2025/8/20", "-f", "json"])
    assert [e["date"] for e in json.loads(since.stdout)["entries"]] == ["2025-08-15"]


def test_ambiguous_as_of_is_refused_in_one_line(runner: CliRunner, workdir: Path) -> None:
    result = runner.invoke(app, ["status", "--as-of", "2025.1"])
    assert result.exit_code == ExitCode.USAGE
    # CliRunner shows click's usage lines; main() prints the last one alone, as "error: …"
    assert result.stderr.strip().splitlines()[-1] == (
        "Error: Invalid value for '--as-of': '2025.1' may be January or October (a sheet that holds 2025.10 as a "
        "number writes it 2025.1); write 2025-01 or 2025-10"
    )


_year = st.integers(1990, 2099)
_month = st.integers(0, 13)
_day = st.integers(0, 32)
_forms = st.one_of(
    st.builds("{}/{}".format, _year, _month),
    st.builds("{}.{}".format, _year, _month),
    st.builds("{}.{:02d}".format, _year, _month),
    st.builds("{}-{:02d}".format, _year, _month),
    st.builds("{}年{}月".format, _year, _month),
    st.builds("{}年{}月{}日".format, _year, _month, _day),
    st.builds("{}年{}月末".format, _year, _month),
    st.builds("{}年1-{}月".format, _year, _month),
    st.builds("{}/{}/{}".format, _year, _month, _day),
    st.builds("{}.{:02d}.{:02d}".format, _year, _month, _day),
    st.builds("{}-{:02d}-{:02d}".format, _year, _month, _day),
    st.builds("{}Q{}".format, _year, st.integers(0, 5)),
    st.builds("{}月末".format, _month),
    st.text(alphabet="0123456789年月日末底-/.Q 至", max_size=14),
)


def _read(reader, text: str) -> date | str:
    try:
        return reader(text)
    except ValueError:
        return "refused"


@given(_forms)
def test_a_typed_date_and_a_date_cell_read_alike(text: str) -> None:
    typed = _read(parse_date, text)
    cell = _read(lambda t: sheet_date(t, None), text)
    assert typed == cell
