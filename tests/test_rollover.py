"""The next year's plan (`tracker init --from targets.toml --year 2026`), checked key by key."""

from __future__ import annotations

import re
import shutil
import tempfile
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import MilestoneStatus, load_plan
from ledger.dates import shift_years as shift
from ledger.errors import PlanError, TrackerError
from ledger.rollover import next_plan, proposed_schedule
from tests.conftest import SHIPPED_PLAN
from tests.helpers import PLAN_HEAD, entry, write_plan
from tests.test_progress import TARGETS as PROGRESS_TARGETS

# test_progress's targets, with a year in a name, a stretch goal, a baseline, an earlier due
# date and a task done in the year.
TARGETS = (
    PROGRESS_TARGETS.replace('name = "工业总产值"\n', 'name = "2025年工业总产值"\nname_en = "Industrial output"\n')
    .replace("target = 1360\n", 'target = 1360\nstretch = 1400\ntags = ["力争"]\n')
    .replace("target = 50\n", "target = 50\nbaseline = 5\ndue = 2025-11-30\n")
    + """
[[target]]
id = "incubator"
action = "a"
name = "大孵化器"
kind = "milestone"
"""
)

ENTRIES = [
    # 1—N月累计 of industrial output: 80 in Jan–Feb, 300 by March, 680 by June, 1341.05 in December.
    entry("output", date(2025, 2, 28), "80", n=1),
    entry("output", date(2025, 3, 31), "300", n=2),
    entry("output", date(2025, 6, 30), "680", n=3),
    entry("output", date(2025, 12, 31), "1341.05", n=4),
    entry("space", date(2025, 4, 30), "10", n=5),
    entry("space", date(2025, 9, 30), "30", n=6),
    entry("energy", date(2025, 12, 31), "-3.2", n=7),
    entry("rank", date(2025, 12, 31), "73", n=8),
    entry("clusters", date(2025, 6, 30), n=9, status=MilestoneStatus.DONE, milestone="semi"),
    entry("clusters", date(2025, 9, 30), n=10, status=MilestoneStatus.IN_PROGRESS, milestone="robot"),
    entry("incubator", date(2025, 10, 31), n=11, status=MilestoneStatus.DONE),
]


@pytest.fixture
def plan(tmp_path: Path):
    return write_plan(tmp_path, TARGETS)


def test_dates_move_by_whole_years_and_month_ends_stay_month_ends() -> None:
    assert shift(date(2025, 12, 31), 1) == date(2026, 12, 31)
    assert shift(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert shift(date(2025, 2, 28), 3) == date(2028, 2, 29)
    assert shift(date(2025, 7, 15), 1) == date(2026, 7, 15)


def test_the_next_plan_key_by_key(plan, tmp_path: Path) -> None:
    nxt = next_plan(plan, ENTRIES, 2026)
    assert nxt.name == "targets-2026.toml"
    doc = tomllib.loads(nxt.text, parse_float=Decimal)
    assert doc["version"] == 1
    assert doc["plan"] == {
        "id": "test-2026",  # the year in the id moves with the plan
        "name": "测试计划",
        "start": date(2026, 1, 1),
        "end": date(2026, 12, 31),
        "ledger": "progress-2026.toml",  # a ledger of its own: 2025's is left as it is
    }
    assert doc["action"] == [{"id": "a", "name": "行动"}]
    targets = {t["id"]: t for t in doc["target"]}
    assert list(targets) == ["output", "space", "growth", "energy", "rank", "hub", "clusters"]  # incubator was done
    # No goal carried: last year's goal must never pass for this year's.
    assert all("target" not in t and "stretch" not in t for t in targets.values())
    assert targets["output"] == {
        "id": "output",
        "action": "a",
        "name": "2026年工业总产值",
        "name_en": "Industrial output",
        "kind": "total",
        "unit": "亿元",
        "previous": Decimal("1341.05"),  # the year's final reading, not the baseline
        "tags": ["力争"],
    }
    assert targets["space"] == {
        "id": "space",
        "action": "a",
        "name": "新增创新空间面积",
        "kind": "increment",
        "unit": "万平方米",
        "baseline": 5,  # where progress starts keeps its meaning
        # 10 + 30 added in 2025 (not the baseline), but nothing for its last month: offered commented
        # out, as a running total's 1—9月 would be, never live as the year's figure.
        "due": date(2026, 11, 30),
    }
    assert targets["energy"]["previous"] == Decimal("-3.2")
    assert targets["energy"]["direction"] == "down"
    assert targets["rank"]["previous"] == 73  # 2025's result, where 2024's 80 stood
    # Only the milestone not done is carried, due a year later; the done one is dropped.
    assert targets["clusters"]["milestones"] == [{"id": "robot", "name": "机器人", "due": date(2026, 12, 31)}]
    assert "kind" in targets["hub"] and "milestones" not in targets["hub"]
    text = nxt.text
    assert "# carried: in_progress in 2025; review" in text
    assert "# carried: no report in 2025; review" in text  # hub
    assert "Done in 2025 and not carried: clusters/semi, incubator." in text
    assert "# target = …                  # 2025's goal was 1360: write 2026's, remove the #" in text
    assert "# stretch = …                 # 2025's was 1400" in text
    assert "previous = 1341.05            # 2025's final figure (as of 2025-12-31)" in text


def test_the_proposed_schedule_follows_the_years_own_profile(plan) -> None:
    # 80 / 1341.05 = 5.97 %, 300 / 1341.05 = 22.37 %, 680 / 1341.05 = 50.71 %; December is 100 % anyway.
    output = plan.target("output")
    assert proposed_schedule(plan, output, ENTRIES, 1) == {
        "2026-02": Decimal("6.0"),
        "2026-03": Decimal("22.4"),
        "2026-06": Decimal("50.7"),
    }
    # An increment (10 by April, 30 more by September) is each period's addition: no schedule,
    # and its figures stop in September, so its previous is marked as from an incomplete year.
    assert proposed_schedule(plan, plan.target("space"), ENTRIES, 1) == {}
    text = next_plan(plan, ENTRIES, 2026).text
    assert '# schedule = { "2026-02" = 6, "2026-03" = 22.4, "2026-06" = 50.7 }' in text
    assert (
        "# previous = 40               # 2025's figure as of 2025-09-30, not its last day's (2025-11-30): "
        "the year is incomplete; write its final figure, remove the #"
    ) in text
    assert "# - previous (上年实绩) of space (as of 2025-09-30): 2025's figures stop before its last day" in text
    assert '"2026-09" = 100' not in text
    # A running total whose year stops in August proposes nothing: its shares would be of a part.
    august = [e for e in ENTRIES if e.target != "output" or e.date <= date(2025, 8, 31)]
    assert proposed_schedule(plan, output, august, 1) == {}
    # A running total that fell back (a correction not recorded as one) proposes nothing.
    falling = [*ENTRIES[:2], entry("output", date(2025, 4, 30), "200", n=20), ENTRIES[3]]
    assert proposed_schedule(plan, output, falling, 1) == {}


def test_the_next_plan_is_refused_by_check_until_the_goals_are_written(plan, tmp_path: Path) -> None:
    nxt = next_plan(plan, ENTRIES, 2026)
    path = tmp_path / "next" / nxt.name
    path.parent.mkdir()
    path.write_text(nxt.text, encoding="utf-8")
    with pytest.raises(PlanError) as e:
        load_plan(path)
    assert [p.where for p in e.value.problems] == [
        "target 'output'",
        "target 'space'",
        "target 'growth'",
        "target 'energy'",
        "target 'rank'",
    ]
    goals = {"output": "1450", "space": "55", "growth": "6.5", "energy": "-3", "rank": "65"}
    lines = nxt.text.split("\n")
    current = ""
    for i, line in enumerate(lines):
        if line.startswith("id = "):
            current = line.split('"')[1]
        if line.startswith("# target = …"):
            lines[i] = f"target = {goals[current]}"
        if line.startswith("# schedule = {") and current == "output":
            lines[i] = line[2:]
    path.write_text("\n".join(lines), encoding="utf-8")
    new = load_plan(path)
    output = new.target("output")
    assert (output.target, output.previous, output.baseline) == (Decimal(1450), Decimal("1341.05"), None)
    assert output.schedule == (
        (date(2026, 2, 28), Decimal("0.06")),
        (date(2026, 3, 31), Decimal("0.224")),
        (date(2026, 6, 30), Decimal("0.507")),
    )
    assert new.ledger == path.parent / "progress-2026.toml"


def test_the_year_must_come_after_the_plan(plan) -> None:
    with pytest.raises(TrackerError, match=r"must start after this one ends \(2025-12-31\); give --year 2026"):
        next_plan(plan, ENTRIES, 2025)


def test_init_from_writes_beside_and_never_overwrites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_plan(tmp_path, TARGETS)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["record", "output", "1341.05", "--date", "2025-12"]).exit_code == 0
    result = runner.invoke(app, ["init", "--from", "targets.toml", "--year", "2026"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("wrote targets-2026.toml; still to decide:\n")
    written = (tmp_path / "targets-2026.toml").read_text(encoding="utf-8")
    doc = tomllib.loads(written, parse_float=Decimal)
    assert doc["target"][0]["previous"] == Decimal("1341.05")
    assert doc["plan"]["previous_ledger"] == "progress.toml"  # 2025's ledger, for 同比 in 2026
    again = runner.invoke(app, ["init", "--from", "targets.toml", "--year", "2026"])
    assert (again.exit_code, again.stderr) == (
        1,
        "error: targets-2026.toml: already exists; init never overwrites a plan; to write it again from the latest "
        "figures, write it into another folder and compare the two (then carry over what changed, such as "
        "`previous`): tracker init --from targets.toml --year 2026 fresh/\n",
    )
    assert (tmp_path / "targets-2026.toml").read_text(encoding="utf-8") == written
    # Followed, it writes the same plan into fresh/ (its ledgers seen from there), and is offered
    # a folder of its own when run again.
    followed = runner.invoke(app, ["init", "--from", "targets.toml", "--year", "2026", "fresh/"])
    assert followed.exit_code == 0, followed.stderr
    fresh = tomllib.loads((tmp_path / "fresh" / "targets-2026.toml").read_text(encoding="utf-8"), parse_float=Decimal)
    assert fresh["target"][0]["previous"] == Decimal("1341.05")
    assert fresh["plan"]["previous_ledger"] == "../progress.toml"
    third = runner.invoke(app, ["init", "--from", "targets.toml", "--year", "2026"])
    assert third.stderr.endswith("tracker init --from targets.toml --year 2026 fresh-2/\n")


def test_init_from_a_plan_in_another_folder_writes_beside_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Run from the folder above, as cron or a Makefile does: the new plan goes beside the one it
    # follows (and so will its ledger), not into the folder the command was run from.
    (tmp_path / "plans").mkdir()
    write_plan(tmp_path / "plans", TARGETS)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    record = ["record", "output", "1341.05", "--date", "2025-12", "--targets", "plans/targets.toml"]
    assert runner.invoke(app, record).exit_code == 0
    result = runner.invoke(app, ["init", "--from", "plans/targets.toml", "--year", "2026"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("wrote plans/targets-2026.toml; still to decide:\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans"]
    doc = tomllib.loads((tmp_path / "plans" / "targets-2026.toml").read_text(encoding="utf-8"), parse_float=Decimal)
    assert doc["plan"]["previous_ledger"] == "progress.toml"  # beside it, as 2025's ledger is
    assert doc["target"][0]["previous"] == Decimal("1341.05")
    # A folder named on the command line still wins.
    there = runner.invoke(app, ["init", "--from", "plans/targets.toml", "--year", "2026", "next"])
    assert there.exit_code == 0, there.stderr
    assert (tmp_path / "next" / "targets-2026.toml").is_file()
    assert (
        tomllib.loads((tmp_path / "next" / "targets-2026.toml").read_text(encoding="utf-8"))["plan"]["previous_ledger"]
        == "../plans/progress.toml"
    )


def test_init_from_a_missing_plan_says_to_fix_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["init", "--from", "nope.toml", "--year", "2026"])
    assert result.exit_code == 1
    assert result.stderr == "error: nope.toml: no such file; give --from this year's plan, e.g. --from targets.toml\n"
    assert list(tmp_path.iterdir()) == []


def test_a_reading_before_the_last_month_is_not_the_years_figure(plan) -> None:
    # June's 1—6月 figures of a total and a rate are not 2025's; an increment's sum and a rank are.
    june = [entry("output", date(2025, 6, 30), "680", n=1), entry("energy", date(2025, 6, 30), "-2.5", n=2)]
    nxt = next_plan(plan, june, 2026)
    targets = {t["id"]: t for t in tomllib.loads(nxt.text)["target"]}
    assert "previous" not in targets["output"] and "previous" not in targets["energy"]
    no_figure = "previous (上年实绩) of output, space, growth, energy, rank: 2025 has no figure for its last month"
    assert no_figure in nxt.to_decide


def test_a_reading_inside_the_last_month_is_not_the_years_figure(plan) -> None:
    # A flash figure 截至2025年12月15日 (1290) before the 1—12月 total: not 2025's final figure, no
    # live `previous` and no schedule built on it as the year's whole (1—11月's 1230 would be
    # 95.3 % of it); listed as incomplete with its date, the figure offered commented out.
    flash = [
        entry("output", date(2025, 6, 30), "628.32", n=1),
        entry("output", date(2025, 11, 30), "1230", n=2),
        entry("output", date(2025, 12, 15), "1290", n=3),
        entry("energy", date(2025, 12, 20), "-3.1", n=4),
    ]
    nxt = next_plan(plan, flash, 2026)
    targets = {t["id"]: t for t in tomllib.loads(nxt.text)["target"]}
    assert "previous" not in targets["output"] and "previous" not in targets["energy"]
    assert "schedule" not in nxt.text.split('id = "output"')[1].split("[[target]]")[0]
    assert (
        "# previous = 1290             # 2025's figure as of 2025-12-15, not its last day's (2025-12-31): "
        "the year is incomplete; write its final figure, remove the #"
    ) in nxt.text.splitlines()
    assert [d for d in nxt.to_decide if "(as of 2025-12-" in d] == [
        "previous (上年实绩) of output (as of 2025-12-15), energy (as of 2025-12-20): 2025's figures stop before "
        "its last day, so the year is incomplete; put in the year's final figure"
    ]
    # With the 1—12月 figure in, it is the year's: live, and the profile proposed from it.
    final = next_plan(plan, [*flash, entry("output", date(2025, 12, 31), "1341.05", n=5)], 2026)
    assert "previous = 1341.05            # 2025's final figure (as of 2025-12-31)" in final.text.splitlines()
    assert not [d for d in final.to_decide if "output (as of" in d]


@given(st.integers(min_value=1, max_value=30), st.integers(min_value=1, max_value=20000))
def test_no_reading_before_the_last_day_is_the_years_final_figure(day: int, tenths: int) -> None:
    # Any day of December before the 31st, any figure: a total's or rate's reading then is never
    # written as 上年实绩 nor proposes a schedule; on the 31st it is the year's.
    with tempfile.TemporaryDirectory() as folder:
        plan = write_plan(Path(folder), TARGETS)
    value = str(Decimal(tenths) / 10)
    for target in ("output", "energy"):
        es = [entry(target, date(2025, 6, 30), "1", n=1), entry(target, date(2025, 12, day), value, n=2)]
        targets = {t["id"]: t for t in tomllib.loads(next_plan(plan, es, 2026).text)["target"]}
        assert "previous" not in targets[target]
        assert proposed_schedule(plan, plan.target(target), es, 1) == {}
        es[1] = entry(target, date(2025, 12, 31), value, n=2)
        targets = {t["id"]: t for t in tomllib.loads(next_plan(plan, es, 2026).text)["target"]}
        assert targets[target]["previous"] == float(value) or str(targets[target]["previous"]) == value


# A plan that says everything a target, an action and the plan may say about who reports what,
# under which names and when: what does not change with the year.
CARRIED = (
    PLAN_HEAD.replace("end = 2025-12-31\n", 'end = 2025-12-31\nsource = "2025年工作报告"\nrelease_day = 10\n').replace(
        'name = "行动"\n', 'name = "行动"\nowner = "经济发展局"\nlead = "李副主任"\n'
    )
    + """
[[target]]
id = "output"
action = "a"
name = "工业总产值"
aliases = ["规模以上工业总产值", "2025年规上工业总产值"]
kind = "total"
unit = "亿元"
target = 1360
source = "2025年工作报告"
note = "2024年规上工业总产值增长3.1%"

[[target]]
id = "investment"
action = "a"
name = "工业投资"
kind = "increment"
unit = "亿元"
target = 80
owner = "投资促进局"
lead = "王副主任"
release_day = 20
frequency = "quarterly"
tolerance = 3

[[target]]
id = "rank"
action = "a"
name = "国考排名"
aliases = ["国家级经开区综合考核位次"]
kind = "rank"
target = 70
"""
)


def test_what_does_not_change_with_the_year_is_carried(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, "", head=CARRIED)
    nxt = next_plan(plan, [entry("output", date(2025, 12, 31), "1341.05", n=1)], 2026)
    doc = tomllib.loads(nxt.text, parse_float=Decimal)
    assert doc["plan"]["release_day"] == 10
    assert "source" not in doc["plan"]  # where 2026's plan is published is still to say
    assert doc["action"] == [
        {"id": "a", "name": "行动", "owner": "经济发展局", "lead": "李副主任"},
    ]
    targets = {t["id"]: t for t in doc["target"]}
    # The names bureau sheets give the rows: the year in one moves with the plan, as names do.
    assert targets["output"]["aliases"] == ["规模以上工业总产值", "2026年规上工业总产值"]
    assert targets["rank"]["aliases"] == ["国家级经开区综合考核位次"]
    # The action's owner and lead hold for output and rank; investment keeps its own.
    assert "owner" not in targets["output"] and "lead" not in targets["output"]
    assert {k: targets["investment"][k] for k in ("owner", "lead", "release_day", "frequency", "tolerance")} == {
        "owner": "投资促进局",
        "lead": "王副主任",
        "release_day": 20,
        "frequency": "quarterly",
        "tolerance": 3,
    }
    assert "release_day" not in targets["output"]  # the plan's 10 holds
    # 2025's source and note are offered as comments, never as 2026's facts.
    assert "source" not in targets["output"] and "note" not in targets["output"]
    assert '# source = "2025年工作报告"        # 2025\'s: keep, rewrite or delete' in nxt.text
    assert '# note = "2024年规上工业总产值增长3.1%" # 2025\'s: keep, rewrite or delete' in nxt.text
    assert any(d.startswith("each target's source and note, carried from 2025 as comments") for d in nxt.to_decide)
    # Once the goals are written, the plan loads with every one of them as 2025's had it.
    path = tmp_path / "next" / nxt.name
    path.parent.mkdir()
    path.write_text(nxt.text.replace("# target = …", "target = 1"), encoding="utf-8")
    new = load_plan(path)
    for old in plan.targets:
        got = new.target(old.id)
        assert (got.aliases, got.owner, got.lead, got.release_day, got.frequency, got.tolerance, got.unit) == (
            tuple(a.replace("2025", "2026") for a in old.aliases),
            old.owner,
            old.lead,
            old.release_day,
            old.frequency,
            old.tolerance,
            old.unit,
        )
    assert new.release_day == 10 and new.actions[0].owner == "经济发展局"


def test_next_years_bureau_sheet_imports_as_received(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The shipped plan and the shipped bureau sheet: its rows name 规模以上工业总产值 and
    # 规模以上工业增加值, which only the targets' aliases tie to the plan.
    root = Path(__file__).resolve().parent.parent
    (tmp_path / "targets.toml").write_text((root / "targets.toml").read_text(encoding="utf-8"), encoding="utf-8")
    sheet = tmp_path / "bureau.xlsx"
    from openpyxl import load_workbook

    # Next year's sheet as the bureau sends it: this year's, its title and date cell saying 2026
    # (a sheet that says 2025 is refused with --date 2026-08: the dates contradict).
    book = load_workbook(root / "examples" / "bureau-2025-08-illustrative.xlsx")
    book.active["A1"] = str(book.active["A1"].value).replace("2025年", "2026年")
    book.active["D2"] = "2026年8月"
    book.save(sheet)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["init", "--from", "targets.toml", "--year", "2026"]).exit_code == 0
    written = tmp_path / "targets-2026.toml"
    # 2026's goals written as 2025's were
    goals = re.sub(r"# target = … +# 2025's goal was (\S+):.*", r"target = \1", written.read_text(encoding="utf-8"))
    written.write_text(goals, encoding="utf-8")
    result = runner.invoke(
        app,
        ["import", "bureau.xlsx", "--targets", "targets-2026.toml", "--skip-unknown", "--date", "2026-08", "--dry-run"],
    )
    assert result.exit_code == 0, result.stderr
    assert "row 6: industrial-output = 842.70 亿元 as of 2026-08-31" in result.stdout
    assert "row 8: value-added-growth = 5.8% as of 2026-08-31" in result.stdout


def test_a_year_skipped_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--year 2027 from the 2025 plan wrote 2025's final figures as 2027's 上年实绩 (previous) and compared
    2027 with 2025's ledger year on year: refused, naming the year whose plan they are for."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(SHIPPED_PLAN, tmp_path / "targets.toml")
    result = CliRunner().invoke(app, ["init", "--from", "targets.toml", "--year", "2027"])
    assert (result.exit_code, result.stderr) == (
        1,
        "error: --year 2027: 2025's final figures are the previous year's (上年实绩) of the plan starting 2026-01-01 "
        "alone; give --year 2026, and roll that plan over in its turn\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["targets.toml"]
    assert CliRunner().invoke(app, ["init", "--from", "targets.toml"]).exit_code == 0
    assert (tmp_path / "targets-2026.toml").is_file()


def test_init_from_lists_a_flash_december_figure_as_incomplete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The bureau's 截至12月15日 figure, recorded --date 2025-12-15, before 1—12月 is out: `due`
    # still owes December's figure, and the next plan agrees that 2025 has no final one.
    shutil.copy(SHIPPED_PLAN, tmp_path / "targets.toml")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner(env={"TRACKER_LANG": "en"})
    for value, day in (("628.32", "2025-06"), ("1230", "2025-11"), ("1290", "2025-12-15")):
        assert runner.invoke(app, ["record", "industrial-output", value, "--date", day]).exit_code == 0
    owed = runner.invoke(app, ["due", "--as-of", "2026-01-20", "--target", "industrial-output"]).stdout
    assert "2025-12  late by 5 days (due 2026-01-15)" in owed
    result = runner.invoke(app, ["init", "--from", "targets.toml", "--year", "2026"])
    assert result.exit_code == 0, result.output
    assert (
        "  - previous (上年实绩) of industrial-output (as of 2025-12-15): 2025's figures stop before its last day, "
        "so the year is incomplete; put in the year's final figure"
    ) in result.stdout.splitlines()
    text = (tmp_path / "targets-2026.toml").read_text(encoding="utf-8")
    assert "\nprevious = 1290" not in text and "# previous = 1290" in text
    assert "95.3" not in text  # no schedule proposed as 1230 / 1290 of the year by November


def test_an_increment_without_its_last_months_addition_is_offered_commented_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 3 firms added each month Jan–Nov (33), none for December: as a running total's 1—11月, the
    # sum is no year's figure, and next year's 同比 must not compare with it unless someone says so.
    from tests.test_check_late_final import PLAN

    monkeypatch.chdir(tmp_path)
    (tmp_path / "targets.toml").write_text(PLAN, encoding="utf-8")
    runner = CliRunner()
    for m in range(1, 12):
        assert runner.invoke(app, ["record", "firms", "3", "--date", f"2025-{m:02d}"]).exit_code == 0
    assert runner.invoke(app, ["record", "output", "1230", "--date", "2025-11"]).exit_code == 0
    assert runner.invoke(app, ["init", "--from", "targets.toml", "out"]).exit_code == 0
    lines = (tmp_path / "out" / "targets-2026.toml").read_text(encoding="utf-8").splitlines()
    assert [x for x in lines if x.startswith("previous ")] == []
    assert (
        "# previous = 33               # 2025's figure as of 2025-11-30, not its last day's (2025-12-31): "
        "the year is incomplete; write its final figure, remove the #"
    ) in lines
    # December's addition, a 0 included, completes the year: then 33 is its final figure, live.
    assert runner.invoke(app, ["record", "firms", "0", "--date", "2025-12"]).exit_code == 0
    assert runner.invoke(app, ["init", "--from", "targets.toml", "out2"]).exit_code == 0
    text = (tmp_path / "out2" / "targets-2026.toml").read_text(encoding="utf-8")
    assert "\nprevious = 33                 # 2025's final figure (as of 2025-12-31)\n" in text
