"""`tracker status` on a console narrower than its table (COLUMNS below 80), in real processes:
a table wider than its console is broken line by line by the terminal, figures cut apart, so
the targets are listed one below another instead, each figure after its column's header and
never broken; from 80 columns on the table stays (README, Outputs)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.conftest import ROOT
from tests.test_subprocess import TRACKER, shell

pytestmark = pytest.mark.skipif(TRACKER is None, reason="the tracker console script is not installed")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The shipped plan with August's figures: a running total with a forecast, a rate, a step."""
    shutil.copy(ROOT / "targets.toml", tmp_path / "targets.toml")
    for args in (
        "industrial-output 842.70 --date 2025-08",
        "value-added-growth 5.8 --date 2025-08",
        "innovation-space 6.8 --date 2025-08",
        "cluster-zones done --milestone semiconductor --date 2025-07",
    ):
        assert shell(f'"{TRACKER}" record {args}', tmp_path).returncode == 0
    return tmp_path


def status(folder: Path, columns: int, lang: str) -> list[str]:
    result = shell(f'"{TRACKER}" status --as-of 2025-08 --lang {lang} | cat', folder, COLUMNS=str(columns))
    assert (result.returncode, result.stderr) == (0, "")
    return result.stdout.splitlines()


# 842.70 of 1,360 is 61.96 %, shown 61.9 % (down while unmet); 8 of 12 months is 66.7 %; at that
# pace the year ends at 842.70 / 0.61963 × … = 1264.05; 5.8 % against 6 % is 0.2 points short.
ZH_FIGURES = [
    "工业总产值",
    "目标 1360 亿元",
    "当前 842.70",
    "截至 08-31",
    "进度 61.9%",
    "序时 66.7%",
    "全年预计 1264.05",
    "进度 -0.2 个百分点",
    "目标 50 万平方米",
    "当前 6.8",
    "进度 13.6%",
    "当前 1/3",
]


@pytest.mark.parametrize("columns", [40, 60])
def test_below_80_columns_the_targets_are_listed_within_the_width(folder: Path, columns: int) -> None:
    lines = status(folder, columns, "zh")
    assert max(cell_len(line) for line in lines) <= columns
    text = "\n".join(lines)
    for piece in ZH_FIGURES:  # each figure whole, after its header, on one line
        assert any(piece in line for line in lines), (columns, piece)
    assert "────" not in text  # no table rule: the list
    industry = lines.index("产业能级“提质”行动")
    assert lines[industry + 1] == "  国考排名" and lines[industry + 2] == "    目标 70 位  无数据"
    # the summary (63 cells) wraps between counts, each count kept with its status word
    start = next(n for n, line in enumerate(lines) if line.startswith("汇总: "))
    assert "  ".join(lines[start:]) == "汇总: 已完成 0  达序时 1  略滞后 2  滞后 1  未完成 0  无数据 15"
    assert len(lines) - start == 2


def test_english_below_80_columns_keeps_words_and_amounts_whole(folder: Path) -> None:
    lines = status(folder, 40, "en")
    assert max(len(line) for line in lines) <= 40
    for piece in ("Goal CNY 136.0 bn", "Current 84.27", "Progress 61.9%", "Expected 66.7%", "Forecast 126.405"):
        assert any(piece in line for line in lines), piece
    assert "    Goal 500,000 m²  Current 68,000" in lines  # 6.8 万平方米 in m²


def test_at_80_columns_the_table_stays(folder: Path) -> None:
    lines = status(folder, 80, "zh")
    assert max(cell_len(line) for line in lines) == 80 and "─" * 80 in lines
    [output] = [line for line in lines if line.startswith("工业总产值")]
    assert output.split()[1:] == ["1360", "亿元", "842.70", "08-31", "████░░░░", "61.9%", "66.7%", "略滞后", "1264.05"]
