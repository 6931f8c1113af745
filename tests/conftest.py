"""Shared fixtures: a copy of the shipped plan in a temporary folder, a clean environment."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_PLAN = ROOT / "targets.toml"

# Hypothesis's clock-based checks (a deadline per example, "input generation is slow") measure the
# machine's load, not the code: on two busy cores they fail tests whose properties hold. Tests that
# set their own settings inherit these where they name nothing else.
settings.register_profile("tracker", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("tracker")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No setting of the developer's machine leaks into a test; the console is 80 columns."""
    for var in (
        "TRACKER_TARGETS",
        "TRACKER_LEDGER",
        "TRACKER_LANG",
        "NO_COLOR",
        "FORCE_COLOR",
        "LC_ALL",
        "LC_MESSAGES",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("COLUMNS", "80")


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding a copy of the shipped targets.toml, made the current directory."""
    shutil.copy(SHIPPED_PLAN, tmp_path / "targets.toml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
