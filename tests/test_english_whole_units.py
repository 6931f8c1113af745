"""English figures in a unit finer than the plan's are whole units (README, "How progress is
counted": "in whole m², people or yuan at the least"): 万平方米 → m², 万人 → people, 万元 → CNY.
The current, the month's figure, the forecast, the pace needed, the shortfall and the goal are
all shown by one rule, in every output, so a forecast never shows hundredths of a square metre
beside a current in whole ones."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.render.text import amount, figure
from tests.helpers import write_plan

REV = '\n[[target]]\nid = "rev"\naction = "a"\nname = "营业收入"\nkind = "total"\nunit = "万元"\ntarget = 1000000\n'


def ok(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def lines_with(text: str, word: str) -> list[str]:
    return [line for line in text.splitlines() if word in line]


def test_twenty_mu_in_english_is_whole_square_metres_everywhere(workdir: Path, runner: CliRunner) -> None:
    # 20 亩 = 13,333.33… m² by June, half the year: forecast 26,666.67 → 26,667 m²; the pace needed
    # (500,000 − 13,333.33…) / 6 = 81,111.11… → 81,111 m²; whole, as the current's 13,333.
    ok(runner, "record", "innovation-space", "20", "--unit", "亩", "--date", "2025-06")
    table = ok(runner, "status", "--as-of", "2025-06", "--lang", "en")
    assert lines_with(table, "New innovation") == [
        "New innovation       500,000 m²  13,333 06-30 2.6%        50.0% behind    26,667"
    ]
    report = ok(runner, "report", "--as-of", "2025-06", "--lang", "en")
    assert lines_with(report, "| New innovation") == [
        "| New innovation space | 500,000 m² | 13,333 | 06-30 | 2.6% | 50.0% | behind | 47.4 pp behind schedule"
        " | 26,667 |"
    ]
    show = ok(runner, "show", "innovation-space", "--as-of", "2025-06", "--lang", "en")
    assert lines_with(show, "Forecast") == ["Forecast: 26,667 m²  needed per month: 81,111 m²"]


def test_a_goal_in_wan_yuan_is_whole_yuan_in_english(tmp_path: Path, runner: CliRunner, monkeypatch) -> None:
    # 42,500.5 万元 by May (5 of 12 months): forecast 42,500.5 × 12 / 5 = 102,001.2 万元 =
    # CNY 1,020,012,000; needed (1,000,000 − 42,500.5) / 7 = 136,785.64… 万元 a month =
    # CNY 1,367,856,428.57… → CNY 1,367,856,429, never a fraction of a yuan.
    write_plan(tmp_path, REV)
    monkeypatch.chdir(tmp_path)
    ok(runner, "record", "rev", "42500.5", "--date", "2025-05")
    show = ok(runner, "show", "rev", "--as-of", "2025-05", "--lang", "en")
    assert lines_with(show, "Forecast") == ["Forecast: CNY 1,020,012,000  needed per month: CNY 1,367,856,429"]


WAN = st.sampled_from(["万平方米", "万人", "万元", "万家", "万美元"])


def whole(exact: Fraction) -> str:
    quotient = Decimal(exact.numerator) / Decimal(exact.denominator)
    return f"{int(quotient.quantize(Decimal(1), ROUND_HALF_UP)):,}"


@given(
    st.decimals(min_value=0, max_value=Decimal(10**6), places=6, allow_nan=False, allow_infinity=False),
    st.fractions(min_value=0, max_value=10**6, max_denominator=10**4),
    WAN,
    st.integers(min_value=0, max_value=6),
)
def test_every_english_figure_in_a_finer_unit_is_whole(value: Decimal, exact: Fraction, unit: str, places: int) -> None:
    # Recorded (as typed, or rounded from an exact figure), computed at any places, with its unit
    # named or not: never a decimal point, and the exact figure rounded once, half-up.
    value = Decimal(value)
    assert figure(value, unit, "en") == whole(Fraction(value) * 10_000)
    assert figure(value, unit, "en", places=places) == whole(Fraction(value) * 10_000)
    assert figure(value, unit, "en", exact=exact) == whole(exact * 10_000)
    named = amount(value, unit, "en", exact=exact)
    assert "." not in named and whole(exact * 10_000) in named
    assert "." not in amount(value, unit, "en")
