"""Slips that passed every check (the n7 trial): a decimal point lost in a slow month, an addition
10,000 times too small, a growth rate typed into a percent cell, an underscore read as digit
grouping, a note naming another month than the date. Each is refused at `record`/`import` with
its arithmetic and the way to keep it, and `tracker check` finds the same in a ledger it got
into some other way (an older version, a hand edit)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal, localcontext
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from cli_env import Environment
from ledger import append_entries, load_plan
from ledger.dates import month_end
from ledger.meaning import check_ledger, check_new
from ledger.numbers import parse_number
from ledger.slips import RATIO
from tests.helpers import entry, import_text

PLAN_PATH = Path(__file__).resolve().parent.parent / "targets.toml"
SHIPPED = load_plan(PLAN_PATH)


def _record(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["record", *args])
    return result.exit_code, result.stderr


def _write(workdir: Path, *entries: object) -> None:
    """Entries appended as an older version (or a hand edit) would have: no check made."""
    append_entries(workdir / "progress.toml", list(entries))  # type: ignore[arg-type]


def _check(runner: CliRunner) -> tuple[int, str]:
    result = runner.invoke(app, ["check"])
    return result.exit_code, result.stderr


# --- c11: an underscore is never part of a figure ------------------------------------------------


@pytest.mark.parametrize("text", ["5_8", "1_341.05", "１_３", "5_", "_5", "1_000_000", "5.8_1"])
def test_an_underscore_is_not_a_number(text: str) -> None:
    with pytest.raises(ValueError, match="underscore is no part of a figure"):
        parse_number(text)


@given(st.integers(1, 10**6), st.integers(1, 6))
def test_no_figure_with_an_underscore_anywhere_is_read(number: int, at: int) -> None:
    digits = str(number)
    typed = digits[: at % (len(digits) + 1)] + "_" + digits[at % (len(digits) + 1) :]
    with pytest.raises(ValueError):
        parse_number(typed)


def test_c11_underscore_refused_in_record_and_in_a_csv_cell(runner: CliRunner, workdir: Path) -> None:
    assert _record(runner, "value-added-growth", "5_8", "--date", "2025-08") == (
        1,
        "error: value-added-growth: '5_8' is not a number: an underscore is no part of a figure (5.8? 58?); "
        "give a plain number such as 318.6 or -4.6\n",
    )
    result = import_text(
        runner, workdir, "s.csv", "指标名称,1-9月同比增长%\n规模以上工业增加值,6_1\n", "--date", "2025-09"
    )
    assert result.exit_code == 1
    assert "row 2: value-added-growth: '6_1' is not a number: an underscore is no part of a figure" in result.stderr
    assert not (workdir / "progress.toml").exists() or "6" not in (workdir / "progress.toml").read_text()


# --- c14: a note naming another month than the date -----------------------------------------------

C14_FIX = (
    "which is it? if the note is right, give --date 2025-08; if the date is right, correct the note; if both are, "
    "keep it with --force\n"
)


def test_c14_running_total_noted_for_august_dated_september_is_refused(runner: CliRunner, workdir: Path) -> None:
    code, err = _record(runner, "industrial-output", "842.7", "--date", "2025-09", "--note", "1—8月累计")
    assert code == 1
    assert err == (
        "error: industrial-output: 842.7 亿元 as of 2025-09-30 is noted '1—8月累计', which names month 8, but its "
        "date is in month 9: it would be counted and judged as 2025-09's; nothing was recorded; " + C14_FIX
    )
    assert not (workdir / "progress.toml").exists()
    # The note's month: recorded as of August's end.
    assert _record(runner, "industrial-output", "842.7", "--date", "2025-08", "--note", "1—8月累计")[0] == 0


def test_c14_addition_noted_august_dated_september_is_refused(runner: CliRunner, workdir: Path) -> None:
    code, err = _record(runner, "innovation-space", "0.8", "--date", "2025-09", "--note", "8月新增")
    assert (code, err.split(": it would")[0]) == (
        1,
        "error: innovation-space: 0.8 万平方米 as of 2025-09-30 is noted '8月新增', which names month 8, but its date "
        "is in month 9",
    )
    assert err.endswith(C14_FIX)
    # kept as it is with --force: the note may be right about something else
    assert _record(runner, "innovation-space", "0.8", "--date", "2025-09", "--note", "8月新增", "--force")[0] == 0


@pytest.mark.parametrize(
    ("note", "month"),
    [
        ("一至三月累计", 3),
        ("上半年", 6),
        ("1-8月同比增长", 8),
        ("8月新增（1-8月累计19.5）", 8),
        ("7-9月", 9),
        ("十二月", 12),
    ],
)
def test_notes_that_name_a_period_are_held_to_the_date(note: str, month: int) -> None:
    e = entry("industrial-output", date(2025, 10, 31), "1000", note=note)
    [finding] = check_new(SHIPPED, [], [e])
    assert finding.dated == month and f"names month {month}, but its date is in month 10" in finding.message
    found = [f.message.split(", but")[0] for f in check_new(SHIPPED, [], [e._replace(date=month_end(2025, month))])]
    # A running total noted as the month's additions is not the running total either (c14, n12).
    assert found == ([] if "新增" not in note else [f"1000 as of 2025-08-31 is noted {note!r}, the month's own figure"])


@pytest.mark.parametrize(
    "note",
    ["8月15日报送", "3月份数据更正", "据8月快报", "东湖孵化园", "修正3月数据", "已核实", "上年1-8月", "上年同期"],
)
def test_notes_naming_a_month_in_passing_are_not_held_to_it(note: str) -> None:
    assert check_new(SHIPPED, [], [entry("industrial-output", date(2025, 10, 31), "1000", note=note)]) == []


def test_c14_no_date_today_is_held_to_the_note(runner: CliRunner, workdir: Path) -> None:
    """No --date: the default (today, 2025-11-30 here) is what the note must agree with."""
    env = Environment(clock=lambda tz: datetime(2025, 11, 30, 9, 0, tzinfo=UTC), login=lambda: "chen", environ={})
    result = runner.invoke(app, ["record", "industrial-output", "1150", "--note", "1—10月累计"], obj=env)
    assert result.exit_code == 1
    assert "as of 2025-11-30 is noted '1—10月累计', which names month 10, but its date is in month 11" in result.stderr
    assert "give --date 2025-10;" in result.stderr


def test_c14_amend_to_another_month_is_refused_and_check_finds_one_in_a_ledger(
    runner: CliRunner, workdir: Path
) -> None:
    assert _record(runner, "industrial-output", "842.7", "--date", "2025-08", "--note", "1—8月累计")[0] == 0
    [first] = [e for e in _ledger(workdir)]
    result = runner.invoke(app, ["amend", first.id, "--date", "2025-09", "--reason", "日期"])
    assert (
        result.exit_code == 1 and "noted '1—8月累计', which names month 8, but its date is in month 9" in result.stderr
    )
    bad = entry("industrial-output", date(2025, 9, 30), "900", n=7, note="1—8月累计")
    _write(workdir, bad)
    code, err = _check(runner)
    assert code == 1
    assert (
        f"entry {bad.id}: 900 as of 2025-09-30 is noted '1—8月累计', which names month 8, but its date is in month 9"
        in err
    )
    assert f"which is it? if the note is right: tracker amend {bad.id} --date 2025-08 --reason …" in err


def test_c14_import_whose_note_column_names_another_month_is_refused(runner: CliRunner, workdir: Path) -> None:
    text = "指标名称,数值,单位,截至日期,备注\n工业总产值,842.7,亿元,2025-09,1—8月累计\n新增创新空间面积,0.8,万平方米,2025-09,8月新增\n"
    result = import_text(runner, workdir, "s.csv", text)
    assert result.exit_code == 1
    assert "row 2: 842.7 亿元 as of 2025-09-30 is noted '1—8月累计', which names month 8" in result.stderr
    assert "row 3: 0.8 万平方米 as of 2025-09-30 is noted '8月新增', which names month 8" in result.stderr
    assert "as 2025-09's; which is it? correct the date or the note (备注)" in result.stderr


def _ledger(workdir: Path) -> list:  # type: ignore[type-arg]
    from ledger import load_ledger

    return list(load_ledger(workdir / "progress.toml").entries)


# --- c3: a running total whose months would have brought in 10 times the months before --------------


def test_c3_lost_decimal_point_in_a_slow_month_is_refused(runner: CliRunner, workdir: Path) -> None:
    """8000 after July's 730.3: 9.59 times the 834.63 July implies (under 10), but 10.95 times July's
    own total, and August alone would be (8000 − 730.3) / (730.3 / 7) = 69.68 times July's average month."""
    assert _record(runner, "industrial-output", "730.3", "--date", "2025-07")[0] == 0
    code, err = _record(runner, "industrial-output", "8000", "--date", "2025-08")
    assert code == 1
    assert err == (
        "error: industrial-output: 8000 亿元 as of 2025-08-31 is 10.95 times 730.3 亿元 as of 2025-07-31: the months "
        "from 2025-07-31 to 2025-08-31 would have brought in 69.68 times as much a month as the 7 months before them; "
        "a 1—N月 running total grows only by its months' own figures, so one of the two is probably typed in another "
        "unit (万 for 亿) or with a slipped decimal point; nothing was recorded; if the figure is right, keep it with "
        "--force\n"
    )
    assert _record(runner, "industrial-output", "800.0", "--date", "2025-08")[0] == 0  # the right figure


def test_c3_bureau_sheet_in_thousands_under_a_wan_line_is_refused_and_check_finds_one(
    runner: CliRunner, workdir: Path
) -> None:
    assert _record(runner, "industrial-output", "730.3", "--date", "2025-07")[0] == 0
    sheet = "临平经开区2025年1-8月主要经济指标\n单位：万元\n指标名称,1-8月累计\n规模以上工业总产值,80000000\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 1 and "row 4: 80000000 万元 as of 2025-08-31 is 10.95 times 730.3 亿元" in result.stderr
    slip = entry("industrial-output", date(2025, 8, 31), "8000", n=9)
    _write(workdir, slip)
    code, err = _check(runner)
    assert code == 1 and f"entry {slip.id}: 8000 as of 2025-08-31 is 10.95 times 730.3 亿元" in err


@pytest.mark.parametrize(
    ("earlier", "later", "refused"),
    [
        ("110", "220", False),  # January 110, 1—2月 220: February as January
        ("110", "1209.99", False),  # February just under 10 times January (pace 9.9999)
        ("110", "1210", True),  # February 10 times January
        ("5", "55", True),  # a tiny January: February 10 times it, kept only with --force
    ],
)
def test_early_months_are_held_to_ten_times_the_pace_not_ten_times_the_figure(
    earlier: str, later: str, refused: bool
) -> None:
    jan = entry("industrial-output", date(2025, 1, 31), earlier, n=1)
    feb = entry("industrial-output", date(2025, 2, 28), later, n=2)
    assert bool(check_new(SHIPPED, [jan], [feb])) is refused
    assert bool(check_ledger(SHIPPED, [jan, feb])) is refused


def test_a_whole_year_after_january_passes() -> None:
    """1—12月 1,341.05 after January's 110: 12.2 times, at about January's pace."""
    jan = entry("industrial-output", date(2025, 1, 31), "110", n=1)
    dec = entry("industrial-output", date(2025, 12, 31), "1341.05", n=2)
    assert check_new(SHIPPED, [jan], [dec]) == []


@pytest.mark.parametrize(("value", "refused"), [("6799.99", False), ("6800", True), ("8000", True)])
def test_a_running_total_five_times_the_years_target_is_refused(value: str, refused: bool) -> None:
    """A first 1—8月 figure of 8000 against 1360 for the year: 12,000 by December is 8.8 times the
    target (under the first reading's 10), but 8000 is 5.88 times the whole year's target."""
    e = entry("industrial-output", date(2025, 8, 31), value)
    found = check_new(SHIPPED, [], [e])
    assert bool(found) is refused
    if value == "8000":
        assert found[0].message == (
            "8000 as of 2025-08-31 (8 months) is 5.88 times the target for the whole period, 1360 亿元; probably "
            "typed in another unit (万 for 亿) or with a slipped decimal point"
        )


@settings(max_examples=300, deadline=None)
@given(
    st.integers(2, 11),
    st.decimals(Decimal("1"), Decimal("200"), places=1),
    st.fractions(Fraction(0), Fraction(3)),
)
def test_a_decimal_slip_after_two_months_or_more_is_always_refused(
    months: int, previous: Decimal, extra: Fraction
) -> None:
    """For every month from March on, a true 1—N月 total from the month before's up to one whose
    month brings in 3 times the months before's average, typed 10 times too large, is refused by
    record and by check (each month would have brought in at least 9 × (N−1) ≥ 18 times its pace)."""
    before = entry("industrial-output", month_end(2025, months), str(previous), n=1)
    true = Fraction(previous) * (1 + extra / months)
    slipped = Decimal(true.numerator * 10) / Decimal(true.denominator)
    e = entry("industrial-output", month_end(2025, months + 1), str(slipped.quantize(Decimal("0.0001"))), n=2)
    assert check_new(SHIPPED, [before], [e]) != []
    assert check_ledger(SHIPPED, [before, e]) != []


# --- c2: an addition 10,000 times too small ----------------------------------------------------------


def test_c2_addition_typed_in_square_metres_under_a_wan_plan_is_refused(runner: CliRunner, workdir: Path) -> None:
    assert _record(runner, "innovation-space", "12.5", "--date", "2025-06", "--note", "1—6月新增（补记）")[0] == 0
    assert _record(runner, "innovation-space", "0.8", "--date", "2025-07")[0] == 0
    sheet = (
        "临平经开区科技局2025年8月创新空间新增情况\n指标名称,载体名称,本月新增面积（平方米）\n"
        "新增创新空间面积,东湖孵化园,0.8\n新增创新空间面积,临平科创中心,1.2\n"
    )
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 1
    assert (
        "row 3: 0.8 平方米 as of 2025-08-31 is 1/625000 of the whole target of 50 万平方米; probably typed in another "
        "unit (平方米 for 万平方米, 元 for 万元) or with a slipped decimal point" in result.stderr
    )
    assert "row 4: 1.2 平方米 as of 2025-08-31 is 1/416667 of the whole target of 50 万平方米" in result.stderr
    # As the clerk meant them: 0.8 万 and 1.2 万 平方米.
    assert import_text(runner, workdir, "s.csv", sheet.replace("（平方米）", "（万平方米）")).exit_code == 0


@pytest.mark.parametrize(
    ("value", "refused"),
    [
        ("0.03", False),  # 300 平方米 after 8 万: a small room, 1/267 of the smallest before
        ("0.008", False),  # 80 平方米: exactly a thousandth of the smallest before (and 1/6250 of the target)
        ("0.0079", True),  # under a thousandth of 8 万, though over a ten-thousandth of the target
    ],
)
def test_an_addition_is_held_to_a_thousandth_of_the_smallest_before_it(value: str, refused: bool) -> None:
    jul = entry("innovation-space", date(2025, 7, 31), "8", n=1)
    aug = entry("innovation-space", date(2025, 8, 31), value, n=2)
    found = check_new(SHIPPED, [jul], [aug])
    assert bool(found) is refused
    assert bool(check_ledger(SHIPPED, [jul, aug])) is refused
    if refused:
        assert found[0].message.startswith(
            "0.0079 as of 2025-08-31 is 1/1013 of 8 万平方米, the smallest addition before it"
        )


def test_a_first_addition_is_held_to_a_ten_thousandth_of_the_target() -> None:
    """50 万平方米: 0.005 (50 平方米) is exactly a ten-thousandth, 0.0049 under it."""
    assert check_new(SHIPPED, [], [entry("innovation-space", date(2025, 8, 31), "0.005")]) == []
    [f] = check_new(SHIPPED, [], [entry("innovation-space", date(2025, 8, 31), "0.0049")])
    assert f.message.startswith("0.0049 as of 2025-08-31 is 1/10204 of the whole target of 50 万平方米")


def test_c2_check_finds_a_small_addition_in_a_ledger(runner: CliRunner, workdir: Path) -> None:
    jul = entry("innovation-space", date(2025, 7, 31), "0.8", n=1)
    aug = entry("innovation-space", date(2025, 8, 31), "0.8", n=2, unit="平方米")
    _write(workdir, jul, aug)
    code, err = _check(runner)
    assert code == 1 and f"entry {aug.id}: 0.8 平方米 as of 2025-08-31 is 1/625000 of the whole target" in err


@settings(max_examples=200, deadline=None)
@given(st.decimals(Decimal("0.05"), Decimal("30"), places=2))
def test_a_wan_slip_of_any_real_addition_is_refused(real: Decimal) -> None:
    """An addition of 0.05 to 30 万平方米 with its figure typed in 万 but its unit 平方米 is under a
    ten-thousandth of the 50 万 goal (and a thousandth of July's 0.8 万): always refused."""
    e = entry("innovation-space", date(2025, 8, 31), str(real), unit="平方米")
    assert check_new(SHIPPED, [entry("innovation-space", date(2025, 7, 31), "0.8", n=1)], [e]) != []


# --- c7: a growth rate 10 or more times its last reading, 20 points or more off it ----------------------


def test_c7_growth_typed_into_a_percent_cell_is_refused_offering_the_other_reading(
    runner: CliRunner, workdir: Path
) -> None:
    assert _record(runner, "value-added-growth", "5.6", "--date", "2025-07")[0] == 0
    code, err = _record(runner, "value-added-growth", "580", "--date", "2025-08")
    assert code == 1
    assert err == (
        "error: value-added-growth: 580 % as of 2025-08-31 is 104 times 5.6 % as of 2025-07-31; is it 5.8%? a "
        "percentage typed into a cell formatted as one (5.8 shows as 580%), or a slipped decimal point; nothing was "
        "recorded; if the figure is right, keep it with --force\n"
    )
    code, err = _record(runner, "value-added-growth", "56", "--date", "2025-08")
    assert code == 1 and "56 % as of 2025-08-31 is 10 times 5.6 % as of 2025-07-31; is it 5.6%?" in err
    assert _record(runner, "value-added-growth", "5.8", "--date", "2025-08")[0] == 0


def _percent_workbook(path: Path, growths: list[float]) -> None:
    """A bureau-style sheet: 规模以上工业增加值 and two more rows, their growth in cells formatted 0.0%."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["指标名称", "1-8月累计", "1-8月同比增长%"])
    for n, (name, growth) in enumerate(
        zip(["规模以上工业增加值", "规模以上工业总产值", "营利性服务业营业收入"], growths, strict=False)
    ):
        ws.append([name, 100 + n, growth])
        ws[f"C{n + 2}"].number_format = "0.0%"
    wb.save(path)


def test_c7_a_column_of_percent_cells_all_showing_100_or_more_is_refused_offering_both(
    runner: CliRunner, workdir: Path
) -> None:
    """5.8, 5.1 and 6.2 stored in cells formatted 0.0% show 580%, 510%, 620%: points typed into a
    percent format. Refused on a first import too, where no reading before says so."""
    _percent_workbook(workdir / "b.xlsx", [5.8, 5.1, 6.2])
    result = runner.invoke(app, ["import", "b.xlsx", "--date", "2025-08", "--skip-unknown"])
    assert result.exit_code == 1, result.output
    assert (
        "row 2: cell C2 under '1-8月同比增长%' holds 5.8 formatted as a percentage, so it shows 580%, and every "
        "percentage in the column shows 100% or more (C2 580%, C3 510%, C4 620%): growth typed as points into "
        "percent cells? it may mean 5.8% or 580%; for 5.8% format the column as a number (0.0) or type 5.8%; for "
        "580% type 580 in a plain cell" in result.stderr
    )
    assert not (workdir / "progress.toml").exists()


def test_c7_one_percent_cell_of_points_among_true_percentages_is_refused_by_the_rate_rule(
    runner: CliRunner, workdir: Path
) -> None:
    """Beside a cell showing 5.1% the column is read as shown; 580% after July's 5.6% is then refused
    by the rate rule, offering 5.8%."""
    _percent_workbook(workdir / "b.xlsx", [5.8, 0.051])
    assert _record(runner, "value-added-growth", "5.6", "--date", "2025-07")[0] == 0
    result = runner.invoke(app, ["import", "b.xlsx", "--date", "2025-08", "--skip-unknown"])
    assert result.exit_code == 1, result.output
    assert "580 % as of 2025-08-31 is 104 times 5.6 % as of 2025-07-31; is it 5.8%?" in result.stderr


@pytest.mark.parametrize(
    ("before", "after", "refused"),
    [("0.3", "3.1", False), ("5.6", "25", False), ("5.6", "56", True), ("-0.5", "58", True), ("2", "21.9", False),
     ("2", "22", True), ("5.6", "0.56", False)],
)  # fmt: skip
def test_a_rate_is_held_to_ten_times_and_twenty_points(before: str, after: str, refused: bool) -> None:
    jul = entry("value-added-growth", date(2025, 7, 31), before, n=1)
    aug = entry("value-added-growth", date(2025, 8, 31), after, n=2)
    assert bool(check_new(SHIPPED, [jul], [aug])) is refused
    assert bool(check_ledger(SHIPPED, [jul, aug])) is refused


def test_c7_check_finds_a_rate_slip_in_a_ledger(runner: CliRunner, workdir: Path) -> None:
    jul = entry("value-added-growth", date(2025, 7, 31), "5.6", n=1)
    aug = entry("value-added-growth", date(2025, 8, 31), "580", n=2)
    _write(workdir, jul, aug)
    code, err = _check(runner)
    assert code == 1 and f"entry {aug.id}: 580 as of 2025-08-31 is 104 times 5.6 as of 2025-07-31; is it 5.8%?" in err


@settings(max_examples=200, deadline=None)
@given(st.decimals(Decimal("0.5"), Decimal("30"), places=1), st.decimals(Decimal("0.5"), Decimal("30"), places=1))
def test_a_percent_cell_slip_of_any_growth_rate_is_refused(previous: Decimal, true: Decimal) -> None:
    """A growth rate of 0.5 to 30 % after one of 0.5 to 30 %, typed as points into a percent cell
    (shown 100 times as large), is always 20 points or more above the last reading, so it is
    refused exactly when it is 10 times the last reading or more: let pass only when the true
    rate is under a tenth of the last (0.5 % after 30 %, shown as 50 %)."""
    jul = entry("value-added-growth", date(2025, 7, 31), str(previous), n=1)
    aug = entry("value-added-growth", date(2025, 8, 31), str(true * 100), n=2)
    shown = true * 100
    expect = shown >= previous * 10 and shown - previous >= 20
    assert bool(check_new(SHIPPED, [jul], [aug])) is expect
    assert expect or true * 10 < previous  # a rate 10 times smaller than the last is the only one let pass


@settings(max_examples=1500, deadline=None)
@given(
    st.sampled_from(["5.6", "0.3", "-2", "2.2222222222222", "1e-95", "123456.789", "0"]),
    st.sampled_from(["ratio", "points"]),
    st.sampled_from([Fraction(0), *(s * Fraction(1, 10**k) for k in (30, 16, 15, 12, 9, 6) for s in (1, -1))]),
    st.booleans(),
)
def test_the_quick_rate_verdict_never_hides_what_the_exact_check_finds(
    previous: str, bound: str, nudge: Fraction, negative: bool
) -> None:
    """A rate put on each bound of the rate rule (10 times the last reading, 20 points above it),
    a float's rounding either side of it and well off it: whenever the floats clear it
    (_clear_rate), the exact check (judge) finds nothing."""
    from ledger.meaning import _Seen
    from ledger.quick_verdicts import _clear_rate, _Floats
    from ledger.slips import RATE_POINTS, judge

    target = SHIPPED.target("value-added-growth")
    low = abs(Fraction(Decimal(previous)))
    threshold = low * RATIO if bound == "ratio" else low + RATE_POINTS
    exact = threshold * (1 + nudge) * (-1 if negative else 1)
    with localcontext() as context:
        context.prec = 80
        value = Decimal(exact.numerator) / Decimal(exact.denominator)
    jul = entry("value-added-growth", date(2025, 7, 31), previous, n=1)
    aug = entry("value-added-growth", date(2025, 8, 31), "0", n=2)._replace(value=value)
    if _clear_rate(_Seen(target, True), _Floats(), aug, jul):
        assert judge(SHIPPED, target, jul, None, aug) == []


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["单位工业增加值能耗下降率", "工业增加值增速"]),
    st.sampled_from([None, "3.2", "-4", "0"]),
    st.sampled_from(["-4", "-0.0001", "-1e-95", "-45", "-123456.789", "0", "-0", "2.5", "40"]),
)
def test_a_rate_recording_falls_has_every_figure_below_0_judged_exactly(
    name: str, previous: str | None, figure: str
) -> None:
    """Whether a rate records falls as positive figures is asked of its name only when a figure
    below 0 comes (_Seen.records_falls, inside _clear_rate): for one that does (能耗下降率, target
    3.5), no figure below 0 is cleared by the floats, and the exact check finds the rise it
    states; for any rate, whatever the floats clear, the exact check (judge) finds nothing in."""
    from ledger.meaning import _Seen
    from ledger.quick_verdicts import _clear_rate, _Floats
    from ledger.slips import judge

    target = SHIPPED.target("value-added-growth")._replace(name=name, target=Decimal("3.5"))
    falls = name.endswith("下降率")
    jul = entry("value-added-growth", date(2025, 7, 31), previous, n=1) if previous is not None else None
    aug = entry("value-added-growth", date(2025, 8, 31), "0", n=2)._replace(value=Decimal(figure))
    of = _Seen(target, True)
    cleared = _clear_rate(of, _Floats(), aug, jul)
    found = judge(SHIPPED, target, jul, None, aug)
    if cleared:
        assert found == []
    if falls and Decimal(figure) < 0:
        assert not cleared
        assert any("records a fall as a positive figure" in f.message for f in found)
    if Decimal(figure) >= 0:
        assert of.falls is None  # the name is asked only for a figure below 0
