"""A lead belongs to its owner: a target that names a unit other than its action's never takes
the action's lead official, in the plan, the chase list, the grouped table, JSON and next year's plan."""

from __future__ import annotations

import json
import tempfile
import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import Plan, load_plan
from ledger.rollover import next_plan
from tests.helpers import entry

HEAD = """version = 1

[plan]
id = "lead-2025"
name = "测试计划"
start = 2025-01-01
end = 2025-12-31
timezone = "Asia/Shanghai"

[[action]]
id = "industry"
name = "产业"
owner = "经济发展局"
lead = "李副主任"

[[target]]
id = "output"
action = "industry"
name = "工业总产值"
kind = "total"
unit = "亿元"
target = 1360

[[target]]
id = "investment"
action = "industry"
name = "固定资产投资"
kind = "total"
unit = "亿元"
target = 120
owner = "投资促进局"
"""


@pytest.fixture
def plan_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "targets.toml").write_text(HEAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_target_of_another_unit_has_no_lead_of_the_actions(runner: CliRunner, plan_dir: Path) -> None:
    plan = load_plan(plan_dir / "targets.toml")
    assert [(t.id, t.owner, t.lead) for t in plan.targets] == [
        ("output", "经济发展局", "李副主任"),
        ("investment", "投资促进局", None),
    ]
    assert runner.invoke(app, ["record", "investment", "30", "--date", "2025-03"]).exit_code == 0
    due = runner.invoke(app, ["due", "--as-of", "2025-05-20", "--lang", "zh"]).stdout.splitlines()
    assert "投资促进局" in due and "经济发展局（李副主任）" in due
    assert not any("投资促进局（" in line for line in due)
    grouped = runner.invoke(app, ["status", "--as-of", "2025-03", "--by", "owner", "--format", "json"]).stdout
    assert [(g["owner"], g["lead"]) for g in json.loads(grouped)["owners"]] == [
        ("经济发展局", "李副主任"),
        ("投资促进局", None),
    ]
    doc = json.loads(runner.invoke(app, ["status", "--as-of", "2025-03", "--format", "json"]).stdout)
    assert [(t["id"], t["owner"], t["lead"]) for t in doc["actions"][0]["targets"]] == [
        ("output", "经济发展局", "李副主任"),
        ("investment", "投资促进局", None),
    ]
    table = runner.invoke(app, ["status", "--as-of", "2025-03", "--by", "owner", "--lang", "zh"]).stdout
    assert "投资促进局  已完成 0" in table and "投资促进局（" not in table


def test_every_target_names_its_owner_in_json_grouped_by_owner_or_not(runner: CliRunner, plan_dir: Path) -> None:
    """A JSON reader finds the unit answerable for each target on the target itself, whatever
    --by says; the top-level owners groups are null, never missing, without --by owner."""
    assert runner.invoke(app, ["record", "investment", "30", "--date", "2025-03"]).exit_code == 0
    plain = json.loads(runner.invoke(app, ["status", "--as-of", "2025-03", "--format", "json"]).stdout)
    grouped = json.loads(
        runner.invoke(app, ["status", "--as-of", "2025-03", "--format", "json", "--by", "owner"]).stdout
    )
    expected = [("output", "经济发展局", "李副主任"), ("investment", "投资促进局", None)]
    for doc in (plain, grouped):
        assert [(t["id"], t["owner"], t["lead"]) for a in doc["actions"] for t in a["targets"]] == expected
    assert list(plain)[-2:] == ["owners", "notes"] and plain["owners"] is None
    assert [(g["owner"], g["targets"]) for g in grouped["owners"]] == [
        ("经济发展局", ["output"]),
        ("投资促进局", ["investment"]),
    ]


def test_a_target_of_another_unit_keeps_a_lead_it_names(tmp_path: Path) -> None:
    # The same official may lead both units: named on the target, the lead stays, next year too.
    (tmp_path / "targets.toml").write_text(HEAD + 'lead = "李副主任"\n', encoding="utf-8")
    plan = load_plan(tmp_path / "targets.toml")
    assert plan.target("investment").lead == "李副主任"
    nxt = next_plan(plan, [entry("output", date(2025, 12, 31), "1300", n=1)], 2026)
    targets = {t["id"]: t for t in tomllib.loads(nxt.text)["target"]}
    assert (targets["investment"]["owner"], targets["investment"]["lead"]) == ("投资促进局", "李副主任")
    assert "owner" not in targets["output"] and "lead" not in targets["output"]


_UNITS = st.sampled_from([None, "经济发展局", "投资促进局"])
_LEADS = st.sampled_from([None, "李副主任", "周副主任"])


@given(_UNITS, _LEADS, _UNITS, _LEADS, st.booleans())
def test_a_targets_lead_is_its_own_or_its_units(
    action_owner: str | None, action_lead: str | None, owner: str | None, lead: str | None, usual: bool
) -> None:
    # usual: keys only (the plan reader's quick path); else a tag sends the target down the full one.
    text = HEAD.split("[[target]]")[0].replace('owner = "经济发展局"\nlead = "李副主任"\n', "")
    text += "".join(
        f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in (("owner", action_owner), ("lead", action_lead)) if v
    )
    text += '\n[[target]]\nid = "t"\naction = "industry"\nname = "指标"\nkind = "total"\nunit = "亿元"\ntarget = 1\n'
    text += "".join(f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in (("owner", owner), ("lead", lead)) if v)
    text += "" if usual else 'tags = ["国考"]\n'
    target = load_plan_text(text).target("t")
    assert target.owner == (owner or action_owner)
    if lead is not None:
        assert target.lead == lead
    elif owner is None or owner == action_owner:
        assert target.lead == action_lead
    else:
        assert target.lead is None  # another unit's target: never the action's official


def load_plan_text(text: str) -> Plan:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "targets.toml"
        path.write_text(text, encoding="utf-8")
        return load_plan(path)
