"""`tracker due` on next year's plan in January: last year's December (and whatever else of last
year is missing) is still owed, and the cron job watching for late figures is for exactly that.

The departments example with figures to June 2025; the office starts the 2026 plan and points the
16th-of-the-month job at it. As of 2026-01-20 every figure of July–December 2025 is missing: due
said "所有应报数据均已报送" and exited 0 under --fail-on late."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from tests.conftest import ROOT

DEPARTMENTS = ROOT / "examples" / "departments"


def _run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), env={"TRACKER_LANG": "zh"})


@pytest.fixture(scope="module")
def january(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("departments")
    for item in DEPARTMENTS.iterdir():
        if item.is_file():
            shutil.copy(item, folder / item.name)
        else:
            shutil.copytree(item, folder / item.name)
    return folder


@pytest.fixture
def switched(january: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(january)
    if not (january / "targets-2026.toml").exists():
        assert _run("import", "figures-jan-may-illustrative.csv").exit_code == 0
        for sheet in sorted((january / "returned").glob("*.xlsx")):
            assert _run("import", str(sheet.relative_to(january))).exit_code == 0
        assert _run("init", "--from", "targets.toml", "--year", "2026").exit_code == 0
        path = january / "targets-2026.toml"
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^# target = …\s+# \d+'s goal was ([0-9.]+).*$", r"target = \1", text, flags=re.MULTILINE)
        text = re.sub(r'^# source = "…".*$', 'source = "x"', text, flags=re.MULTILINE)
        path.write_text(text, encoding="utf-8")
        assert _run("check", "--targets", "targets-2026.toml").exit_code == 0
    return january


OWED_2025 = """经济发展局（李副主任）
  工业总产值 [industrial-output]
    2025-07 … 2025-12 (6)
    均已逾期，最早一期逾期 158 天（应于 2025-08-15 前报送）
  工业增加值增速 [value-added-growth]
    2025-07 … 2025-12 (6)
    均已逾期，最早一期逾期 158 天（应于 2025-08-15 前报送）

科技局（陈副主任）
  新增创新空间面积 [innovation-space]
    2025-07 … 2025-12 (6)
    均已逾期，最早一期逾期 158 天（应于 2025-08-15 前报送）
  新认定高新技术企业 [high-tech-firms]
    2025-09  逾期 92 天（应于 2025-10-20 前报送）
  新认定高新技术企业 [high-tech-firms]  2025-12  待报（1 月 20 日前报送）

投资促进局（周副主任）
  固定资产投资 [fixed-investment]
    2025-07 … 2025-12 (6)
    均已逾期，最早一期逾期 158 天（应于 2025-08-15 前报送）
  重大项目全生命周期服务 [project-lifecycle]
    2025-07 … 2025-12 (6)
    均已逾期，最早一期逾期 158 天（应于 2025-08-15 前报送）
"""


def test_januarys_job_on_the_new_plan_lists_last_years_late_figures_and_fails(switched: Path) -> None:
    result = _run("due", "--targets", "targets-2026.toml", "--as-of", "2026-01-20", "--fail-on", "late")
    assert result.exit_code == 3, result.output
    # Nothing of 2026 is owed yet (January's figure is due 02-15); 2025's are, as `due` on 2025's plan
    # lists them (industrial-output: July's figure due 08-15, 158 days before 01-20).
    assert result.stdout == (
        "截至 2026-01-20：逾期未报 0 项，待报 0 项\n本计划应报数据均已报送。\n\n"
        "上一计划（targets.toml）仍有：逾期未报 6 项，待报 1 项；tracker due --targets targets.toml 列出\n\n"
        + OWED_2025
    )
    assert "所有应报数据均已报送" not in result.stdout
    # The same figures as `due` on 2025's plan gives.
    old = _run("due", "--targets", "targets.toml", "--as-of", "2026-01-20")
    assert old.stdout == "截至 2026-01-20：逾期未报 6 项，待报 1 项\n\n" + OWED_2025


def test_only_awaited_figures_of_last_year_do_not_fail_the_job(switched: Path) -> None:
    result = _run(
        "due", "--targets", "targets-2026.toml", "--as-of", "2026-01-20", "--fail-on", "late", "--target",
        "high-tech-firms",
    )  # fmt: skip
    # high-tech-firms' September figure is late in 2025's plan: the filter reaches last year's too.
    assert result.exit_code == 3
    assert "上一计划（targets.toml）仍有：逾期未报 1 项，待报 1 项" in result.stdout
    assert "工业总产值" not in result.stdout


def test_the_json_document_carries_last_years_owed_figures(switched: Path) -> None:
    result = _run("due", "--targets", "targets-2026.toml", "--as-of", "2026-01-20", "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["schema"] == "tracker.due/3"
    assert doc["summary"] == {"awaiting": 0, "late": 0}
    assert doc["owners"] == []
    before = doc["previous"]
    assert before["file"] == "targets.toml"
    assert before["plan"]["id"] == "departments-example-2025"
    assert before["summary"] == {"awaiting": 1, "late": 6}
    first = before["owners"][0]["figures"][0]
    assert (first["target"], first["periods"][-1], first["state"], first["days_late"]) == (
        "industrial-output",
        "2025-12-31",
        "late",
        158,
    )


def test_a_plan_without_a_previous_ledger_says_all_is_in(switched: Path) -> None:
    result = _run("due", "--targets", "targets.toml", "--as-of", "2025-06-10", "--format", "json")
    assert json.loads(result.stdout)["previous"] is None


def test_when_last_years_plan_is_not_found_nothing_is_claimed_of_it(switched: Path) -> None:
    shutil.copy(switched / "targets.toml", switched / "copy.toml")  # two plans on one ledger: neither is named
    try:
        result = _run("due", "--targets", "targets-2026.toml", "--as-of", "2026-01-20", "--lang", "en")
        doc = json.loads(_run("due", "--targets", "targets-2026.toml", "--as-of", "2026-01-20", "-f", "json").stdout)
    finally:
        (switched / "copy.toml").unlink()
    assert result.stdout == (
        "As of 2026-01-20: 0 late, 0 awaited\nEvery figure due to this plan has been recorded; the previous plan's "
        "(ledger progress.toml) were not checked: no plan file naming that ledger was found beside it; run tracker "
        "due --targets with that plan.\n"
    )
    assert doc["previous"] == {"ledger": "progress.toml", "file": None, "plan": None, "summary": None, "owners": None}


def test_fail_on_late_fails_when_last_years_plan_is_not_found(switched: Path) -> None:
    # Two plans on one ledger: neither is named, so last year's figures go unchecked; the job that
    # watches for late figures must not read that as "nothing late" (exit 1, one line naming why).
    shutil.copy(switched / "targets.toml", switched / "copy.toml")
    try:
        result = _run("due", "--targets", "targets-2026.toml", "--as-of", "2026-01-20", "--fail-on", "late")
    finally:
        (switched / "copy.toml").unlink()
    assert (result.exit_code, result.stderr) == (
        1,
        "error: targets-2026.toml: --fail-on late: the previous plan's figures were not checked: no one plan file "
        "beside progress.toml names it as its ledger; put that plan back beside it (one file naming it), or check it "
        "with tracker due --fail-on late --targets PLAN\n",
    )
