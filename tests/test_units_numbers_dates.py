"""Units, exact numbers and the date forms users type."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger import parse_date
from ledger.numbers import json_number, parse_number, plain
from ledger.units import UnitError, canonical, convert


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2025-03-31", date(2025, 3, 31)), ("2025-03", date(2025, 3, 31)), ("2025-02", date(2025, 2, 28)),
     ("2024-02", date(2024, 2, 29)), ("2025Q1", date(2025, 3, 31)), ("2025q4", date(2025, 12, 31)),
     (" 2025-6 ", date(2025, 6, 30))],
)  # fmt: skip
def test_dates(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2025-13", "2025Q5", "March", "2025-02-30", ""])
def test_bad_dates_say_which_forms_work(text: str) -> None:
    with pytest.raises(ValueError, match=r"use 2025-03-31, 2025-03 \(month end\), 2025年3月, 2025年3月31日 or 2025Q1"):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("318.6", "318.6"), ("-4.6", "-4.6"), ("−4.6", "-4.6"), ("1,360", "1360"), ("1,360.25", "1360.25"), ("+5", "5")],
)
def test_parse_number(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["abc", "nan", "inf", "-Infinity", "1,36", "12,3456", ""])
def test_parse_number_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


def test_decimal_sum_is_exact() -> None:
    assert parse_number("320.1") + parse_number("0.2") == Decimal("320.3")
    assert json_number(parse_number("320.1") + parse_number("0.2")) == 320.3


def test_json_number() -> None:
    assert json_number(Decimal("680")) == 680 and isinstance(json_number(Decimal("680.0")), int)
    assert json_number(Decimal("113.333333"), 2) == 113.33
    assert json_number(Decimal("0.291666"), 4) == 0.2917
    assert json_number(Decimal("0.00005"), 4) == 0.0001  # half-up, as statistical reports round
    assert json_number(None) is None
    assert plain(Decimal("1E+3")) == "1000"


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-(10**9), max_value=10**9))
def test_json_number_round_trips_through_text(value: Decimal) -> None:
    # Up to 15 significant digits, which every float holds exactly in text.
    number = json_number(value)
    assert Decimal(str(number)) == value


def test_conversions_are_exact() -> None:
    assert convert(Decimal(42859), "人", "万人") == Decimal("4.2859")
    assert convert(Decimal(1360), "亿元", "万元") == Decimal(13600000)
    assert convert(Decimal(50), "万平方米", "㎡") == Decimal(500000)
    assert convert(Decimal(15), "亩", "公顷") == 1
    assert convert(Decimal(1), "平方公里", "万平方米") == 100


def test_different_dimensions_are_refused_naming_both() -> None:
    with pytest.raises(UnitError, match="unit '美元' cannot be converted to '元'"):
        convert(Decimal(1), "美元", "元")
    with pytest.raises(UnitError, match="'人' cannot be converted to '家'"):
        convert(Decimal(1), "人", "家")
    with pytest.raises(UnitError, match="unknown unit 'kg'"):
        canonical("kg")
    assert canonical("m²") == "平方米"


@given(st.decimals(min_value=0, max_value=Decimal("0.99999999"), places=8))
def test_an_unmet_share_never_reaches_1_in_json(share: Decimal) -> None:
    from ledger.numbers import guard, json_number

    shown = json_number(share, 4, below=guard(share, 1))
    assert shown is not None and shown < 1
    # Half-up to four decimals, except where that would reach 1: then one step under it.
    nearest = share.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    assert Decimal(str(shown)) == (nearest if nearest < 1 else Decimal("0.9999"))


@given(st.decimals(min_value=Decimal("-0.99999999"), max_value=Decimal("-0.00000001"), places=8))
def test_a_gap_behind_schedule_never_reaches_0_in_json(gap: Decimal) -> None:
    from ledger.numbers import guard, json_number

    shown = json_number(gap, 4, below=guard(gap, 0))
    nearest = gap.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    assert shown is not None and Decimal(str(shown)) == (nearest if nearest < 0 else Decimal("-0.0001"))


def test_json_shares_round_half_up_as_reports_do() -> None:
    from ledger.numbers import guard, json_number

    # 318.6 / 1360 = 0.234264… → 0.2343; 0.25 − 0.33333… = −0.08333… → −0.0833 (not −0.0834).
    progress, gap = Decimal("318.6") / 1360, Decimal("0.25") - Decimal(1) / 3
    assert json_number(progress, 4, below=guard(progress, 1)) == 0.2343
    assert json_number(gap, 4, below=guard(gap, 0)) == -0.0833
    assert json_number(Decimal("0.99995"), 4, below=guard(Decimal("0.99995"), 1)) == 0.9999
    assert json_number(Decimal("-0.00004"), 4, below=guard(Decimal("-0.00004"), 0)) == -0.0001
    assert json_number(Decimal("1"), 4, below=guard(Decimal("1"), 1)) == 1


@given(st.decimals(min_value=0, max_value=Decimal("100000"), places=6))
def test_english_figures_convert_before_rounding(value: Decimal) -> None:
    from ledger.numbers import rounded
    from ledger.render.text import figure

    # 万平方米 → m²: the shown figure is the exact area in whole m², never a multiple of 100.
    shown = Decimal(figure(value, "万平方米", "en", places=2).replace(",", ""))
    assert shown == rounded(value * 10_000, 0)


def test_record_reads_typed_figures_as_import_reads_cells(workdir: Path) -> None:
    from typer.testing import CliRunner

    from cli import app
    from tests.test_import_export import entries

    runner = CliRunner()
    full = runner.invoke(app, ["record", "industrial-output", "３１８．６", "-d", "2025-03"])
    assert full.exit_code == 0, full.stderr
    rate = runner.invoke(app, ["record", "value-added-growth", "5%", "-d", "2025-03"])
    assert rate.exit_code == 0, rate.stderr
    wide = runner.invoke(app, ["record", "value-added-growth", "５．２％", "-d", "2025-04"])
    assert wide.exit_code == 0, wide.stderr
    wrong = runner.invoke(app, ["record", "industrial-output", "5%", "-d", "2025-04"])
    assert wrong.exit_code != 0 and "'5%' is a percentage, but industrial-output is counted in 亿元" in wrong.stderr
    values = [str(e.value) for e in entries(workdir)]
    assert values == ["318.6", "5", "5.2"]


def test_parse_number_takes_full_width_digits() -> None:
    assert parse_number("３１８．６") == Decimal("318.6")
    assert parse_number("－４．６") == Decimal("-4.6")


@given(st.integers(min_value=1, max_value=9998), st.integers(min_value=1, max_value=12))
def test_month_end_is_the_calendars_last_day(year: int, month: int) -> None:
    import calendar

    from ledger.dates import month_end

    assert month_end(year, month) == date(year, month, calendar.monthrange(year, month)[1])


def test_fixed_zones_agree_with_the_zone_database() -> None:
    """The zones answered without the zone database give the database's offset on every month
    from 1992 (China's last change was 1991) to 2100; other names still go to the database."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from ledger.dates import _FIXED_ZONES, zone

    for name in _FIXED_ZONES:
        fixed, real = zone(name), ZoneInfo(name)
        for year in range(1992, 2101):
            for month in range(1, 13):
                moment = datetime(year, month, 15, 12, tzinfo=real)
                assert moment.utcoffset() == fixed.utcoffset(moment), (name, year, month)
    assert isinstance(zone("Europe/Berlin"), ZoneInfo)
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        zone("Mars/Olympus")
