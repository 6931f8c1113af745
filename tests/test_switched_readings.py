"""An increment's year recorded first as running totals (累计), then as each month's addition,
without notes: ``tracker check`` names it rather than add the two readings up."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import load_plan
from ledger.dates import month_end
from ledger.switched_readings import switched_problems
from tests.helpers import entry

SHIPPED = Path(__file__).resolve().parent.parent / "targets.toml"


def _record(runner: CliRunner, *figures: tuple[str, str], target: str = "innovation-space") -> list[str]:
    ids = []
    for month, value in figures:
        result = runner.invoke(app, ["record", target, value, "--date", f"2025-{month}"])
        assert result.exit_code == 0, result.output
        ids.append(result.stdout.split()[1].rstrip(":"))  # recorded ID: …
    return ids


def test_running_totals_then_additions_fail_check_naming_the_switch(workdir: Path, runner: CliRunner) -> None:
    # 2, 5, 9 万平方米 are 1—1月 … 1—3月 running totals; 3, 4, 2 the months' own additions from April.
    # Added up they make 25, where the year so far is 9 + 3 + 4 + 2 = 18.
    ids = _record(runner, ("01", "2"), ("02", "5"), ("03", "9"), ("04", "3"), ("05", "4"), ("06", "2"))
    result = runner.invoke(app, ["check", "--as-of", "2025-06"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: progress.toml:34: entry {ids[3]}: innovation-space: its entries of 2025-01-31 to 2025-03-31 "
        f"(2 万平方米, 5 万平方米, 9 万平方米) rise every period as a running total (累计) does, and entry {ids[3]} "
        "(3 万平方米 as of 2025-04-30) falls to under half of the last, as a period's own addition does; an "
        "increment adds its entries up, so the two readings mixed count 25 万平方米 by 2025-06-30 where running "
        "totals and then additions make 18 万平方米; if the first were running totals, write each as its period's "
        f"addition: tracker amend {ids[1]} 3 --reason 累计改为当期新增; tracker amend {ids[2]} 4 --reason "
        f"累计改为当期新增; if every entry is an addition as recorded, keep them: tracker amend {ids[3]} --force "
        "--reason …"
    ]


def test_either_fix_passes_check(workdir: Path, runner: CliRunner) -> None:
    ids = _record(runner, ("01", "2"), ("02", "5"), ("03", "9"), ("04", "3"))
    for args in ([ids[1], "3"], [ids[2], "4"]):
        assert runner.invoke(app, ["amend", *args, "--reason", "累计改为当期新增"]).exit_code == 0
    assert runner.invoke(app, ["check", "--as-of", "2025-06"]).exit_code == 0
    # 2 + 3 + 4 + 3 = 12 of 50 万平方米
    status = runner.invoke(app, ["status", "--as-of", "2025-06", "--format", "csv", "--target", "innovation-space"])
    assert status.stdout.splitlines()[1].split(",")[12] == "12"


def test_kept_with_force_passes_check(workdir: Path, runner: CliRunner) -> None:
    ids = _record(runner, ("01", "2"), ("02", "5"), ("03", "9"), ("04", "3"))
    assert runner.invoke(app, ["amend", ids[3], "--force", "--reason", "确为当月新增"]).exit_code == 0
    assert runner.invoke(app, ["check", "--as-of", "2025-06"]).exit_code == 0


def test_additions_that_rise_and_fall_by_less_than_half_pass(workdir: Path, runner: CliRunner) -> None:
    # 9 then 5: more than half of the last, as lumpy additions are
    _record(runner, ("01", "2"), ("02", "5"), ("03", "9"), ("04", "5"))
    assert runner.invoke(app, ["check", "--as-of", "2025-06"]).exit_code == 0


def test_two_rising_figures_say_too_little(workdir: Path, runner: CliRunner) -> None:
    _record(runner, ("01", "2"), ("02", "9"), ("03", "1"))
    assert runner.invoke(app, ["check", "--as-of", "2025-06"]).exit_code == 0


def test_a_run_not_from_the_years_first_month_is_not_judged(workdir: Path, runner: CliRunner) -> None:
    # February to April rising, May falling: a running total starts in the plan's first month
    _record(runner, ("02", "2"), ("03", "5"), ("04", "9"), ("05", "3"))
    assert runner.invoke(app, ["check", "--as-of", "2025-06"]).exit_code == 0


@given(
    pace=st.integers(min_value=2, max_value=10_000),
    shares=st.lists(st.integers(min_value=0, max_value=49), min_size=4, max_size=12),
    data=st.data(),
)
def test_any_steady_year_switched_is_named_and_its_fix_is_not(
    pace: int, shares: list[int], data: st.DataObject
) -> None:
    # Monthly additions at a roughly even pace (each within [pace, 1.5 × pace)): recorded as running
    # totals for the first `run` months (3 or more) and as additions after, the switch is named with
    # the sum the totals and additions make; recorded as additions throughout, nothing is named.
    additions = [pace + pace * s // 100 for s in shares]
    run = data.draw(st.integers(min_value=3, max_value=len(additions) - 1))
    plan = load_plan(SHIPPED)
    totals = [sum(additions[: i + 1]) for i in range(run)]
    mixed = [
        entry("innovation-space", month_end(2025, i + 1), str(v), n=i) for i, v in enumerate(totals + additions[run:])
    ]
    found = switched_problems(plan, mixed, Path("progress.toml"))
    assert [p.entry for p in found] == [mixed[run].id]
    assert found[0].message.endswith(f"make {sum(additions)} 万平方米")
    clean = [entry("innovation-space", month_end(2025, i + 1), str(v), n=i) for i, v in enumerate(additions)]
    assert switched_problems(plan, clean, Path("progress.toml")) == []


def test_entries_noted_as_their_months_additions_are_not_read_as_running_totals(
    workdir: Path, runner: CliRunner
) -> None:
    for month, value in (("01", "2"), ("02", "5"), ("03", "9"), ("04", "3")):
        args = ["record", "innovation-space", value, "--date", f"2025-{month}", "--note", f"{int(month)}月新增"]
        assert runner.invoke(app, args).exit_code == 0
    assert runner.invoke(app, ["check", "--as-of", "2025-06"]).exit_code == 0
