"""The family of a single month's own growth: a month word (本月, 当月, 单月, 月度, 本期, 当期: the one list,
header_words._MONTH_WORDS) anywhere in a growth's header, or a bare 月 leading its words (月同比%, 月增速%,
逐月增速), or such a word as the period row under a growth (增速（%） merged over 月度 | 累计). 月度同比%, 月同比%
and 月增速% were read as a rate's year-to-date growth, August's 6.9 % filed as the year's 5.8 %; the two-row
header's refusal offered a --map keeping 增速（%） 月度 as the rate's figure. A month's growth is never the
year's: passed over with a note beside the year's, refused when it is the only growth, never offered."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.column_kinds import MONTHS_GROWTH, describe
from ledger.header_words import _MONTH_WORDS
from ledger.layout import _refused_map
from tests.helpers import exported, import_text

_GROWTHS = ["同比", "同比增长", "同比增速", "增速", "增长", "增长率", "增幅", "同比增长率"]
_UNITS = ["", "%", "（%）", "(%)"]
_BARE = ["月", "逐月", "分月"]  # before a growth's words only: 月末, 月份 are no growth
_AUGUST = "临平经开区2025年8月主要经济指标\n"
_NOT_YEARS = "a single month's growth, not year-to-date"


def _headers(word: str, growth: str, unit: str) -> list[str]:
    """The ways a sheet writes a month word with a growth: before it, or after it in brackets."""
    forms = [word + growth + unit]
    if word in _MONTH_WORDS:
        forms += [f"{growth}{unit}（{word}）", f"{growth}（{word}）{unit}"]
    return forms


@given(st.sampled_from([*_MONTH_WORDS, *_BARE]), st.sampled_from(_GROWTHS), st.sampled_from(_UNITS), st.data())
def test_every_form_of_a_months_growth_is_the_months_and_never_mapped_as_the_years(
    word: str, growth: str, unit: str, data: st.DataObject
) -> None:
    header = data.draw(st.sampled_from(_headers(word, growth, unit)))
    column = describe(header)
    assert (column.field, column.why) == (None, MONTHS_GROWTH), header
    assert _refused_map(header, "growth") is not None, header


@given(st.sampled_from(_MONTH_WORDS), st.sampled_from(["增速（%）", "同比增长(%)", "增幅%", "同比"]))
def test_a_month_word_under_a_growth_in_a_two_row_header_is_the_months(word: str, growth: str) -> None:
    assert describe(f"{growth} {word}").why == MONTHS_GROWTH
    assert describe(f"{growth} 累计").field == "growth"


@pytest.mark.parametrize(
    ("header", "field"),
    [("1-8月同比%", "growth"), ("同比增长%", "growth"), ("累计同比%", "growth"), ("月度累计同比%", "growth")],
)
def test_the_years_growth_stays_the_years(header: str, field: str) -> None:
    assert describe(header).field == field


def test_an_average_months_growth_is_no_years_growth() -> None:
    assert describe("月均增长%").field is None


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # a dry run: nothing is written
@given(st.sampled_from([*_MONTH_WORDS, *_BARE]), st.sampled_from(_GROWTHS), st.sampled_from(["%", "（%）"]))
def test_beside_the_years_growth_the_months_is_passed_over_with_a_note(
    runner: CliRunner, workdir: Path, word: str, growth: str, unit: str
) -> None:
    header = word + growth + unit
    sheet = _AUGUST + f"指标名称,{header},1-8月同比增长%\n规模以上工业增加值,6.9,5.8\n"
    result = import_text(runner, workdir, "g.csv", sheet, "--dry-run")
    assert result.exit_code == 0, (header, result.stderr)
    assert result.stdout.startswith("row 3: value-added-growth = 5.8% as of 2025-08-31"), header
    assert f"{header} ({_NOT_YEARS})" in result.stderr
    assert not (workdir / "progress.toml").exists()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # refused: nothing is written
@given(st.sampled_from([*_MONTH_WORDS, *_BARE]), st.sampled_from(_GROWTHS))
def test_alone_the_months_growth_is_refused_and_no_hint_maps_it(
    runner: CliRunner, workdir: Path, word: str, growth: str
) -> None:
    header = word + growth + "%"
    result = import_text(runner, workdir, "g.csv", _AUGUST + f"指标名称,{header}\n规模以上工业增加值,6.9\n")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"error: g.csv: no row has a figure: '{header}' (B) is {_NOT_YEARS}; add the year-to-date figures "
        "(1-8月累计, or 1-8月同比增长% for a rate), or record them with `tracker record`"
    )
    assert "--map" not in result.stderr
    assert not (workdir / "progress.toml").exists()


@pytest.mark.parametrize("header", ["月度同比%", "月同比%", "月增速%"])
def test_c02_the_months_growth_beside_the_running_total_is_no_rate(
    runner: CliRunner, workdir: Path, header: str
) -> None:
    """The bureau's August table: 6.9 (August's growth) was recorded as the rate's 1—8月 growth."""
    sheet = (
        _AUGUST + f"指标名称,1-8月累计（亿元）,{header}\n规模以上工业总产值,842.7,3.1\n规模以上工业增加值,180.35,6.9\n"
    )
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"note: s.csv: columns not used: {header} ({_NOT_YEARS})",
        "error: s.csv: row 4: '规模以上工业增加值' (an alias of value-added-growth) names the quantity, not its growth "
        "rate, and the sheet has no growth column (同比增长%, 增速, ±%): 180.35 under '1-8月累计（亿元）' would be "
        f"recorded as a growth of 180.35%; '{header}' is {_NOT_YEARS}: add the 1-8月同比增长% column, or write the "
        "rate's own name (工业增加值增速) in the row",
    ]
    assert exported(runner) == []


def test_c02_growth_merged_over_monthly_and_so_far_keeps_the_years(runner: CliRunner, workdir: Path) -> None:
    """增速（%） over 月度 | 累计 was refused as two growths, offering --map '增速（%） 累计=ignore' (keep 6.9)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for row in (
        ["临平经开区2025年8月主要经济指标"],
        ["指标名称", "绝对值（亿元）", None, "增速（%）", None],
        [None, "月度", "累计", "月度", "累计"],
        ["规模以上工业总产值", 112.4, 842.7, 3.2, 4.1],
        ["规模以上工业增加值", 24.1, 180.35, 6.9, 5.8],
    ):
        ws.append(row)
    for cells in ("A2:A3", "B2:C2", "D2:E2"):
        ws.merge_cells(cells)
    wb.save(workdir / "m.xlsx")
    result = runner.invoke(app, ["import", "m.xlsx"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == f"note: m.xlsx: columns not used: 增速（%） 月度 ({_NOT_YEARS})"
    assert sorted(exported(runner)) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("value-added-growth", "2025-08-31", 5.8, "%"),
    ]
