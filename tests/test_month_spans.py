"""A span of months written with 月 on both ends (``2025年1月-8月``, ``1月至8月``, ``1月—2025年8月``,
``1月1日至8月31日``) reads as the span 1—8月, in a title, a header and a date line, as ``1-8月``
does: its first month was taken for the period, and the sheet filed as January's. A bulletin's
title naming the month it was published and the months of its data (``2025年9月快报（1-8月数据）``)
is dated by the data; two periods that cannot be told apart are refused.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger.dates import month_end
from ledger.header_words import digit_months
from ledger.month_spans import data_months, join_spans, unread_span

from .helpers import exported, import_text

ROWS = "指标名称,本年累计,增速%\n规模以上工业总产值,842.7,4.1\n"
AUGUST = [("industrial-output", "2025-08-31", 842.7, "亿元")]


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("2025年1月-8月", "2025年1-8月"),
        ("2025年1月至8月", "2025年1-8月"),
        ("2025年1月—8月", "2025年1-8月"),
        ("2025年1月——8月", "2025年1-8月"),
        ("2025年1月~8月", "2025年1-8月"),
        ("2025年1月到8月", "2025年1-8月"),
        ("2025年1月 至 8月", "2025年1-8月"),
        ("2025年1月份-8月份", "2025年1-8月份"),
        ("2025年1月—2025年8月", "2025年1-8月"),
        ("2025年1月1日至8月31日", "2025年1-8月"),
        ("2025年1月1号-8月31号", "2025年1-8月"),
        ("2024年1月1日至2月29日", "2024年1-2月"),
        ("1月1日至2月28日", "1-2月"),  # no year: February's 28th or 29th may be its end
        ("1月-8月累计", "1-8月累计"),
        ("统计时间：2025年1月-8月", "统计时间：2025年1-8月"),
        ("2025年7月-9月", "2025年7-9月"),  # not from January: read as 7-9月 is
        ("2025年8月1日至8月31日", "2025年8月"),
        # From 1月1日 to a day within a month: the year so far to that day, as 截至 says it
        ("2025年1月1日至8月15日", "截至2025年8月15日"),
        # What is no span of whole months in one year stays, for unread_span to find
        ("2025年1月5日至8月31日", "2025年1月5日至8月31日"),
        ("2024年12月至2025年8月", "2024年12月至2025年8月"),
        ("2025年8月至1月", "2025年8月至1月"),
        ("2025年12月", "2025年12月"),
        ("2025年12月-2025年12月", "2025年12月"),
    ],
)
def test_join_spans(text: str, joined: str) -> None:
    assert join_spans(text) == joined
    assert (unread_span(joined) is None) == (joined != text or "月" not in text.split("月", 1)[1])


def test_chinese_numerals_join_too() -> None:
    """一月至八月 is 1月至8月 (digit_months), then 1-8月."""
    assert digit_months("2025年一月至八月") == "2025年1-8月"
    assert digit_months("一月份-八月份累计") == "1-8月份累计"


@pytest.mark.parametrize(
    "title",
    [
        "临平经开区2025年1月-8月主要经济指标",
        "临平经开区2025年1月至8月主要经济指标",
        "临平经开区2025年1月—8月主要经济指标",
        "临平经开区2025年1月1日至8月31日主要经济指标",
        "临平经开区2025年1月—2025年8月主要经济指标",
        "临平经开区２０２５年１月～８月主要经济指标",  # full width
        "临平经开区2025年1月〜8月主要经济指标",  # the wave dash
        "临平经开区2025年1月份到8月份主要经济指标",
        "临平经开区2025年一月至八月主要经济指标",
        "2025年1月起至8月主要经济指标",
        "2025年1月1日起至8月31日主要经济指标",
    ],
)
def test_a_title_span_dates_its_last_month(workdir: Path, runner: CliRunner, title: str) -> None:
    """Every figure was filed as of 2025-01-31; the span is 1—8月, dated August's end."""
    done = import_text(runner, workdir, "s.csv", f"{title}\n{ROWS}")
    assert done.exit_code == 0, done.output
    assert sorted(exported(runner)) == AUGUST


def test_a_header_span_is_the_running_total(workdir: Path, runner: CliRunner) -> None:
    """'1月-8月累计' was not understood, and the --map offered filed 842.7 as of 2025-01-31: it
    is 1-8月累计, read without a --map, and with one."""
    text = "临平经开区2025年主要经济指标\n指标名称,1月-8月累计\n规模以上工业总产值,842.7\n"
    done = import_text(runner, workdir, "s.csv", text, "--dry-run")
    assert done.exit_code == 0, done.output
    assert "as of 2025-08-31" in done.stdout and "a running total (1—N月累计)" in done.stdout
    done = import_text(runner, workdir, "s.csv", text, "--map", "1月-8月累计=value")
    assert done.exit_code == 0, done.output
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


def test_a_date_line_span(workdir: Path, runner: CliRunner) -> None:
    """统计时间：2025年1月-8月 above the header dated the sheet 2025-01-31."""
    text = "临平经开区主要经济指标\n统计时间：2025年1月-8月\n指标名称,本年累计\n规模以上工业总产值,842.7\n"
    done = import_text(runner, workdir, "s.csv", text)
    assert done.exit_code == 0, done.output
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


def test_a_date_column_span(workdir: Path, runner: CliRunner) -> None:
    """A date column's 2025年1月至8月 is the as-of date 2025-08-31, as 2025年1-8月 is."""
    text = "指标名称,截至日期,完成值\n规模以上工业总产值,2025年1月至8月,842.7\n"
    done = import_text(runner, workdir, "s.csv", text)
    assert done.exit_code == 0, done.output
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


def test_a_span_not_from_january_is_part_of_the_year(workdir: Path, runner: CliRunner) -> None:
    """7月-9月 is 7-9月: its months' own figures, refused as a sheet's only figure, as 7-9月 is."""
    text = "临平经开区2025年主要经济指标\n指标名称,7月-9月\n规模以上工业总产值,842.7\n"
    done = import_text(runner, workdir, "s.csv", text)
    assert done.exit_code == 1
    assert done.stderr == (
        "error: s.csv: column '7月-9月' (B) holds the figures of 7—9月 alone, not the year so far (1—9月): tracker "
        "records 1—N月 totals and growth and one month's additions; import the 1—9月 sheet or 9月's own additions, "
        "or use `tracker record`\n"
    )


def test_a_span_of_days_is_refused(workdir: Path, runner: CliRunner) -> None:
    """From the 5th of January the figures are no 1—8月: refused, not read as January's."""
    title = "临平经开区2025年1月5日至8月31日主要经济指标"
    done = import_text(runner, workdir, "s.csv", f"{title}\n{ROWS}")
    assert done.exit_code == 1
    assert done.stderr == (
        f"error: s.csv: '{title}' (cell A1) names '2025年1月5日至8月31日', days that are no span of whole months; "
        "write the months it is for (2025年1-8月)\n"
    )
    assert exported(runner) == []


@pytest.mark.parametrize(
    ("title", "day"),
    [
        ("临平经开区2025年9月快报（1-8月数据）", "2025-08-31"),
        ("临平经开区2025年9月快报(1-8月数据)", "2025-08-31"),
        ("临平经开区2025年9月快报（1月-8月数据）", "2025-08-31"),
        ("临平经开区2025年9月月报（2025年1-8月）", "2025-08-31"),
        ("临平经开区2025年9月简报 1-8月", "2025-08-31"),
        ("临平经开区2025年9月主要经济指标（1-8月）", "2025-08-31"),
        ("临平经开区2025年9月快报 1-8月数据", "2025-08-31"),
        ("临平经开区2026年1月月报（1-12月数据）", "2025-12-31"),  # data cannot come after the bulletin
        ("临平经开区2025年9月快报（8月份数据）", "2025-08-31"),
        ("临平经开区2025年9月快报（一至八月数据）", "2025-08-31"),
    ],
)
def test_a_bulletin_takes_its_data_period(workdir: Path, runner: CliRunner, title: str, day: str) -> None:
    """Published in September with 1—8月's figures: dated 2025-08-31, never September's end."""
    done = import_text(runner, workdir, "s.csv", f"{title}\n{ROWS}")
    assert done.exit_code == 0, done.output
    assert {d for _, d, _, _ in exported(runner)} == {day}


def test_two_periods_in_a_title_are_refused(workdir: Path, runner: CliRunner) -> None:
    """Nothing says which of 2025年9月 and 1-8月 the figures are for."""
    title = "临平经开区2025年9月 1-8月主要经济指标"
    done = import_text(runner, workdir, "s.csv", f"{title}\n{ROWS}")
    assert done.exit_code == 1
    assert done.stderr == (
        f"error: s.csv: '{title}' (cell A1) names two periods, '2025年9月' and '1-8月'; which is it? correct the sheet\n"
    )
    assert exported(runner) == []


def test_one_period_twice_is_one(workdir: Path, runner: CliRunner) -> None:
    """2025年8月 with （8月） in its brackets names one month: August."""
    done = import_text(runner, workdir, "s.csv", f"临平经开区2025年8月主要经济指标（8月）\n{ROWS}")
    assert done.exit_code == 0, done.output
    assert sorted(exported(runner)) == AUGUST


# The forms a span is written in: the separator, 份, the days, the year again on the end, width.
_SEPS = ["-", "—", "——", "–", "~", "～", "〜", "至", "到", "－", " 至 "]


@st.composite
def _spans(draw: st.DrawFn, plan_year: bool = False) -> tuple[str, int, int, int]:
    year = 2025 if plan_year else draw(st.integers(2020, 2030))
    last = draw(st.integers(2, 12))
    first = draw(st.sampled_from([1, 1, 1, draw(st.integers(1, last))]))
    fen = draw(st.sampled_from(["", "份"]))
    days = draw(st.booleans())
    again = draw(st.booleans())
    start = f"{first}月{fen}" + ("1日" if days else "")
    end = (f"{year}年" if again else "") + f"{last}月{fen}" + (f"{month_end(year, last).day}日" if days else "")
    text = f"{year}年{start}{draw(st.sampled_from(_SEPS))}{end}"
    if draw(st.booleans()):  # full width, as a sheet typed with a Chinese input method has it
        text = text.translate(str.maketrans("0123456789-~", "０１２３４５６７８９－～"))
    return text, year, first, last


@settings(max_examples=2000, deadline=None)
@given(_spans())
def test_every_span_form_joins(span: tuple[str, int, int, int]) -> None:
    """Whatever its form, a span of whole months reads as first-last月 of its year."""
    text, year, first, last = span
    joined = digit_months(unicodedata.normalize("NFKC", text))
    want = f"{year}年{last}月" if first == last else f"{year}年{first}-{last}月"
    assert re.sub("份", "", joined) == want
    assert unread_span(joined) is None


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(_spans(plan_year=True))  # the shipped plan's year
def test_every_title_span_dates_its_last_month(
    workdir: Path, runner: CliRunner, span: tuple[str, int, int, int]
) -> None:
    """A title naming 1—M月 in any form dates the sheet M月's end; one from another month reads
    as that part of the year (本年累计 still the year so far, dated the span's end)."""
    text, year, _first, last = span
    done = import_text(runner, workdir, "s.csv", f"临平经开区{text}主要经济指标\n{ROWS}", "--dry-run")
    assert done.exit_code == 0, done.output
    assert set(re.findall(r"as of (\S+)", done.stdout)) == {str(month_end(year, last))}


@settings(max_examples=500, deadline=None)
@given(
    st.integers(2020, 2030),
    st.integers(1, 12),
    st.integers(1, 12),
    st.sampled_from(
        ["（1-{m}月数据）", "(1-{m}月)", "（1月至{m}月数据）", " 1-{m}月数据", "：1-{m}月", "（{m}月份数据）"]
    ),
    st.sampled_from(["快报", "月报", "简报"]),
)
def test_every_bulletin_names_its_data(year: int, published: int, data: int, form: str, word: str) -> None:
    """``Y年P月快报（1-D月数据）`` is dated D月's end: of Y when D ≤ P, else of the year before."""
    norm = digit_months(unicodedata.normalize("NFKC", f"临平经开区{year}年{published}月{word}{form.format(m=data)}"))
    pos = norm.index(f"{published}月") + len(f"{published}月")
    got = data_months(norm, pos, year, published)
    assert got is not None
    assert (got[0], got[2]) == ((year if data <= published else year - 1), data)


def test_a_header_span_with_its_year_on_both_ends(workdir: Path, runner: CliRunner) -> None:
    """2025年1月-2025年8月累计 is 2025年1-8月累计: its year is taken off after the span is joined."""
    text = "临平经开区2025年主要经济指标\n指标名称,2025年1月-2025年8月累计\n规模以上工业总产值,842.7\n"
    done = import_text(runner, workdir, "s.csv", text)
    assert done.exit_code == 0, done.output
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


def test_a_header_span_of_days_gives_no_month(workdir: Path, runner: CliRunner) -> None:
    """1月5日-8月31日累计 names no months: not used, and mapped it is not dated January."""
    text = "临平经开区2025年主要经济指标\n指标名称,1月5日-8月31日累计\n规模以上工业总产值,842.7\n"
    done = import_text(runner, workdir, "s.csv", text)
    assert done.exit_code == 1
    assert (
        "'1月5日-8月31日累计' (B) is a span of days, not of whole months: write the months (1-8月累计)" in done.stderr
    )
    assert "--map" not in done.stderr
    done = import_text(runner, workdir, "s.csv", text, "--map", "1月5日-8月31日累计=value")
    assert done.exit_code == 1
    assert done.stderr == (
        "error: s.csv: row 3: no date; add a date column, or give --date YYYY-MM, the month its figures are for\n"
    )
    assert exported(runner) == []


@given(
    st.sampled_from(["", "2025年"]),
    st.integers(2, 12),
    st.sampled_from(
        ["{a}月起至{b}月", "{a}月份起至{b}月份", "{a}月1日起至{b}月{d}日", "{a}月起到{b}月", "{a}月起—{b}月"]
    ),
)
def test_a_span_said_from_its_start_joins(year: str, last: int, form: str) -> None:
    day = month_end(2025, last).day
    text = year + form.format(a=1, b=last, d=day)
    joined = join_spans(text)
    assert joined in (f"{year}1-{last}月", f"{year}1-{last}月份"), text
