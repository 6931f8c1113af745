"""A progress bar is drawn to the percentage written beside it (rounded toward the unfinished
side while the target is unmet), so it never looks fuller than its label and is full only when
the target is met: 49.99 of 50 is a 99.9 % bar labelled 99.9 %, never a full one."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.render.show import _chart_bar
from ledger.render.table import BAR_WIDTH, _bar
from ledger.render.text import bar_share, shown_percent
from tests.helpers import write_plan

SPACE = """
[[target]]
id = "space"
action = "a"
name = "新增创新空间面积"
kind = "increment"
unit = "万平方米"
target = 50

[[target]]
id = "output"
action = "a"
name = "工业总产值"
kind = "total"
unit = "亿元"
target = 1360
"""


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def plan_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_plan(tmp_path, SPACE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("target", "value", "label", "width"),
    [
        ("space", "49.99", "99.9%", "99.9%"),  # 49.99 / 50 = 99.98 %: not done, never a full bar
        ("output", "1350", "99.2%", "99.2%"),  # 1350 / 1360 = 99.26 %: never drawn as 99.3
        ("space", "50", "100.0%", "100.0%"),  # done: the only full bar
    ],
)
def test_html_bar_is_drawn_to_its_label(plan_dir: Path, target: str, value: str, label: str, width: str) -> None:
    run("record", target, value, "--date", "2025-06")
    html = run("status", "--as-of", "2025-06-30", "--format", "html", "--lang", "en")
    bars = re.findall(r'class="fill" style="width:([\d.]+%)"></span>.*?</span>([\d.]+%)', html)
    assert (width, label) in bars, bars


@given(st.decimals(min_value=-1, max_value=3, places=6))
def test_bar_never_fuller_than_its_label(share: Decimal) -> None:
    drawn = bar_share(share)
    assert 0 <= drawn <= 1
    assert (drawn == 1) == (share >= 1)  # full only when done
    if 0 <= share < 1:
        assert drawn * 100 == shown_percent(share, floor=True)  # exactly the label's figure


@given(st.decimals(min_value=Decimal("0.9"), max_value=Decimal("1.1"), places=6))
def test_terminal_bars_are_full_only_when_done(share: Decimal) -> None:
    table_cells = _bar(share, "", "#.").plain.count("#")
    chart_cells = _chart_bar(share, None, False).plain.count("#")
    assert (table_cells == BAR_WIDTH) == (share >= 1)
    assert chart_cells == int(bar_share(share) * 24) and (chart_cells == 24) == (share >= 1)
