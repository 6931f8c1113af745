"""Year on year (同比): last year's figure at the same point and the change, by hand."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from ledger import append_entries, evaluate
from ledger.render.cells import cells
from ledger.yoy import YearOnYear, year_on_year
from tests.helpers import entry, write_plan
from tests.test_progress import TARGETS as PROGRESS_TARGETS

# test_progress's targets (the rank's 上年实绩 is 80th), with last year's output too.
TARGETS = PROGRESS_TARGETS.replace("target = 1360\n", "target = 1360\nprevious = 1300\n")

LAST_YEAR = [
    entry("output", date(2024, 6, 30), "659", n=101),
    entry("output", date(2024, 12, 31), "1300", n=102),
    entry("space", date(2024, 4, 30), "8", n=103),
    entry("space", date(2024, 6, 30), "12", n=104),
    entry("space", date(2024, 9, 30), "30", n=105),
    entry("growth", date(2024, 6, 30), "5.2", n=106),
    entry("gone", date(2024, 6, 30), "1", n=107),  # a target this year's plan dropped: ignored
]
THIS_YEAR = [
    entry("output", date(2025, 6, 30), "680", n=1),
    entry("space", date(2025, 3, 31), "10", n=2),
    entry("space", date(2025, 6, 30), "15", n=3),
    entry("growth", date(2025, 6, 30), "6.0", n=4),
    entry("rank", date(2025, 6, 30), "72", n=5),
]
JUNE = date(2025, 6, 30)


@pytest.fixture
def plan(tmp_path: Path):
    return write_plan(tmp_path, TARGETS)


def yoy(plan, entries, as_of, previous=()):
    report = year_on_year(plan, evaluate(plan, entries, as_of), previous)
    return {p.target.id: p for p in report.targets}


def test_from_last_years_ledger_at_the_same_point(plan) -> None:
    got = yoy(plan, THIS_YEAR, JUNE, LAST_YEAR)
    # 680 against 659 in June 2024: 680 / 659 − 1 = 3.19 %.
    assert got["output"].yoy == YearOnYear(Decimal(659), date(2024, 6, 30), Decimal(680) / Decimal(659) - 1)
    assert cells(got["output"], "zh").gap == "与序时进度持平，同比增长 3.2%（上年同期 659 亿元）"
    assert cells(got["output"], "en").gap == "on schedule, +3.2% y/y (a year earlier: CNY 65.9 bn)"
    assert cells(got["output"], "zh").yoy == "同比+3.2%"
    # Added by June: 25 this year, 8 + 12 = 20 last year: +25 %.
    assert got["space"].yoy == YearOnYear(Decimal(20), date(2024, 6, 30), Decimal("0.25"))
    # A rate: 6.0 against 5.2, in percentage points.
    assert got["growth"].yoy == YearOnYear(Decimal("5.2"), date(2024, 6, 30), Decimal("0.8"))
    assert cells(got["growth"], "zh").gap.endswith("同比 +0.8 个百分点（上年同期 5.2%）")
    assert cells(got["growth"], "en").gap.endswith("+0.8 pp y/y (a year earlier: 5.2%)")
    # No rank in June 2024, and `previous` is a full-year figure: nothing to compare with yet.
    assert got["rank"].yoy is None


def test_from_previous_once_the_years_figure_is_final(plan) -> None:
    # Mid-year, the full-year 上年实绩 is not the same point: no 同比.
    assert yoy(plan, THIS_YEAR, JUNE)["output"].yoy is None
    final = [
        *THIS_YEAR,
        entry("output", date(2025, 12, 31), "1341.05", n=6),
        entry("rank", date(2025, 12, 31), "73", n=7),
    ]
    got = yoy(plan, final, date(2025, 12, 31))
    assert got["output"].yoy == YearOnYear(Decimal(1300), date(2024, 12, 31), Decimal("1341.05") / 1300 - 1)
    assert cells(got["output"], "zh").gap == "短 18.95 亿元（完成 98.6%），同比增长 3.2%（上年同期 1300 亿元）"
    assert got["rank"].yoy == YearOnYear(Decimal(80), date(2024, 12, 31), Decimal(7))  # 80th → 73rd
    assert cells(got["rank"], "zh").gap == "差 3 位，同比进 7 位（上年同期 80 位）"
    # The progress arithmetic never sees `previous`.
    assert got["output"].progress == Decimal("1341.05") / 1360
    # A flash figure 截至12月15日 (1290) is not 1—12月: set against the whole of 2024 (1300) it would
    # read as a fall of 0.8 %; no 同比 until the year's figure is in.
    flash = [*THIS_YEAR, entry("output", date(2025, 12, 15), "1290", n=6)]
    assert yoy(plan, flash, date(2025, 12, 31))["output"].yoy is None


def test_status_json_with_previous_ledger(plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    append_entries(tmp_path / "progress.toml", THIS_YEAR)
    append_entries(tmp_path / "progress-2024.toml", LAST_YEAR)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    args = ["status", "--as-of", "2025-06-30", "-f", "json", "--previous-ledger", "progress-2024.toml"]
    doc = json.loads(runner.invoke(app, args).stdout)
    targets = {t["id"]: t for t in doc["actions"][0]["targets"]}
    assert targets["output"]["previous"] == 1300  # the plan's 上年实绩, as defined
    assert targets["output"]["yoy"] == {"previous": 659, "previous_date": "2024-06-30", "change": 0.0319}
    assert targets["growth"]["yoy"] == {"previous": 5.2, "previous_date": "2024-06-30", "change": 0.8}
    assert targets["rank"]["yoy"] is None
    # The same from the plan's previous_ledger key.
    text = (tmp_path / "targets.toml").read_text(encoding="utf-8")
    (tmp_path / "targets.toml").write_text(
        text.replace("end = 2025-12-31\n", 'end = 2025-12-31\nprevious_ledger = "progress-2024.toml"\n'), "utf-8"
    )
    again = json.loads(runner.invoke(app, args[:-2]).stdout)
    assert again == doc
    missing = runner.invoke(app, ["status", "--previous-ledger", "nowhere.toml"])
    assert missing.exit_code == 1 and "nowhere.toml: no such ledger" in missing.stderr
