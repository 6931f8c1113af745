"""README: "A line too long for the terminal wraps at a space, never between a figure and its
unit." `log` (and `show`, whose entries and month-by-month lines are wrapped by Rich at the
terminal's width) once broke ``318.6 亿元`` at 40 columns into ``318.6`` at a line's end and
``亿元`` starting the next, and ``75 位`` at 30. Real processes at narrow widths, then a property
over widths and figures of the renderer itself."""

from __future__ import annotations

import io
import re
import shutil
from datetime import date
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from ledger.history import EntryState, LogRow
from ledger.render.table import log_table
from ledger.render.text import amount
from ledger.render.wrapping import fold_keeping_units
from tests.conftest import ROOT, SHIPPED_PLAN
from tests.helpers import entry
from tests.test_subprocess import TRACKER, shell

SINCE = ROOT / "examples" / "since-2025-illustrative.csv"
# A unit (or a currency's figure) a line may have been broken before.
UNIT = re.compile(r"(亿元|万元|万平方米|平方米|个百分点|位|%|亩|家|个|bn\b|m²|pp\b|days?\b|天)")


def splits(output: str) -> list[tuple[str, str]]:
    """Each pair of lines where the first ends in a figure (or a currency) and the next starts
    with that figure's unit (or its figure)."""
    lines = output.splitlines()
    return [
        (a, b)
        for a, b in pairwise(lines)
        if (re.search(r"\d$", a.rstrip()) and UNIT.match(b.lstrip()))
        or (re.search(r"(CNY|USD|No\.)$", a.rstrip()) and re.match(r"[-+]?\d", b.lstrip()))
    ]


def test_the_detector_finds_the_split_it_guards_against() -> None:
    assert splits("2025-03-31  industrial-output  318.6\n亿元  a000000002\n") == [
        ("2025-03-31  industrial-output  318.6", "亿元  a000000002")
    ]
    assert splits("2025-03-31  industrial-output\n318.6 亿元  a000000002\n") == []


@pytest.fixture
def since(tmp_path: Path) -> Path:
    """The README's `since` ledger: seven entries, one corrected."""
    if TRACKER is None:
        pytest.skip("the tracker console script is not installed")
    shutil.copy(SHIPPED_PLAN, tmp_path / "targets.toml")
    assert shell(f'"{TRACKER}" import "{SINCE}"', tmp_path).returncode == 0
    return tmp_path


def run(folder: Path, command: str, columns: int) -> str:
    done = shell(f'"{TRACKER}" {command}', folder, COLUMNS=str(columns))
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    return done.stdout


@pytest.mark.parametrize("columns", [30, 40, 60, 80])
def test_log_show_and_due_keep_each_figure_with_its_unit(since: Path, columns: int) -> None:
    for command in (
        "log --all",
        "log --all --lang en",
        "show industrial-output --as-of 2025-06 --lang en",
        "show industrial-output --as-of 2025-06 --lang zh",
        "show national-rank --as-of 2025-06",
        "due --as-of 2025-07-20",
        "due --as-of 2025-07-20 --lang zh",
    ):
        out = run(since, command, columns)
        assert splits(out) == [], (command, columns)
        # Off a terminal a line too wide is broken by whatever shows it, anywhere: log's lines and
        # due's periods and states (under a target's name, which may be wider) fit.
        fitting = [line for line in out.splitlines() if command.startswith("log") or line.startswith("    ")]
        assert max(cell_len(line) for line in fitting) <= columns, (command, columns)


def test_log_folds_before_the_figure_at_narrow_widths(since: Path) -> None:
    """By hand: "2025-03-31  industrial-output" is 29 cells and "  318.6 亿元" 12 more (亿元 is
    four), so at 40 the figure goes to the next line with its unit and the id; "2025-03-31
    national-rank  75 位" is 32, so there the id alone moves. At 30, 25 + 7 = 32: 75 位 moves."""
    forty = run(since, "log --all", 40).splitlines()
    assert forty[:5] == [
        "2025-03-31  national-rank  75 位",
        "a000000001",
        "    root 2025-04-01 09:00+0800",
        "2025-03-31  industrial-output",
        "318.6 亿元  a000000002",
    ]
    thirty = run(since, "log --all", 30).splitlines()
    assert thirty[:2] == ["2025-03-31  national-rank", "75 位  a000000001"]
    assert run(since, "log --all", 80).splitlines()[0] == "2025-03-31  national-rank  75 位  a000000001"


UNITS = ["亿元", "位", "万平方米", "%", "家", "个", "亩"]
figures = st.builds(lambda n, places: Decimal(n).scaleb(-places), st.integers(0, 999_999), st.integers(0, 2))
target_ids = st.from_regex(r"[a-z][a-z-]{0,19}", fullmatch=True)


@given(
    width=st.integers(24, 120),
    rows=st.lists(st.tuples(target_ids, figures, st.sampled_from(UNITS), figures), min_size=1, max_size=4),
    lang=st.sampled_from(["zh", "en"]),
)
def test_no_width_breaks_a_figure_from_its_unit(
    width: int, rows: list[tuple[str, Decimal, str, Decimal]], lang: str
) -> None:
    """Any figure and unit, in the head line and in a note (as 1—3月累计 318.6 亿元), at any width
    that can hold the widest of them: each appears whole on one line."""
    logged = [
        LogRow(
            entry(target, date(2025, 3, 31), str(value), n, unit=unit, note=f"1—3月累计 {amount(noted, unit)}"),
            EntryState.CURRENT,
        )
        for n, (target, value, unit, noted) in enumerate(rows)
    ]
    console = Console(width=width, file=io.StringIO(), color_system=None, legacy_windows=False)
    console.print(log_table(logged, lang))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    lines = out.splitlines()
    assert splits(out) == []
    for (_, value, unit, noted), row in zip(rows, logged, strict=True):
        for shown in (amount(value, unit), amount(noted, unit)):
            assert any(shown in line for line in lines), (shown, out)
        assert any(row.entry.id in line for line in lines), (row.entry.id, out)


@given(width=st.integers(1, 60), figure=figures, unit=st.sampled_from(UNITS))
def test_folding_keeps_text_and_styles(width: int, figure: Decimal, unit: str) -> None:
    """Folding only drops the spaces it breaks at: the words, in order, keep their styles."""
    text = Text("2025-03-31", style="bold").append("  industrial-output  ").append(amount(figure, unit), style="cyan")
    lines = fold_keeping_units(text, width)
    assert " ".join(line.plain for line in lines).split() == text.plain.split()
    styled = [span for line in lines for span in line.spans if span.style == "cyan"]
    assert [line.plain[s.start : s.end] for line in lines for s in line.spans if s in styled] == [amount(figure, unit)]
