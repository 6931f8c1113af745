"""`amend ID --unit U` with no new value: the figures were right and their unit wrong, so the
figure and its month figure (当月) keep their digits and both take U; with a new value, a month
figure kept from the old entry is converted into the new value's unit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import ExitCode, app
from ledger import Entry, EntryError, load_plan, read_ledger
from ledger.corrections import amend
from ledger.record import build_entry
from tests.conftest import SHIPPED_PLAN
from tests.helpers import RECORDED

PLAN = load_plan(SHIPPED_PLAN)  # industrial-output: a total in 亿元; innovation-space: 万平方米
YUAN = ("元", "千元", "万元", "百万元", "千万元", "亿元", "万亿元")
OTHER_KINDS = ("万平方米", "亩", "美元", "亿美元", "家", "%")


def run(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args))


def test_unit_alone_relabels_the_figure_and_its_month_figure(runner: CliRunner, workdir: Path) -> None:
    # Typed in 万元 but recorded as 亿元: both figures are 万元.
    first = run(runner, "record", "industrial-output", "3186000", "--unit", "亿元", "--month-value", "1086000",
                "-d", "2025-03", "--force")  # fmt: skip
    assert first.exit_code == 0, first.output
    old = read_ledger(workdir / "progress.toml")[-1].id
    fixed = run(runner, "amend", old, "--unit", "万元", "--reason", "单位错误")
    assert fixed.exit_code == 0, fixed.output
    new = read_ledger(workdir / "progress.toml")[-1]
    assert (new.value, new.month_value, new.unit, new.corrects) == (
        Decimal("3186000"), Decimal("1086000"), "万元", old,
    )  # fmt: skip
    assert fixed.stdout == (
        f"recorded {new.id}: industrial-output = 3186000 万元 as of 2025-03-31 (= 318.6 亿元) (corrects {old})\n"
    )


def test_unit_alone_from_wan_to_yi_relabels_both_and_the_checks_judge_the_result(
    runner: CliRunner, workdir: Path
) -> None:
    first = run(runner, "record", "industrial-output", "318.6", "--unit", "万元", "--month-value", "108.6",
                "-d", "2025-03", "--force")  # fmt: skip
    assert first.exit_code == 0, first.output
    old = read_ledger(workdir / "progress.toml")[-1].id
    fixed = run(runner, "amend", old, "--unit", "亿元", "--reason", "单位错误")
    assert fixed.exit_code == 0, fixed.output
    new = read_ledger(workdir / "progress.toml")[-1]
    # 108.6 亿元, never 0.01086 亿元 (108.6 万元 converted) beside a relabelled 318.6.
    assert (new.value, new.month_value, new.unit, new.forced) == (Decimal("318.6"), Decimal("108.6"), "亿元", False)


def test_a_new_value_converts_the_month_figure_kept(runner: CliRunner, workdir: Path) -> None:
    first = run(runner, "record", "industrial-output", "3186000", "--unit", "万元", "--month-value", "1086000",
                "-d", "2025-03")  # fmt: skip
    assert first.exit_code == 0, first.output
    old = read_ledger(workdir / "progress.toml")[-1].id
    fixed = run(runner, "amend", old, "320.1", "--reason", "核实数")
    assert fixed.exit_code == 0, fixed.output
    new = read_ledger(workdir / "progress.toml")[-1]
    assert (new.value, new.month_value, new.unit) == (Decimal("320.1"), Decimal("108.6"), "亿元")


@pytest.mark.parametrize("unit", OTHER_KINDS)
def test_unit_of_another_kind_is_refused_and_nothing_written(runner: CliRunner, workdir: Path, unit: str) -> None:
    first = run(runner, "record", "industrial-output", "318.6", "--month-value", "108.6", "-d", "2025-03")
    assert first.exit_code == 0, first.output
    before = (workdir / "progress.toml").read_bytes()
    old = read_ledger(workdir / "progress.toml")[-1].id
    refused = run(runner, "amend", old, "--unit", unit, "--reason", "单位错误")
    assert refused.exit_code == ExitCode.ERROR
    assert refused.stderr.count("\n") == 1
    assert f"industrial-output is in 亿元: unit {unit!r} cannot be converted to '亿元'" in refused.stderr
    assert (workdir / "progress.toml").read_bytes() == before


# A figure as typed: up to ten digits, up to four of them after the point (3186000, 108.6, 0.05).
_typed = st.builds(
    lambda n, places: f"{n // 10**places}.{n % 10**places:0{places}d}" if places else str(n),
    st.integers(1, 10**10),
    st.integers(0, 4),
)


def _recorded(total: str, month: str, unit: str) -> Entry:
    return build_entry(PLAN, "industrial-output", total, day=date(2025, 3, 31), recorded=RECORDED, unit=unit,
                       month_value=month)  # fmt: skip


@given(st.sampled_from(YUAN), st.sampled_from(YUAN), _typed, _typed)
def test_every_yuan_unit_pair_relabels_both_figures_exactly(was: str, to: str, a: str, b: str) -> None:
    total, month = sorted((a, b), key=Decimal, reverse=True)  # a month's own figure is part of its total
    old = _recorded(total, month, was)
    if was == to:
        with pytest.raises(EntryError, match="the correction changes nothing"):
            amend(PLAN, [old], old.id, unit=to, reason="单位错误", recorded=RECORDED, by="wang")
        return
    # --force: the relabelled figure may be far off the target (3186000 亿元), as a user may keep it.
    new = amend(PLAN, [old], old.id, unit=to, reason="单位错误", recorded=RECORDED, by="wang", force=True)
    assert (new.value, new.month_value, new.unit, new.corrects) == (Decimal(total), Decimal(month), to, old.id)
    assert (str(new.value), str(new.month_value)) == (str(old.value), str(old.month_value))  # digits as typed


@given(st.sampled_from(YUAN), st.sampled_from(OTHER_KINDS), _typed)
def test_every_unit_of_another_kind_is_refused(was: str, to: str, total: str) -> None:
    old = _recorded(total, total, was)
    with pytest.raises(EntryError, match=f"industrial-output is in 亿元: unit '{to}' cannot be converted"):
        amend(PLAN, [old], old.id, unit=to, reason="单位错误", recorded=RECORDED, by="wang", force=True)
