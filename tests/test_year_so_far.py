"""The year so far typed into a month's addition column (the trial's c21): 25.5 万平方米 for June
after 2 + 3 + 5.5 + 4 + 6 = 20.5 in 1—5月 is the 1—6月 total (June's own is 5.0). Asked at
record, import and check; a real month stays recordable with --force, and months that are not
this shape are never asked about."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import load_plan
from ledger.dates import month_end
from ledger.meaning import check_ledger, check_new
from tests.conftest import SHIPPED_PLAN
from tests.helpers import entry, exported

PLAN = load_plan(SHIPPED_PLAN)
MONTHS = ["2", "3", "5.5", "4", "6"]
SAID = (
    "25.5 万平方米 as of 2025-06-30 is as much as the 20.5 万平方米 added in 1—5月 together (plus at most a "
    "month's, 6 万平方米): is it the 1—6月 total? then 6月's own addition is 5 万平方米: record that"
)


def _record_months(runner: CliRunner) -> None:
    for n, value in enumerate(MONTHS, start=1):
        result = runner.invoke(app, ["record", "innovation-space", value, "--date", f"2025-{n:02d}"])
        assert result.exit_code == 0, result.output


def test_the_year_so_far_as_junes_addition_is_asked_about(runner: CliRunner, workdir: Path) -> None:
    _record_months(runner)
    sheet = (
        "临平经开区科技局2025年6月指标填报表\n指标名称,填报口径,单位,完成值\n新增创新空间面积,6月新增,万平方米,25.5\n"
    )
    (workdir / "r.csv").write_text(sheet, encoding="utf-8")
    result = runner.invoke(app, ["import", "r.csv"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1:] == [
        f"error: r.csv: row 3: {SAID}",
        "error: r.csv: nothing was imported; if these figures are right, import with --force",
    ]
    assert len(exported(runner)) == 5
    result = runner.invoke(app, ["record", "innovation-space", "25.5", "--date", "2025-06"])
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: innovation-space: {SAID}; nothing was recorded; if the figure is right, keep it with --force\n",
    )
    # June's own figure is recorded, and the year stands at 25.5 万平方米, 51 % of 50.
    result = runner.invoke(app, ["record", "innovation-space", "5.0", "--date", "2025-06"])
    assert result.exit_code == 0, result.output
    status = runner.invoke(app, ["status", "--as-of", "2025-06", "--format", "json"])
    import json

    space = next(t for a in json.loads(status.stdout)["actions"] for t in a["targets"] if t["id"] == "innovation-space")
    assert (space["current"], space["progress"]) == (25.5, 0.51)


def test_a_real_month_that_big_is_kept_with_force(runner: CliRunner, workdir: Path) -> None:
    _record_months(runner)
    result = runner.invoke(app, ["record", "innovation-space", "25.5", "--date", "2025-06", "--force"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["check"]).exit_code == 0


def _months(values: list[str], day: date, figure: str, **kw: object) -> list:
    entries = [entry("innovation-space", month_end(2025, n), v, n, unit="万平方米") for n, v in enumerate(values, 1)]
    return [*entries, entry("innovation-space", day, figure, 99, unit="万平方米", **kw)]


def test_check_finds_it_in_a_ledger() -> None:
    found = check_ledger(PLAN, _months(MONTHS, date(2025, 6, 30), "25.5"))
    assert [f.message for f in found] == [SAID]
    assert check_ledger(PLAN, _months(MONTHS, date(2025, 6, 30), "25.5", forced=True)) == []


def test_not_asked() -> None:
    june = date(2025, 6, 30)
    cases = [
        (MONTHS, "20.4"),  # below the months before together
        (MONTHS, "26.6"),  # more than a month beyond them: a month of its own
        (["2", "3"], "5.5"),  # two months are too few to tell (a March as big as Jan + Feb is common)
        (["0", "0", "2", "3"], "5.5"),  # months without additions do not count
    ]
    for values, figure in cases:
        day = month_end(2025, len(values) + 1)
        assert check_ledger(PLAN, _months(values, day, figure)) == [], (values, figure)
    back_fill = _months(MONTHS, june, "25.5", note="1—6月新增（补记）")
    assert check_ledger(PLAN, back_fill) == []


months = st.lists(st.decimals(min_value=Decimal("0.1"), max_value=100, places=1), min_size=3, max_size=10)


@given(months, st.data())
def test_asked_exactly_between_the_sum_and_the_sum_plus_the_largest_month(
    values: list[Decimal], data: st.DataObject
) -> None:
    total, largest = sum(values), max(values)
    figure = data.draw(st.decimals(min_value=Decimal("0.1"), max_value=total * 3, places=1))
    day = month_end(2025, len(values) + 1)
    existing = _months([str(v) for v in values], day, "0")[:-1]
    new = entry("innovation-space", day, str(figure), 99, unit="万平方米")
    asked = [f for f in check_new(PLAN, existing, [new]) if "is it the" in f.message]
    assert bool(asked) == (total <= figure <= total + largest)
    in_ledger = [f.message for f in check_ledger(PLAN, [*existing, new]) if f.entry is new and "is it the" in f.message]
    assert in_ledger == [f.message for f in asked]
