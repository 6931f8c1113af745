"""A target named on the command line as `import` names it: its id, its name (full or half width,
with or without spaces), its English name or an alias (`show 工业总产值`, `record 规上工业总产值 …`,
`--target 工业总产值`); a name of several targets refused naming their ids; one of none refused
naming the closest ids, by id or by name. The entry stores the id."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import ExitCode, app
from ledger import load_plan
from ledger.errors import EntryError, UnknownTarget
from ledger.ledger_reader import read_ledger
from ledger.row_targets import named_target
from tests.conftest import ROOT, SHIPPED_PLAN

PLANS = [load_plan(SHIPPED_PLAN), load_plan(ROOT / "examples" / "departments" / "targets.toml")]


def run(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args))


def test_record_show_and_log_take_the_chinese_name_and_store_the_id(runner: CliRunner, workdir: Path) -> None:
    done = run(runner, "record", "工业总产值", "318.6", "--date", "2025-03")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.endswith(": industrial-output = 318.6 亿元 as of 2025-03-31 (in the target's unit)\n")
    [entry] = read_ledger(workdir / "progress.toml")
    assert (entry.target, str(entry.value)) == ("industrial-output", "318.6")
    alias = run(runner, "record", "规上 工业总产值", "400", "--date", "2025-04")  # an alias, spaced
    assert alias.exit_code == 0, alias.stderr
    assert [e.target for e in read_ledger(workdir / "progress.toml")] == ["industrial-output"] * 2
    shown = run(runner, "show", "工业总产值", "--as-of", "2025-04", "--lang", "en")
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout.splitlines()[0] == "Industrial output value  industrial-output"
    logged = run(
        runner, "log", "ＩＮＤＵＳＴＲＩＡＬ　ＯＵＴＰＵＴ ＶＡＬＵＥ", "--format", "json"
    )  # its English name, full width
    assert logged.exit_code == 0, logged.stderr
    assert '"value": 318.6' in logged.stdout and '"value": 400' in logged.stdout


def test_target_filter_takes_a_name_as_its_id(runner: CliRunner, workdir: Path) -> None:
    assert run(runner, "record", "industrial-output", "318.6", "--date", "2025-03").exit_code == 0
    by_name = run(runner, "status", "--target", "工业总产值", "--as-of", "2025-03", "--lang", "en")
    by_id = run(runner, "status", "--target", "industrial-output", "--as-of", "2025-03", "--lang", "en")
    assert by_name.exit_code == 0, by_name.stderr
    assert by_name.stdout == by_id.stdout
    assert "summary: done 0  on track 0  at risk 1  behind 0  not met 0  no data 0" in by_name.stdout.splitlines()


def test_a_name_of_no_target_points_at_the_closest_id(runner: CliRunner, workdir: Path) -> None:
    for command in (["show"], ["log"], ["record"]):
        refused = run(runner, *command, "工业产值", *(["318.6"] if command == ["record"] else []))
        assert refused.exit_code == ExitCode.ERROR
        assert refused.stderr == "error: targets.toml: no target '工业产值'; did you mean 'industrial-output'?\n"
    filtered = run(runner, "status", "--target", "工业产值")
    assert filtered.exit_code == ExitCode.USAGE
    # under the runner as click says it: `tracker` itself rewrites it as one `error:` line
    assert filtered.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--target': '工业产值': targets.toml names no such target; did you mean "
        "'industrial-output'?"
    )
    assert not (workdir / "progress.toml").exists()


def test_a_list_of_ids_cut_short_says_so(runner: CliRunner, workdir: Path) -> None:
    refused = run(runner, "status", "--target", "zzzz")
    assert refused.exit_code == ExitCode.USAGE
    assert refused.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--target': 'zzzz': targets.toml names no such target; the plan has "
        "'national-rank', 'industrial-output', 'value-added-growth', 'service-revenue-growth', 'cluster-zones', "
        "'investment-attraction', 'project-lifecycle', 'talent', 'enterprise-chain', 'incubator', "
        "'innovation-space', 'land-supply' and 7 more (`tracker targets` shows them all)"
    )
    assert len(load_plan(SHIPPED_PLAN).targets) == 19


@pytest.mark.parametrize(
    ("old", "new", "ids"),
    [
        # a milestone of another target named as a target is: a sheet's row would be refused alike
        ('{ id = "semiconductor", name = "半导体产业集聚区"', '{ id = "semiconductor", name = "工业总产值"',
         "cluster-zones, industrial-output"),
        ('name_en = "Industrial value-added growth"', 'name_en = "工业总产值"', "industrial-output, value-added-growth"),
    ],
)  # fmt: skip
def test_a_name_of_several_targets_is_refused_naming_their_ids(
    runner: CliRunner, workdir: Path, old: str, new: str, ids: str
) -> None:
    plan = workdir / "targets.toml"
    text = plan.read_text(encoding="utf-8")
    assert old in text
    plan.write_text(text.replace(old, new), encoding="utf-8")
    for args in (["show", "工业总产值"], ["record", "工业总产值", "318.6", "--date", "2025-03"]):
        refused = run(runner, *args)
        assert refused.exit_code == ExitCode.ERROR
        assert refused.stderr == f"error: '工业总产值' names 2 targets ({ids}); use the target id\n"
    filtered = run(runner, "status", "--target", "工业总产值")
    assert filtered.exit_code == ExitCode.USAGE
    assert filtered.stderr.splitlines()[-1] == (
        f"Error: Invalid value for '--target': '工业总产值' names 2 targets ({ids}); use the target id"
    )
    assert not (workdir / "progress.toml").exists()
    assert run(runner, "show", "industrial-output").exit_code == 0  # the id is never ambiguous


def test_an_unknown_target_still_refused_with_the_old_hint_by_id(workdir: Path) -> None:
    plan = load_plan(workdir / "targets.toml")
    with pytest.raises(UnknownTarget) as refused:
        named_target(plan, "industrial-outptu")
    assert str(refused.value) == f"{plan.path}: no target 'industrial-outptu'; did you mean 'industrial-output'?"
    with pytest.raises(UnknownTarget) as fragment:
        named_target(plan, "output")
    assert "did you mean 'industrial-output'" in str(fragment.value)
    with pytest.raises(UnknownTarget) as milestone:  # a milestone's name is no target's
        named_target(plan, "半导体产业集聚区")
    assert isinstance(milestone.value, EntryError) and "cluster-zones" in str(milestone.value)


_FULL = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}  # ASCII → its full-width form (NFKC undoes it)


@st.composite
def typed(draw: st.DrawFn, text: str) -> str:
    """``text`` as a person may type it: some characters full width, some upper case, spaces
    (ASCII or the ideographic U+3000) between some of them and around it."""
    out = []
    for ch in text:
        if draw(st.booleans()):
            ch = _FULL.get(ch, ch)
        if draw(st.booleans()):
            ch = ch.upper()
        out.append(ch + draw(st.sampled_from(["", "", " ", "\u3000"])))
    return draw(st.sampled_from(["", " "])) + "".join(out) + draw(st.sampled_from(["", "\u3000"]))


@given(st.data())
def test_every_target_is_found_by_its_id_name_and_each_alias(data: st.DataObject) -> None:
    plan = data.draw(st.sampled_from(PLANS))
    target = data.draw(st.sampled_from(plan.targets))
    assert named_target(plan, target.id) is target
    for name in (target.name, *([target.name_en] if target.name_en else []), *target.aliases):
        assert named_target(plan, data.draw(typed(name))) is target, name


def test_the_plans_of_the_property_have_aliases_and_english_names() -> None:
    """The property above covers aliases and English names only if the plans have some."""
    assert sum(len(t.aliases) for p in PLANS for t in p.targets) >= 6
    assert all(t.name_en for t in PLANS[0].targets)
