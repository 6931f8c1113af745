"""A 本月 column with a unit of its own (`本月（万元）` beside `1-8月累计（亿元）`): its figure is
recorded in the running total's unit, converted exactly; a 单位 cell that disagrees with its
header is refused, as for the figure column."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import load_plan, units
from tests.helpers import RECORDED, write_plan

TITLE = "2025年8月主要指标\n"


def _import(runner: CliRunner, workdir: Path, name: str, text: str, *args: str) -> Any:
    (workdir / name).write_text(text, encoding="utf-8")
    return runner.invoke(app, ["import", name, *args])


def _entries(runner: CliRunner) -> list[tuple[str, str, Any, Any, str]]:
    result = runner.invoke(app, ["export", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return [(e["target"], e["date"], e["value"], e.get("month_value"), e["unit"]) for e in rows]


def _refused(result: Any, workdir: Path) -> str:
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert not (workdir / "progress.toml").exists()
    return str(result.stderr)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 1124000 万元 = 112.4 亿元, beside 842.7 亿元
        (TITLE + "指标名称,1-8月累计（亿元）,本月（万元）\n工业总产值,842.7,1124000\n", (842.7, 112.4, "亿元")),
        # the reverse: 112.4 亿元 = 1124000 万元, beside 8427000 万元
        (TITLE + "指标名称,1-8月累计（万元）,本月（亿元）\n工业总产值,8427000,112.4\n", (8427000, 1124000, "万元")),
        # the 单位 line gives the running total's unit, the header the month's
        (
            "单位：亿元\n" + TITLE + "指标名称,1-8月累计,本月（万元）\n工业总产值,842.7,1124000\n",
            (842.7, 112.4, "亿元"),
        ),
        # no unit over the running total: the target's (亿元)
        (TITLE + "指标名称,1-8月累计,本月（万元）\n工业总产值,842.7,1124000\n", (842.7, 112.4, "亿元")),
        # one 单位 cell for both columns: nothing to convert
        (TITLE + "指标名称,1-8月累计,本月,单位\n工业总产值,8427000,1124000,万元\n", (8427000, 1124000, "万元")),
        # a header unit that agrees with the 单位 cell
        (TITLE + "指标名称,1-8月累计,本月（万元）,单位\n工业总产值,8427000,1124000,万元\n", (8427000, 1124000, "万元")),
        # 千元 → 亿元 is 10⁻⁵: 11,240,000 千元 = 112.4 亿元
        (TITLE + "指标名称,1-8月累计（亿元）,本月（千元）\n工业总产值,842.7,11240000\n", (842.7, 112.4, "亿元")),
    ],
)
def test_the_month_figure_is_recorded_in_the_running_totals_unit(
    text: str, expected: tuple[Any, Any, str], runner: CliRunner, workdir: Path
) -> None:
    result = _import(runner, workdir, "aug.csv", text)
    assert result.exit_code == 0, result.output
    assert _entries(runner) == [("industrial-output", "2025-08-31", *expected)]


def test_a_unit_cell_that_disagrees_with_the_month_header_is_refused(runner: CliRunner, workdir: Path) -> None:
    text = TITLE + "指标名称,1-8月累计,本月（万元）,单位\n工业总产值,842.7,1124000,亿元\n"
    stderr = _refused(_import(runner, workdir, "aug.csv", text), workdir)
    assert stderr == (
        "error: aug.csv: row 3: column '本月（万元）' says 万元 but its 单位 cell (D3) says 亿元; correct one of them\n"
    )


def test_a_month_unit_of_another_kind_is_refused(runner: CliRunner, workdir: Path) -> None:
    text = TITLE + "指标名称,1-8月累计（亿元）,本月（平方米）\n工业总产值,842.7,1124000\n"
    stderr = _refused(_import(runner, workdir, "aug.csv", text), workdir)
    assert stderr == (
        "error: aug.csv: row 3: the month's figure 1124000 under '本月（平方米）' (C3) is in 平方米, which cannot be "
        "converted to 亿元, the unit of its running total; correct the unit in the month column's header or the "
        "单位 cell\n"
    )


def test_july_plus_augusts_month_figure_in_wan_yuan_is_the_running_total(runner: CliRunner, workdir: Path) -> None:
    """730.3 亿元 to July, 1124000 万元 (112.4 亿元) in August: 842.7 亿元, which `check` accepts;
    unconverted, it reported 1124000 亿元 as August's own figure."""
    july = "指标名称,1-7月累计,单位,截至日期\n工业总产值,730.3,亿元,2025-07\n"
    assert _import(runner, workdir, "jul.csv", july).exit_code == 0
    august = TITLE + "指标名称,1-8月累计（亿元）,本月（万元）\n工业总产值,842.7,1124000\n"
    result = _import(runner, workdir, "aug.csv", august)
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["check"]).exit_code == 0
    status = json.loads(runner.invoke(app, ["status", "--as-of", "2025-08", "-f", "json"]).stdout)
    output = next(t for a in status["actions"] for t in a["targets"] if t["id"] == "industrial-output")
    assert (output["current"], output["month_value"], output["unit"]) == (842.7, 112.4, "亿元")


def test_a_wrong_month_figure_is_named_in_the_running_totals_unit(runner: CliRunner, workdir: Path) -> None:
    """1,024,000 万元 is 102.4 亿元: July's 730.3 plus it is 832.7, not 842.7."""
    july = "指标名称,1-7月累计,单位,截至日期\n工业总产值,730.3,亿元,2025-07\n"
    assert _import(runner, workdir, "jul.csv", july).exit_code == 0
    august = TITLE + "指标名称,1-8月累计（亿元）,本月（万元）\n工业总产值,842.7,1024000\n"
    result = _import(runner, workdir, "aug.csv", august)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: aug.csv: row 3: the running total 842.7 亿元 is not the previous 730.3 亿元 (2025-07-31) plus this "
        "month's 102.4 亿元 = 832.7 亿元"
        "; nothing was imported; if these figures are right, import with --force\n"
    )


# Every unit the header may name, by what it measures (% is no running total's unit).
_DIMENSIONS: dict[str, list[str]] = {}
for _unit in units.KNOWN_UNITS:
    if _unit != "%":
        _DIMENSIONS.setdefault(units.dimension(_unit), []).append(_unit)
_TARGETS = "".join(
    f'\n[[target]]\nid = "t{n}"\naction = "a"\nname = "指标{n}"\nkind = "total"\nunit = "{us[0]}"\ntarget = 100\n'
    for n, us in enumerate(_DIMENSIONS.values())
)


@pytest.fixture(scope="module")
def plan_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plan")
    write_plan(folder, _TARGETS)
    return folder


@settings(max_examples=60, deadline=None)
@example(pair=(0, "元", "万亿元"), month=Decimal("1000.00"))  # 1e15 元: sixteen digits, refused (CI found it)
@given(
    pair=st.sampled_from(list(enumerate(_DIMENSIONS.values()))).flatmap(
        lambda d: st.tuples(st.just(d[0]), st.sampled_from(d[1]), st.sampled_from(d[1]))
    ),
    month=st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False),
)
def test_every_pair_of_units_of_a_dimension(pair: tuple[int, str, str], month: Decimal, plan_dir: Path) -> None:
    """Value column unit × month column unit: the month figure is the same quantity in the
    running total's unit, exactly where the factor is a power of ten (or any finite decimal),
    else to within half of the last place it is shown to (亩 is 2000/3 平方米)."""
    from ledger.importing import import_file

    n, value_unit, month_unit = pair
    plan = load_plan(plan_dir / "targets.toml")
    text = f"{TITLE}指标名称,1-8月累计（{value_unit}）,本月（{month_unit}）\n指标{n},5000,{month}\n"
    result = import_file(
        plan, plan.ledger, "aug.csv", text.encode(), existing=[], recorded=RECORDED, by="t", dry_run=True, force=True
    )
    truth = Fraction(month) * units.factor(month_unit, value_unit)
    if result.problems:
        # Beyond the ledger's ten decimal places (0.01 元 as 万亿元 is 1e-14), or its fifteen digits
        # before the point (1000 万亿元 as 元 is 1e15): refused, never rounded away.
        [problem] = result.problems
        beyond = (truth * 10**10).denominator != 1 or abs(truth) >= 10**15
        assert beyond and "out of range" in problem.message, problem
        return
    (e,) = result.entries
    assert (e.date, e.value, e.unit) == (date(2025, 8, 31), Decimal(5000), value_unit)
    assert e.month_value is not None
    got = Fraction(e.month_value)
    if (truth * 10**30).denominator == 1:  # a finite decimal: recorded exactly
        assert got == truth
    else:
        last_place = Fraction(1, 10 ** max(0, -int(e.month_value.as_tuple().exponent)))
        assert abs(got - truth) <= last_place / 2


def test_dry_run_says_where_the_month_figure_came_from(runner: CliRunner, workdir: Path) -> None:
    text = TITLE + "指标名称,1-8月累计（亿元）,本月（万元）\n工业总产值,842.7,1124000\n"
    result = _import(runner, workdir, "aug.csv", text, "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "row 3: industrial-output = 842.7 亿元 as of 2025-08-31 — figure: column '1-8月累计（亿元）' (B3); unit: the "
        "header of '1-8月累计（亿元）'; a running total (1—N月累计); 本月 112.4 亿元: column '本月（万元）' (C3), "
        "1124000 万元 converted; date: the title '2025年8月主要指标'; target: name in column '指标名称' (A3)"
    ]
    same = TITLE + "指标名称,1-8月累计,本月,单位\n工业总产值,8427000,1124000,万元\n"
    result = _import(runner, workdir, "aug.csv", same, "--dry-run")
    assert "; 本月 1124000 万元: column '本月' (C3); date:" in result.stdout


def test_a_month_figure_beyond_the_ledgers_places_is_refused(plan_dir: Path) -> None:
    """Found by the property test above: 0.01 元 beside a running total in 万亿元 is 1e-14 万亿元,
    past the ten decimal places a figure keeps: refused, naming the row, not rounded to 0."""
    from ledger.importing import import_file

    plan = load_plan(plan_dir / "targets.toml")
    n = next(i for i, us in enumerate(_DIMENSIONS.values()) if "万亿元" in us)
    text = f"{TITLE}指标名称,1-8月累计（万亿元）,本月（元）\n指标{n},5000,0.01\n"
    result = import_file(
        plan, plan.ledger, "aug.csv", text.encode(), existing=[], recorded=RECORDED, by="t", dry_run=True, force=True
    )
    assert [(p.row, p.message.split(";")[0]) for p in result.problems] == [
        (3, f"t{n}: the month figure (本月, --month-value) '0.00000000000001' is out of range")
    ]
