"""A row a department inserts into the workbook `tracker sheet` gave it (its hidden id cell empty,
a name of its own) is read by its name, never filed under the target above it by the fill-down
meant for a task's steps (c11: 新增标准厂房面积 5 under 新增创新空间面积 3 made June's addition 8
万平方米, and --dry-run pointed at the empty id cell)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from cli import app
from tests.conftest import ROOT
from tests.helpers import exported


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner) -> Path:
    """科技局's June sheet of the departments example, as `tracker sheet` writes it."""
    shutil.copy(ROOT / "examples" / "departments" / "targets.toml", tmp_path / "targets.toml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRACKER_LANG", "en")
    done = runner.invoke(app, ["sheet", "--owner", "科技局", "--month", "2025-06", "-o", "s.xlsx", "--lang", "zh"])
    assert done.exit_code == 0, done.output
    return tmp_path / "s.xlsx"


def _insert(path: Path, name: str, unit: str, value: Any) -> None:
    """Insert a row under 新增创新空间面积 (row 4) as a department does: its name, unit and figure,
    its hidden id left empty; 3 for the innovation space, 9 high-tech firms."""
    wb = load_workbook(path)
    ws = wb.active
    assert ws["A4"].value == "新增创新空间面积" and ws["M4"].value == "innovation-space"
    ws.insert_rows(5)
    ws["A5"], ws["B5"], ws["C5"], ws["G5"] = name, "6月新增", unit, value
    ws["G4"], ws["G6"] = 3.0, 9
    wb.save(path)


def test_c11_an_inserted_row_of_its_own_is_refused(book: Path, runner: CliRunner) -> None:
    _insert(book, "新增标准厂房面积", "万平方米", 5)
    done = runner.invoke(app, ["import", "s.xlsx"])
    assert done.exit_code == 1
    assert (
        done.stderr
        == "error: s.xlsx: row 5: no target '新增标准厂房面积'; or pass such rows over with --skip-unknown\n"
    )
    assert not (book.parent / "progress.toml").exists()


def test_c11_skip_unknown_passes_the_inserted_row_over(book: Path, runner: CliRunner) -> None:
    _insert(book, "新增标准厂房面积", "万平方米", 5)
    done = runner.invoke(app, ["import", "s.xlsx", "--skip-unknown"])
    assert done.exit_code == 0, done.stderr
    assert [(t, v) for t, _, v, _ in exported(runner)] == [("innovation-space", 3), ("high-tech-firms", 9)]


def test_an_inserted_row_naming_another_target_is_that_targets(book: Path, runner: CliRunner) -> None:
    """Named as the plan names a target, the row is that target's, and --dry-run says so."""
    _insert(book, "新认定高新技术企业", "家", 2)
    wb = load_workbook(book)
    wb.active["G6"] = None
    wb.save(book)
    dry = runner.invoke(app, ["import", "s.xlsx", "--dry-run"])
    assert dry.exit_code == 0, dry.stderr
    line = next(x for x in dry.stdout.splitlines() if x.startswith("row 5:"))
    assert line.startswith("row 5: high-tech-firms = 2 家 as of 2025-06-30")
    assert line.endswith("target: name in column '指标/任务' (A5)")


def test_a_tasks_step_row_takes_the_id_above_and_says_where_it_came_from(tmp_path: Path, runner: CliRunner) -> None:
    """A step row of a milestone task (its milestone filled, its id and name left empty or the
    task's) is the task's: the id is filled down, and --dry-run names the cell it came from."""
    shutil.copy(ROOT / "examples" / "departments" / "targets.toml", tmp_path / "targets.toml")
    sheet = (
        "示例开发区2025年重点指标 2025年6月\n指标/任务,状态,target,milestone\n"
        "重大项目全生命周期服务,已完成,project-lifecycle,供地\n,进行中,,开工\n"
    )
    (tmp_path / "m.csv").write_text(sheet, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_path)
        mp.setenv("TRACKER_LANG", "en")
        dry = runner.invoke(app, ["import", "m.csv", "--dry-run"])
        assert dry.exit_code == 0, dry.stderr
        line = next(x for x in dry.stdout.splitlines() if x.startswith("row 4:"))
        assert line.startswith("row 4: project-lifecycle = in_progress (milestone start)")
        assert line.endswith("target: id in column 'target' (C3), filled down to this row")
        (tmp_path / "m.csv").write_text(sheet.replace("\n,进行中", "\n重大项目全生命周期服务,进行中"), encoding="utf-8")
        done = runner.invoke(app, ["import", "m.csv"])
        assert done.exit_code == 0, done.stderr
        assert [(t, v) for t, _, v, _ in exported(runner)] == [("project-lifecycle", None), ("project-lifecycle", None)]


NAMES = st.text(alphabet="新增标准厂房面积园区载体投资项目数", min_size=2, max_size=8)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=NAMES, unit=st.sampled_from(("万平方米", "家", "")))
def test_a_row_with_a_name_of_its_own_is_never_the_id_aboves(
    name: str, unit: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Any name that names no target, beside an empty id cell under a target's row on a sheet with
    a 里程碑 column, is refused as unknown, whatever its unit: never the row above's target."""
    folder = tmp_path_factory.mktemp("s")
    shutil.copy(ROOT / "examples" / "departments" / "targets.toml", folder / "targets.toml")
    sheet = (
        "示例开发区2025年重点指标 2025年6月\n指标/任务,单位,6月新增,target,milestone\n"
        f"新增创新空间面积,万平方米,3,innovation-space,\n{name},{unit},5,,\n"
    )
    (folder / "s.csv").write_text(sheet, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        mp.setenv("TRACKER_LANG", "en")
        done = CliRunner().invoke(app, ["import", "s.csv"])
    assert done.exit_code == 1
    said = done.stderr  # one line; a name close to a target's is offered it to write exactly
    assert said.count("\n") == 1 and said.startswith(f"error: s.csv: row 4: no target {name!r}; ")
    assert said.endswith("; or pass such rows over with --skip-unknown\n")
    assert not (folder / "progress.toml").exists()
