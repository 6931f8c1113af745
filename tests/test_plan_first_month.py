"""A running total counts from the plan's first month, not January (the new-user trial): in a
plan running July–June (2025-07-01 to 2026-06-30), `tracker record rev 600 --date 2026-01
--month-value 600` was accepted, though the running total at the end of January is 7月—次年1月
累计: January's own figure is the calendar year so far (1—1月), not the plan's. The rule "the
first month's running total is its own figure" is the plan's first month's, at record, amend,
import and check, and a sheet's year-so-far column (1-8月累计) is refused in such a plan."""

from __future__ import annotations

import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import append_entries
from ledger.dates import add_months, month_end
from ledger.findings import Finding
from ledger.meaning import check_ledger, check_new
from ledger.model import Plan
from ledger.plan_year import running_span
from ledger.sheet_asks import asked
from tests.helpers import entry, write_plan

TARGET = """[[target]]
id = "rev"
action = "a"
name = "营业收入"
kind = "total"
unit = "亿元"
target = 1200
"""


def _head(start: date, end: date) -> str:
    return f"""version = 1
[plan]
id = "p"
name = "计划"
start = {start}
end = {end}
[[action]]
id = "a"
name = "产业"
"""


JULY = _head(date(2025, 7, 1), date(2026, 6, 30))
CALENDAR = _head(date(2025, 1, 1), date(2025, 12, 31))
JAN_2026 = date(2026, 1, 31)

REFUSED_JANUARY = (
    "error: rev: as of 2026-01-31 the running total 600 亿元 equals January's own 600 亿元, the calendar year so far "
    "(1—1月), but the plan's running total counts from its first month (2025年7月—2026年1月): the months 2025-07 to "
    "2025-12 would add up to 0; give the running total since 2025-07; nothing was recorded; if the month's own "
    "figure is what is wrong, give it with --month-value; if both figures are right, keep them with --force\n"
)


@pytest.fixture
def july(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "targets.toml").write_text(JULY + TARGET, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def test_the_trial_januarys_own_figure_is_not_a_july_plans_running_total(july: Path) -> None:
    result = _run("record", "rev", "600", "--date", "2026-01", "--month-value", "600")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == REFUSED_JANUARY
    assert not (july / "progress.toml").exists()
    # The running total since July with January's own figure beside it is recorded.
    assert _run("record", "rev", "730", "--date", "2026-01", "--month-value", "600").exit_code == 0


def test_july_is_the_first_month_of_a_july_plan(july: Path) -> None:
    off = _run("record", "rev", "100", "--date", "2025-07", "--month-value", "90")
    assert off.exit_code == 1
    assert off.stderr.startswith(
        "error: rev: as of 2025-07-31, the plan's first month, the running total 100 亿元 should equal the month's "
        "own 90 亿元: the running total of the first month (7—7月) is that month's figure; nothing was recorded"
    )
    assert _run("record", "rev", "100", "--date", "2025-07", "--month-value", "100").exit_code == 0
    # July's own figure noted as such is the running total too; January's is not.
    assert _run("record", "rev", "100", "--date", "2025-07", "--note", "7月当月", "--allow-duplicates").exit_code == 0
    noted = _run("record", "rev", "60", "--date", "2026-01", "--note", "1月当月")
    assert noted.exit_code == 1
    assert (
        "is noted '1月当月', the month's own figure, but 'rev' records the running total (2025年7月—2026年1月累计); "
        "record the 2025年7月—2026年1月 figure, with the month's own as --month-value" in noted.stderr
    )


def test_amend_to_januarys_own_figure_is_refused(july: Path) -> None:
    good = _run("record", "rev", "730", "--date", "2026-01", "--month-value", "600")
    entry_id = good.stdout.split()[1].rstrip(":")
    amended = _run("amend", entry_id, "600", "--reason", "核实数")
    assert amended.exit_code == 1
    assert "equals January's own 600 亿元, the calendar year so far (1—1月)" in amended.stderr


def test_check_reports_januarys_own_figure_in_a_july_plan(july: Path) -> None:
    jan = entry("rev", JAN_2026, "600", n=1, unit="亿元", month_value=Decimal(600))
    append_entries(july / "progress.toml", [jan])
    result = _run("check")
    assert result.exit_code == 1
    assert "equals January's own 600 亿元, the calendar year so far (1—1月)" in result.output


def test_a_calendar_plan_keeps_januarys_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "targets.toml").write_text(CALENDAR + TARGET, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _run("record", "rev", "110", "--date", "2025-01", "--month-value", "110").exit_code == 0
    assert _run("record", "rev", "120", "--date", "2025-01", "--note", "1月当月", "--allow-duplicates").exit_code == 0
    off = _run("record", "rev", "110", "--date", "2025-01", "--month-value", "100", "--allow-duplicates")
    assert off.exit_code == 1 and "the running total of the first month (1—1月) is that month's figure" in off.stderr


def test_import_a_month_column_alone_is_the_running_total_in_the_first_month_only(july: Path) -> None:
    (july / "jul.csv").write_text("指标名称,本月,截至日期\n营业收入,50,2025-07-31\n", encoding="utf-8")
    assert _run("import", "jul.csv").exit_code == 0
    assert _run("export", "--format", "csv").stdout.splitlines()[1].split(",")[2:4] == ["2025-07-31", "50"]
    (july / "jan.csv").write_text("指标名称,本月,截至日期\n营业收入,60,2026-01-31\n", encoding="utf-8")
    refused = _run("import", "jan.csv")
    assert refused.exit_code == 1
    # the plan's span, not a calendar 1—N月 column, which the plan would refuse too
    assert (
        "row 2: rev records the running total (2025年7月—2026年1月累计), but the row gives only the month's own figure "
        "(60 under '本月' (B2)); add the 2025年7月—2026年1月累计 column beside it, or record the running total with "
        "`tracker record rev FIGURE --month-value 60`" in refused.stderr
    )


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "指标名称,1-8月累计,截至日期\n营业收入,300,2025-08-31\n",
            "column '1-8月累计' (B) holds the year so far from January",
        ),
        (
            "2025年1-8月主要指标\n指标名称,完成值,截至日期\n营业收入,300,2025-08-31\n",
            "column '完成值' (B) holds the year so far from January (the title says so)",
        ),
    ],
)
def test_a_calendar_year_so_far_column_is_refused_in_a_july_plan(july: Path, text: str, said: str) -> None:
    (july / "s.csv").write_text(text, encoding="utf-8")
    result = _run("import", "s.csv")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: s.csv: {said}, but the plan's running totals count from its first month, month 7: the calendar "
        "year's figure is not the plan's; give the running total since the plan's start under a header and a title "
        "that name no months (完成值, with the sheet's date), or record it with tracker record\n"
    )
    assert not (july / "progress.toml").exists()
    # A figure column naming no months is the plan's running total, dated by the sheet.
    (july / "t.csv").write_text("指标名称,完成值,截至日期\n营业收入,300,2025-08-31\n", encoding="utf-8")
    assert _run("import", "t.csv").exit_code == 0


def test_the_sheet_asks_for_the_plans_span(july: Path) -> None:
    assert _run("sheet", "--month", "2026-01", "-o", "jan.csv", "--lang", "zh").exit_code == 0
    assert (
        (july / "jan.csv")
        .read_text(encoding="utf-8-sig")
        .splitlines()[1]
        .startswith("营业收入,2025年7月—2026年1月累计,亿元,1200,")
    )
    assert _run("sheet", "--month", "2025-08", "-o", "aug.csv", "--lang", "en").exit_code == 0
    assert '"running total, Jul–Aug"' in (july / "aug.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(
    ("start", "day", "zh", "en"),
    [
        (date(2025, 1, 1), date(2025, 8, 31), "1—8月", "Jan–Aug"),
        (date(2025, 7, 1), date(2025, 7, 31), "7—7月", "Jul–Jul"),
        (date(2025, 7, 1), date(2026, 1, 31), "2025年7月—2026年1月", "Jul 2025–Jan 2026"),
        (date(2025, 1, 1), date(2026, 3, 31), "2025年1月—2026年3月", "Jan 2025–Mar 2026"),  # a two-year plan
    ],
)
def test_running_span(start: date, day: date, zh: str, en: str) -> None:
    assert running_span(start, day) == zh and running_span(start, day, "en") == en


_PLANS: dict[int, Plan] = {}


def _plan(start_month: int) -> Plan:
    if start_month not in _PLANS:
        start, end = date(2025, start_month, 1), month_end(*_last_month(start_month))
        _PLANS[start_month] = write_plan(Path(tempfile.mkdtemp()), TARGET, head=_head(start, end))
    return _PLANS[start_month]


@settings(max_examples=200, deadline=None)
@given(start_month=st.integers(1, 12), offset=st.integers(0, 11), month=st.integers(1, 5000))
def test_only_the_plans_first_month_is_its_own_running_total(start_month: int, offset: int, month: int) -> None:
    """For any plan start month: a running total above its own month figure is refused in the plan's
    first month alone; one equal to it is refused in a January after the first month alone (the
    calendar year so far), and passes in every other month; a 当月 note passes in the first month
    alone. Nothing before it in the ledger."""
    plan = _plan(start_month)
    first = month_end(2025, start_month)
    day = month_end(add_months(first, offset).year, add_months(first, offset).month)
    own = Decimal(month)
    equal = _sums(check_new(plan, [], [entry("rev", day, str(own), month_value=own)]))
    above = _sums(check_new(plan, [], [entry("rev", day, str(own + 7), month_value=own)]))
    assert len(above) == (offset == 0)
    assert len(equal) == (offset != 0 and day.month == 1)
    assert _sums(check_ledger(plan, [entry("rev", day, str(own), month_value=own)])) == equal
    noted = check_new(plan, [], [entry("rev", day, str(own), note=f"{day.month}月当月")])
    assert (not [f for f in noted if "the month's own figure" in f.message]) == (offset == 0)
    assert asked(plan.find("rev"), day, "zh", plan.start) == f"{running_span(plan.start, day)}累计"  # type: ignore[arg-type]


def _sums(found: list[Finding]) -> list[str]:
    """The messages of the findings on a running total against its own month figure (the other
    checks, of scale against the target, are not this test's)."""
    return [f.message for f in found if f.month_sum]


def _last_month(start_month: int) -> tuple[int, int]:
    """The plan's last month (year, month): the month before its start month, a year on."""
    return (2025, 12) if start_month == 1 else (2026, start_month - 1)


def test_another_sheet_of_the_calendar_year_is_never_offered_in_a_july_plan(july: Path) -> None:
    """The active sheet is a cover of instructions; the one other sheet holds 1-8月累计, which this
    plan refuses: suggesting `--sheet 数据` would send the user to a refusal."""
    from openpyxl import Workbook

    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "填报说明"
    cover.append(["请于每月10日前报送"])
    data = book.create_sheet("数据")
    data.append(["指标名称", "2025年1-8月累计"])
    data.append(["营业收入", 800])
    book.save(july / "book.xlsx")
    refused = _run("import", "book.xlsx")
    assert refused.exit_code == 1
    assert "--sheet 数据" not in refused.stderr and "nor do its other sheets ('数据')" in refused.stderr
    # in a calendar plan the same sheet is the one to import
    (july / "targets.toml").write_text(CALENDAR + TARGET, encoding="utf-8")
    assert "import it with --sheet 数据" in _run("import", "book.xlsx").stderr


GROWTH = """[[target]]
id = "growth"
action = "a"
name = "营业收入增速"
kind = "rate"
unit = "%"
target = 6
"""


def test_import_a_rates_month_alone_names_the_plans_span(july: Path) -> None:
    """A July–June plan's rate given only January's own growth: the refusal named 1—N月, the calendar
    year's span, which the plan would refuse as a column too; it names the plan's."""
    (july / "targets.toml").write_text(JULY + GROWTH, encoding="utf-8")
    (july / "jan.csv").write_text("指标名称,本月,截至日期\n营业收入增速,6.1,2026-01-31\n", encoding="utf-8")
    refused = _run("import", "jan.csv")
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[-1] == (
        "error: jan.csv: row 2: growth records the year-to-date figure (2025年7月—2026年1月), but the row gives only "
        "the month's own figure (6.1 under '本月' (B2)); add the 2025年7月—2026年1月 growth column beside it, or record "
        "the year-to-date figure with `tracker record growth FIGURE`"
    )
    assert _run("export", "--format", "csv").stdout.splitlines()[1:] == []


@settings(max_examples=25)
@given(start_month=st.integers(1, 12), offset=st.integers(1, 11), kind=st.sampled_from(["total", "rate"]))
def test_a_month_alone_is_refused_naming_the_plans_span(start_month: int, offset: int, kind: str) -> None:
    """For any plan start month and any month after its first, a total's or a rate's row giving only
    the month's own figure is refused naming the span from the plan's first month (1—N月 in a plan
    starting in January), never a calendar 1—N月 in a plan that does not."""
    first = date(2025, start_month, 1)
    day = month_end(add_months(first, offset).year, add_months(first, offset).month)
    end = month_end(add_months(first, 11).year, add_months(first, 11).month)
    target = TARGET if kind == "total" else GROWTH.replace("营业收入增速", "营业收入")
    tid = "rev" if kind == "total" else "growth"
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "targets.toml").write_text(_head(first, end) + target, encoding="utf-8")
        (Path(tmp) / "m.csv").write_text(f"指标名称,本月,截至日期\n营业收入,6.1,{day}\n", encoding="utf-8")
        refused = CliRunner().invoke(
            app,
            ["import", f"{tmp}/m.csv"],
            env={"TRACKER_TARGETS": f"{tmp}/targets.toml", "TRACKER_LEDGER": f"{tmp}/p.toml"},
        )
        span = "1—N月" if start_month == 1 else running_span(first, day)
        said = f"running total ({span}累计)" if kind == "total" else f"year-to-date figure ({span})"
        assert refused.exit_code == 1
        assert f"{tid} records the {said}, but the row gives only the month's own figure" in refused.stderr


def test_after_a_july_june_plan_the_hint_names_the_year_init_takes(tmp_path: Path, monkeypatch) -> None:
    # The plan runs 2025-07-01 to 2026-06-30: the next one is 2027's (init refuses --year 2026,
    # which would start before this one ends), and its file is targets-2027.toml. The hint said
    # 2026, from the plan's first year, and led to that refusal.
    from ledger.plan_file import load_plan
    from ledger.render.guidance import next_plan_path, next_steps

    monkeypatch.chdir(tmp_path)
    Path("targets.toml").write_text(JULY + TARGET, encoding="utf-8")
    plan = load_plan(Path("targets.toml"))
    [hint] = next_steps(plan, date(2026, 11, 29), False, 3, "en")
    assert hint.endswith("Start the 2027 plan: tracker init --from targets.toml --year 2027")
    assert next_plan_path(plan) == Path("targets-2027.toml")
    result = CliRunner().invoke(app, ["init", "--from", "targets.toml"])  # the default year is the hint's
    assert result.exit_code == 0, result.output
    assert next_plan_path(plan).exists()
    [written] = next_steps(plan, date(2026, 11, 29), False, 3, "en", next_plan_path(plan))
    assert "The 2027 plan is in targets-2027.toml" in written


# A plan of two years starting in January (2025-01-01 to 2026-12-31): its running total counts from
# 2025-01, so at the end of January 2026 it is 2025年1月—2026年1月累计, and January 2026's own figure
# (本月, alone on a sheet whose title says 2026年1月) is not it. It was read as the running total:
# 60 亿元 for a plan that had 1,300 by December, the year's work gone from every report.
TWO_YEARS = _head(date(2025, 1, 1), date(2026, 12, 31))


@pytest.fixture
def two_years(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "targets.toml").write_text(TWO_YEARS + TARGET, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_later_januarys_month_column_is_not_a_two_year_plans_running_total(two_years: Path) -> None:
    (two_years / "jan.csv").write_text(
        "临平经开区2026年1月主要经济指标\n指标名称,本月\n营业收入,60\n", encoding="utf-8"
    )
    refused = _run("import", "jan.csv")
    assert refused.exit_code == 1 and refused.stdout == ""
    assert refused.stderr == (
        "error: jan.csv: row 3: rev records the running total (2025年1月—2026年1月累计), but the row gives only the "
        "month's own figure (60 under '本月' (B3)); add the 2025年1月—2026年1月累计 column beside it, or record the "
        "running total with `tracker record rev FIGURE --month-value 60`\n"
    )
    assert not (two_years / "progress.toml").exists()
    # The plan's first January is the running total, as before.
    (two_years / "jan25.csv").write_text(
        "临平经开区2025年1月主要经济指标\n指标名称,本月\n营业收入,50\n", encoding="utf-8"
    )
    assert _run("import", "jan25.csv").exit_code == 0
    assert _run("export", "--format", "csv").stdout.splitlines()[1].split(",")[2:4] == ["2025-01-31", "50"]


@settings(max_examples=20, deadline=None)
@given(
    month=st.integers(1, 12),
    dated=st.sampled_from(["title", "column"]),
    header=st.sampled_from(["本月", "当月", "1月", "本月完成"]),
)
def test_a_month_alone_after_a_two_year_plans_first_year_names_the_plans_span(
    month: int, dated: str, header: str
) -> None:
    """In the second year of a plan starting in January, a total's month figure alone is refused,
    in January as in any month, naming the span since the plan's start (never 1—N月)."""
    day = month_end(2026, month)
    label = header if header != "1月" else f"{month}月"
    sheet = (
        f"2026年{month}月主要经济指标\n指标名称,{label}\n营业收入,60\n"
        if dated == "title"
        else f"指标名称,{label},截至日期\n营业收入,60,{day}\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "targets.toml").write_text(TWO_YEARS + TARGET, encoding="utf-8")
        (Path(tmp) / "m.csv").write_text(sheet, encoding="utf-8")
        refused = CliRunner().invoke(
            app,
            ["import", f"{tmp}/m.csv"],
            env={"TRACKER_TARGETS": f"{tmp}/targets.toml", "TRACKER_LEDGER": f"{tmp}/p.toml"},
        )
        assert refused.exit_code == 1, refused.output
        assert (
            f"rev records the running total (2025年1月—2026年{month}月累计), but the row gives only" in refused.stderr
        )
        assert not (Path(tmp) / "p.toml").exists()


# The same plan's sheet of the calendar year so far in its second year (1-8月累计 dated 2026-08-31,
# or 完成值 under a title 2026年1-8月) was read as the plan's running total: 300 for 2026's eight
# months where the plan's 2025年1月—2026年8月 figure is some 1,600. Refused, naming the plan's span.
@pytest.mark.parametrize(
    ("sheet", "said"),
    [
        ("指标名称,1-8月累计,截至日期\n营业收入,300,2026-08-31\n", "'1-8月累计' (B2) holds the year so far from January 2026 (300)"),
        ("2026年1-8月主要指标\n指标名称,完成值\n营业收入,300\n", "'完成值' (B3) holds the year so far from January 2026 (300), as the title says"),
        ("指标名称,本年累计,截至日期\n营业收入,300,2026-08-31\n", "'本年累计' (B2) holds the year so far from January 2026 (300)"),
    ],
)  # fmt: skip
def test_a_later_years_calendar_running_total_is_not_a_two_year_plans(two_years: Path, sheet: str, said: str) -> None:
    (two_years / "s.csv").write_text(sheet, encoding="utf-8")
    refused = _run("import", "s.csv")
    assert refused.exit_code == 1 and refused.stdout == ""
    row = said.split("(B")[1].split(")")[0]
    assert refused.stderr == (
        f"error: s.csv: row {row}: rev records the running total since the plan's start (2025年1月—2026年8月累计), but "
        f"{said}; give the 2025年1月—2026年8月累计 figure under a header that names no months (完成值, with the sheet's "
        "date), or record it with `tracker record rev FIGURE`\n"
    )
    assert not (two_years / "progress.toml").exists()
    # In the plan's first year the calendar year so far is its running total; a 完成值 with a date names no months.
    (two_years / "first.csv").write_text(sheet.replace("2026", "2025"), encoding="utf-8")
    assert _run("import", "first.csv").exit_code == 0
    (two_years / "plain.csv").write_text("指标名称,完成值,截至日期\n营业收入,1600,2026-08-31\n", encoding="utf-8")
    assert _run("import", "plain.csv").exit_code == 0


@settings(max_examples=15, deadline=None)
@given(month=st.integers(1, 12), header=st.sampled_from(["1-{m}月累计", "1—{m}月累计（亿元）", "本年累计", "累计"]))
def test_any_calendar_running_total_after_the_first_year_is_refused(month: int, header: str) -> None:
    label = header.format(m=month)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "targets.toml").write_text(TWO_YEARS + TARGET, encoding="utf-8")
        (Path(tmp) / "m.csv").write_text(f"指标名称,{label},截至日期\n营业收入,300,{month_end(2026, month)}\n", "utf-8")
        refused = CliRunner().invoke(
            app,
            ["import", f"{tmp}/m.csv"],
            env={"TRACKER_TARGETS": f"{tmp}/targets.toml", "TRACKER_LEDGER": f"{tmp}/p.toml"},
        )
        assert refused.exit_code == 1, refused.output
        assert (
            f"rev records the running total since the plan's start (2025年1月—2026年{month}月累计), but {label!r} "
            in refused.stderr
        )
        assert not (Path(tmp) / "p.toml").exists()
