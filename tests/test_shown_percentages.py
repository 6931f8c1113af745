"""Progress and expected progress are shown as a pair that agrees with the status and the gap
written beside them (README, "How progress is counted"): a target exactly on schedule at the end
of May (50 of 120 亿元: 5/12 both) reads 41.7 % beside 41.7 %, never 41.6 % beside 41.7 % with
达序时 and 与序时进度持平; a target behind reads below its expected; an unfinished one never 100 %."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from cli import app
from ledger.model import Status
from ledger.numbers import from_fraction
from ledger.render.cells import cells, gap_phrase, schedule_points
from ledger.render.text import shown_pair, shown_shares
from tests.helpers import entry, progress_of, write_plan

INVEST = """
[[target]]
id = "invest"
action = "a"
name = "固定资产投资"
kind = "total"
unit = "亿元"
target = 120
"""

TENTH = Decimal("0.1")
shares = st.fractions(min_value=Fraction(-1, 2), max_value=Fraction(3, 2), max_denominator=10**6)
expecteds = st.fractions(min_value=0, max_value=1, max_denominator=10**6)


@given(shares, expecteds)
def test_the_shown_pair_agrees_with_the_status(progress: Fraction, expected: Fraction) -> None:
    behind = progress < expected
    shown, due = shown_pair(from_fraction(progress), from_fraction(expected), behind)
    assert due is not None
    # Behind (at_risk, behind) reads below expected; on or ahead never below it; exactly on it, level.
    assert (shown < due) == behind
    if progress == expected:
        assert shown == due
    # Each is its figure rounded to one decimal, moved at most one step to agree.
    assert abs(shown - from_fraction(progress * 100)) < Decimal("0.2")
    assert abs(due - from_fraction(expected * 100)) < Decimal("0.15")
    # An unfinished target never shows 100 %, nor expected progress before it is due; a progress
    # of 0 or more never shows below 0.
    assert progress >= 1 or shown < 100
    assert expected >= 1 or due < 100
    assert progress < 0 or shown >= 0
    # Progress is rounded toward the unfinished side, unless that would put a target that is on
    # schedule below it.
    if not behind and progress < 1 and shown > from_fraction(progress * 100):
        assert shown == due


@given(shares, expecteds)
def test_json_shares_agree_with_the_status(progress: Fraction, expected: Fraction) -> None:
    behind = progress < expected
    shown, due = shown_shares(from_fraction(progress), from_fraction(expected), behind, places=4, down=False)
    assert due is not None
    assert (shown < due) == behind
    assert abs(shown - from_fraction(progress)) < Decimal("0.00015")
    assert abs(due - from_fraction(expected)) < Decimal("0.00015")
    assert progress >= 1 or shown < 1


@given(
    value=st.decimals(min_value=0, max_value=130, places=2),
    day=st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 12, 30)),
    goal=st.sampled_from(["120", "1360", "7", "0.3"]),
)
def test_a_target_s_columns_status_and_gap_agree(tmp_path_factory: pytest.TempPathFactory, value: Decimal,
                                                 day: date, goal: str) -> None:  # fmt: skip
    plan = write_plan(tmp_path_factory.mktemp("plan"), INVEST.replace("target = 120", f"target = {goal}"))
    value = (value * Decimal(goal) / 120).quantize(Decimal("0.01"))
    p = progress_of(plan, [entry("invest", day, str(value))], day, "invest")
    c = cells(p, "zh")
    shown, due = Decimal(c.progress.rstrip("%")), Decimal(c.expected.rstrip("%"))
    gap = schedule_points(p)
    assert gap == shown - due  # the gap is the difference of the two percentages shown
    phrase = gap_phrase(p, "zh")
    if p.status in (Status.AT_RISK, Status.BEHIND):
        assert shown < due and phrase == f"低于序时进度 {abs(gap)} 个百分点"
    else:
        assert shown >= due
        assert phrase == ("与序时进度持平" if gap == 0 else f"高于序时进度 {gap} 个百分点")
    if p.status is not Status.DONE:
        assert shown < 100
    assert c.share == shown / 100 and c.expected_share == due / 100  # the bar and its tick as labelled


@pytest.mark.parametrize(
    ("month", "value", "shown"),
    [(2, "20", "16.7%"), (5, "50", "41.7%"), (8, "80", "66.7%"), (11, "110", "91.7%")],
)
def test_exactly_on_schedule_reads_level_in_every_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, month: int, value: str, shown: str
) -> None:
    write_plan(tmp_path, INVEST)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["record", "invest", value, "--date", f"2025-{month:02d}"]).exit_code == 0
    as_of = f"2025-{month:02d}"
    report = runner.invoke(app, ["report", "--as-of", as_of, "--format", "markdown", "--lang", "zh"]).stdout
    row = next(line for line in report.splitlines() if line.startswith("| 固定资产投资"))
    day = {2: "02-28", 5: "05-31", 8: "08-31", 11: "11-30"}[month]
    assert row == f"| 固定资产投资 | 120 亿元 | {value} | {day} | {shown} | {shown} | 达序时 | 与序时进度持平 | 120 |"
    status = runner.invoke(app, ["status", "--as-of", as_of, "--lang", "zh"]).stdout
    assert f"{shown} {shown} 达序时" in " ".join(status.split())
    html = runner.invoke(app, ["report", "--as-of", as_of, "--format", "html", "--lang", "zh"]).stdout
    assert f"{shown} / 序时 {shown}" in html and f"{shown}</td><td class='num'>序时 {shown}</td>" in html
    show = " ".join(runner.invoke(app, ["show", "invest", "--as-of", as_of, "--lang", "zh"]).stdout.split())
    assert f"进度: {shown} 序时: {shown} 与序时进度持平" in show
    assert f"{shown} 序时 {shown} 达序时" in show  # the month-by-month line
    document = json.loads(runner.invoke(app, ["status", "--as-of", as_of, "--format", "json"]).stdout)
    target = document["actions"][0]["targets"][0]
    share = {2: 0.1667, 5: 0.4167, 8: 0.6667, 11: 0.9167}[month]
    assert (target["progress"], target["expected"], target["status"], target["gap"]) == (share, share, "on_track", 0)
    assert runner.invoke(app, ["status", "--as-of", as_of, "-o", "s.xlsx"]).exit_code == 0
    rows = list(load_workbook(tmp_path / "s.xlsx").worksheets[1].iter_rows(values_only=True))
    assert rows[0][4:6] == ("Progress", "Expected")
    assert rows[1][4:6] == (float(Decimal(shown.rstrip("%")) / 100),) * 2


def test_behind_by_less_than_the_rounding_reads_below(tmp_path: Path) -> None:
    # 41.72 % against 41.74 % (May 31 is 5/12 = 41.67 %: a schedule point makes it 41.74 %):
    # both round to 41.7, so progress shows a step under: 41.6 % against 41.7 %, 0.1 behind.
    p = progress_of(write_plan(tmp_path, INVEST), [entry("invest", date(2025, 5, 31), "50.064")], date(2025, 5, 31),
                    "invest")  # fmt: skip
    p = p._replace(expected=Decimal("0.4174"), gap=p.progress - Decimal("0.4174"), status=Status.AT_RISK)  # type: ignore[operator]
    c = cells(p, "zh")
    assert (c.progress, c.expected, c.gap) == ("41.6%", "41.7%", "低于序时进度 0.1 个百分点")
