"""A header repeating a label (the trial n11, case 2): two tables side by side,
``指标名称 | 1-8月累计 | 同比 || 指标名称 | 1-8月累计 | 同比``. The refusal offered ``--map '指标名称
(E)=ignore'`` (which matched nothing: the same refusal again) and ``--map '指标名称=ignore'``
(which left out both name columns). A later column of a repeated label is named by its label and
column letter, the bare label names the first alone, so each hint keeps what it says it keeps."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.helpers import exported as _entries
from tests.helpers import import_text as _import

_SIDE = (
    "临平经开区2025年1-8月主要经济指标\n"
    "指标名称,1-8月累计（亿元）,同比增长%,,指标名称,1-8月累计（亿元）,同比增长%\n"
    "规模以上工业总产值,842.7,4.1,,规模以上工业增加值,180.3,5.8\n"
)


def test_the_refusal_names_each_column_as_map_names_it(runner: CliRunner, workdir: Path) -> None:
    result = _import(runner, workdir, "side.csv", _SIDE)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "error: side.csv: columns '指标名称' (A) and '指标名称 (E)' (E) both give target; to keep '指标名称', import "
        "with --map '指标名称 (E)=ignore'; to keep '指标名称 (E)', with --map '指标名称=ignore'"
    )


def test_keeping_the_left_table(runner: CliRunner, workdir: Path) -> None:
    maps = ["--map", "指标名称 (E)=ignore", "--map", "1-8月累计（亿元） (F)=ignore", "--map", "同比增长% (G)=ignore"]
    result = _import(runner, workdir, "side.csv", _SIDE, *maps)
    assert result.exit_code == 0, result.output
    assert result.stderr == ("note: side.csv: columns not used: 指标名称 (E), 1-8月累计（亿元） (F), 同比增长% (G)\n")
    assert _entries(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


def test_keeping_the_right_table(runner: CliRunner, workdir: Path) -> None:
    maps = ["--map", "指标名称=ignore", "--map", "1-8月累计（亿元）=ignore", "--map", "同比增长%=ignore"]
    result = _import(runner, workdir, "side.csv", _SIDE, *maps)
    assert result.exit_code == 0, result.output
    assert result.stderr == "note: side.csv: columns not used: 指标名称, 1-8月累计（亿元）, 同比增长%\n"
    assert _entries(runner) == [("value-added-growth", "2025-08-31", 5.8, "%")]


_HINT = re.compile(r"--map '([^']+)'")


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.sampled_from(["1-8月累计", "1-8月累计（亿元）", "累计", "本年累计"]), st.integers(0, 2), st.booleans())
def test_following_every_hint_keeps_the_column_it_names(
    runner: CliRunner, workdir: Path, header: str, gap: int, left: bool
) -> None:
    """Two figure columns of one label, with empty columns between them: the refusal's hint for
    each, followed, imports that column's figure and no other."""
    (workdir / "progress.toml").unlink(missing_ok=True)
    blank = "," * gap
    text = (
        f"临平经开区2025年1-8月主要经济指标\n指标名称,{header},{blank}{header}\n规模以上工业总产值,842.7,{blank}730.3\n"
    )
    refused = _import(runner, workdir, "two.csv", text)
    assert refused.exit_code == 1
    hints = _HINT.findall(refused.stderr)
    assert len(hints) == 2, refused.stderr
    keep_first, keep_second = hints
    result = _import(runner, workdir, "two.csv", text, *shlex.split(f"--map '{keep_first if left else keep_second}'"))
    assert result.exit_code == 0, result.output
    wanted = 842.7 if left else 730.3
    assert [(t, v) for t, _, v, _ in _entries(runner)] == [("industrial-output", wanted)]
