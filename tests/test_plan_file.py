"""Loading targets.toml: the shipped plan, and every kind of mistake a hand edit makes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from ledger import Kind, PlanError, load_plan
from tests.conftest import SHIPPED_PLAN
from tests.helpers import PLAN_HEAD, write_plan
from tests.test_progress import TARGETS


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
        (
            ('kind = "total"\nunit = "亿元"\ntarget = 1360', 'kind = "increment"\nunit = "亿元"'),
            "an increment target needs a number: add target = …",
        ),
        (('kind = "total"\nunit = "亿元"', 'kind = "increment"'), "an increment target needs a unit"),
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


# test_progress's rank target, without its previous (80th place)
RANK = "\n[[target]]" + next(t for t in TARGETS.split("\n[[target]]") if 'id = "rank"' in t).replace(
    "previous = 80\n", ""
)


@pytest.mark.parametrize("unit", ["%", "万位", "家", "亿元"])
def test_a_rank_in_another_unit_is_refused(tmp_path: Path, unit: str) -> None:
    # In % a rank of 73 would be stored as 73 % and shown against the goal "No. 70".
    [problem] = problems(tmp_path, RANK.replace('unit = "位"', f'unit = "{unit}"'))
    line = PLAN_HEAD.count("\n") + 7  # the line of `unit`
    assert problem == (
        f"{tmp_path / 'targets.toml'}:{line}: target 'rank': a rank is a place (1 = best), in 位; "
        f"write unit = \"位\" or leave unit out, instead of '{unit}'"
    )


def test_a_rank_in_places_or_with_no_unit_loads(tmp_path: Path) -> None:
    assert write_plan(tmp_path, RANK).target("rank").unit == "位"
    assert write_plan(tmp_path, RANK.replace('unit = "位"\n', "")).target("rank").unit == "位"


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [("stretch", "0", "a rank's stretch is a place from 1 (best), not 0"),
     ("previous", "-3", "a rank's previous is a place from 1 (best), not -3"),
     ("previous", "80.5", "a rank's previous is a place from 1 (best), not 80.5")],
)  # fmt: skip
def test_a_ranks_other_places_are_places(tmp_path: Path, key: str, value: str, message: str) -> None:
    [problem] = problems(tmp_path, RANK + f"{key} = {value}\n")
    assert problem.endswith(f"target 'rank': {message}")


SPACE = """
[[target]]
id = "space"
action = "a"
name = "创新空间面积"
kind = "KIND"
unit = "万平方米"
target = 50
"""


@pytest.mark.parametrize(
    ("kind", "unit", "extra", "message"),
    [
        # the trial's slip: a baseline below zero on an area
        ("increment", "万平方米", "baseline = -5",
         "baseline = -5 万平方米: an area is never below zero, so neither is the stock at the start (起点); "
         "write it without the minus sign, or leave baseline out"),
        ("total", "亩", "baseline = -5", "baseline = -5 亩: an area is never below zero"),
        ("total", "家", "previous = -12",
         "previous = -12 家: a number of 家 is never below zero, so neither is last year's running total or stock; "
         "write it without the minus sign"),
        ("total", "万人", "stretch = -1",
         "stretch = -1 万人: a number of 人 is never below zero, so neither is a running total or stock"),
        # an increment's target is the stock reached when it has a baseline
        ("increment", "万平方米", "baseline = 10\nstretch = -2",
         "stretch = -2 万平方米: an area is never below zero, so neither is the stock reached from a baseline"),
    ],
)  # fmt: skip
def test_a_negative_area_or_count_is_refused(tmp_path: Path, kind: str, unit: str, extra: str, message: str) -> None:
    text = SPACE.replace("KIND", kind).replace("万平方米", unit) + extra + "\n"
    found = problems(tmp_path, text)
    assert any(p.split("target 'space': ", 1)[1].startswith(message) for p in found), found


@pytest.mark.parametrize(
    ("kind", "unit", "extra"),
    [
        ("total", "亿元", "baseline = -5\nprevious = -3"),  # a profit or a balance may be below zero
        ("increment", "亿元", "previous = -3"),
        ("increment", "家", "previous = -3"),  # what a year added may be a net fall
        ("total", "平方米", "baseline = 0\nprevious = 0"),
    ],
)
def test_figures_that_may_be_negative_or_zero_load(tmp_path: Path, kind: str, unit: str, extra: str) -> None:
    text = SPACE.replace("KIND", kind).replace("万平方米", unit) + extra + "\n"
    assert write_plan(tmp_path, text).target("space").unit == unit


def test_record_refuses_a_plan_whose_rank_is_in_percent(workdir: Path) -> None:
    from typer.testing import CliRunner

    from cli import app

    plan = workdir / "targets.toml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace('kind = "rank"\nunit = "位"', 'kind = "rank"\nunit = "%"'), encoding="utf-8")
    line = text.split("\n").index('kind = "rank"') + 2
    result = CliRunner().invoke(app, ["record", "national-rank", "73", "--date", "2025-12"])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        f"error: targets.toml:{line}: target 'national-rank': a rank is a place (1 = best), in 位; "
        "write unit = \"位\" or leave unit out, instead of '%'\n"
    )
    assert not (workdir / "progress.toml").exists()


def test_a_plan_finds_its_targets_with_or_without_its_lookup_table() -> None:
    """`load_plan` fills in `by_id`; a Plan built without it (as a test or a tool might) still
    finds every target, and an unknown id is still refused with suggestions."""
    from ledger import UnknownTarget, load_plan
    from tests.conftest import SHIPPED_PLAN

    plan = load_plan(SHIPPED_PLAN)
    assert set(plan.by_id) == set(plan.target_ids()) and len(plan.by_id) == len(plan.targets)
    bare = plan._replace(by_id={})
    for t in plan.targets:
        assert plan.find(t.id) is t and bare.find(t.id) is t and bare.target(t.id) is t
    assert plan.find("nothing") is None and bare.find("nothing") is None
    with pytest.raises(UnknownTarget, match="industrial-output"):
        bare.target("industrial-outpt")
