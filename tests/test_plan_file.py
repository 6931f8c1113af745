"""Loading targets.toml: the shipped plan, and every kind of mistake a hand edit makes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from ledger import Kind, PlanError, load_plan
from tests.conftest import SHIPPED_PLAN
from tests.helpers import PLAN_HEAD, write_plan


def test_shipped_plan_has_the_seed_targets() -> None:
    plan = load_plan(SHIPPED_PLAN)
    assert plan.id == "linping-etdz-2025"
    assert (plan.start.isoformat(), plan.end.isoformat()) == ("2025-01-01", "2025-12-31")
    assert len(plan.actions) == 6
    output = plan.target("industrial-output")
    assert (output.kind, output.target, output.unit) == (Kind.TOTAL, Decimal(1360), "亿元")
    rank = plan.target("national-rank")
    assert (rank.kind, rank.target, rank.baseline, rank.previous) == (Kind.RANK, 70, None, 80)
    assert plan.target("value-added-growth").target == 6
    assert plan.target("service-revenue-growth").target == 8
    space = plan.target("innovation-space")
    assert (space.kind, space.target, space.unit) == (Kind.INCREMENT, 50, "万平方米")
    for t in plan.targets:
        assert t.source, f"{t.id} has no source"
        assert t.action in {a.id for a in plan.actions}
        if t.kind is Kind.MILESTONE:
            assert t.target is None
    assert sum(t.kind is Kind.MILESTONE for t in plan.targets) >= 10
    assert plan.ledger == SHIPPED_PLAN.parent / "progress.toml"


def problems(tmp_path: Path, targets: str, head: str = PLAN_HEAD) -> list[str]:
    with pytest.raises(PlanError) as info:
        write_plan(tmp_path, targets, head)
    return [str(p) for p in info.value.problems]


GOOD = """
[[target]]
id = "output"
action = "a"
name = "工业总产值"
kind = "total"
unit = "亿元"
target = 1360
"""


def test_misspelt_key_names_file_line_and_suggestion(tmp_path: Path) -> None:
    [problem] = problems(tmp_path, GOOD.replace('unit = "亿元"', 'unti = "亿元"\nunit = "亿元"'))
    line = PLAN_HEAD.count("\n") + 7  # the line of `unti`
    assert problem == f"{tmp_path / 'targets.toml'}:{line}: target 'output': unknown key 'unti'; did you mean 'unit'?"


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    bad = GOOD + GOOD.replace('kind = "total"', 'kind = "totl"').replace('action = "a"', 'action = "b"')
    found = problems(tmp_path, bad)
    assert any("duplicate target id" in p for p in found)
    assert any("unknown kind 'totl'; did you mean 'total'?" in p for p in found)
    assert any("unknown action 'b'" in p for p in found)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("target = 1360", ""), "a total target needs a number: add target = …"),
        (("target = 1360", "target = nan"), "target: NaN is not a finite number"),
        (("target = 1360", "target = inf"), "target: Infinity is not a finite number"),
        (("target = 1360", 'target = "1360"'), "target: '1360' is not a number"),
        (('unit = "亿元"', 'unit = "亿圆"'), "unknown unit '亿圆'; did you mean '亿元'"),
        (('unit = "亿元"', ""), 'a total target needs a unit, e.g. unit = "亿元"'),
        (('id = "output"', 'id = "has space"'), "is not a valid id"),
        (("target = 1360", "target = 1360\ndue = 2026-03-31"), "due 2026-03-31 is outside the plan period"),
        (("target = 1360", 'target = 1360\ndirection = "down"'), "direction applies to rate targets only"),
        (("target = 1360", 'target = 1360\nschedule = { "2025-06" = 60, "2025-03" = 70 }'), "planned progress falls"),
        (("target = 1360", "target = 1360\nbaseline = 1360"), "target equals baseline"),
    ],
)
def test_target_mistakes(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    found = problems(tmp_path, GOOD.replace(*change))
    assert any(message in p for p in found), found
    assert all(p.startswith(str(tmp_path / "targets.toml")) for p in found)


def test_milestone_target_rejects_numbers_and_checks_its_milestones(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        """
[[target]]
id = "m"
action = "a"
name = "任务"
kind = "milestone"
target = 3
milestones = [{ id = "x", name = "一", due = 2025-06-30 }, { id = "x", name = "二", due = 2025-09-30 }]
""",
    )
    assert any("a milestone target has no target" in p for p in found)
    assert any("milestone id 'x' appears twice" in p for p in found)


def test_plan_mistakes(tmp_path: Path) -> None:
    head = PLAN_HEAD.replace("start = 2025-01-01", "strat = 2025-01-01").replace("version = 1", "version = 2")
    found = problems(tmp_path, GOOD, head)
    assert any("unknown key 'strat'; did you mean 'start'?" in p for p in found)
    assert not any("missing key 'start'" in p for p in found)  # one typo, one complaint
    assert any("version = 2 is not supported" in p for p in found)


def test_invalid_toml_and_missing_file(tmp_path: Path) -> None:
    [problem] = problems(tmp_path, "[[target]\nid = 1")
    # PLAN_HEAD fills lines 1–11; tomllib's "(at line 12, column 9)" becomes FILE:12 and the fix.
    assert problem.endswith(
        "targets.toml:12: not valid TOML: Expected ']]' at the end of an array declaration; fix the TOML at column 9"
    )
    with pytest.raises(PlanError, match="no such file; give --targets PATH"):
        load_plan(tmp_path / "nowhere.toml")


def test_optional_fields(tmp_path: Path) -> None:
    plan = write_plan(
        tmp_path,
        GOOD.replace(
            "target = 1360",
            'target = 1360\nbaseline = 100\ntolerance = 2\nowner = "经济发展局"\ntags = ["国考"]\n'
            'schedule = { "2025-03" = 20, "2025-06" = 47 }\ndue = 2025-11-30',
        ),
        PLAN_HEAD.replace(
            'name = "测试计划"', 'name = "测试计划"\nledger = "data/ledger.toml"\ntimezone = "Asia/Shanghai"'
        ),
    )
    t = plan.target("output")
    assert (t.baseline, t.tolerance, t.owner, t.tags) == (100, 2, "经济发展局", ("国考",))
    assert [(d.isoformat(), s) for d, s in t.schedule] == [
        ("2025-03-31", Decimal("0.2")),
        ("2025-06-30", Decimal("0.47")),
    ]
    assert t.due.isoformat() == "2025-11-30"
    assert plan.ledger == tmp_path / "data" / "ledger.toml"
    assert plan.timezone == "Asia/Shanghai"
