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


def test_the_refusal_says_the_tables_are_side_by_side_and_how_to_read_each(runner: CliRunner, workdir: Path) -> None:
    result = _import(runner, workdir, "side.csv", _SIDE)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: side.csv: the header names the target 2 times ('指标名称' (A), '指标名称 (E)' (E)): tables side by "
        "side, each row a line of each; import one table at a time: A–C with --map '指标名称 (E)=ignore' --map "
        "'1-8月累计（亿元） (F)=ignore' --map '同比增长% (G)=ignore'; E–G with --map '指标名称=ignore' --map "
        "'1-8月累计（亿元）=ignore' --map '同比增长%=ignore'\n"
    )


def test_a_figure_of_the_table_left_out_is_never_read_against_the_names_kept(runner: CliRunner, workdir: Path) -> None:
    """Names from A with figures from F would file 180.3 (增加值's) as 总产值's."""
    maps = ["--map", "指标名称 (E)=ignore", "--map", "1-8月累计（亿元）=ignore", "--map", "同比增长%=ignore"]
    result = _import(runner, workdir, "side.csv", _SIDE, *maps)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: side.csv: '1-8月累计（亿元） (F)' (F), '同比增长% (G)' (G) are of the table beside, named by '指标名称 "
        "(E)' (E), which --map leaves out: not the figures of the rows '指标名称' (A) names; leave them out too "
        "with --map '1-8月累计（亿元） (F)=ignore' --map '同比增长% (G)=ignore'\n"
    )
    assert _entries(runner) == []


@settings(
    max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None
)
@given(st.integers(0, 2), st.booleans(), st.sampled_from(["序号,", ""]))
def test_following_either_way_of_the_side_by_side_refusal_reads_that_table(
    runner: CliRunner, workdir: Path, gap: int, left: bool, number: str
) -> None:
    (workdir / "progress.toml").unlink(missing_ok=True)
    blank = "," * gap
    first = "1," if number else ""
    text = (
        f"临平经开区2025年1-8月主要经济指标\n{number}指标名称,1-8月累计（亿元）,{blank}指标名称,1-8月累计（亿元）\n"
        f"{first}规模以上工业总产值,842.7,{blank}规模以上工业增加值,180.3\n"
    )
    refused = _import(runner, workdir, "two.csv", text)
    assert refused.exit_code == 1
    ways = refused.stderr.rstrip("\n").split("; import one table at a time: ")[1].split("; ")
    assert len(ways) == 2, refused.stderr
    result = _import(runner, workdir, "two.csv", text, *shlex.split(ways[0 if left else 1].split(" with ", 1)[1]))
    assert result.exit_code == 1 if not left else result.exit_code == 0, result.output
    if left:
        assert _entries(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]
    else:  # 增加值's 180.3 has no growth column: a rate's quantity is refused, never read as 180.3 %
        assert "180.3" in result.stderr and _entries(runner) == []


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


@settings(
    max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None
)
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
