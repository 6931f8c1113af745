"""A column of the year so far however its header words it (the n12 trial's c08): ``1月至8月新增``,
``当年新增``, ``累积新增`` were not understood, and for an increment the hint offered ``--map
'…=month_value'``; followed, the year so far (12 万平方米) was added on top of the 10 already recorded
for 1—7月 (22), and ``1月至8月新增`` mapped was refused as "for month 1". Every wording of the year
so far is a running total: checked against the additions recorded, never offered nor taken as a
month's own addition."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.column_kinds import describe, is_running_total_header
from ledger.layout import _refused_map
from tests.helpers import exported, import_text

_AUGUST = "临平经开区2025年8月创新空间建设情况\n指标名称,{}\n新增创新空间面积,12\n"


@pytest.mark.parametrize(("header", "span"), [("1月至8月新增", "1—8月"), ("当年新增", "the year so far"),
                                              ("累积新增", "the year so far"), ("1——8月新增", "1—8月")])  # fmt: skip
def test_c08_the_year_so_far_is_checked_never_added_as_the_month(
    runner: CliRunner, workdir: Path, header: str, span: str
) -> None:
    recorded = runner.invoke(
        app, ["record", "innovation-space", "10", "--date", "2025-07", "--note", "1—7月新增（补记）"]
    )
    assert recorded.exit_code == 0, recorded.output
    result = import_text(runner, workdir, "s.csv", _AUGUST.format(header))
    assert result.exit_code == 1 and "month_value" not in result.stderr
    assert result.stderr.splitlines() == [
        f"error: s.csv: row 3: innovation-space adds up its entries (kind increment), but 12 is under {header!r}, a "
        "running total; the ledger's additions make 10 万平方米 through 2025-07, so 2025-08's own addition is 12 − 10 = 2 "
        "万平方米; record it instead of the running total: tracker record innovation-space 2 --date 2025-08, or give it in "
        "a 本月 column"
    ]
    result = import_text(runner, workdir, "s.csv", _AUGUST.format(header), "--map", f"{header}=month_value")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: --map: s.csv: {header!r} holds the running total ({span}); it is never the month's own figure: import "
        "it as it is (an increment's running total is checked against its entries), or use the 本月 column"
    ]
    assert [e[2] for e in exported(runner)] == [10]


def test_a_titles_first_month_with_月_is_no_month_of_its_own(runner: CliRunner, workdir: Path) -> None:
    """``2025年1月至8月`` in a title was dated 2025-01-31 (the first month taken for the sheet's)."""
    sheet = "临平经开区2025年1月至8月主要经济指标\n指标名称,完成值\n规模以上工业总产值,842.7\n"
    result = import_text(runner, workdir, "t.csv", sheet)
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


# The property: every wording of the year so far, before or in brackets after any figure word.
_MONTH_SPANS = ["1-8月", "1—8月", "1至8月", "1~8月", "1～8月", "1到8月", "1月至8月", "1月-8月", "1月份至8月份",
                "一至八月", "一月至八月", "截至8月", "截至8月底", "8月末", "年初至8月", "自年初至8月", "前8个月", "前8月",
                "本年1-8月", "今年1至8月"]  # fmt: skip
_WORDS = ["当年", "今年", "本年", "累积", "累计", "年初至今", "今年以来", "年初以来", "本年以来", "年内", "本年度", "当年度",
          "年累计", "截至目前", "截至本月", "本月止", "今年来", "年度", "2025年"]  # fmt: skip
_ADDITIONS = ["新增", "累计新增", "完成", "新增面积", "完成值", "累计", ""]


def _year_so_far(header: str) -> None:
    column = describe(header)
    assert column.field == "value" and column.running_total, header
    assert is_running_total_header(header), header
    refused = _refused_map(header, "month_value")
    assert refused is not None and "holds the running total" in refused, header


@settings(deadline=None)  # a first call compiles patterns: no time limit on a busy machine
@given(
    st.sampled_from(_MONTH_SPANS + _WORDS), st.sampled_from(_ADDITIONS), st.sampled_from(["", "（万平方米）", "/亩"])
)
def test_every_wording_of_the_year_so_far_is_a_running_total(period: str, rest: str, unit: str) -> None:
    if rest == "" and period in ("累积", "累计"):
        rest = "值"
    _year_so_far(period + rest + unit)


@settings(deadline=None)  # a first call compiles patterns: no time limit on a busy machine
@given(st.sampled_from([*_WORDS[:12], "1-8月"]), st.sampled_from(["新增", "完成值", "新增面积"]), st.booleans())
def test_the_year_so_far_in_brackets_after_the_words_is_a_running_total(period: str, rest: str, full: bool) -> None:
    _year_so_far(f"{rest}（{period}）" if full else f"{rest}({period})")


def test_since_when_is_not_said_by_至今() -> None:
    """至今累计 may run from a project's start (开工至今), not the year's: not read as the year so far,
    and never offered or taken as the month's own figure either."""
    for header in ("至今累计", "至今新增"):
        column = describe(header)
        assert not (column.field == "value" and column.running_total), header
        assert _refused_map(header, "month_value") is not None, header


def test_a_column_not_understood_that_says_the_year_so_far_is_never_offered_as_the_month(
    runner: CliRunner, workdir: Path
) -> None:
    result = import_text(runner, workdir, "s.csv", _AUGUST.format("1-8月合计新增"))
    assert result.exit_code == 1 and "month_value" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "error: s.csv: no row has a figure in a column tracker understands (column '1-8月合计新增' (B) not "
        "understood); '1-8月合计新增' holds a running total, never the month's own addition: if it is the year so "
        "far, head it 1—N月累计 (checked against the additions recorded), else give the month's own figures (本月新增)"
    )
    result = import_text(
        runner, workdir, "s.csv", _AUGUST.format("1-8月合计新增"), "--map", "1-8月合计新增=month_value"
    )
    assert result.exit_code == 1 and "holds the running total (1—8月)" in result.stderr
    assert exported(runner) == []


def test_words_that_only_look_like_the_year_so_far_are_not() -> None:
    assert describe("当年价").field is None  # at current prices, no period
    assert describe("新增（已验收）").running_total is False
    assert (describe("1月新增").field, describe("1月新增").months) == ("month_value", 1)
    assert (describe("8月新增").field, describe("8月新增").months) == ("month_value", 8)
