"""A figure a program wrote from a binary float (pandas' to_csv, json.dumps: 5.800000000000001)
is read from CSV, JSON Lines and TOML as Excel shows it, to 15 significant digits, as the same
value in an .xlsx cell is; a figure still beyond the ledger's range is refused saying why."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from openpyxl import Workbook
from typer.testing import CliRunner

from cli import ExitCode, app
from ledger import read_ledger
from ledger.numbers import excel_digits, parse_number
from ledger.xlsx_formats import excel_number


def _files(folder: Path, value: str) -> list[Path]:
    (folder / "a.csv").write_text(f"target,date,value\nvalue-added-growth,2025-08-31,{value}\n", encoding="utf-8")
    line = f'{{"target":"value-added-growth","date":"2025-08-31","value":{value}}}\n'
    (folder / "a.jsonl").write_text(line, encoding="utf-8")
    toml = f'[[entry]]\ntarget = "value-added-growth"\ndate = 2025-08-31\nvalue = {value}\n'
    (folder / "a.toml").write_text(toml, encoding="utf-8")
    book = Workbook()
    book.active.append(["target", "date", "value"])
    book.active.append(["value-added-growth", "2025-08-31", float(value)])
    book.save(folder / "a.xlsx")
    return [folder / f"a.{ext}" for ext in ("xlsx", "csv", "jsonl", "toml")]


def test_a_binary_leftover_imports_as_excel_shows_it_from_every_format(runner: CliRunner, workdir: Path) -> None:
    for n, path in enumerate(_files(workdir, "5.800000000000001")):
        ledger = workdir / f"l{n}.toml"
        result = runner.invoke(app, ["import", str(path), "--ledger", str(ledger)])
        assert result.exit_code == 0, (path, result.stderr)
        [e] = read_ledger(ledger)
        assert (e.value, str(e.value)) == (Decimal("5.8"), "5.8"), path


def test_a_figure_with_too_many_decimal_places_is_refused_saying_so(runner: CliRunner, workdir: Path) -> None:
    for path in _files(workdir, "0.000000000001234")[1:]:  # 13 decimal places, four significant digits
        result = runner.invoke(app, ["import", str(path)])
        assert result.exit_code == ExitCode.ERROR
        row = 2 if path.suffix == ".csv" else 1
        assert result.stderr == (
            f"error: {path}: row {row}: value-added-growth: '0.000000000001234' is out of range; it has 15 "
            "decimal places, and figures have at most 10: round it; give a plain number such as 318.6 or -4.6\n"
        )
    assert not (workdir / "progress.toml").exists()


@pytest.mark.parametrize(
    ("text", "read"),
    [("5.800000000000001", "5.8"), ("0.30000000000000004", "0.3"), ("-5.800000000000001", "-5.8"),
     ("1234567.8900000001", "1234567.89"), ("100.00000000000001", "100"), ("5.8000000000000000", "5.8"),
     ("680.10", "680.10"), ("318.6", "318.6"), ("0.000000000001234", "0.000000000001234"),
     ("1234567890123456", "1234567890123456"), ("1e-5", "1e-5"), ("12,5", "12,5")],
)  # fmt: skip
def test_excel_digits(text: str, read: str) -> None:
    assert excel_digits(text) == read


finite = st.floats(min_value=-1e14, max_value=1e14, allow_nan=False, allow_infinity=False)


@given(finite)
def test_a_floats_text_reads_as_its_xlsx_cell_does(x: float) -> None:
    text = repr(x)
    assume("e" not in text)
    digits = text.lstrip("-").replace(".", "").lstrip("0")
    assume(digits[15:].rstrip("0") != "5")  # a tie in the text, which the double itself may not be
    assert Decimal(excel_digits(text)) == excel_number(x)


cents = st.decimals(min_value=0, max_value=10**7, places=2)


@given(cents, cents)
def test_a_sum_a_program_wrote_is_read_as_the_sum(a: Decimal, b: Decimal) -> None:
    # 12.5 + 0.8 computed in binary and written out: the figure meant, as Excel would show it.
    assert parse_number(excel_digits(repr(float(a) + float(b)))) == a + b
