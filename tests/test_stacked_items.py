"""The stacked layout (an indicator over two rows, its figure and its growth) told apart by a column
headed 项目, 指标项, 单位 or 计量单位 as well as 类别: output 842.7 亿元 and value-added growth 5.8 %,
the output's growth and the added value's amount passed over. A growth row is never read as an
amount, nor offered as a part to add up (842.7 + 6.1).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import exported, import_text

TITLE = "临平经开区2025年1-8月主要经济指标\n"


@pytest.mark.parametrize("label", ["项目", "指标项", "单位", "计量单位", "类别", "分类"])
@pytest.mark.parametrize(
    ("figure", "growth"), [("绝对值（亿元）", "增速（%）"), ("绝对值（亿元）", "同比增长（%）"), ("亿元", "%")]
)
@pytest.mark.parametrize("named", [True, False])
def test_the_stacked_layout_is_read_under_any_label(
    runner: CliRunner, workdir: Path, label: str, figure: str, growth: str, named: bool
) -> None:
    """Each indicator's name on both rows, or on the first only (merged over both)."""
    again = lambda name: name if named else ""  # noqa: E731
    text = (
        TITLE
        + f"指标名称,{label},1-8月\n"
        + (
            f"规上工业总产值,{figure},842.7\n{again('规上工业总产值')},{growth},6.1\n"
            f"规上工业增加值,{figure},180.35\n{again('规上工业增加值')},{growth},5.8\n"
        )
    )
    result = import_text(runner, workdir, "s.csv", text)
    if label in ("类别", "分类") and (figure, growth) == ("亿元", "%"):
        return  # a 类别 column of bare units: read as before, not this layout
    assert result.exit_code == 0, result.stderr
    assert exported(runner) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("value-added-growth", "2025-08-31", 5.8, "%"),
    ]


def test_a_percent_row_alone_under_a_unit_column_is_its_own_figure(runner: CliRunner, workdir: Path) -> None:
    """指标 | 单位 | 数值 with a rate named as such: its % row is the rate's figure, no pair's growth."""
    text = TITLE + "指标名称,单位,1-8月\n规上工业总产值,亿元,842.7\n工业增加值增速,%,5.8\n"
    result = import_text(runner, workdir, "v.csv", text)
    assert result.exit_code == 0, result.stderr
    assert exported(runner) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("value-added-growth", "2025-08-31", 5.8, "%"),
    ]


def test_an_ignored_item_column_never_makes_a_growth_a_part(runner: CliRunner, workdir: Path) -> None:
    """--map '项目=ignore' (or a label column tracker has no word for): 6.1 % is never 6.1 亿元 of a
    sum 848.8 to record."""
    text = TITLE + "指标名称,口径说明,1-8月\n规上工业总产值,绝对值（亿元）,842.7\n规上工业总产值,增速（%）,6.1\n"
    result = import_text(runner, workdir, "o.csv", text)
    assert result.exit_code == 1
    assert "848.8" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "error: o.csv: row 3: rows 3–4 give industrial-output as of 2025-08-31 once per '口径说明' (B), which says "
        "what each row's figure is: '增速（%）' (B4) is a growth rate, never a part of industrial-output; head "
        "column B 类别 so that each row is read as what it says"
    )
    mapped = import_text(runner, workdir, "i.csv", text.replace("口径说明", "项目"), "--map", "项目=ignore")
    assert "848.8" not in mapped.stderr
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]
