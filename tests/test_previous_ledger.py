"""A plan's `previous` (上年实绩) held against last year's ledger (`previous_ledger`): a figure
corrected there after `init --from`, or a unit changed under it, is named by `tracker check` and
noted by the reports, never shown silently beside a different 上年同期."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import Plan, units
from ledger.checking import stale_problems
from ledger.last_year import last_year_plan, stale_previous
from ledger.numbers import plain
from ledger.progress import evaluate_target
from ledger.rollover import final_figure
from tests.helpers import entry, write_plan

ZH = {"TRACKER_LANG": "zh"}
NEXT = {**ZH, "TRACKER_TARGETS": "targets-2026.toml"}


def _goals_written(path: Path, **changes: tuple[str, str]) -> None:
    """The planner's review of ``init --from``'s plan: each goal as last year's, a source; and
    ``changes`` (target id → (old line, new line)) made in that target's table."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^# target = …\s+# \d+'s goal was ([0-9.]+).*$", r"target = \1", text, flags=re.M)
    text = re.sub(r'^# source = "…".*$', 'source = "x"', text, count=1, flags=re.M)
    for target_id, (old, new) in changes.items():
        at = text.index(f'id = "{target_id}"')
        end = text.index(old, at)
        text = text[:end] + new + text[end + len(old) :]
    path.write_text(text, encoding="utf-8")


def _line_of(path: Path, target_id: str, key: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index(f'id = "{target_id}"')
    return next(n for n in range(start, len(lines)) if lines[n].startswith(f"{key} = ")) + 1


def test_previous_left_behind_by_a_correction_of_last_years_december(workdir: Path, runner: CliRunner) -> None:
    # December's 初步 1341.05 became 2026's previous; 2025's 核实数 1352.8 then corrected it in
    # 2025's ledger, which 2026's 同比 reads: show had 上年实绩 1341.05 two lines above 上年同期 1352.8.
    assert runner.invoke(app, ["record", "industrial-output", "1200", "--date", "2025-11"]).exit_code == 0
    december = runner.invoke(app, ["record", "industrial-output", "1341.05", "--date", "2025-12"])
    eid = re.search(r"recorded ([0-9a-f]{10})", december.stdout).group(1)  # type: ignore[union-attr]
    assert runner.invoke(app, ["init", "--from", "targets.toml", "--year", "2026"]).exit_code == 0
    plan = workdir / "targets-2026.toml"
    _goals_written(plan)
    assert runner.invoke(app, ["amend", eid, "1352.8", "--reason", "2025年核实数"]).exit_code == 0
    assert runner.invoke(app, ["record", "industrial-output", "1460", "--date", "2026-12"], env=NEXT).exit_code == 0
    line = _line_of(plan, "industrial-output", "previous")
    said = (
        f"targets-2026.toml:{line}: target 'industrial-output': previous = 1341.05 亿元 is not 2025's final "
        "figure in progress.toml (1352.8 亿元 as of 2025-12-31, corrections included); write "
        "previous = 1352.8; or, if 1341.05 is right, correct 2025's figure in progress.toml with 2025's plan "
        "(tracker amend ID VALUE --reason …)"
    )
    check = runner.invoke(app, ["check"], env=NEXT)
    assert check.exit_code == 1
    assert check.stderr == f"error: {said}\n"
    # The report still shows the plan's figure, and says on stderr why 上年同期 differs from it.
    show = runner.invoke(app, ["show", "industrial-output", "--as-of", "2026-12"], env=NEXT)
    assert show.exit_code == 0
    assert "上年实绩: 1341.05 亿元" in show.stdout
    assert "同比增长 7.9%（上年同期 1352.8 亿元）" in show.stdout
    assert show.stderr == f"note: {said}\n"
    status = runner.invoke(app, ["status", "--format", "json"], env=NEXT)
    # the JSON document carries the note, with the plan's file, line and target (stderr stays empty)
    [note] = json.loads(status.stdout)["notes"]
    assert (status.stderr, note["text"], note["target"], note["line"]) == ("", said, "industrial-output", line)
    # show of another target has nothing of this one's to say.
    other = runner.invoke(app, ["show", "value-added-growth", "--as-of", "2026-12"], env=NEXT)
    assert (other.exit_code, other.stderr) == (0, "")
    # Following the fix: one 上年实绩, the same as December's 上年同期, and nothing to note.
    _goals_written(plan, **{"industrial-output": ("previous = 1341.05", "previous = 1352.8")})
    assert runner.invoke(app, ["check"], env=NEXT).exit_code == 0
    fixed = runner.invoke(app, ["show", "industrial-output", "--as-of", "2026-12"], env=NEXT)
    assert (fixed.exit_code, fixed.stderr) == (0, "")
    assert "上年实绩: 1352.8 亿元" in fixed.stdout
    assert "同比增长 7.9%（上年同期 1352.8 亿元）" in fixed.stdout


def test_previous_in_the_old_unit_after_the_targets_unit_changed(workdir: Path, runner: CliRunner) -> None:
    # 20 亩 + 1 亩 = 1.4 万平方米, written as a bare previous = 1.4; the planner then counts 2026 in
    # 平方米, where 1.4 is 10,000 times too small: show had 上年实绩 1.4 平方米 beside 上年同期 14000.
    for value, month in (("20", "2025-11"), ("1", "2025-12")):
        record = ["record", "innovation-space", value, "--unit", "亩", "--date", month]
        assert runner.invoke(app, record).exit_code == 0
    assert runner.invoke(app, ["init", "--from", "targets.toml", "--year", "2026"]).exit_code == 0
    plan = workdir / "targets-2026.toml"
    unit = ('unit = "万平方米"', 'unit = "平方米"')
    _goals_written(plan, **{"innovation-space": unit})
    _goals_written(plan, **{"innovation-space": ("target = 50", "target = 500000")})
    record = ["record", "innovation-space", "14", "--unit", "万平方米", "--date", "2026-12"]
    assert runner.invoke(app, record, env=NEXT).exit_code == 0
    line = _line_of(plan, "innovation-space", "previous")
    said = (
        f"targets-2026.toml:{line}: target 'innovation-space': previous = 1.4 is 2025's final figure in 万平方米 "
        "(progress.toml, as of 2025-12-31), but the target's unit is 平方米: in 平方米 it is 14000; write "
        "previous = 14000"
    )
    check = runner.invoke(app, ["check"], env=NEXT)
    assert (check.exit_code, check.stderr) == (1, f"error: {said}\n")
    show = runner.invoke(app, ["show", "innovation-space", "--as-of", "2026-12"], env=NEXT)
    assert show.stderr == f"note: {said}\n"
    _goals_written(plan, **{"innovation-space": ("previous = 1.4", "previous = 14000")})
    assert runner.invoke(app, ["check"], env=NEXT).exit_code == 0
    fixed = runner.invoke(app, ["show", "innovation-space", "--as-of", "2026-12"], env=NEXT)
    assert (fixed.exit_code, fixed.stderr) == (0, "")
    assert "上年实绩: 14000 平方米" in fixed.stdout
    assert "上年同期 14000 平方米" in fixed.stdout


def test_check_without_a_previous_ledger_does_not_judge_previous(workdir: Path, runner: CliRunner) -> None:
    # The shipped plan names no previous_ledger: its hand-typed previous figures stand as written.
    assert runner.invoke(app, ["check"]).exit_code == 0


HEAD_2026 = """version = 1

[plan]
id = "test-2026"
name = "测试计划"
start = 2026-01-01
end = 2026-12-31
previous_ledger = "progress-2025.toml"

[[action]]
id = "a"
name = "行动"
"""


def _one_target(folder: Path, kind: str, unit: str, previous: Decimal | None, extra: str = "") -> Plan:
    previous_line = "" if previous is None else f"previous = {plain(previous)}\n"
    goal = "target = 100\n" if kind != "rank" else "target = 3\n"
    text = f'\n[[target]]\nid = "x"\naction = "a"\nname = "指标"\nkind = "{kind}"\nunit = "{unit}"\n{goal}{previous_line}{extra}'
    return write_plan(folder, text, HEAD_2026)


def test_a_previous_typed_rounded_agrees_but_not_one_five_percent_off(tmp_path: Path) -> None:
    # 1 亩 in 万平方米 is 0.0666…: 0.066667 (init's) and 0.0667 agree; 0.07 (1 亩 at 2 places) is 5 % off.
    dec = [entry("x", date(2025, 12, 31), "1", n=1, unit="亩")]
    for typed, stale in (("0.066667", False), ("0.0667", False), ("0.07", True)):
        plan = _one_target(tmp_path, "total", "万平方米", Decimal(typed))
        assert bool(stale_previous(plan, dec)) is stale, typed


def test_an_incomplete_increment_is_judged_for_a_unit_slip_only(tmp_path: Path) -> None:
    # Figures stop in September: init asks for the year's figure by hand, which may exceed them.
    sept = [entry("x", date(2025, 9, 30), "30", n=1, unit="万元")]
    plan = _one_target(tmp_path, "increment", "万元", Decimal("42"))
    assert stale_previous(plan, sept) == []
    slipped = _one_target(tmp_path, "increment", "元", Decimal("30"))
    [found] = stale_previous(slipped, sept)
    assert (found.slip_unit, found.final, found.complete) == ("万元", Decimal("300000"), False)


def test_no_final_figure_last_year_leaves_previous_unjudged(tmp_path: Path) -> None:
    # A total read last in June has no final figure for 2025: the typed previous stands.
    june = [entry("x", date(2025, 6, 30), "40", n=1)]
    plan = _one_target(tmp_path, "total", "亿元", Decimal("95"))
    assert stale_previous(plan, june) == []
    assert stale_problems(plan, june, Path("progress-2025.toml")) == []


def test_a_rate_and_a_rank_are_held_to_last_years_reading(tmp_path: Path) -> None:
    rate = _one_target(tmp_path, "rate", "%", Decimal("6.2"))
    [found] = stale_problems(rate, [entry("x", date(2025, 12, 31), "6.5", n=1)], Path("progress-2025.toml"))
    assert found.message == (
        "previous = 6.2% is not 2025's final figure in progress-2025.toml (6.5% as of 2025-12-31, corrections included)"
    )
    assert found.fix is not None and found.fix.startswith("write previous = 6.5; ")
    assert found.line == 21  # previous = 6.2
    rank = _one_target(tmp_path, "rank", "位", Decimal("80"))
    assert stale_previous(rank, [entry("x", date(2025, 12, 31), "80", n=1)]) == []


def test_a_stocks_baseline_left_in_the_old_unit_is_named(tmp_path: Path) -> None:
    # 2026's baseline is 2025's closing stock, 5 万平方米, typed before the unit became 平方米:
    # progress would run from 5 m² instead of 50,000. A baseline need not be last year's figure,
    # so one that is no unit of it (40,000: the stock counted afresh) is left as written.
    dec = [entry("x", date(2025, 12, 31), "5", n=1, unit="万平方米")]
    plan = _one_target(tmp_path, "total", "平方米", None, "baseline = 5\n")
    [found] = stale_problems(plan, dec, Path("progress-2025.toml"))
    assert str(found) == (
        f"{plan.path}:21: target 'x': baseline = 5 is 2025's final figure in 万平方米 (progress-2025.toml, "
        "as of 2025-12-31), but the target's unit is 平方米: in 平方米 it is 50000; write baseline = 50000"
    )
    for fine in ("50000", "40000"):
        plan = _one_target(tmp_path, "total", "平方米", None, f"baseline = {fine}\n")
        assert stale_previous(plan, dec) == []


def test_last_year_plan_is_the_period_before_of_the_same_length() -> None:
    # A July–June plan follows the July–June before; a three-year plan the three years before.
    from ledger.model import Plan

    def period(start: date, end: date) -> tuple[date, date]:
        last = last_year_plan(Plan(Path("p.toml"), "p", "p", start, end, Path("l.toml"), (), ()))
        return last.start, last.end

    assert period(date(2025, 7, 1), date(2026, 6, 30)) == (date(2024, 7, 1), date(2025, 6, 30))
    assert period(date(2026, 1, 1), date(2028, 12, 31)) == (date(2023, 1, 1), date(2025, 12, 31))


# Each pair of units of one dimension the slip check must tell apart, both ways.
PAIRS = [
    (a, b) for group in (("亿元", "万元", "元"), ("万平方米", "平方米", "亩")) for a in group for b in group if a != b
]


@given(
    pair=st.sampled_from(PAIRS),
    kind=st.sampled_from(["total", "increment"]),
    value=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2),
)
def test_a_previous_left_in_the_old_unit_is_named_and_the_fix_agrees(
    tmp_path_factory: pytest.TempPathFactory, pair: tuple[str, str], kind: str, value: Decimal
) -> None:
    old, new = pair
    folder = tmp_path_factory.mktemp("slip")
    last_year = [entry("x", date(2025, 12, 31), str(value), n=1, unit=old)]

    def written(unit: str) -> Decimal:
        # What `init --from` writes as previous for a target in `unit`.
        plan = _one_target(folder, kind, unit, None)
        before = last_year_plan(plan)
        t = before.targets[0]
        figure = final_figure(before, evaluate_target(before, t, last_year, before.end))
        assert figure is not None
        return figure

    in_old, in_new = written(old), written(new)
    # As init wrote it, in the target's own unit: it agrees.
    assert stale_previous(_one_target(folder, kind, old, in_old), last_year) == []
    # The unit changed under it: named, with the unit it is in and the figure to write.
    [found] = stale_previous(_one_target(folder, kind, new, in_old), last_year)
    assert (found.slip_unit, found.final) == (old, in_new)
    assert found.message("progress-2025.toml", "2025")[1] == f"write previous = {plain(in_new)}"
    # Following the fix leaves nothing to name; and the figure written is the old one converted.
    assert stale_previous(_one_target(folder, kind, new, in_new), last_year) == []
    exact = units.exact(value, old, new)
    assert abs(Decimal(exact.numerator) / Decimal(exact.denominator) - in_new) <= abs(in_new) / 1000
