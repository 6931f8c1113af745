"""How planners count: units, schedules, stretch goals, milestones, stale and late data,
running totals, English figures, and `tracker show` — against values computed by hand."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import ExitCode, app
from ledger import PlanError, Status
from tests.helpers import entry, progress_of, write_plan

TARGETS = """
[[target]]
id = "talent"
action = "a"
name = "新引进人才"
kind = "total"
unit = "万人"
target = 4.2

[[target]]
id = "revenue"
action = "a"
name = "营收"
kind = "total"
unit = "亿元"
target = 193.22
stretch = 200
schedule = { "2025-02" = 10, "2025-06" = 40 }

[[target]]
id = "growth"
action = "a"
name = "增速"
kind = "rate"
unit = "%"
target = 5
stretch = 6

[[target]]
id = "output"
action = "a"
name = "工业总产值"
kind = "total"
unit = "亿元"
target = 1360

[[target]]
id = "space"
action = "a"
name = "新增创新空间"
kind = "increment"
unit = "万平方米"
target = 50

[[target]]
id = "rank"
action = "a"
name = "排名"
kind = "rank"
unit = "位"
target = 70

[[target]]
id = "hub"
action = "a"
name = "枢纽"
kind = "milestone"
milestones = [
  { id = "design", name = "方案设计", due = 2025-07-15 },
  { id = "build", name = "开工建设", due = 2025-12-31 },
]
"""


@pytest.fixture
def plan(tmp_path: Path):
    return write_plan(tmp_path, TARGETS)


def run(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args))


def test_42859_people_against_4_2_wan_is_done(runner: CliRunner, plan, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(runner, "record", "talent", "42859", "--unit", "人", "-d", "2025-06").exit_code == 0
    doc = json.loads(run(runner, "status", "-f", "json", "--as-of", "2025-06-30").stdout)
    talent = next(t for a in doc["actions"] for t in a["targets"] if t["id"] == "talent")
    assert (talent["current"], talent["progress"], talent["status"]) == (4.2859, 1.0205, "done")
    refused = run(runner, "record", "talent", "3", "--unit", "家", "-d", "2025-06")
    assert refused.exit_code == ExitCode.ERROR
    assert "unit '家' cannot be converted to '万人'" in refused.stderr


def test_schedule_judges_an_early_figure_against_its_month(plan) -> None:
    # "1–2月" is recorded once as of the end of February: the schedule says 10 % by then.
    p = progress_of(plan, [entry("revenue", date(2025, 2, 28), "19.322")], date(2025, 3, 15), "revenue")
    assert p.expected == Decimal("0.1")
    assert p.progress == Decimal("0.1")
    assert p.status is Status.ON_TRACK
    # Without a schedule, February is 2/12 = 16.67 %.
    even = progress_of(plan, [entry("output", date(2025, 2, 28), "200")], date(2025, 3, 15), "output")
    assert round(even.expected, 4) == Decimal("0.1667")


def test_193_22_planned_126_02_done_at_end_of_june(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, TARGETS.replace('schedule = { "2025-02" = 10, "2025-06" = 40 }\n', ""))
    p = progress_of(plan, [entry("revenue", date(2025, 6, 30), "126.02")], date(2025, 6, 30), "revenue")
    assert round(p.progress, 4) == Decimal("0.6522")
    assert p.expected == Decimal("0.5")
    assert round(p.gap * 100, 2) == Decimal("15.22")
    assert p.status is Status.ON_TRACK


def test_growth_of_minus_4_6_against_5_is_behind_by_9_6(plan) -> None:
    p = progress_of(plan, [entry("growth", date(2025, 6, 30), "-4.6")], date(2025, 6, 30), "growth")
    assert p.gap == Decimal("-9.6") and p.status is Status.BEHIND


def test_stretch_is_shown_and_marked_but_status_uses_the_target(plan) -> None:
    p = progress_of(plan, [entry("revenue", date(2025, 12, 31), "195")], date(2025, 12, 31), "revenue")
    assert p.status is Status.DONE and p.stretch_met is False
    q = progress_of(plan, [entry("revenue", date(2025, 12, 31), "200.5")], date(2025, 12, 31), "revenue")
    assert q.stretch_met is True
    r = progress_of(plan, [entry("growth", date(2025, 12, 31), "5.5")], date(2025, 12, 31), "growth")
    assert r.status is Status.DONE and r.stretch_met is False
    from ledger.render.cells import cells

    c = cells(q, "zh")
    assert c.goal == "193.22 亿元（力争 200）" and c.status == "已完成 ★"


def test_stretch_must_go_beyond_the_target(tmp_path: Path) -> None:
    from ledger import PlanError

    with pytest.raises(PlanError, match=r"stretch 190 does not go beyond target 193\.22"):
        write_plan(tmp_path, TARGETS.replace("stretch = 200", "stretch = 190"))


def test_milestones_progress_next_due_and_warnings(plan) -> None:
    from ledger import MilestoneStatus as M

    started = [entry("hub", date(2025, 5, 31), n=1, status=M.IN_PROGRESS, milestone="build")]
    p = progress_of(plan, started, date(2025, 6, 10), "hub")
    assert p.status is Status.ON_TRACK  # design is due in 35 days
    assert p.next_milestone is not None and p.next_milestone.id == "design"
    assert progress_of(plan, started, date(2025, 6, 20), "hub").status is Status.AT_RISK  # due in 25 days, not started
    done = [*started, entry("hub", date(2025, 7, 10), n=2, status=M.DONE, milestone="design")]
    p = progress_of(plan, done, date(2025, 7, 31), "hub")
    assert (p.status, p.progress, p.next_milestone.id) == (Status.ON_TRACK, Decimal("0.5"), "build")  # type: ignore[union-attr]
    assert progress_of(plan, started, date(2025, 7, 16), "hub").status is Status.BEHIND


def test_stale_figures_and_ranks_that_wait(plan) -> None:
    march = [entry("output", date(2025, 3, 31), "318.6")]
    assert not progress_of(plan, march, date(2025, 5, 20), "output").stale  # April's figure is due by May 20
    assert progress_of(plan, march, date(2025, 5, 21), "output").stale
    rank = progress_of(plan, [], date(2025, 12, 31), "rank")
    assert rank.status is Status.NO_DATA and not rank.stale
    yearly = progress_of(plan, [entry("rank", date(2025, 6, 30), "75")], date(2025, 12, 31), "rank")
    assert not yearly.stale  # a rank is reported yearly


def test_running_totals_must_add_up(runner: CliRunner, tmp_path: Path, monkeypatch) -> None:
    write_plan(tmp_path, TARGETS)
    monkeypatch.chdir(tmp_path)
    assert run(runner, "record", "output", "100.5", "-d", "2025-01", "--month-value", "100.5").exit_code == 0
    assert run(runner, "record", "output", "210.7", "-d", "2025-02", "--month-value", "110.2").exit_code == 0
    assert run(runner, "check").exit_code == 0
    sum_slip = (
        "the running total 330 亿元 is not the previous 210.7 亿元 (2025-02-28) plus this month's 110 亿元 = 320.7 亿元"
    )
    refused = run(runner, "record", "output", "330", "-d", "2025-03", "--month-value", "110")
    assert refused.exit_code == ExitCode.ERROR and sum_slip in refused.stderr
    # Either figure may be the slip: the fix names the option for each.
    assert refused.stderr.endswith(
        "nothing was recorded; if the month's own figure is what is wrong, give it with --month-value; "
        "if both figures are right, keep them with --force\n"
    )
    # A ledger that holds it anyway (written before this check existed) fails `check`, with the fix.
    from ledger import append_entries

    append_entries(tmp_path / "progress.toml", [entry("output", date(2025, 3, 31), "330", month_value=Decimal(110))])
    bad = run(runner, "check")
    assert bad.exit_code == ExitCode.ERROR
    assert sum_slip in bad.stderr
    assert "correct it: tracker amend " in bad.stderr and " VALUE --month-value MONTH --reason … (either" in bad.stderr
    assert " --force --reason …" in bad.stderr
    forced = run(runner, "record", "output", "331", "-d", "2025-03", "--month-value", "110", "--force")
    assert forced.exit_code == 0 and "kept over a check" in forced.stdout
    refused = run(runner, "record", "space", "1", "-d", "2025-03", "--month-value", "1")
    assert refused.exit_code == ExitCode.ERROR and "goes with running totals" in refused.stderr


def running_total_problems(plan, entries: list) -> list:
    """What `tracker check` finds about running totals and their month figures."""
    from ledger.meaning import check_ledger

    return [f for f in check_ledger(plan, entries) if "running total" in f.message]


def test_rounding_slack_in_running_totals(plan) -> None:
    ok = [entry("output", date(2025, 1, 31), "100.1", 1, month_value=Decimal("100.1")),
          entry("output", date(2025, 2, 28), "200.3", 2, month_value=Decimal("100.1"))]  # fmt: skip
    assert running_total_problems(plan, ok) == []  # off by 0.1, within three half-units of 0.05
    off = [ok[0], entry("output", date(2025, 2, 28), "200.5", 2, month_value=Decimal("100.1"))]
    assert len(running_total_problems(plan, off)) == 1


def test_two_entries_in_a_month_are_judged_against_the_previous_month(
    runner: CliRunner, tmp_path: Path, monkeypatch
) -> None:
    write_plan(tmp_path, TARGETS)
    monkeypatch.chdir(tmp_path)
    assert run(runner, "record", "output", "210.7", "-d", "2025-02").exit_code == 0
    assert run(runner, "record", "output", "330", "--month-value", "119.3", "-d", "2025-03").exit_code == 0
    assert run(runner, "check").exit_code == 0  # 210.7 + 119.3 = 330
    # The later entry of 2025-03-31 would count; its previous is February's 210.7, not the 330 it replaces.
    bad = run(runner, "record", "output", "500", "--month-value", "170", "-d", "2025-03")
    assert bad.exit_code == ExitCode.ERROR
    assert "the running total 500 亿元 is not the previous 210.7 亿元 (2025-02-28)" in bad.stderr
    assert "= 380.7 亿元" in bad.stderr
    # A mid-month reading does not hide the month before: 300 on 03-15 is 210.7 + 89.3 …
    assert run(runner, "record", "output", "300", "--month-value", "89.3", "-d", "2025-03-15").exit_code == 0
    # … and 350 on 03-31 is judged against February's 210.7 too (210.7 + 119.3 = 330).
    late = run(runner, "record", "output", "350", "--month-value", "119.3", "-d", "2025-03-31")
    assert late.exit_code == ExitCode.ERROR and "plus this month's 119.3 亿元 = 330 亿元" in late.stderr
    assert run(runner, "check").exit_code == 0
    # Written by another tool, the 500 is found by check: the later entry of 03-31 counts.
    from ledger import append_entries

    append_entries(tmp_path / "progress.toml", [entry("output", date(2025, 3, 31), "500", 9, month_value=Decimal(170))])
    found = run(runner, "check")
    assert found.exit_code == ExitCode.ERROR
    assert "the running total 500 亿元 is not the previous 210.7 亿元 (2025-02-28)" in found.stderr
    assert "= 380.7 亿元" in found.stderr and "330 亿元 is not" not in found.stderr


def test_running_totals_compare_with_the_counted_entries(plan) -> None:
    feb = entry("output", date(2025, 2, 28), "210.7", 1)
    mid = entry("output", date(2025, 3, 15), "300", 2, month_value=Decimal("89.3"))  # 210.7 + 89.3
    end = entry("output", date(2025, 3, 31), "330", 3, month_value=Decimal("119.3"))  # 210.7 + 119.3
    assert running_total_problems(plan, [feb, mid, end]) == []
    # February's later entry of the same date (200.7) is the one March is judged against.
    feb_later = entry("output", date(2025, 2, 28), "200.7", 4)
    flagged = running_total_problems(plan, [feb, mid, end, feb_later])
    assert [f.entry.id for f in flagged] == [mid.id, end.id]
    # A superseded entry of the same date is not judged: only the later one counts.
    wrong_then_right = [feb, entry("output", date(2025, 3, 31), "500", 5, month_value=Decimal("170")), end]
    assert running_total_problems(plan, wrong_then_right) == []
    # In the plan's first month every counted entry of a total from 0 must equal its month's figure.
    jan = [entry("output", date(2025, 1, 15), "50", 6, month_value=Decimal("50")),
           entry("output", date(2025, 1, 31), "100.5", 7, month_value=Decimal("90"))]  # fmt: skip
    assert [f.entry.id for f in running_total_problems(plan, jan)] == [jan[1].id]


def test_english_figures(plan) -> None:
    from ledger.render.text import amount

    assert amount(Decimal(1360), "亿元", "en") == "CNY 136.0 bn"
    assert amount(Decimal(50), "万平方米", "en") == "500,000 m²"
    assert amount(Decimal("4.2"), "万人", "en") == "42,000 people"
    assert amount(Decimal(70), "位", "en", rank=True) == "No. 70"
    assert amount(Decimal(1360), "亿元", "zh") == "1360 亿元"


def test_english_figures_are_converted_before_rounding(runner: CliRunner, plan, tmp_path: Path, monkeypatch) -> None:
    from ledger.render.cells import cells
    from ledger.render.text import figure

    # 4.2859 万人 at the end of June against 6/12: forecast 4.2859 / 0.5 = 8.5718 万人 = 85,718 people.
    talent = progress_of(plan, [entry("talent", date(2025, 6, 30), "4.2859")], date(2025, 6, 30), "talent")
    # The forecast keeps the current figure's 4 places: 8.5718, as the 85,718 people it is.
    assert cells(talent, "en").forecast == "85,718" and cells(talent, "zh").forecast == "8.5718"
    # 1256.643 亿元 is CNY 125.664 bn: 亿 → bn keeps the step of 0.01 亿.
    assert figure(Decimal("1256.643"), "亿元", "en", places=2) == "125.664"
    assert figure(Decimal(1) / 3, "%", "en", places=2) == "0.33%"
    monkeypatch.chdir(tmp_path)
    assert run(runner, "record", "space", "1.5", "-d", "2025-06").exit_code == 0
    out = run(runner, "show", "space", "--as-of", "2025-06-30", "--lang", "en").stdout
    # (50 − 1.5) / 6 months = 8.08333… 万平方米 = 80,833 m² a month (whole m², as the current's
    # 15,000); forecast 1.5 / 0.5 = 3 万 = 30,000 m².
    assert "needed per month: 80,833 m²" in out and "80,833.33" not in out and "30,000" in out
    zh = run(runner, "show", "space", "--as-of", "2025-06-30", "--lang", "zh").stdout
    assert "8.08" in zh


def test_milestones_without_entries_are_listed_and_judged_by_their_dues(
    runner: CliRunner, plan, tmp_path: Path, monkeypatch
) -> None:
    # hub: design due 2025-07-15, build due 2025-12-31; nobody has reported.
    early = progress_of(plan, [], date(2025, 6, 1), "hub")  # design due in 44 days
    assert early.status is Status.NO_DATA and early.next_milestone is not None
    assert early.next_milestone.id == "design" and [m.status for m in early.milestones] == [None, None]
    soon = progress_of(plan, [], date(2025, 6, 15), "hub")  # design due in 30 days, not started
    assert soon.status is Status.AT_RISK and soon.progress is None and soon.current is None
    late = progress_of(plan, [], date(2025, 7, 16), "hub")  # design past due, not done
    assert late.status is Status.BEHIND and late.next_milestone is not None and late.next_milestone.id == "design"
    monkeypatch.chdir(tmp_path)
    doc = json.loads(run(runner, "status", "-f", "json", "--as-of", "2025-06-15").stdout)
    hub = next(t for a in doc["actions"] for t in a["targets"] if t["id"] == "hub")
    assert hub["status"] == "at_risk" and hub["next_milestone"]["id"] == "design"
    assert [(m["id"], m["status"]) for m in hub["milestones"]] == [("design", None), ("build", None)]
    assert (hub["current"], hub["progress"], hub["entries"]) == (None, None, 0)


def test_percentages_round_toward_the_unfinished_side(plan) -> None:
    from ledger.render.cells import cells

    p = progress_of(plan, [entry("output", date(2025, 12, 31), "1359.99")], date(2025, 12, 31), "output")
    assert cells(p, "zh").progress == "99.9%" and p.status is not Status.DONE
    assert cells(p, "en").progress == "99.9%"


def test_points_are_labelled(plan) -> None:
    from ledger.render.cells import cells, gap_phrase

    p = progress_of(plan, [entry("growth", date(2025, 6, 30), "4.2")], date(2025, 6, 30), "growth")
    assert cells(p, "zh").progress == "-0.8 个百分点" and cells(p, "en").progress == "-0.8 pp"
    assert gap_phrase(p, "zh") == "差目标 0.8 个百分点"


def test_point_gaps_have_one_decimal_and_agree_with_the_columns(plan) -> None:
    from ledger.render.cells import cells, gap_phrase

    # 520 / 1360 = 38.235…% (shown 38.2%) against 5/12 = 41.666…% (shown 41.7%): the exact gap is
    # 3.43 points, but the columns say 41.7 − 38.2 = 3.5, and so does every gap written.
    may = progress_of(plan, [entry("output", date(2025, 5, 31), "520")], date(2025, 5, 31), "output")
    c = cells(may, "zh")
    assert (c.progress, c.expected, c.gap) == ("38.2%", "41.7%", "低于序时进度 3.5 个百分点")
    assert gap_phrase(may, "en") == "3.5 pp behind schedule"
    # 453.152 / 1360 = 33.32% (shown 33.3%) against 4/12 = 33.33…% (shown 33.3%): behind by less
    # than the rounding is still behind, by 0.1.
    april = progress_of(plan, [entry("output", date(2025, 4, 30), "453.152")], date(2025, 4, 30), "output")
    assert gap_phrase(april, "zh") == "低于序时进度 0.1 个百分点"
    # 700 / 1360 = 51.47…% (shown 51.4%) against 50.0%: 1.4 ahead.
    june = progress_of(plan, [entry("output", date(2025, 6, 30), "700")], date(2025, 6, 30), "output")
    assert gap_phrase(june, "en") == "1.4 pp ahead of schedule"
    # Rates: one decimal toward the unfinished side; 4.96 against 5 is 0.1 short, never 0.
    short = progress_of(plan, [entry("growth", date(2025, 6, 30), "4.96")], date(2025, 6, 30), "growth")
    assert cells(short, "zh").progress == "-0.1 个百分点" and gap_phrase(short, "zh") == "差目标 0.1 个百分点"
    beyond = progress_of(plan, [entry("growth", date(2025, 6, 30), "6.25")], date(2025, 6, 30), "growth")
    assert cells(beyond, "en").progress == "+1.2 pp" and gap_phrase(beyond, "en") == "1.2 pp better than target"
    level = progress_of(plan, [entry("growth", date(2025, 6, 30), "5.0")], date(2025, 6, 30), "growth")
    assert cells(level, "en").progress == "0.0 pp" and gap_phrase(level, "en") == "exactly on target"
    hair = progress_of(plan, [entry("growth", date(2025, 6, 30), "5.04")], date(2025, 6, 30), "growth")
    # Not "exactly", not rounded up to 0.1, and not 0.0 (which reads as exactly): the places that make it so.
    assert cells(hair, "en").progress == "+0.04 pp" and gap_phrase(hair, "en") == "0.04 pp better than target"


def test_schedule_errors_and_current_figures_keep_the_digits_typed(
    runner: CliRunner, tmp_path: Path, monkeypatch
) -> None:
    with pytest.raises(PlanError, match=r"planned progress falls from 60\.0% in 2025-03 to 47% in 2025-06$"):
        write_plan(tmp_path, TARGETS.replace('schedule = { "2025-02" = 10, "2025-06" = 40 }',
                                             'schedule = { "2025-03" = 60.0, "2025-06" = 47 }'))  # fmt: skip
    write_plan(tmp_path, TARGETS)
    monkeypatch.chdir(tmp_path)
    for typed in ("1.5", "1.50"):
        assert run(runner, "record", "output", typed, "-d", "2025-06", "--force", "--allow-duplicates").exit_code == 0
        shown = run(runner, "show", "output", "--as-of", "2025-06-30", "--lang", "zh").stdout
        assert f"当前: {typed} (截至 2025-06-30)" in shown
    # 15000 平方米 is 1.5 万平方米 exactly: no digits appear that nobody typed.
    assert run(runner, "record", "space", "15000", "--unit", "平方米", "-d", "2025-06").exit_code == 0
    assert "当前: 1.5 (截至" in run(runner, "show", "space", "--as-of", "2025-06-30", "--lang", "zh").stdout


def test_show_a_target(runner: CliRunner, tmp_path: Path, monkeypatch) -> None:
    write_plan(tmp_path, TARGETS)
    monkeypatch.chdir(tmp_path)
    run(runner, "record", "output", "318.6", "-d", "2025-03", "-n", "1—3月累计")
    run(runner, "record", "output", "680", "-d", "2025-06")
    out = run(runner, "show", "output", "--as-of", "2025-06-30", "--lang", "zh").stdout
    assert "工业总产值" in out and "1—3月累计" in out
    lines = [line for line in out.splitlines() if line.startswith("2025-0") and "序时" in line]
    assert len(lines) == 6 and "23.4%" in lines[2] and "50.0%" in lines[5]
    doc = json.loads(run(runner, "show", "output", "--as-of", "2025-06-30", "-f", "json").stdout)
    assert doc["schema"] == "tracker.show/2"
    # 318.6 / 1360 = 0.234264…, half-up as reports round
    assert [p["progress"] for p in doc["series"]] == [None, None, 0.2343, 0.2343, 0.2343, 0.5]
    assert [p["expected"] for p in doc["series"]][-1] == 0.5
    assert len(doc["entries"]) == 2
    unknown = run(runner, "show", "outptu")
    assert unknown.exit_code == ExitCode.ERROR and "did you mean 'output'" in unknown.stderr


def test_last_month_of_a_schedule_is_100(tmp_path: Path) -> None:
    from ledger import PlanError

    with pytest.raises(PlanError, match="the plan's last month: planned progress there is 100"):
        write_plan(tmp_path, TARGETS.replace('"2025-06" = 40 }', '"2025-06" = 40, "2025-12" = 90 }'))


def test_steps_past_due_without_reports_are_behind(plan) -> None:
    assert progress_of(plan, [], date(2025, 7, 16), "hub").status is Status.BEHIND
    assert progress_of(plan, [], date(2025, 7, 1), "hub").status is Status.AT_RISK  # design due in 14 days
    assert progress_of(plan, [], date(2025, 6, 1), "hub").status is Status.NO_DATA  # nothing due within 30 days


def test_pace_needed_is_counted_from_the_latest_figures_date(plan) -> None:
    # Issue 13, case 7: April's 300 leaves 1060 for the eight months May–December, 132.5 a
    # month, whether the report is made in April, May or June (not 151.43 or 176.67).
    april = [entry("output", date(2025, 4, 30), "300")]
    for as_of in (date(2025, 4, 30), date(2025, 5, 31), date(2025, 6, 30)):
        assert progress_of(plan, april, as_of, "output").needed_per_month == Decimal("132.5")
    june = [entry("output", date(2025, 6, 30), "680")]
    assert round(progress_of(plan, june, date(2025, 9, 30), "output").needed_per_month, 2) == Decimal("113.33")
    december = [entry("output", date(2025, 12, 31), "1300")]
    assert progress_of(plan, december, date(2025, 12, 31), "output").needed_per_month is None


def test_a_stretch_keeps_the_table_within_80_columns(runner: CliRunner, workdir: Path) -> None:
    plan = workdir / "targets.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("target = 1360", "target = 1360\nstretch = 1400", 1), encoding="utf-8"
    )
    run(runner, "record", "industrial-output", "680", "-d", "2025-06")
    for lang in ("en", "zh"):
        out = run(runner, "status", "--lang", lang, "--as-of", "2025-06-30").stdout
        from rich.cells import cell_len

        assert max(cell_len(line) for line in out.splitlines()) <= 80, lang
        assert ("力争 1400" in out) if lang == "zh" else ("stretch 140.0" in out)
