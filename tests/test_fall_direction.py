"""A rate named a fall (能耗下降率) with ``direction = "down"`` and a goal above 0 is judged backwards:
a fall of 4.0 against a goal of 3.5 would score worse. Loading the plan refuses it, naming the file,
the target and both fixes; signed growth (能耗下降, target = -3, direction = "down") stays valid."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.errors import PlanError
from ledger.model import Status
from tests.helpers import PLAN_HEAD, entry, progress_of, write_plan

_RATE = """
[[target]]
id = "energy-fall"
action = "a"
name = "{name}"
kind = "rate"
unit = "%"
target = {target}
{extra}
"""


def _rate(name: str = "单位GDP能耗下降率", target: str = "3.5", extra: str = 'direction = "down"') -> str:
    return _RATE.format(name=name, target=target, extra=extra)


def test_check_refuses_a_fall_to_reach_judged_downwards_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "targets.toml").write_text(PLAN_HEAD + _rate(), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--targets", str(tmp_path / "targets.toml")])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"error: {tmp_path / 'targets.toml'}:20: target 'energy-fall': '单位GDP能耗下降率' names a fall, so target = 3.5 "
        'is a fall of 3.5 % to reach, but direction = "down" would judge a bigger fall (4.5) as worse; a fall rate '
        'to reach is direction "up" (the default): remove direction = "down"; or, if its figures are signed growth '
        '(a fall of 3.5 % is −3.5), write target = -3.5 with direction = "down"'
    ]


def test_either_fix_judges_a_bigger_fall_better(tmp_path: Path) -> None:
    # the default direction: a fall of 4.0 against 3.5 is 0.5 points ahead, on track
    up = write_plan(tmp_path, _rate(extra=""))
    got = progress_of(up, [entry("energy-fall", date(2025, 6, 30), "4.0")], date(2025, 6, 30), "energy-fall")
    assert (got.status, got.gap) == (Status.ON_TRACK, 0.5)
    # signed growth: −4.0 against −3.5, down, is 0.5 points ahead too
    signed = write_plan(tmp_path, _rate(target="-3.5"))
    got = progress_of(signed, [entry("energy-fall", date(2025, 6, 30), "-4.0")], date(2025, 6, 30), "energy-fall")
    assert (got.status, got.gap) == (Status.ON_TRACK, 0.5)


@pytest.mark.parametrize(
    ("name", "target", "extra"),
    [
        ("能耗下降", "-3", 'direction = "down"'),  # signed growth, as the README's energy target
        ("单位GDP能耗下降率", "3.5", ""),  # a fall to reach, direction up
        ("单位GDP能耗增减率", "3", 'direction = "down"'),  # a rise and a fall: signed
        ("单位产值能耗", "3", 'direction = "down"'),  # no fall in the name: a growth at most 3 %
        ("单位GDP能耗下降率", "3.5", 'direction = "down"\nprevious = -4.2'),  # last year's −4.2: signed growth
        ("单位GDP能耗下降率", "0", 'direction = "down"'),  # no fall to reach
    ],
)
def test_signed_growth_and_other_rates_stay_valid(tmp_path: Path, name: str, target: str, extra: str) -> None:
    assert write_plan(tmp_path, _rate(name, target, extra)).targets[0].name == name


_FALLS = ["能耗下降率", "单位GDP能耗下降率", "单位工业增加值能耗降低率", "能耗降幅", "碳排放强度下降", "用水量减少率",
          "单位GDP二氧化碳排放降低率", "污染物排放减幅"]  # fmt: skip
_targets = st.decimals(min_value="0.1", max_value="50", places=1)


@given(name=st.sampled_from(_FALLS), target=_targets)
def test_every_fall_to_reach_judged_downwards_is_refused(tmp_path_factory, name: str, target) -> None:
    folder = tmp_path_factory.mktemp("p")
    with pytest.raises(PlanError) as refused:
        write_plan(folder, _rate(name, str(target)))
    (problem,) = refused.value.problems
    assert problem.where == "target 'energy-fall'"
    assert f"{name!r} names a fall" in problem.message
    assert f"write target = -{target}" in problem.message
    # either fix loads
    assert write_plan(folder, _rate(name, str(target), "")).targets[0].target == target
    assert write_plan(folder, _rate(name, f"-{target}")).targets[0].target == -target
