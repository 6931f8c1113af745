"""Only names wrap in the status table (README, Commands): a milestone's status word ("in
progress") and a unit's name (经济发展局) stay whole on their target's line, the table running
wider for them rather than splitting a cell a script or reader takes as one line per target.
The title wraps at the width asked for, as the prose under the table does."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from typer.testing import CliRunner

from cli import app
from tests.helpers import write_plan

DEPARTMENTS = Path(__file__).parent.parent / "examples" / "departments"


def ok(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_a_milestone_in_progress_stays_on_its_line(workdir: Path, runner: CliRunner) -> None:
    ok(runner, "record", "incubator", "in_progress", "--date", "2025-06")
    lines = ok(runner, "status", "--as-of", "2025-06", "--lang", "en").splitlines()
    at = lines.index("New round of         1 step in progress 06-30 0.0%              on track")
    assert lines[at + 1 : at + 4] == ["the", "big-incubator", "programme"]
    assert max(map(cell_len, lines)) == 81  # the Current column as wide as "in progress" (README: 81–82)


@pytest.fixture
def departments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner) -> Path:
    """The README's department example after its imports (January–May, then the three June sheets)."""
    folder = tmp_path / "departments"
    shutil.copytree(DEPARTMENTS, folder)
    monkeypatch.chdir(folder)
    ok(runner, "import", "figures-jan-may-illustrative.csv")
    for unit in ("经济发展局", "科技局", "投资促进局"):
        ok(runner, "import", f"returned/{unit}-2025-06.xlsx")
    return folder


def test_owners_are_never_broken_inside_a_name(departments: Path, runner: CliRunner) -> None:
    en = ok(runner, "status", "--as-of", "2025-06", "--lang", "en").splitlines()
    assert en[:2] == ["Example zone 2025 key targets (illustrative) — as of 2025-06-30, expected", "progress 50.0%"]
    assert en[5] == "Industrial     经济发展局 CNY 136.0 bn       62.832 06-30 46.2%       50.0% at risk   125.664"
    assert max(map(cell_len, en)) == 93  # README: 93 in English, 87 in Chinese
    zh = ok(runner, "status", "--as-of", "2025-06", "--lang", "zh").splitlines()
    assert zh[4] == "工业总产值 经济发展局   1360 亿元      628.32 06-30 46.2%         50.0% 略滞后  1256.64"
    assert max(map(cell_len, zh)) == 87
    for lines in (en, zh):
        assert not any(line.split()[:1] in (["局"], ["展局"], ["进局"]) for line in lines)
    # Grouped by owner, the units are headings: 82 columns in English, 80 in Chinese.
    for lang, most in (("en", 82), ("zh", 80)):
        assert (
            max(map(cell_len, ok(runner, "status", "--as-of", "2025-06", "--by", "owner", "--lang", lang).splitlines()))
            == most
        )


OWNER = st.text(alphabet="经济发展局科技投资促进委办", min_size=2, max_size=9)


@given(st.lists(OWNER, min_size=1, max_size=4), st.sampled_from(["zh", "en"]))
@settings(max_examples=40, deadline=None)
def test_every_owner_is_whole_on_its_targets_line(owners: list[str], lang: str) -> None:
    # A plan of one target per owner (none with data): each owner's name shows whole, on its
    # target's first line, at 80 columns in either language.
    from ledger.formats import RenderOptions
    from ledger.progress import evaluate
    from ledger.render.table import status_text

    targets = "".join(
        f'\n[[target]]\nid = "t{i}"\naction = "a"\nname = "指标{i}"\nname_en = "Item{i}"\n'
        f'kind = "total"\nunit = "亿元"\ntarget = 100\nowner = "{owner}"\n'
        for i, owner in enumerate(owners)
    )
    with tempfile.TemporaryDirectory() as folder:
        plan = write_plan(Path(folder), targets)
    lines = status_text(evaluate(plan, [], date(2025, 6, 30)), RenderOptions(lang=lang)).splitlines()
    for i, owner in enumerate(owners):
        first = next(line for line in lines if line.startswith(f"指标{i} " if lang == "zh" else f"Item{i} "))
        assert f" {owner} " in first, (owner, first)
