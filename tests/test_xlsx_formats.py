"""ledger.xlsx tells a date format without loading openpyxl: it must give openpyxl's answer on
every format code, since a date read as a number (or a number as a date) is a wrong figure."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from openpyxl.styles.numbers import BUILTIN_FORMATS
from openpyxl.styles.numbers import is_date_format as openpyxl_is_date_format

from ledger.xlsx_formats import is_date_format

# Pieces a number format is made of, the tricky ones included: quoted text, escaped characters,
# the character after _ and *, colours and conditions, locale sections ([$-804], [$€-407],
# [DBNum1]), elapsed time ([h], [mm], [ss]) and its look-alikes ([hhh], [H]), section separators.
_PIECES = [
    "0", "0.0", "0.00", "#,##0", "#", "?", ".", ",", "%", "E+00", "@", " ", "-", "/", ":",
    "yyyy", "yy", "y", "m", "mm", "mmm", "mmmm", "d", "dd", "ddd", "h", "hh", "s", "ss", "AM/PM",
    "e", "g", "b", "M", "D", "Y", "H", "S", "年", "月", "日", "时", "分", "秒",
    '"', '"年"', '"m"', '"d"', '"%"', '"h"', '""', '"a;b"', "\\", "\\d", "\\m", "\\y", "\\%", "\\\\",
    "_", "_)", "_d", "_m", "*", "* ", "*d", "*y",
    "[", "]", "[Red]", "[RED]", "[Blue]", "[Color10]", "[$-804]", "[$-F800]", "[$€-407]", "[$d]",
    "[DBNum1]", "[>=100]", "[h]", "[hh]", "[hhh]", "[H]", "[m]", "[mm]", "[mmm]", "[M]", "[s]", "[ss]",
    "[h]:mm", "[mm]:ss", "[y]", "[d]", ";", ";;", "\n", "\"\n\"",
]  # fmt: skip

codes = st.lists(st.sampled_from(_PIECES), max_size=8).map("".join) | st.text(max_size=12)


@settings(max_examples=3000)
@given(codes)
@example('0.0"m"')
@example('[$-804]yyyy"年"m"月"d"日"')
@example('[h]:mm;"d"')
def test_same_answer_as_openpyxl(code: str) -> None:
    assert is_date_format(code) is bool(openpyxl_is_date_format(code))


@pytest.mark.parametrize("code", sorted(set(BUILTIN_FORMATS.values())))
def test_builtin_format_codes_as_openpyxl(code: str) -> None:
    assert is_date_format(code) is bool(openpyxl_is_date_format(code))


@pytest.mark.parametrize(
    ("code", "date"),
    [
        ("yyyy-mm-dd", True), ('yyyy"年"m"月"d"日"', True), ("[$-804]yyyy年m月", True), ("[h]:mm:ss", True),
        ("mm:ss.0", True), ('0.00"m"', False), ("0.0\\d", False), ("#,##0_m", False), ("[Red]#,##0", False),
        ("[$-804]0.00", False), ("0.00;[Red]yyyy", False), ("General", False), ("@", False),
    ],
)  # fmt: skip
def test_date_formats_by_hand(code: str, date: bool) -> None:
    assert is_date_format(code) is date


def test_reading_a_workbook_does_not_load_openpyxl(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The point of the restatement: a workbook with a custom date format is read, its date a
    date, in a process that never imports openpyxl."""
    import subprocess
    import sys
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["指标名称", "数值", "截至日期"])
    ws.append(["指标1", 5.2, datetime(2025, 6, 30)])
    ws["C2"].number_format = 'yyyy"年"m"月"d"日"'
    path = tmp_path / "b.xlsx"
    book.save(path)
    script = (
        "import sys; from ledger.xlsx import read; g = read('b.xlsx', open(sys.argv[1], 'rb').read(), None); "
        "print(repr(g.rows[1][1][3])); print('openpyxl' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["datetime.datetime(2025, 6, 30, 0, 0)", "False"]
