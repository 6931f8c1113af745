"""Footnote marks after a row's name (the trial n11, case 6): a bureau marks its indicators for notes
below the table (``规模以上工业总产值①``, ``规模以上工业增加值*``, ``固定资产投资△``, ``工业总产值¹``).
The name was refused as no target while the same mark after a figure was taken off. A trailing
mark is taken off the name before it is matched (and ``--dry-run`` says so); it is taken off the
text as written, before NFKC would make ① a 1, so a mark never makes two names equal."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger import load_plan
from ledger.row_targets import Resolver, name_mark
from tests.conftest import SHIPPED_PLAN
from tests.helpers import exported as _entries
from tests.helpers import import_text as _import
from tests.helpers import write_plan

_SHEET = (
    "临平经开区2025年1-8月主要经济指标\n指标名称,1-8月累计（亿元）,同比增长%\n"
    "规模以上工业总产值①,842.7,4.1\n规模以上工业增加值*,180.3,5.8\n注：①为初步数；*为快报数。\n"
)


def test_the_trials_sheet(runner: CliRunner, workdir: Path) -> None:
    result = _import(runner, workdir, "a.csv", _SHEET, "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].endswith(
        "target: alias '规模以上工业总产值' (footnote mark '①' taken off) in column '指标名称' (A3)"
    )
    assert lines[1].endswith(
        "target: alias '规模以上工业增加值' (footnote mark '*' taken off) in column '指标名称' (A4)"
    )
    result = _import(runner, workdir, "a.csv", _SHEET)
    assert result.exit_code == 0, result.output
    assert sorted(_entries(runner)) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("value-added-growth", "2025-08-31", 5.8, "%"),
    ]


_MARKS = ["①", "⑩", "*", "＊", "※", "△", "▲", "#", "†", "¹", "²", "⑴", "⁽¹⁾", "（注1）", "(注)", " ①", "①②"]


@pytest.mark.parametrize("mark", _MARKS)
def test_each_mark_is_taken_off(mark: str) -> None:
    assert name_mark(f"规模以上工业总产值{mark}") == ("规模以上工业总产值", mark.strip())


@given(st.sampled_from(_MARKS), st.sampled_from(["", "其中：", "一、", "（二）"]))
def test_every_name_of_the_shipped_plan_with_a_mark_names_its_target(mark: str, prefix: str) -> None:
    plan = load_plan(SHIPPED_PLAN)
    resolver = Resolver(plan)
    for t in plan.targets:
        for name in (t.name, *t.aliases):
            found = resolver.find(f"{prefix}{name}{mark}")
            assert found is not None and found.target.id == t.id, name
            assert found.via.endswith(f"(footnote mark {mark.strip()!r} taken off)")


def test_a_mark_never_makes_two_names_equal(workdir: Path) -> None:
    """NFKC makes ① a 1 and ¹ a 1: 指标① is 指标 marked, never 指标1."""
    plan = write_plan(
        workdir,
        '[[target]]\nid = "a"\naction = "a"\nname = "园区1"\nkind = "total"\nunit = "亿元"\ntarget = 1\n'
        '[[target]]\nid = "b"\naction = "a"\nname = "园区"\nkind = "total"\nunit = "亿元"\ntarget = 1\n',
    )
    resolver = Resolver(plan)
    named = resolver.find("园区①")
    assert named is not None and named.target.id == "b"
    named = resolver.find("园区¹")
    assert named is not None and named.target.id == "b"
    named = resolver.find("园区1")
    assert named is not None and named.target.id == "a"


def test_a_marked_name_with_no_target_is_still_refused(workdir: Path) -> None:
    plan = write_plan(
        workdir, '[[target]]\nid = "b"\naction = "a"\nname = "园区"\nkind = "total"\nunit = "亿元"\ntarget = 1\n'
    )
    assert Resolver(plan).find("园区1①") is None
    assert Resolver(plan).find("①") is None


def test_a_plans_own_name_ending_in_a_mark_is_read_whole(workdir: Path) -> None:
    plan = write_plan(
        workdir,
        '[[target]]\nid = "a"\naction = "a"\nname = "一期#"\nkind = "total"\nunit = "亿元"\ntarget = 1\n'
        '[[target]]\nid = "b"\naction = "a"\nname = "一期"\nkind = "total"\nunit = "亿元"\ntarget = 1\n',
    )
    resolver = Resolver(plan)
    named = resolver.find("一期#")
    assert named is not None and named.target.id == "a"
    named = resolver.find("一期△")
    assert named is not None and named.target.id == "b"


def _name_mark_looked_at_whole(cell: str) -> tuple[str, str]:
    """name_mark as it was before it first looked at the text's last character: the note pattern
    searched and the marks walked back from the end for every text."""
    import unicodedata

    from ledger.row_targets import _NOTE_MARK, NAME_MARK_SYMBOLS

    body = cell.rstrip()
    if (m := _NOTE_MARK.search(body)) is not None and body[: m.start()].strip():
        return body[: m.start()].rstrip(), body[m.start() :].strip()
    end = len(body)
    while end and (body[end - 1] in NAME_MARK_SYMBOLS or unicodedata.category(body[end - 1]) == "No"):
        end -= 1
    head = body[:end].rstrip()
    if end == len(body) or not head:
        return cell, ""
    return head, body[end:]


@given(st.text(alphabet="产值注（）()[]【】1①¹⑴*△# \u3000\t\nab", max_size=10))
def test_a_name_s_mark_is_found_as_by_looking_at_the_whole_text(cell: str) -> None:
    # The last character tells name_mark whether to look further: its answer is the whole text's.
    assert name_mark(cell) == _name_mark_looked_at_whole(cell)
