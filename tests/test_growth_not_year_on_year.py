"""Growth that is not year-on-year is never a rate's figure (the n11 trial's c12): growth over an
earlier part of the year (比上季度增长%), since last year's end (比年初增长%), an average of several
years (两年平均增长%) and a contribution (增长贡献率%) are listed as not used, never offered to keep
beside the real 同比增长%."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger.column_kinds import AVERAGE, CONTRIBUTION, EARLIER_PART, NOT_GROWTH, SINCE_YEAR_END, describe
from tests.helpers import exported, import_text

_TITLE = "临平经开区2025年1-8月主要经济指标\n"
_KINDS = {
    EARLIER_PART: ["比上季度增长", "较一季度增长", "比上半年增长", "较上季度增速", "比上期增长", "比第二季度增长", "较二季度增幅"],
    SINCE_YEAR_END: ["比年初增长", "比上年末增长", "较年初增长", "比去年底增长", "较上年底增速", "比上年12月增长"],
    AVERAGE: ["两年平均增长", "三年平均增长", "年均增长", "两年平均增速", "年平均增长率", "平均增速"],
    CONTRIBUTION: ["增长贡献率", "贡献率", "拉动增长"],
}  # fmt: skip
_BRACKETS = ["", "(%)", "（%）", "%", "（％）"]


@given(st.sampled_from([(why, h) for why, hs in _KINDS.items() for h in hs]), st.sampled_from(_BRACKETS))
def test_growth_that_is_not_year_on_year_gives_no_field_and_says_why(kind: tuple[str, str], bracket: str) -> None:
    why, header = kind
    column = describe(header + bracket)
    assert (column.field, column.why) == (None, why)
    assert why in NOT_GROWTH  # named as what it is in a rate's refusal, never offered to --map


@given(st.sampled_from(["同比增长", "增速", "比上年同期增长", "比上年增长", "较上年同期增长", "累计增速", "1-8月同比增长"]),
       st.sampled_from(_BRACKETS))  # fmt: skip
def test_year_on_year_growth_is_still_growth(header: str, bracket: str) -> None:
    assert describe(header + bracket).field == "growth"


def test_c12_growth_over_an_earlier_quarter_is_not_recorded(runner: CliRunner, workdir: Path) -> None:
    sheet = _TITLE + "指标名称,1-8月累计（亿元）,比上季度增长(%)\n规模以上工业增加值,180.3,1.2\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "note: s.csv: columns not used: 比上季度增长(%) (growth over an earlier part of the year (环比), not year-on-year)"
    )
    assert exported(runner) == []


def test_c12_the_two_year_average_is_not_offered_beside_the_years_growth(runner: CliRunner, workdir: Path) -> None:
    sheet = _TITLE + "指标名称,1-8月累计（亿元）,同比增长(%),两年平均增长(%)\n规模以上工业增加值,180.3,5.8,4.2\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 0, result.output
    assert "两年平均增长(%) (an average growth over several years" in result.stderr
    assert exported(runner) == [("value-added-growth", "2025-08-31", 5.8, "%")]
