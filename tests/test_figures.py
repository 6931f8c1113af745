"""A figure is never silently wrong (issue 13): exact units, the unit of an amendment, orders of
magnitude, duplicates, running totals fed into additions, baseline against previous — each case
with the value computed by hand, and properties over the whole kind of each."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import ExitCode, app
from ledger import Action, Entry, Kind, Plan, Status, Target, append_entries, evaluate, evaluate_target, units
from ledger.meaning import check_ledger, check_new
from ledger.numbers import from_fraction
from ledger.render import OutputFormat, RenderOptions, render_status
from tests.conftest import ROOT
from tests.helpers import RECORDED, entry, progress_of, write_plan
from tests.test_counting import TARGETS

# The plan of ../shared/cases: the counting tests' targets, with a target of 4 万平方米 for space
# and last year's growth as `previous`.
CASE = (
    TARGETS.replace("target = 50", "target = 4")
    .replace('name = "新增创新空间"', 'name = "新增创新空间面积"')
    .replace("stretch = 6\n", "stretch = 6\nprevious = 3.0\n")
)


@pytest.fixture
def case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_plan(tmp_path, CASE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def recorded_id(result) -> str:  # type: ignore[no-untyped-def]
    """The id a `record` or `amend` confirmation names: `recorded ID: …`."""
    assert result.exit_code == 0, result.stderr
    return str(result.stdout.split()[1].rstrip(":"))


def status_of(runner: CliRunner, target: str, as_of: str) -> dict:  # type: ignore[type-arg]
    out = run(runner, "status", "--format", "json", "--as-of", as_of)
    assert out.exit_code == 0, out.stderr
    return next(t for a in json.loads(out.stdout)["actions"] for t in a["targets"] if t["id"] == target)


# --- 1. Exactness across units ---------------------------------------------------------------


def test_three_times_20_mu_is_exactly_4_wan_square_metres(runner: CliRunner, case: Path) -> None:
    for month in ("2025-02", "2025-04", "2025-06"):
        assert run(runner, "record", "space", "20", "--unit", "亩", "--date", month).exit_code == 0
    t = status_of(runner, "space", "2025-06-30")
    assert (t["current"], t["progress"], t["status"]) == (4, 1, "done")
    table = run(runner, "status", "--as-of", "2025-06-30", "--lang", "en").stdout
    assert "40,000" in table and "100.0%" in table and "39,999" not in table
    zh = run(runner, "status", "--as-of", "2025-06-30", "--lang", "zh").stdout
    assert re.search(r"新增创新空间面积\s+4 万平方米\s+4 ", zh)
    year_end = run(runner, "check", "--as-of", "2025-12-31", "--fail-on", "at_risk")
    assert year_end.exit_code in (0, ExitCode.CONDITION) and ": space " not in year_end.stdout  # others may be late
    assert status_of(runner, "space", "2025-12-31")["status"] == "done"
    # One entry of 20 亩 is 4/3 万平方米: shown to the two places 亩 → 万平方米 adds, judged exactly.
    one = status_of(runner, "space", "2025-02-28")
    assert (one["current"], one["progress"]) == (1.33, 0.3333)


# --- 2. `amend` takes a bare value in the target's unit ------------------------------------------


def test_amend_takes_a_bare_value_in_the_targets_unit(runner: CliRunner, case: Path) -> None:
    first = run(runner, "record", "output", "3186000", "--unit", "万元", "--date", "2025-03")
    assert first.exit_code == 0
    assert "output = 3186000 万元 as of 2025-03-31 (= 318.6 亿元)" in first.stdout
    entry_id = recorded_id(first)
    fixed = run(runner, "amend", entry_id, "320.1", "--reason", "核实数")
    assert fixed.exit_code == 0, fixed.stderr
    assert "output = 320.1 亿元 as of 2025-03-31 (in the target's unit)" in fixed.stdout
    assert status_of(runner, "output", "2025-03-31")["current"] == 320.1
    plain = run(runner, "record", "output", "425.3", "--date", "2025-04")
    assert "(in the target's unit)" in plain.stdout
    # Without a new value the figure keeps its own unit, and the confirmation says so.
    again = run(runner, "amend", recorded_id(plain), "--note", "1—4月累计", "--reason", "备注")
    assert "425.3 亿元 as of 2025-04-30 (in the unit of the entry it corrects)" in again.stdout


def test_amend_moves_the_month_figure_into_the_new_unit(runner: CliRunner, case: Path) -> None:
    first = run(runner, "record", "output", "1000000", "--unit", "万元", "--month-value", "1000000", "-d", "2025-01")
    assert first.exit_code == 0, first.stderr
    fixed = run(runner, "amend", recorded_id(first), "105", "--reason", "核实数")
    assert fixed.exit_code == 1  # 100 亿元 for the month (the old 1000000 万元) does not add up to 105
    assert (
        "as of 2025-01-31, the plan's first month, the running total 105 亿元 should equal the month's own 100 亿元"
        in fixed.stderr
    )


def test_import_says_where_units_came_from(runner: CliRunner, case: Path) -> None:
    sheet = case / "m.csv"
    sheet.write_text("指标名称,1—3月累计,单位,截至日期\n工业总产值,3186000,万元,2025-03\n", encoding="utf-8")
    done = run(runner, "import", str(sheet))
    assert done.exit_code == 0, done.stderr
    assert "(1 in the unit of the sheet's unit column)" in done.stdout
    sheet.write_text("指标名称,1—4月累计,截至日期\n工业总产值,425.3,2025-04\n", encoding="utf-8")
    assert "(1 in its target's unit)" in run(runner, "import", str(sheet)).stdout


# --- 3. Orders of magnitude ------------------------------------------------------------------


def test_a_running_total_ten_times_what_april_implies_is_refused(runner: CliRunner, case: Path) -> None:
    assert run(runner, "record", "output", "425.3", "-d", "2025-04").exit_code == 0
    slip = run(runner, "record", "output", "5369", "-d", "2025-05", "--month-value", "111.6")
    assert slip.exit_code == ExitCode.ERROR
    # 425.3 + 111.6 = 536.9; 425.3 over 4 months scaled to 5 is 531.625, and 5369 / 531.625 = 10.1.
    assert (
        "the running total 5369 亿元 is not the previous 425.3 亿元 (2025-04-30) plus this month's 111.6 亿元 = 536.9 亿元"
        in slip.stderr
    )
    assert "5369 亿元 as of 2025-05-31 is 10.1 times what the previous reading implies" in slip.stderr
    assert "scaled to 5 months: 531.63 亿元" in slip.stderr and "--force" in slip.stderr
    assert not any("5369" in line for line in (case / "progress.toml").read_text(encoding="utf-8").splitlines())
    assert run(runner, "record", "output", "536.9", "-d", "2025-05", "--month-value", "111.6").exit_code == 0


def test_january_implies_a_year(runner: CliRunner, case: Path) -> None:
    assert run(runner, "record", "output", "110", "-d", "2025-01").exit_code == 0
    # 110 a month is 1,320 by December: 1,341.05 is 1.02 times that, 13,410 is 10.2 times.
    refused = run(runner, "record", "output", "13410", "-d", "2025-12")
    assert refused.exit_code == ExitCode.ERROR and "10.2 times" in refused.stderr
    assert run(runner, "record", "output", "1341.05", "-d", "2025-12").exit_code == 0


def test_amend_and_import_judge_the_same_way(runner: CliRunner, case: Path) -> None:
    run(runner, "record", "output", "318.6", "-d", "2025-03")
    april = recorded_id(run(runner, "record", "output", "425.3", "-d", "2025-04"))
    slip = run(runner, "amend", april, "4253", "--reason", "核实数")
    # 318.6 over 3 months is 424.8 over 4; 4253 is 10.0 times that.
    assert slip.exit_code == ExitCode.ERROR and "4253 亿元 as of 2025-04-30 is 10 times" in slip.stderr
    sheet = case / "may.csv"
    sheet.write_text("指标名称,1—5月累计,截至日期\n工业总产值,5369,2025-05\n", encoding="utf-8")
    refused = run(runner, "import", str(sheet))
    assert refused.exit_code == ExitCode.ERROR
    assert "row 2: 5369 亿元 as of 2025-05-31 is 10.1 times" in refused.stderr and "--force" in refused.stderr
    assert run(runner, "import", str(sheet), "--force").exit_code == 0
    assert run(runner, "check").exit_code == 0
    quiet = run(runner, "record", "space", "0.5", "-d", "2025-06", "--force")  # nothing to keep it over
    assert quiet.exit_code == 0 and "kept over" not in quiet.stdout


def test_an_increment_larger_than_the_target_and_rates_that_jump(runner: CliRunner, case: Path) -> None:
    big = run(runner, "record", "space", "50000", "--unit", "平方米", "-d", "2025-03")
    assert big.exit_code == ExitCode.ERROR
    assert "50000 平方米 as of 2025-03-31 is more than the whole target of 4 万平方米" in big.stderr
    assert run(runner, "record", "growth", "0.3", "-d", "2025-03").exit_code == 0
    assert run(runner, "record", "growth", "3.1", "-d", "2025-04").exit_code == 0  # rates move freely
    kept = run(runner, "record", "space", "50000", "--unit", "平方米", "-d", "2025-03", "--force")
    assert kept.exit_code == 0 and "(kept over a check)" in kept.stdout
    assert run(runner, "check").exit_code == 0  # a figure kept on purpose is not reported again


def test_additions_come_in_lumps_and_are_not_judged_against_each_other(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """innovation-space of docs/counting.md ("Meaning checks"): 0.8 万平方米, then a 30 万 m²
    building (37.5 times the 0.8 before it) is a normal addition; only the whole target of 50
    holds an increment."""
    write_plan(tmp_path, TARGETS)  # space: increment, 万平方米, target 50
    monkeypatch.chdir(tmp_path)
    assert run(runner, "record", "space", "8000", "--unit", "平方米", "-d", "2025-11").exit_code == 0
    lump = run(runner, "record", "space", "30", "-d", "2025-12")
    assert lump.exit_code == 0, lump.stderr
    assert status_of(runner, "space", "2025-12-31")["current"] == 30.8  # 0.8 + 30
    assert run(runner, "check").exit_code == 0
    # A second addition to December, recorded apart: refused unless --force (a corrected figure
    # recorded again would count twice), never for its size, a 3000th of the 30 before it.
    small = run(runner, "record", "space", "0.01", "-d", "2025-12")
    assert small.exit_code == ExitCode.ERROR
    lump_id = recorded_id(lump)
    assert small.stderr == (
        f"error: space: space 0.01 万平方米 as of 2025-12-31 would add to the 30 万平方米 already added in 2025-12 by "
        f"an earlier import or record (entry {lump_id}): both would count; nothing was recorded; if it replaces what "
        f"is there, withdraw that first (tracker void {lump_id} --reason 更正) and record it again; if both add up, "
        "keep it with --force\n"
    )
    small = run(runner, "record", "space", "0.01", "-d", "2025-12", "--force")
    assert small.exit_code == 0, small.stderr
    over = run(runner, "record", "space", "60", "-d", "2025-12")
    assert over.exit_code == ExitCode.ERROR
    assert "space: 60 万平方米 as of 2025-12-31 is more than the whole target of 50 万平方米" in over.stderr
    assert "times what the previous reading implies" not in over.stderr
    assert status_of(runner, "space", "2025-12-31")["current"] == 30.81  # 60 not written


def test_the_ten_times_rule_holds_totals_not_increments(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, TARGETS)
    small, lump = entry("space", date(2025, 11, 30), "0.8", 1), entry("space", date(2025, 12, 31), "30", 2)
    assert check_new(plan, [small], [lump]) == [] and check_ledger(plan, [small, lump]) == []
    over = check_new(plan, [small], [entry("space", date(2025, 12, 31), "60", 3)])
    assert [f.message.split(";")[0] for f in over] == [
        "60 as of 2025-12-31 is more than the whole target of 50 万平方米"
    ]
    # A running total is still judged: 425.3 over 4 months implies 1,063.25 over 10; 13,410 is 12.6 times.
    april, slip = entry("output", date(2025, 4, 30), "425.3", 4), entry("output", date(2025, 10, 31), "13410", 5)
    found = check_new(plan, [april], [slip])
    assert (
        len(found) == 1 and "13410 as of 2025-10-31 is 12.6 times what the previous reading implies" in found[0].message
    )


# --- 4. Duplicates -----------------------------------------------------------------------------


def test_the_same_increment_twice_is_refused_unless_allowed(runner: CliRunner, case: Path) -> None:
    assert run(runner, "record", "space", "0.8", "-d", "2025-05", "--by", "wang").exit_code == 0
    twice = run(runner, "record", "space", "8000", "--unit", "平方米", "-d", "2025-05", "--by", "li")
    assert twice.exit_code == ExitCode.ERROR
    assert "is already in the ledger as entry" in twice.stderr and "--allow-duplicates" in twice.stderr
    assert status_of(runner, "space", "2025-05-31")["current"] == 0.8
    assert run(runner, "record", "space", "0.8", "-d", "2025-05", "--allow-duplicates").exit_code == 0
    assert status_of(runner, "space", "2025-05-31")["current"] == 1.6
    assert run(runner, "check").exit_code == 0


def test_amend_into_a_duplicate_and_two_rows_of_one_file(runner: CliRunner, case: Path) -> None:
    run(runner, "record", "space", "0.8", "-d", "2025-05")
    other = recorded_id(run(runner, "record", "space", "0.5", "-d", "2025-05", "--force"))
    same = run(runner, "amend", other, "0.8", "--reason", "核实数")
    assert same.exit_code == ExitCode.ERROR and "is already in the ledger" in same.stderr
    sheet = case / "twice.csv"
    sheet.write_text(
        "指标名称,本月,截至日期\n新增创新空间面积,0.3,2025-06\n新增创新空间面积,0.3,2025-06\n", encoding="utf-8"
    )
    refused = run(runner, "import", str(sheet))
    assert (
        refused.exit_code == ExitCode.ERROR
        and "row 3: space 0.3 万平方米 as of 2025-06-30 is given twice: row 2 has it too" in refused.stderr
    )


# --- 5. Running totals fed into an increment ---------------------------------------------------


def test_a_running_total_column_is_refused_for_an_increment(runner: CliRunner, case: Path) -> None:
    june, july = case / "june.csv", case / "july.csv"
    june.write_text("指标名称,1—6月累计,截至日期\n新增创新空间面积,1.25,2025-06\n", encoding="utf-8")
    july.write_text("指标名称,1—7月累计,本月,截至日期\n新增创新空间面积,1.5,0.25,2025-07\n", encoding="utf-8")
    refused = run(runner, "import", str(june))
    assert refused.exit_code == ExitCode.ERROR
    assert "row 2: space adds up its entries (kind increment), but 1.25 is under '1—6月累计'" in refused.stderr
    assert 'kind = "total"' in refused.stderr and "本月" in refused.stderr
    # The month's column is what adds; its 1—7月累计 says 1.5 − 0.25 = 1.25 came before July, which
    # the ledger does not hold: recorded first, the sheet imports and the year reads 1.5, not 0.25.
    first = run(runner, "import", str(july))
    assert first.exit_code == ExitCode.ERROR
    assert 'tracker record space 1.25 --date 2025-06 --note "1—6月新增（补记）"' in first.stderr
    assert run(runner, "record", "space", "1.25", "-d", "2025-06", "--note", "1—6月新增（补记）").exit_code == 0
    assert run(runner, "import", str(july)).exit_code == 0
    assert status_of(runner, "space", "2025-07-31")["current"] == 1.5
    noted = run(runner, "record", "space", "1.5", "-d", "2025-08", "--note", "1—8月累计")
    assert noted.exit_code == ExitCode.ERROR and "a running total" in noted.stderr


def test_the_shipped_examples_add_additions_once(runner: CliRunner, workdir: Path) -> None:
    for sheet in ("monthly-2025-06-illustrative.csv", "monthly-2025-07-illustrative.xlsx"):
        assert run(runner, "import", str(ROOT / "examples" / sheet)).exit_code == 0
    assert status_of(runner, "innovation-space", "2025-07-31")["current"] == 6  # 2.5 in June + 3.5 in July
    assert run(runner, "check").exit_code == 0


# --- 6. baseline and previous ----------------------------------------------------------------


def test_last_years_figure_as_baseline_fails_check(runner: CliRunner, case: Path) -> None:
    plan = case / "targets.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("target = 1360", "target = 1360\nbaseline = 1300"), "utf-8"
    )
    assert run(runner, "record", "output", "318.6", "-d", "2025-03").exit_code == 0
    bad = run(runner, "check")
    assert bad.exit_code == ExitCode.ERROR
    # (318.6 − 1300) / (1360 − 1300) = −16.36…: the reading lies below the baseline, the target above.
    assert "target 'output': baseline 1300 亿元 is on the wrong side" in bad.stderr
    assert "progress reads -1635.7%" in bad.stderr and "write previous = 1300" in bad.stderr


def test_baseline_is_null_unless_given_and_previous_is_shown(runner: CliRunner, workdir: Path) -> None:
    out = json.loads(run(runner, "status", "--format", "json").stdout)
    targets = {t["id"]: t for a in out["actions"] for t in a["targets"]}
    assert targets["service-revenue-growth"]["baseline"] is None
    assert (targets["value-added-growth"]["baseline"], targets["value-added-growth"]["previous"]) == (None, 3)
    assert (targets["national-rank"]["previous"], targets["industrial-output"]["baseline"]) == (80, None)
    assert "previous" in run(runner, "status", "--format", "csv").stdout.splitlines()[0].split(",")


def test_a_rate_with_a_baseline_is_refused_with_the_fix(tmp_path: Path) -> None:
    from ledger import PlanError

    with pytest.raises(PlanError, match=r"if 3.0 is last year's figure \(上年实绩\), write previous = 3.0"):
        write_plan(tmp_path, CASE.replace("previous = 3.0", "baseline = 3.0"))


def test_previous_never_enters_the_arithmetic(tmp_path: Path) -> None:
    with_previous = write_plan(tmp_path, CASE.replace("target = 1360", "target = 1360\nprevious = 1300"))
    p = progress_of(with_previous, [entry("output", date(2025, 3, 31), "340")], date(2025, 3, 31), "output")
    assert (p.progress, p.status) == (Decimal(340) / 1360, Status.ON_TRACK)  # 0.25 at 25 %


# --- check names every kind of mistake ----------------------------------------------------------


def test_check_names_each_mistake_with_its_fix(runner: CliRunner, case: Path) -> None:
    ledger = case / "progress.toml"
    mistakes = [
        entry("output", date(2025, 4, 30), "425.3", 1),
        entry("output", date(2025, 5, 31), "5369", 2, month_value=Decimal("111.6")),
        entry("space", date(2025, 5, 31), "0.8", 3),
        entry("space", date(2025, 5, 31), "0.8", 4),
        entry("space", date(2025, 6, 30), "500", 5),
        entry("space", date(2025, 7, 31), "1.5", 6, note="1—7月累计"),
    ]
    append_entries(ledger, mistakes)  # as a ledger from before these checks could hold them
    bad = run(runner, "check")
    assert bad.exit_code == ExitCode.ERROR
    lines = bad.stderr.splitlines()
    assert [re.search(r"entry (e\d+)", line).group(1) for line in lines] == [  # type: ignore[union-attr]
        "e000000002",
        "e000000002",
        "e000000004",
        "e000000005",
        "e000000006",
    ]  # fmt: skip: 500 after 0.8 is judged by the whole target only (additions come in lumps)
    assert "is not the previous 425.3" in lines[0] and "10.1 times" in lines[1]
    assert "already in the ledger as entry e000000003" in lines[2] and "tracker void e000000004" in lines[2]
    assert "more than the whole target" in lines[3] and "a running total" in lines[4]
    assert all("tracker amend" in line for line in lines)


# --- properties over the whole kind ----------------------------------------------------------

DIMENSIONS: dict[str, list[str]] = {}
for _unit in units.KNOWN_UNITS:
    DIMENSIONS.setdefault(units._UNITS[_unit][0], []).append(_unit)
PAIRS = [(a, b) for group in DIMENSIONS.values() for a in group for b in group]
AREA = DIMENSIONS["area"]
figures = st.decimals(min_value=Decimal("0.001"), max_value=Decimal(10**7), places=3, allow_nan=False)


def _plan(unit: str, goal: Decimal, kind: Kind = Kind.INCREMENT) -> tuple[Plan, Target]:
    t = Target("t", "a", "t", kind, date(2025, 12, 31), Decimal(5), unit=unit, target=goal)
    plan = Plan(
        Path("t.toml"), "p", "p", date(2025, 1, 1), date(2025, 12, 31), Path("p.toml"), (Action("a", "a"),), (t,)
    )
    return plan, t


def _in(value: Decimal, unit: str, day: date = date(2025, 6, 30), n: int = 0) -> Entry:
    return Entry(f"e{n:09d}", "t", day, RECORDED, value=value, unit=unit)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PAIRS), figures, st.sampled_from([Kind.INCREMENT, Kind.TOTAL]))
def test_every_unit_pair_round_trips_exactly(pair: tuple[str, str], x: Decimal, kind: Kind) -> None:
    recorded_in, read_in = pair
    plan, target = _plan(read_in, Decimal(10**9), kind)
    p = evaluate_target(plan, target, [_in(x, recorded_in)], date(2025, 6, 30))
    assert p.exact is not None and isinstance(p.current, Decimal)
    assert p.exact * units.factor(read_in, recorded_in) == Fraction(x)
    if Fraction(p.current) == p.exact:  # shown exactly whenever the figure is a finite decimal …
        assert units.exact(p.current, read_in, recorded_in) == Fraction(x)
    else:  # … else to the places it is shown to (three significant digits at least), within half of the last one
        places = units.places_shown(x, recorded_in, read_in)
        assert abs(Fraction(p.current) - p.exact) <= Fraction(1, 2 * 10**places)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(figures, st.sampled_from(AREA)), min_size=1, max_size=8), st.sampled_from(AREA))
def test_summing_entries_in_mixed_units_is_exact(items: list[tuple[Decimal, str]], read_in: str) -> None:
    exact = sum((Fraction(v) * units.factor(u, read_in) for v, u in items), Fraction(0))
    goal = Decimal(str(round(float(exact), 6))) if exact else Decimal(1)
    plan, target = _plan(read_in, goal if goal > 0 else Decimal(1))
    es = [_in(v, u, n=n) for n, (v, u) in enumerate(items)]
    p = evaluate_target(plan, target, es, date(2025, 6, 30))
    assert p.exact == exact
    assert (p.status is Status.DONE) == (exact >= Fraction(target.target or 0))
    assert p.progress == from_fraction(exact / Fraction(target.target))  # type: ignore[arg-type]


def _decimals(text: str) -> int:
    number = re.sub(r"[^\d.]", "", text)
    return len(number.split(".")[1]) if "." in number else 0


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(figures, st.sampled_from(AREA)), min_size=1, max_size=5), st.sampled_from(AREA))
def test_no_figure_has_more_digits_than_recorded_plus_conversion(
    items: list[tuple[Decimal, str]], read_in: str
) -> None:
    from ledger.render.cells import cells
    from ledger.render.text import ENGLISH

    plan, _ = _plan(read_in, Decimal(10**12))
    es = [_in(v, u, n=n) for n, (v, u) in enumerate(items)]
    allowed = max(0, *(units.places_shown(v, u, read_in) for v, u in items))
    report = evaluate(plan, es, date(2025, 6, 30))
    document = json.loads(render_status(report, OutputFormat.json, RenderOptions(lang="zh")))
    assert _decimals(str(Decimal(str(document["actions"][0]["targets"][0]["current"])))) <= allowed
    row = render_status(report, OutputFormat.csv, RenderOptions(lang="zh")).splitlines()[1].split(",")
    assert _decimals(row[10]) <= allowed  # the current column
    # Tables, Markdown and HTML all show the cells: in Chinese the plan's unit, in English m².
    assert _decimals(cells(report.targets[0], "zh").current) <= allowed
    english = ENGLISH[read_in][0]  # 万平方米 is shown in m²: ×10⁴ takes 4 decimals away
    assert english >= 1 and english == 10 ** (len(str(int(english))) - 1)
    assert _decimals(cells(report.targets[0], "en").current) <= max(allowed - (len(str(int(english))) - 1), 0)


def test_the_shared_cases_copy(tmp_path: Path) -> None:
    """The cases of ../shared/cases hold as tests of our own (the runs above cover their values)."""
    assert shutil.which("bash") is not None
    plan, target = _plan("万平方米", Decimal(50))
    p = evaluate_target(plan, target, [_in(Decimal(20), "亩", n=n) for n in range(3)], date(2025, 6, 30))
    assert (p.current, p.exact, p.progress) == (Decimal(4), Fraction(4), Decimal("0.08"))
    existing = [_in(Decimal("8.0"), "万平方米", date(2025, 5, 31))]
    found = check_new(plan, existing, [_in(Decimal(8), "万平方米", date(2025, 5, 31), 1)])
    assert [(f.duplicate, f.added) for f in found] == [(True, False)]  # a repeat, kept with --allow-duplicates
    assert check_ledger(plan, existing) == []


def test_a_stock_reads_from_its_baseline_and_an_addition_adds_to_it(tmp_path: Path) -> None:
    plan = write_plan(
        tmp_path,
        CASE.replace("target = 1360", "target = 150\nbaseline = 100").replace("target = 4", "target = 4\nbaseline = 1"),
    )
    stock = progress_of(plan, [entry("output", date(2025, 6, 30), "125")], date(2025, 6, 30), "output")
    assert (stock.current, stock.progress, stock.status) == (Decimal(125), Decimal("0.5"), Status.ON_TRACK)
    added = progress_of(plan, [entry("space", date(2025, 6, 30), "1.5")], date(2025, 6, 30), "space")
    assert (added.current, added.progress) == (Decimal("2.5"), Decimal("0.5"))  # (1 + 1.5 − 1) / (4 − 1)


def test_check_names_an_amendment_stored_in_the_wrong_unit(runner: CliRunner, case: Path) -> None:
    # What `amend ID 320.1` stored before it took a bare value in the target's unit: 320.1 万元.
    first = entry("output", date(2025, 3, 31), "3186000", 1, unit="万元")
    wrong = entry("output", date(2025, 3, 31), "320.1", 2, unit="万元", corrects=first.id, reason="核实数")
    append_entries(case / "progress.toml", [first, wrong])
    bad = run(runner, "check")
    assert bad.exit_code == ExitCode.ERROR
    # 0.03201 亿元 over 3 months is 0.12804 亿元 a year: 1/10622 of 1360 亿元.
    assert (
        "entry e000000002: 320.1 万元 as of 2025-03-31 implies about 0.13 亿元 by the end of the period" in bad.stderr
    )
    assert "1/10622 of the target 1360 亿元" in bad.stderr


def test_import_of_a_jsonl_file_names_each_rows_unit_not_a_sheets_column(runner: CliRunner, case: Path) -> None:
    lines = case / "e.jsonl"
    lines.write_text('{"target": "output", "value": 3186000, "unit": "万元", "date": "2025-03"}\n', encoding="utf-8")
    done = run(runner, "import", str(lines))
    assert done.exit_code == 0, done.stderr
    assert "(1 in the unit given in each row)" in done.stdout and "sheet" not in done.stdout
    lines.write_text('{"target": "output", "value": 4253000, "unit": "万元", "date": "2025-04"}\n', encoding="utf-8")
    zh = run(runner, "import", str(lines), "--lang", "zh")
    assert "（1 条按各行所注单位）" in zh.stdout, zh.stdout
