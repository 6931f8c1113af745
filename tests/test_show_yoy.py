"""`tracker show` gives 同比 (yoy) as `status` does, from the same report, in text and JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from cli import app
from ledger import append_entries
from tests.helpers import entry


def _status_yoy(runner: CliRunner, target: str, *args: str) -> object:
    doc = json.loads(runner.invoke(app, ["status", "-f", "json", "--target", target, *args]).stdout)
    return next(t["yoy"] for a in doc["actions"] for t in a["targets"])


def test_a_rate_s_yoy_from_the_plan_s_previous(workdir: Path, runner: CliRunner) -> None:
    assert runner.invoke(app, ["record", "value-added-growth", "5.8", "--date", "2025-12"]).exit_code == 0
    shown = runner.invoke(app, ["show", "value-added-growth", "--as-of", "2025-12-31", "-f", "json"])
    assert shown.exit_code == 0, shown.stderr
    # previous = 3.0 (上年实绩) in the shipped plan: 5.8 − 3 = +2.8 points.
    want = {"previous": 3, "previous_date": "2024-12-31", "change": 2.8}
    assert json.loads(shown.stdout)["progress"]["yoy"] == want
    assert _status_yoy(runner, "value-added-growth", "--as-of", "2025-12-31") == want
    text = runner.invoke(app, ["show", "value-added-growth", "--as-of", "2025-12-31", "--lang", "zh"])
    assert "同比 +2.8 个百分点（上年同期 3.0%）" in text.stdout


def test_a_total_s_yoy_from_last_year_s_ledger(workdir: Path, runner: CliRunner) -> None:
    append_entries(workdir / "2024.toml", [entry("industrial-output", date(2024, 6, 30), "659", n=1, unit="亿元")])
    assert runner.invoke(app, ["record", "industrial-output", "680", "--date", "2025-06"]).exit_code == 0
    args = ["--as-of", "2025-06-30", "--previous-ledger", "2024.toml"]
    shown = runner.invoke(app, ["show", "industrial-output", "-f", "json", *args])
    assert shown.exit_code == 0, shown.stderr
    # 680 / 659 − 1 = 0.03187 (同比增长 3.2 %).
    want = {"previous": 659, "previous_date": "2024-06-30", "change": 0.0319}
    assert json.loads(shown.stdout)["progress"]["yoy"] == want
    assert _status_yoy(runner, "industrial-output", *args) == want
    text = runner.invoke(app, ["show", "industrial-output", "--lang", "zh", *args])
    assert "同比增长 3.2%" in text.stdout
    # Without last year's figure there is none, in either.
    alone = runner.invoke(app, ["show", "industrial-output", "--as-of", "2025-06-30", "-f", "json"])
    assert json.loads(alone.stdout)["progress"]["yoy"] is None
