"""What an import of a short sheet into a new ledger is spared: the ledger's fast reader and its
block pattern (an empty ledger is laid out and holds no entry), and the suggestions of units
for header words that are not units. Each short cut answers as the general form it stands for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ledger import units
from ledger.fast_reader import laid_out, scan
from ledger.ledger_reader import parse_entries, read_view

# Unit words, their aliases and scales, and header words that are none (数值, 截至日期, 1-8月).
_PIECES = [*units.KNOWN_UNITS, *units._ALIASES, *units.SCALES, "数值", "截至", "日期", "1-8月", "栋", " ", "（", "kg"]


def _canonical_or_none(text: str) -> str | None:
    try:
        return units.canonical(text)
    except units.UnitError:
        return None


@given(st.lists(st.sampled_from(_PIECES), max_size=3).map("".join))
@example("万平方米")
@example(" ㎡ ")
@example("万")
@example("指标名称")
def test_known_is_canonical_without_its_refusal(text: str) -> None:
    assert units.known(text) == _canonical_or_none(text)


def test_an_unknown_unit_is_still_refused_with_a_suggestion() -> None:
    with pytest.raises(units.UnitError) as refused:
        units.canonical(" 公倾")
    assert str(refused.value) == "unknown unit ' 公倾'; did you mean '公顷'?"
    assert units.known(" 公倾") is None


def test_an_empty_ledger_reads_as_the_readers_read_it(tmp_path: Path) -> None:
    # The forms the short cuts stand for: an empty ledger is laid out, and scanned it holds nothing.
    assert laid_out(b"") and list(scan(b"")) == []
    path = tmp_path / "progress.toml"
    for data in (b"", b"\xef\xbb\xbf"):
        assert parse_entries(path, data) == []
        view = read_view(path, data, frozenset({"t1"}))
        assert not view.ids and not view.entries


def test_a_first_import_into_a_new_ledger_loads_no_ledger_reader(tmp_path: Path) -> None:
    (tmp_path / "targets.toml").write_text(
        'version = 1\n[plan]\nid = "p"\nname = "计划"\nstart = 2025-01-01\nend = 2025-12-31\n'
        '[[action]]\nid = "a"\nname = "行动"\n'
        '[[target]]\nid = "t1"\naction = "a"\nname = "指标1"\nkind = "total"\nunit = "亿元"\ntarget = 10\n',
        encoding="utf-8",
    )
    (tmp_path / "one.csv").write_text("指标名称,数值,截至日期\n指标1,1.5,2025-03-31\n", encoding="utf-8")
    code = (
        "import sys\n"
        "sys.argv = ['tracker', 'import', 'one.csv']\n"
        "import cli\n"
        "try:\n    cli.main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
        "assert 'ledger.fast_reader' not in sys.modules\n"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "imported 1 entry" in done.stdout
    assert "value = 1.5\n" in (tmp_path / "progress.toml").read_text(encoding="utf-8")
