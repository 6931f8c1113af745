"""A rate's row whose growth cell holds a "no figure" mark (`—`, `#DIV/0!`: not yet published)
beside its quantity (180.35 亿元 of value added): passed over with a note, never refused asking for
a growth the bureau has not given, and its quantity never read as the rate; the sheet's other
rows import. A blank growth cell is still refused (tests/test_rate_columns.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import exported, import_text

SHEET = (
    "临平经开区2025年1-8月主要经济指标\n"
    "指标名称,1-8月绝对值（亿元）,1-8月增长%,8月绝对值（亿元）,8月增长%\n"
    "规模以上工业总产值,842.7,6.1,112.4,9.9\n"
    "规模以上工业增加值,180.35,{mark},24.1,9.5\n"
)


@pytest.mark.parametrize("mark", ["—", "——", "-", "/", "#DIV/0!", "#N/A", "…"])
def test_a_rate_with_no_growth_figure_is_passed_over(runner: CliRunner, workdir: Path, mark: str) -> None:
    result = import_text(runner, workdir, "g.csv", SHEET.format(mark=mark))
    assert result.exit_code == 0, result.stderr
    # An Excel error is named with its cell (docs/sheets.md: every error value is no figure).
    why = f"; C4 holds the Excel error {mark}, a formula that could not be computed" if mark.startswith("#") else ""
    assert result.stderr == (
        "note: g.csv: columns not used: 8月增长% (a single month's growth, not year-to-date)\n"
        f"note: g.csv: 1 row without a figure passed over: row 4 (规模以上工业增加值{why})\n"
    )
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]
