"""A department's running list (台账: one row an item, re-sent each month with the new rows added
below the old) imports its new rows and passes over, with a note, the rows the ledger holds from
an earlier import; never a row that may be a second addition (unnamed, or in a month the ledger
holds other additions for that the sheet does not repeat)."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import read_ledger
from ledger.dates import month_end
from tests.conftest import SHIPPED_PLAN

HEAD = "临平经开区科技局2025年新增创新空间台账\n载体名称,认定月份,新增面积（平方米）\n"
JULY = "东湖孵化园,2025年7月,3000\n"
AUGUST = "临平科创中心,2025年8月,5000\n"


def _import(
    runner: CliRunner, workdir: Path, name: str, text: str, args: tuple[str, ...] = ("--target", "innovation-space")
) -> str:
    (workdir / name).write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["import", name, *args])
    return f"{result.exit_code}\n{result.output}"


def _figures(workdir: Path) -> list[tuple[date, Decimal | None, str | None]]:
    return [(e.date, e.value, e.note) for e in read_ledger(workdir / "progress.toml")]


def test_a_list_sent_again_with_a_row_added_imports_that_row(workdir: Path, runner: CliRunner) -> None:
    assert _import(runner, workdir, "jul.csv", HEAD + JULY).startswith("0\nimported 1 entry from jul.csv")
    (first,) = read_ledger(workdir / "progress.toml")
    out = _import(runner, workdir, "aug.csv", HEAD + JULY + AUGUST)
    assert out == (
        "0\nnote: aug.csv: row 3 passed over: the same figures are in the ledger already "
        f"(entry {first.id}), from an entry recorded on {first.recorded.date()}; the rows added since are imported\n"
        "imported 1 entry from aug.csv into progress.toml (1 in the unit its headers give)\n"
    )
    assert _figures(workdir) == [
        (date(2025, 7, 31), Decimal("3000"), "东湖孵化园"),  # 认定月份 read as the date column
        (date(2025, 8, 31), Decimal("5000"), "临平科创中心"),
    ]


SEPTEMBER = "余杭双创园,2025年9月,2000\n"


def test_the_note_says_what_the_earlier_figures_came_in(workdir: Path, runner: CliRunner) -> None:
    """Passed-over rows that came in an import of several say "an earlier import on DATE"; one
    recorded alone ("tracker record") says "an entry recorded on DATE", not an import it never was."""
    assert _import(runner, workdir, "two.csv", HEAD + JULY + AUGUST).startswith("0\n")
    assert (
        runner.invoke(app, ["record", "innovation-space", "0.2", "--date", "2025-09", "--note", "余杭双创园"]).exit_code
        == 0
    )
    july, august, september = read_ledger(workdir / "progress.toml")
    out = _import(runner, workdir, "sep.csv", HEAD + JULY + AUGUST + SEPTEMBER + "未来园,2025年9月,1000\n")
    assert out.splitlines()[1] == (
        f"note: sep.csv: rows 3, 4, 5 passed over: the same figures are in the ledger already (entries {july.id}, "
        f"{august.id}, {september.id}), from an earlier import on {july.recorded.date()} and an entry recorded on "
        f"{september.recorded.date()}; the rows added since are imported"
    )


def test_the_same_list_sent_twice_is_refused_as_before(workdir: Path, runner: CliRunner) -> None:
    _import(runner, workdir, "jul.csv", HEAD + JULY)
    out = _import(runner, workdir, "again.csv", HEAD + JULY)
    assert out.startswith("1\n")
    assert "was this file imported before? its additions are counted already" in out
    assert len(_figures(workdir)) == 1


def test_an_unnamed_addition_repeated_is_never_passed_over(workdir: Path, runner: CliRunner) -> None:
    """Two 3000 平方米 in July with nothing naming them may be two additions: refused, not passed over."""
    unnamed = "指标名称,认定月份,新增面积（平方米）\n"
    row = "新增创新空间面积,2025年{}月,{}\n"
    assert _import(runner, workdir, "jul.csv", unnamed + row.format(7, 3000), ()).startswith("0\n")
    out = _import(runner, workdir, "aug.csv", unnamed + row.format(7, 3000) + row.format(8, 5000), ())
    assert out.startswith("1\n")
    assert "row 2: innovation-space 3000 平方米 as of 2025-07-31 is already in the ledger" in out
    assert out.endswith(
        "nothing was imported; was this file imported before? its additions are counted already; row 3 is not in "
        "the ledger yet: if the rows above were imported before, delete them from the sheet and import it again\n"
    )
    assert len(_figures(workdir)) == 1


def test_a_new_row_in_a_month_holding_other_additions_is_still_refused(workdir: Path, runner: CliRunner) -> None:
    """The ledger holds July's 东湖孵化园 (this list's) and 未来园 (another sheet's); the list adds a
    July row: it may replace 未来园's figure, so it is refused as any addition to such a month is."""
    _import(runner, workdir, "jul.csv", HEAD + JULY)
    forced = ("--target", "innovation-space", "--force")  # two sheets' additions to July: they add up
    assert _import(runner, workdir, "other.csv", HEAD + "未来园,2025年7月,1000\n", forced).startswith("0\n")
    out = _import(runner, workdir, "aug.csv", HEAD + JULY + "临平科创中心,2025年7月,2000\n" + AUGUST)
    assert out.startswith("1\n")
    assert "withdraw the ones it replaces" in out and "import with --force" in out
    assert len(_figures(workdir)) == 2


def test_a_row_given_twice_in_the_list_is_passed_over_once_and_refused_once(workdir: Path, runner: CliRunner) -> None:
    _import(runner, workdir, "jul.csv", HEAD + JULY)
    out = _import(runner, workdir, "aug.csv", HEAD + JULY + JULY + AUGUST)
    assert out.startswith("1\n")
    assert "row 4: innovation-space 3000 平方米 as of 2025-07-31 is already in the ledger" in out
    assert len(_figures(workdir)) == 1


ITEMS = st.lists(st.tuples(st.integers(1, 12), st.integers(1000, 9999)), min_size=1, max_size=6)
# (month, 平方米) of each item, in the order the list adds them


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(ITEMS, st.integers(1, 3))
def test_a_list_grown_import_by_import_records_each_item_once(
    tmp_path_factory: pytest.TempPathFactory, runner: CliRunner, items: list[tuple[int, int]], step: int
) -> None:
    """Whatever the months and areas, a list re-sent after every ``step`` new items records each
    item once: the ledger ends holding exactly the list's items."""
    folder = tmp_path_factory.mktemp("list")
    shutil.copy(SHIPPED_PLAN, folder / "targets.toml")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        rows = [f"载体{i},2025年{m}月,{area}\n" for i, (m, area) in enumerate(items)]
        for upto in range(step, len(rows) + step, step):
            out = _import(runner, folder, "list.csv", HEAD + "".join(rows[:upto]))
            assert out.startswith("0\n"), out
    assert sorted(_figures(folder)) == sorted(
        (month_end(2025, m), Decimal(area), f"载体{i}") for i, (m, area) in enumerate(items)
    )
