"""A first reading (no reading of its target before it) judged against the plan's figures (the
n9 trial): a stock's first reading with a lost decimal point (3150 家 for 315 between a baseline
of 300 and a target of 340: 9.26 times the target, under the ten times a first running total is
held to), and a growth rate's first reading of the year (58 for 5.8 with last year's 3.0 % and a
target of 6 %: no reading before it to be ten times). Refused at `record` and `import` (the
quick and the general path), found by `check` in a ledger written without the checks."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import append_entries, load_plan
from ledger.first_readings import FIRST_RATE_POINTS, FIRST_RATIO
from ledger.meaning import check_ledger, check_new
from ledger.model import Plan, Target
from tests.helpers import entry, write_plan

PLAN_PATH = Path(__file__).resolve().parent.parent / "targets.toml"
SHIPPED = load_plan(PLAN_PATH)

STOCK = """
[[target]]
id = "hte-stock"
action = "a"
name = "高新技术企业总数"
kind = "total"
unit = "家"
baseline = 300
target = 340
"""


def _stock_plan(workdir: Path) -> None:
    write_plan(workdir, STOCK)


def _refused_import(runner: CliRunner, workdir: Path, sheet: str) -> str:
    """What ``tracker import`` of ``sheet`` (a CSV) says on stderr, refused with nothing written."""
    (workdir / "s.csv").write_text(sheet, encoding="utf-8")
    result = runner.invoke(app, ["import", "s.csv"])
    assert result.exit_code == 1
    assert not (workdir / "progress.toml").exists()
    return result.stderr


# --- c08: a stock's first reading with a lost decimal point --------------------------------------


def test_c08_stock_first_reading_ten_times_is_refused_and_nothing_written(runner: CliRunner, workdir: Path) -> None:
    _stock_plan(workdir)
    assert _refused_import(runner, workdir, "临平经开区科技局2025年3月\n指标名称,3月末\n高新技术企业总数,3150\n") == (
        "error: s.csv: row 3: 3150 家 as of 2025-03-31 is the first reading of a stock, 10.5 times its baseline "
        "300 家 and 9.26 times its target 340 家; is it 315 家? probably typed in another unit (万 for 亿) or with a "
        "slipped decimal point"
        "; nothing was imported; if these figures are right, import with --force\n"
    )
    # The true 315: (315 − 300) / (340 − 300) = 37.5 % against 25 % expected by the end of March.
    (workdir / "s.csv").write_text(
        "临平经开区科技局2025年3月\n指标名称,3月末\n高新技术企业总数,315\n", encoding="utf-8"
    )
    assert runner.invoke(app, ["import", "s.csv"]).exit_code == 0
    shown = runner.invoke(app, ["status", "--as-of", "2025-03", "--format", "json"])
    got = json.loads(shown.stdout)["actions"][0]["targets"][0]
    assert (got["current"], got["progress"], got["expected"]) == (315, 0.375, 0.25)


def test_c08_record_refuses_and_check_finds_one_in_a_ledger(runner: CliRunner, workdir: Path) -> None:
    _stock_plan(workdir)
    result = runner.invoke(app, ["record", "hte-stock", "31.5", "--date", "2025-03"])  # the other way
    assert result.exit_code == 1
    assert result.stderr == (
        "error: hte-stock: 31.5 家 as of 2025-03-31 is the first reading of a stock, 1/9.52 of its baseline 300 家 "
        "and 1/10.79 of its target 340 家; is it 315 家? probably typed in another unit (万 for 亿) or with a "
        "slipped decimal point; nothing was recorded; if the figure is right, keep it with --force\n"
    )
    e = entry("hte-stock", date(2025, 3, 31), "3150", n=1)
    append_entries(workdir / "progress.toml", [e])  # as an older version wrote it: no check made
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert f"entry {e.id}: 3150 as of 2025-03-31 is the first reading of a stock, 10.5 times" in result.stderr


# --- c04: a rate's first reading of the year ----------------------------------------------------


def test_c04_first_rate_reading_with_a_lost_decimal_point_is_refused(runner: CliRunner, workdir: Path) -> None:
    sheet = "临平经开区2025年1-2月主要经济指标\n指标名称,1-2月累计,同比增长(%)\n规模以上工业总产值,195.4,4.1\n"
    assert _refused_import(runner, workdir, sheet + "规模以上工业增加值,—,58\n") == (
        "error: s.csv: row 4: 58 % as of 2025-02-28 is the first reading of the rate, 19.33 times last year's 3% "
        "and 9.67 times its target 6%; is it 5.8%? a percentage typed into a cell formatted as one (5.8 shows as "
        "580%), or a slipped decimal point"
        "; nothing was imported; if these figures are right, import with --force\n"
    )
    code = runner.invoke(app, ["record", "value-added-growth", "5.8", "--date", "2025-02"]).exit_code
    assert code == 0


def test_c04_check_finds_a_first_rate_slip_and_judges_the_next_against_the_plan(
    runner: CliRunner, workdir: Path
) -> None:
    feb = entry("value-added-growth", date(2025, 2, 28), "58", n=1)
    mar = entry("value-added-growth", date(2025, 3, 31), "5.2", n=2)
    append_entries(workdir / "progress.toml", [feb, mar])
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert result.stderr.count("error:") == 1  # March's 5.2 is not judged against the slip
    assert f"entry {feb.id}: 58 as of 2025-02-28 is the first reading of the rate, 19.33 times" in result.stderr


def test_a_first_rate_reading_is_held_to_five_times_and_twenty_points() -> None:
    """Against the larger of last year's 3.0 % and the target's 6 %: 30 % is 5 times 6 but only 24
    points; 29.9 passes, 30 is refused; −15 % (a bad start) and 0.58 (a slow one) pass; 580 %
    (5.8 in a percent cell) is refused offering 5.8 %, 80 for 8 (no previous) offering 8 %."""
    cases = [("29.9", False), ("30", True), ("-15", False), ("-30", True), ("0.58", False), ("580", True)]
    for value, refused in cases:
        first = entry("value-added-growth", date(2025, 2, 28), value, n=1)
        assert bool(check_new(SHIPPED, [], [first])) is refused, value
        assert bool(check_ledger(SHIPPED, [first])) is refused, value
    [found] = check_new(SHIPPED, [], [entry("value-added-growth", date(2025, 2, 28), "580", n=1)])
    assert "is it 5.8%?" in found.message
    [found] = check_new(SHIPPED, [], [entry("service-revenue-growth", date(2025, 2, 28), "80", n=1)])
    assert found.message.startswith("80 as of 2025-02-28 is the first reading of the rate, 10 times its target 8%;")
    assert "is it 8%?" in found.message


def test_a_rate_after_a_reading_of_0_is_held_to_the_plan() -> None:
    """0.0 % in January implies nothing (no figure is ten times 0): February's 58 after it is held
    to the plan's 3.0 % and 6 % as a first reading is, and so is the 5.8 it should have been."""
    jan = entry("value-added-growth", date(2025, 1, 31), "0.0", n=1)
    feb = entry("value-added-growth", date(2025, 2, 28), "58", n=2)
    [found] = check_new(SHIPPED, [jan], [feb])
    assert found.message.startswith("58 as of 2025-02-28 is the first reading of the rate, 19.33 times")
    assert found.against == (jan.id,)
    assert [f.entry for f in check_ledger(SHIPPED, [jan, feb])] == [feb]
    assert check_new(SHIPPED, [jan], [feb._replace(value=Decimal("5.8"))]) == []


# --- the kind: any plan, real first readings pass, slipped ones are refused ---------------------

_PLAN = write_plan(Path(tempfile.mkdtemp(prefix="tracker-first-")), STOCK)
_DAYS = [date(2025, 1, 31), date(2025, 3, 31), date(2025, 6, 30), date(2025, 12, 31)]
_SCALES = [Fraction(10), Fraction(100), Fraction(10_000), Fraction(10**8)]


def _with(plan: Plan, target: Target) -> Plan:
    return plan._replace(targets=(target,), by_id={target.id: target})


def _refused(plan: Plan, e: object) -> tuple[bool, bool]:
    return bool(check_new(plan, [], [e])), bool(check_ledger(plan, [e]))  # type: ignore[list-item]


def _decimal(x: Fraction) -> str:
    return str(Decimal(x.numerator) / Decimal(x.denominator))


@settings(max_examples=300, deadline=None)
@given(
    st.decimals(Decimal("0.5"), Decimal("1000000"), places=1),
    st.fractions(Fraction(1, 2), Fraction(2), max_denominator=100),
    st.fractions(0, 1, max_denominator=100),
    st.sampled_from(_DAYS),
    st.sampled_from(_SCALES),
)
def test_a_first_stock_reading_between_its_baseline_and_target_passes_and_its_slips_are_refused(
    baseline: Decimal, ratio: Fraction, where: Fraction, day: date, scale: Fraction
) -> None:
    """A stock whose target is within twice its baseline, either way (300 → 340, 1000 → 600): a
    first reading anywhere from the smaller to the larger passes, and so does one a 1/4.9 of the
    smaller or 4.9 times the larger (a stock far off its plan is still let through); the same
    reading 10, 100, 10,000 (万) or 10⁸ (亿) times larger, or as many times smaller, is refused,
    by record/import and by check alike. (A 1/5 of the smaller, or 5 times the larger, is refused.)"""
    assume(ratio != 1)  # a target equal to its baseline is refused by the plan's checks
    target_figure = Fraction(baseline) * ratio
    target = _PLAN.targets[0]._replace(baseline=baseline, target=Decimal(_decimal(target_figure)))
    plan = _with(_PLAN, target)
    low, high = sorted((Fraction(baseline), Fraction(target.target)))  # type: ignore[arg-type]
    true = low + (high - low) * where
    assert _refused(plan, entry("hte-stock", day, _decimal(true), n=1)) == (False, False)
    for real in (low / Fraction(49, 10), high * Fraction(49, 10)):
        # check may still say the figure lies on the wrong side of the baseline (baseline_side)
        assert not check_new(plan, [], [entry("hte-stock", day, _decimal(real), n=1)]), real
    for slipped in (true * scale, true / scale):
        e = entry("hte-stock", day, _decimal(slipped), n=1)
        assert _refused(plan, e) == (True, True), slipped


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([None, Decimal("-2.5"), Decimal("0.3"), Decimal("3.0"), Decimal("8.1"), Decimal("12")]),
    st.decimals(Decimal("0.5"), Decimal("15"), places=1),
    st.fractions(Fraction(1, 2), Fraction(3, 2), max_denominator=20),
    st.sampled_from([Fraction(10), Fraction(100)]),
)
def test_a_first_rate_reading_near_its_plan_passes_and_its_slips_are_refused(
    previous: Decimal | None, goal: Decimal, near: Fraction, scale: Fraction
) -> None:
    """A growth target of 0.5 to 15 %, last year's figure any of several (or none): a first
    reading from half to 1.5 times the target passes, and so does any within 20 points of the
    larger of the two (−15 % after a bad January); the reading typed 10 times larger (a lost
    decimal point) or 100 (a percent cell) is refused when it is 20 points or more past the
    larger (5.8 → 58, 0.9 → 90 % in a percent cell; 0.9 → 9 is let pass, as a real rate may be)."""
    target = SHIPPED.target("value-added-growth")._replace(previous=previous, target=goal)
    plan = _with(SHIPPED, target)
    true = Fraction(goal) * near
    larger = max(abs(Fraction(goal)), abs(Fraction(previous or 0)))
    e = entry("value-added-growth", date(2025, 2, 28), _decimal(true), n=1)
    assert _refused(plan, e) == (False, False)
    slipped = true * scale
    expect = slipped >= larger * FIRST_RATIO and slipped - larger >= FIRST_RATE_POINTS
    e = entry("value-added-growth", date(2025, 2, 28), _decimal(slipped), n=1)
    assert _refused(plan, e) == (expect, expect)
    # A true rate at least half the larger of the two, and 2.5 % or more: its slip is always refused.
    assert expect or true < larger / 2 or true * scale < larger + FIRST_RATE_POINTS


@settings(max_examples=1500, deadline=None)
@given(
    st.sampled_from([None, "3.0", "-2.5", "1e-95", "123456.789", "1e400", "0"]),
    st.sampled_from(["6", "0.3", "-3", "2.2222222222222", "1e95", "1e-400"]),
    st.sampled_from(["ratio", "points"]),
    st.sampled_from([Fraction(0), *(s * Fraction(1, 10**k) for k in (30, 16, 15, 12, 9, 6) for s in (1, -1))]),
    st.booleans(),
    st.sampled_from([None, "0"]),
)
def test_the_quick_first_rate_verdict_never_hides_what_the_exact_check_finds(
    previous: str | None, goal: str, bound: str, nudge: Fraction, negative: bool, before: str | None
) -> None:
    """A rate's first reading (or one after a 0) put on each bound of first_rate (5 times the
    larger of previous and target, 20 points past it), a float's rounding either side and well
    off it, for figures inside and beyond the floats' range: whenever the floats clear it
    (_clear_rate with ``of.first``), the exact check (judge) finds nothing."""
    from decimal import localcontext

    from ledger.meaning import _Seen
    from ledger.quick_verdicts import _clear_rate, _Floats
    from ledger.slips import judge

    target = SHIPPED.target("value-added-growth")._replace(
        previous=None if previous is None else Decimal(previous), target=Decimal(goal)
    )
    near = max(abs(Fraction(Decimal(x))) for x in (goal, previous or "0"))
    threshold = near * FIRST_RATIO if bound == "ratio" else near + FIRST_RATE_POINTS
    exact = threshold * (1 + nudge) * (-1 if negative else 1)
    with localcontext() as context:
        context.prec = 80
        value = Decimal(exact.numerator) / Decimal(exact.denominator)
    jan = None if before is None else entry("value-added-growth", date(2025, 1, 31), before, n=1)
    feb = entry("value-added-growth", date(2025, 2, 28), "0", n=2)._replace(value=value)
    if _clear_rate(_Seen(target, True), _Floats(), feb, jan):
        assert judge(SHIPPED, target, jan, None, feb) == []
