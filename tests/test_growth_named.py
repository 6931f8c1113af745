"""A rate's row named by its quantity's alias with a growth word after it (规上工业增加值增速,
规模以上工业增加值同比增长), as bureaus write it in a vertical 指标 | 单位 | 数值 list: the rate itself.
The same words after a quantity no rate records (规上工业总产值增速) name no target.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ledger import load_plan
from ledger.row_targets import Resolver
from tests.conftest import SHIPPED_PLAN
from tests.helpers import exported, import_text

SHEET = "临平经开区2025年1-8月主要经济指标\n指标名称,单位,数值\n规上工业总产值,亿元,842.7\n{name},%,5.8\n"


@pytest.mark.parametrize(
    "name", ["规上工业增加值增速", "规模以上工业增加值同比增长", "规上工业增加值增长率", "规上工业增加值增速（%）"]
)
def test_a_rates_quantity_with_its_growth_word_is_the_rate(runner: CliRunner, workdir: Path, name: str) -> None:
    result = import_text(runner, workdir, "v.csv", SHEET.format(name=name))
    assert result.exit_code == 0, result.stderr
    assert exported(runner) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("value-added-growth", "2025-08-31", 5.8, "%"),
    ]


@pytest.mark.parametrize("name", ["规上工业总产值增速", "新增创新空间面积增长", "增速", "规上工业增加值增加"])
def test_a_growth_word_after_no_rates_quantity_names_nothing(name: str) -> None:
    assert Resolver(load_plan(SHIPPED_PLAN)).find(name) is None
