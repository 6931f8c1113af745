"""The next plan's ``previous`` (上年实绩) is the year's final figure exactly, never as shown rounded:
3 亩 shown as 0.2 万平方米 is exact, 1 亩 shown as 0.0667 is not, and the next year's 同比 would start
off by what was rounded."""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ledger import units
from ledger.rollover import next_plan, proposed_schedule
from tests.helpers import entry, write_plan

_TARGET = """
[[target]]
id = "t"
action = "a"
name = "指标"
kind = "{kind}"
unit = "{unit}"
target = 100000
"""


def _previous(tmp_path: Path, kind: str, unit: str, figures: list[tuple[str, str]]) -> Decimal:
    plan = write_plan(tmp_path, _TARGET.format(kind=kind, unit=unit))
    months = [date(2025, m, 1) for m in range(13 - len(figures), 13)]
    entries = [
        entry(
            "t", date(d.year, d.month, 28 if d.month == 2 else 30 if d.month in (4, 6, 9, 11) else 31), v, n=i, unit=u
        )
        for i, (d, (v, u)) in enumerate(zip(months, figures, strict=True))
    ]
    doc = tomllib.loads(next_plan(plan, entries, 2026).text, parse_float=Decimal)
    return doc["target"][0]["previous"]


def test_one_mu_is_carried_to_eight_places_not_the_four_it_is_shown_to(tmp_path: Path) -> None:
    # 1 亩 = 2000/3 m² = 0.0666… 万平方米: shown 0.0667 (three significant digits), carried
    # 0.06666667 (the 4 places shown + 4)
    assert _previous(tmp_path, "total", "万平方米", [("1", "亩")]) == Decimal("0.06666667")


def test_an_increment_of_mu_adds_up_exactly_before_it_is_carried(tmp_path: Path) -> None:
    # 4.50 亩 + 2 亩 = 6.5 亩 = 13000/3 m² = 0.4333… 万平方米: shown 0.4333 (4 places), carried 0.43333333
    assert _previous(tmp_path, "increment", "万平方米", [("4.50", "亩"), ("2", "亩")]) == Decimal("0.43333333")
    # three of 20 亩 are exactly 4 万平方米
    assert _previous(tmp_path, "increment", "万平方米", [("20", "亩")] * 3) == Decimal(4)


def test_a_finite_conversion_is_carried_exactly(tmp_path: Path) -> None:
    assert _previous(tmp_path, "total", "万人", [("42859", "人")]) == Decimal("4.2859")
    assert _previous(tmp_path, "total", "亿元", [("1", "万元")]) == Decimal("0.0001")
    assert _previous(tmp_path, "total", "万平方米", [("1", "公顷")]) == Decimal(1)
    assert _previous(tmp_path, "total", "万平方米", [("3", "平方米")]) == Decimal("0.0003")


def test_a_figure_in_the_targets_unit_is_carried_as_typed(tmp_path: Path) -> None:
    text = next_plan(
        write_plan(tmp_path, _TARGET.format(kind="total", unit="亿元")),
        [entry("t", date(2025, 12, 31), "1341.050", n=1)],
        2026,
    ).text
    assert "previous = 1341.050 " in text  # the digits typed, trailing zero included


def test_the_proposed_schedule_is_worked_out_from_exact_figures(tmp_path: Path) -> None:
    # 1 亩 by June of 3 亩 in the year: June is 33.3 % (0.07 / 0.2 shown would make it 35.0 %)
    plan = write_plan(tmp_path, _TARGET.format(kind="total", unit="万平方米"))
    entries = [entry("t", date(2025, 6, 30), "1", n=1, unit="亩"), entry("t", date(2025, 12, 31), "3", n=2, unit="亩")]
    assert proposed_schedule(plan, plan.targets[0], entries, 1) == {"2026-06": Decimal("33.3")}


# The unit pairs of the family: area in 万平方米, money in 亿元, people in 万人.
_PAIRS = [
    ("亩", "万平方米"),
    ("平方米", "万平方米"),
    ("公顷", "万平方米"),
    ("万元", "亿元"),
    ("元", "亿元"),
    ("人", "万人"),
]
_figure = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**6), places=2, allow_nan=False)


@given(
    pair=st.sampled_from(_PAIRS),
    figures=st.lists(_figure, min_size=1, max_size=4),
    kind=st.sampled_from(["total", "increment"]),
)
def test_previous_is_the_exact_final_figure_or_within_a_ten_thousandth_of_it(
    tmp_path_factory, pair: tuple[str, str], figures: list[Decimal], kind: str
) -> None:
    source, unit = pair
    if kind == "total":
        figures = sorted(figures)  # a running total only adds months
    carried = _previous(tmp_path_factory.mktemp("p"), kind, unit, [(str(f), source) for f in figures])
    exact = [units.exact(f, source, unit) for f in figures]
    final = sum(exact, Fraction(0)) if kind == "increment" else exact[-1]
    if (final * 10**12).denominator == 1:  # a finite decimal (every pair but 亩): exactly
        assert Fraction(carried) == final
    else:  # 亩: rounded half-up, 4 places past the ones shown, never as shown
        assert abs(Fraction(carried) - final) <= Fraction(1, 2) * Fraction(10) ** carried.as_tuple().exponent
        assert abs(Fraction(carried) - final) / final < Fraction(1, 10**4)
