"""A row marked as a part of the row above it (其中：…, 含：…, 包括：…, or indented further) naming
the same target as that row is a sub-item, never a second figure of the target (the n17 trial,
c07: 新增创新空间面积 8000 then 其中：新增创新空间面积 3000 made 1.1 万平方米 for 0.8)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger.sub_items import indent, part_mark
from tests.conftest import ROOT
from tests.helpers import exported, import_text

SPACE = "临平经开区科技局2025年8月创新空间建设情况\n指标名称,本月新增（平方米）\n新增创新空间面积,8000\n{},3000\n"
SLOW = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def test_c07_a_qizhong_row_of_the_same_target_is_refused(runner: CliRunner, workdir: Path) -> None:
    result = import_text(runner, workdir, "s.csv", SPACE.format("其中：新增创新空间面积"))
    assert result.exit_code == 1
    assert result.stderr == (
        "error: s.csv: row 4: '其中：新增创新空间面积' names innovation-space as row 3 ('新增创新空间面积') does, "
        "and 其中 marks it a part of row 3, never a second figure of the target (counted with it, the figure "
        "would be counted twice or replace the whole); delete row 4 to import the whole (row 3)\n"
    )
    assert not (workdir / "progress.toml").exists()


def test_c07_an_indented_row_of_the_same_target_is_refused(runner: CliRunner, workdir: Path) -> None:
    result = import_text(runner, workdir, "s.csv", SPACE.format("　　新增创新空间面积"))
    assert result.exit_code == 1
    assert result.stderr == (
        "error: s.csv: row 4: '新增创新空间面积' names innovation-space as row 3 ('新增创新空间面积') does, "
        "and its indent makes it a part of row 3, never a second figure of the target (counted with it, the "
        "figure would be counted twice or replace the whole); delete row 4 to import the whole (row 3)\n"
    )


def test_following_the_hint_imports_the_whole(runner: CliRunner, workdir: Path) -> None:
    """Row 4 deleted, as the refusal says: 8000 平方米, 0.8 万."""
    text = SPACE.format("其中：新增创新空间面积")
    assert import_text(runner, workdir, "s.csv", text.rsplit("\n", 2)[0] + "\n").exit_code == 0
    assert exported(runner) == [("innovation-space", "2025-08-31", 8000, "平方米")]


def test_a_qizhong_row_under_another_alias_names_both_ways_never_force(runner: CliRunner, workdir: Path) -> None:
    """工业总产值 then 其中：规模以上工业总产值 (both industrial-output's): the part was kept by the
    --force the duplicate refusal offered; which row is the plan's only a person can say."""
    text = "临平经开区2025年1-8月主要经济指标\n指标名称,1-8月累计（亿元）\n工业总产值,1200.5\n其中：规模以上工业总产值,842.7\n"
    result = import_text(runner, workdir, "f.csv", text)
    assert result.exit_code == 1
    assert "--force" not in result.stderr
    assert result.stderr.endswith(
        "keep the row that is the plan's figure: delete row 4 to import the whole ('工业总产值'), or row 3 to "
        "import the part ('其中：规模以上工业总产值')\n"
    )


def test_a_part_of_another_target_or_under_a_heading_is_read(runner: CliRunner, workdir: Path) -> None:
    """其中 naming another target is that target's figure; under a heading without a figure the part
    is the only figure of its target."""
    text = (
        "临平经开区2025年1-8月主要经济指标\n指标名称,1-8月累计（亿元）\n工业总产值,\n其中：规模以上工业总产值,842.7\n"
        "固定资产投资,120.5\n  其中：工业投资,60\n"
    )
    result = import_text(runner, workdir, "s.csv", text, "--skip-unknown")
    assert result.exit_code == 0, result.output
    assert ("industrial-output", "2025-08-31", 842.7, "亿元") in exported(runner)


MARKS = [
    "其中：{}",
    "其中:{}",
    "其中{}",
    "其中： {}",
    "含：{}",
    "包括：{}",
    "  {}",
    "　{}",
    "\t{}",
    "\u00a0{}",
    "　　其中：{}",
]


@SLOW
@given(st.sampled_from(MARKS), st.integers(1, 7999))
def test_every_way_of_marking_a_sub_item_refuses_the_sheet(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, mark: str, part: int
) -> None:
    """Whatever marks the row a part, its figure never adds to the whole's, and nothing is written."""
    with tempfile.TemporaryDirectory() as d:
        shutil.copy(ROOT / "targets.toml", Path(d) / "targets.toml")
        monkeypatch.chdir(d)
        text = SPACE.format(mark.format("新增创新空间面积")).replace(",3000", f",{part}")
        result = import_text(runner, Path(d), "s.csv", text)
        assert result.exit_code == 1
        assert "row 4: " in result.stderr and "a part of row 3, never a second figure" in result.stderr
        assert not (Path(d) / "progress.toml").exists()


@pytest.mark.parametrize("text", ["含山路孵化器", "包括", "新增创新空间面积", "其他"])
def test_names_that_only_look_like_parts_are_no_parts(text: str) -> None:
    assert part_mark(text) is None


def test_indent_counts_every_kind_of_leading_space() -> None:
    assert [indent(t) for t in ("a", " a", "　a", "\t a", "\u00a0a")] == [0, 1, 1, 2, 1]


def test_a_carriers_indented_parts_are_seen_by_their_indent(runner: CliRunner, workdir: Path) -> None:
    """东湖一号楼 and 东湖二号楼 indented under 东湖孵化园: parts by their indent alone (no 其中, no
    phase), which the cell's text lost when its leading spaces were taken off before it was read."""
    text = (
        "临平经开区科技局2025年4月新增创新空间面积情况\n载体名称,新增面积（平方米）\n"
        "东湖孵化园,5000\n  东湖一号楼,3000\n  东湖二号楼,2000\n"
    )
    result = import_text(runner, workdir, "c.csv", text, "--target", "innovation-space")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: c.csv: row 3: carrier '东湖孵化园' is followed by its parts in rows 4–5 ('东湖一号楼', '东湖二号楼'): "
        "5000 = 3000 + 2000; the carrier and its parts counted together, its addition would be counted twice; "
        "delete rows 4–5 to import the carrier whole, or row 3 to import its parts\n"
    )


_PIECES = [
    "其中",
    "其",
    "中",
    "含",
    "包括",
    "包",
    ":",
    "：",
    " ",
    "\u3000",
    "\u00a0",
    "\t",
    "\0",
    "新增",
    "Ａ",
    "a",
    "-",
]


@given(st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6).map("".join).filter(str.strip), max_size=6))
@settings(max_examples=300)
def test_the_quick_answer_for_a_sheet_without_parts_is_the_rows_own(texts: list[str]) -> None:
    # The whole sheet's names asked at once say "none is a part" exactly when no name, asked alone,
    # carries a part mark or an indent: then every row is a head and no sub-item can be refused.
    from ledger.sub_items import _none_marked, indent, part_mark

    if _none_marked(texts):  # never "none" when one is a part (a false alarm only takes the long way)
        assert all(part_mark(t) is None and indent(t) == 0 for t in texts)
    plain = [
        t.replace("其", "").replace("含", "").replace("包", "").lstrip(" \u3000\u00a0\t")
        for t in texts
        if "\0" not in t
    ]
    assert _none_marked([t for t in plain if t.strip()])  # names that are no part: the quick answer


@given(
    st.lists(st.one_of(st.none(), st.sampled_from(_PIECES), st.lists(st.sampled_from(_PIECES), max_size=4).map("".join)),
             max_size=8),
    st.sampled_from(["index", "number", "label"]),
)  # fmt: skip
@settings(max_examples=300)
def test_a_name_column_read_whole_is_its_rows_read_one_by_one(cells: list[str | None], keyed_by: str) -> None:
    # The distinct name texts of a column taken at once (row_kinds.typed_column) are those typed_at
    # gives row by row, blanks left out; and sub_items answers alike with them or without.
    from ledger.row_kinds import typed_at, typed_column
    from ledger.sheets import Row
    from ledger.sub_items import sub_items
    from ledger.table import Column

    col = Column(2, "指标名称", "target")
    if keyed_by == "index":
        rows = [Row(n, ["x", "" if c is None else c]) for n, c in enumerate(cells, 2)]
    else:
        at = col.number if keyed_by == "number" else col.label
        rows = [Row(n, {} if c is None else {at: c}) for n, c in enumerate(cells, 2)]
    names = typed_column(rows, col, keyed_by)
    assert names == {t for r in rows if (t := typed_at(r, col, keyed_by)) and t.strip()}

    def find(text: str) -> Any:  # every name holding 新增 names one target
        return SimpleNamespace(target=SimpleNamespace(id="area")) if "新增" in text else None

    args = (rows, lambda r: typed_at(r, col, keyed_by), lambda r: True, find)
    assert sub_items(*args, names) == sub_items(*args)
