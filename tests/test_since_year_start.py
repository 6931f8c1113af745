"""The year so far said from its start (the n19 trial's c06): ``1月至今累计（亿元）`` ("January up to
now") was read as January's: the ``--map`` the refusal offered recorded the 1—8月 total 842.7 as of
2025-01-31, and without a title the refusal asked for ``--date 2025-01``. ``1月以来``, ``自年初`` and
``1月至今新增`` likewise. Every wording of "from January, or the year's start, up to now" is the year
so far: a running total dated by the sheet, never January's."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger.column_kinds import describe
from tests.helpers import exported, import_text

_YEAR_TITLE = "临平经开区主要经济指标（2025年）\n指标名称,1月至今累计（亿元）\n规上工业总产值,842.7\n"
_NO_TITLE = "指标名称,1月至今累计（亿元）\n规上工业总产值,842.7\n"


def test_c06_january_to_date_is_never_dated_january(runner: CliRunner, workdir: Path) -> None:
    mapped = ("--map", "1月至今累计（亿元）=value")
    result = import_text(runner, workdir, "y.csv", _YEAR_TITLE, *mapped)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: y.csv: row 3: no date; add a date column, or give --date YYYY-MM, the month its figures are for"
    ]
    result = import_text(runner, workdir, "n.csv", _NO_TITLE, *mapped)
    assert result.exit_code == 1 and "2025-01" not in result.stderr
    # dated by the sheet: the title's 1-8月, or --date
    titled = _YEAR_TITLE.replace("（2025年）", "（2025年1-8月）")
    result = import_text(runner, workdir, "t.csv", titled)
    assert result.exit_code == 0, result.output
    result = import_text(runner, workdir, "d.csv", _NO_TITLE.replace("842.7", "730.3"), "--date", "2025-07")
    assert result.exit_code == 0, result.output
    assert exported(runner) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("industrial-output", "2025-07-31", 730.3, "亿元"),
    ]


def test_a_title_from_january_to_now_names_no_month(runner: CliRunner, workdir: Path) -> None:
    for title in ("临平经开区2025年1月至今主要经济指标", "2025年1月以来主要经济指标", "2025年1月1日起主要经济指标"):
        result = import_text(runner, workdir, "t.csv", f"{title}\n指标名称,完成值\n规上工业总产值,842.7\n")
        assert result.exit_code == 1 and "no date" in result.stderr, (title, result.output)
    assert not (workdir / "progress.toml").exists()


_STARTS = ["1月", "1月份", "一月", "元月", "1月1日", "年初"]
_TO_NOW = ["至今", "到今", "以来", "起", "开始", "迄今", "至目前", "到现在", "至本月"]
_BEFORE = ["", "自", "从", "今年", "本年", "自今年", "2025年"]
_FIGURES = ["累计", "新增", "完成", "累计完成", "累计新增", "完成值", ""]


@given(st.sampled_from(_BEFORE), st.sampled_from(_STARTS), st.sampled_from(_TO_NOW), st.sampled_from(_FIGURES),
       st.sampled_from(["", "（亿元）", "(万平方米)"]), st.booleans())  # fmt: skip
def test_every_wording_from_the_years_start_is_the_year_so_far(
    before: str, start: str, to_now: str, figure: str, unit: str, mapped: bool
) -> None:
    header = f"{before}{start}{to_now}{figure}{unit}"
    column = describe(header, "value" if mapped else None)
    assert column.field == "value" and column.running_total, header
    assert column.months is None, header  # dated by the sheet, never month 1


@given(st.sampled_from(["自", "从"]), st.sampled_from(_STARTS), st.sampled_from(_FIGURES[:5]))
def test_from_the_start_without_now_is_the_year_so_far_too(word: str, start: str, figure: str) -> None:
    column = describe(f"{word}{start}{figure}")
    assert column.field == "value" and column.running_total and column.months is None


def test_what_is_no_start_of_the_year_is_read_as_before() -> None:
    assert describe("1月累计").months == 1  # January's own running total
    assert describe("年初数").field is None  # the level at the year's start
    assert describe("至今累计").field is None  # since when is not said (开工至今)
    assert describe("自年初至8月累计").months == 8  # a span: 1—8月
    assert describe("1月新增").field == "month_value"
