"""Cells a person reads without doubt (issue 14, trial n5 case 12): a rank written 第72位, a
status 正在推进, and a refusal that quotes the cell as written (增长5.8%)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.record import rank_number
from tests.helpers import exported as _entries
from tests.helpers import import_text as _import


@pytest.mark.parametrize("cell", ["第72位", "第72名", "72位", "第 72 位", "第７２位", "72"])
def test_a_rank_written_as_a_bureau_writes_it(runner: CliRunner, workdir: Path, cell: str) -> None:
    text = f"临平经开区2025年主要指标完成情况\n指标名称,完成值,截至日期\n国考排名,{cell},2025-06-30\n"
    result = _import(runner, workdir, "b.csv", text)
    assert result.exit_code == 0, result.output
    assert _entries(runner) == [("national-rank", "2025-06-30", 72, "位")]


def test_rank_words_are_a_ranks_only(runner: CliRunner, workdir: Path) -> None:
    """第72位 beside a total is no figure of it; a rank of 第0位 is no rank."""
    text = "指标名称,1-6月累计,截至日期\n规模以上工业总产值,第72位,2025-06-30\n"
    result = _import(runner, workdir, "t.csv", text)
    assert result.exit_code == 1
    assert "industrial-output: '第72位' is not a number" in result.stderr
    zero = _import(runner, workdir, "z.csv", "指标名称,完成值,截至日期\n国考排名,第0位,2025-06-30\n")
    assert zero.exit_code == 1
    assert "national-rank: a rank is a whole number from 1 (best), not 0" in zero.stderr
    typed = runner.invoke(app, ["record", "national-rank", "第72位", "--date", "2025-06"])
    assert typed.exit_code == 0, typed.output
    assert _entries(runner) == [("national-rank", "2025-06-30", 72, "位")]


@given(st.integers(1, 10**6), st.sampled_from(["第{}位", "第{}名", "{}位", "{}名", "第{}", "{}"]))
def test_rank_number_takes_the_digits_of_every_form(n: int, form: str) -> None:
    assert rank_number(form.format(n)) == str(n)


@pytest.mark.parametrize(("word", "status"), [("正在推进", "in_progress"), ("尚未启动", "not_started")])
def test_a_status_in_plain_chinese(runner: CliRunner, workdir: Path, word: str, status: str) -> None:
    text = f"临平经开区科技局2025年8月重点任务推进情况\n重点任务,状态\n新一轮大孵化器建设行动,{word}\n"
    result = _import(runner, workdir, "f.csv", text)
    assert result.exit_code == 0, result.output
    out = runner.invoke(app, ["export", "--format", "jsonl"]).stdout
    assert [(e["target"], e["date"], e["status"]) for e in map(json.loads, out.splitlines())] == [
        ("incubator", "2025-08-31", status)
    ]


def test_an_unknown_status_lists_the_chinese_words_too(runner: CliRunner, workdir: Path) -> None:
    text = "临平经开区科技局2025年8月重点任务推进情况\n重点任务,状态\n新一轮大孵化器建设行动,未完成\n"
    result = _import(runner, workdir, "f.csv", text)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "error: f.csv: row 3: incubator: '未完成' is not a milestone status; use not_started, in_progress, done, "
        "blocked, or 未启动, 未开始, 尚未启动, 推进中, 进行中, 正在推进, 已完成, 完成, 受阻, 滞后受阻"
    )


def test_a_refusal_quotes_the_cell_as_written(runner: CliRunner, workdir: Path) -> None:
    text = "指标名称,1-8月累计,同比增长%\n规模以上工业增加值,214.9,增长5.8%\n"
    result = _import(runner, workdir, "g.csv", text, "--date", "2025-08")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "error: g.csv: row 2: value-added-growth: '增长5.8%' is not a number; give a plain number such as 318.6 or -4.6"
    )
    typed = runner.invoke(app, ["record", "value-added-growth", "增长5.8%", "--date", "2025-08"])
    assert typed.stderr == (
        "error: value-added-growth: '增长5.8%' is not a number; give a plain number such as 318.6 or -4.6\n"
    )
