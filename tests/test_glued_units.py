"""A figure with its unit typed against it (``842.7亿元``, ``8000㎡``: the trial n19, c04) is refused
as its bracketed form (``8427000（万元）``) is: naming the column and the cell, quoting the cell as
written, and saying the words after the figure are its unit. A rank's ``72位`` is still a rank."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.sheet_cells import figure

_TITLE = "临平经开区2025年1-8月主要经济指标"


@pytest.mark.parametrize(
    ("header", "name", "cell", "line"),
    [
        (
            "1-8月累计（亿元）",
            "规模以上工业总产值",
            "842.7亿元",
            "error: g.csv: row 3: column '1-8月累计（亿元）' (B3): '842.7亿元' is not a number: '亿元' after the figure is "
            "its unit; write 842.7 alone in the cell and give the unit in the column's header or a 单位 column",
        ),
        (
            "本月新增（平方米）",
            "新增创新空间面积",
            "8000㎡",
            "error: g.csv: row 3: column '本月新增（平方米）' (B3): '8000㎡' is not a number: '㎡' after the figure is "
            "its unit; write 8000 alone in the cell and give the unit in the column's header or a 单位 column",
        ),
    ],
)
def test_the_trials_glued_units(runner: CliRunner, workdir: Path, header: str, name: str, cell: str, line: str) -> None:
    (workdir / "g.csv").write_text(f"{_TITLE}\n指标名称,{header}\n{name},{cell}\n", encoding="utf-8")
    result = runner.invoke(app, ["import", "g.csv", "--dry-run"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == line


@settings(max_examples=80, deadline=None)
@given(
    st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False),
    st.sampled_from(["亿元", "万元", "元", "亩", "平方米", "㎡", "万平方米", "家", "个", "人", "万人", "吨"]),
    st.sampled_from(["", " ", "\u3000"]),
)
def test_every_glued_unit_is_refused_naming_it_as_written(number: object, unit: str, gap: str) -> None:
    text = f"{number}{gap}{unit}"
    with pytest.raises(ValueError) as refused:
        figure(text)
    said = str(refused.value)
    assert said.startswith(f"{text.strip()!r} is not a number: {unit!r} after the figure is its unit; write ")


@pytest.mark.parametrize("text", ["72位", "72名"])
def test_a_ranks_words_are_not_a_unit(text: str) -> None:
    assert figure(text) == text  # read by the rank target as its figure (ledger.record.rank_number)
