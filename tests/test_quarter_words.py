"""A quarter's own figure named by words alone (the n12 trial's c04): ``本季``, ``本季度``, ``当季``
were not understood, and the hint offered ``--map '本季=value'``; followed, 7—9月's 330.2 亿元 was
recorded as the 1—9月 running total (about 1005). Such a column is the quarter the sheet is dated
in: after the first quarter, those months' own figures, refused as ``7-9月`` is, never offered,
and so mapped refused; in the first, the year so far (本季 of 1—3月, as 一季度 is)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger.column_kinds import THIS_QUARTER, describe
from ledger.layout import _refused_map
from tests.conftest import ROOT
from tests.helpers import exported, import_text

_SHEET = "临平经开区2025年{}主要经济指标\n指标名称,{}\n规模以上工业总产值,330.2\n"


@pytest.mark.parametrize("header", ["本季", "本季度", "当季", "当季度", "本季完成", "完成值（本季）"])
def test_c04_a_quarters_own_figure_is_refused_and_never_offered(runner: CliRunner, workdir: Path, header: str) -> None:
    result = import_text(runner, workdir, "s.csv", _SHEET.format("1-9月", header))
    assert result.exit_code == 1 and "--map" not in result.stderr
    assert result.stderr.splitlines() == [
        f"error: s.csv: column {header!r} (B) holds the figures of 7—9月 alone, not the year so far (1—9月): tracker "
        "records 1—N月 totals and growth and one month's additions; import the 1—9月 sheet or 9月's own additions, or "
        "use `tracker record`"
    ]
    result = import_text(runner, workdir, "s.csv", _SHEET.format("1-9月", header), "--map", f"{header}=value")
    assert result.exit_code == 1
    assert exported(runner) == []


def test_c04_on_a_sheet_of_no_date_it_is_refused_as_a_quarters_own(runner: CliRunner, workdir: Path) -> None:
    sheet = "指标名称,本季\n规模以上工业总产值,330.2\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 1 and "--map" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "error: s.csv: no row has a figure: '本季' (B) is a quarter's own figures (本季), not the year so far; add the "
        "column of figures (1—N月累计, or 同比增长% for a rate), or record them with `tracker record`"
    )
    result = import_text(runner, workdir, "s.csv", sheet, "--map", "本季=value")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: --map: s.csv: '本季' holds a quarter's own figures (本季), not the year so far: never a 1—N月 total, a "
        "rate's growth or one month's addition; import the 1—N月累计 column (a target reported quarterly reads a "
        "quarter's additions without --map), or use `tracker record`"
    ]
    assert exported(runner) == []


# A sheet with no title: --date says which quarter 本季 is, as a title would (2025-09-30: 7—9月).
@pytest.mark.parametrize("when", ["2025-09-30", "2025Q3", "2025-09"])
def test_on_a_sheet_of_no_title_the_date_says_which_quarter(runner: CliRunner, workdir: Path, when: str) -> None:
    result = import_text(runner, workdir, "s.csv", "指标名称,本季\n规模以上工业总产值,330.2\n", "--date", when)
    assert result.exit_code == 1
    refused = [
        "error: s.csv: column '本季' (B) holds the figures of 7—9月 alone, not the year so far (1—9月): tracker "
        "records 1—N月 totals and growth and one month's additions; import the 1—9月 sheet or 9月's own additions, or "
        "use `tracker record`"
    ]
    assert result.stderr.splitlines() == refused
    mapped = import_text(
        runner, workdir, "s.csv", "指标名称,本季\n规模以上工业总产值,330.2\n", "--date", when, "--map", "本季=value"
    )
    assert mapped.exit_code == 1 and mapped.stderr.splitlines() == refused  # the quarter named: its months said
    assert exported(runner) == []


@pytest.mark.parametrize("when", ["2025-03-31", "2025Q1"])
def test_on_a_sheet_of_no_title_the_first_quarter_is_the_year_so_far(
    runner: CliRunner, workdir: Path, when: str
) -> None:
    result = import_text(runner, workdir, "s.csv", "指标名称,本季（亿元）\n规模以上工业总产值,330.2\n", "--date", when)
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("industrial-output", "2025-03-31", 330.2, "亿元")]


def test_on_a_sheet_of_no_title_a_quarterly_targets_additions_are_read_by_the_date(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(ROOT / "examples" / "departments" / "targets.toml", tmp_path / "targets.toml")
    monkeypatch.chdir(tmp_path)
    sheet = "指标名称,本季新增（家）\n新认定高新技术企业,9\n"
    result = import_text(runner, tmp_path, "s.csv", sheet, "--date", "2025Q2")
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("high-tech-firms", "2025-06-30", 9, "家")]
    assert import_text(runner, tmp_path, "s.csv", sheet).exit_code == 1  # no period: which quarter?


def test_in_the_first_quarter_this_quarter_is_the_year_so_far(runner: CliRunner, workdir: Path) -> None:
    result = import_text(runner, workdir, "s.csv", _SHEET.format("1-3月", "本季（亿元）"))
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("industrial-output", "2025-03-31", 330.2, "亿元")]


@pytest.mark.parametrize("title", ["临平经开区科技局2025年6月", "临平经开区科技局2025年第二季度新认定高新技术企业"])
def test_a_quarterly_targets_additions_this_quarter_are_read(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, title: str
) -> None:
    """The departments example's 高企 are reported quarterly: 本季新增 is the quarter's addition."""
    shutil.copy(ROOT / "examples" / "departments" / "targets.toml", tmp_path / "targets.toml")
    monkeypatch.chdir(tmp_path)
    sheet = f"{title}\n指标名称,本季新增（家）\n新认定高新技术企业,9\n"
    result = import_text(runner, tmp_path, "s.csv", sheet)
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("high-tech-firms", "2025-06-30", 9, "家")]


# The property: every wording of this quarter, before or in brackets after a figure's words, and
# every other quarter's own figure (7-9月, 三季度), is refused mapped to any figure.
_QUARTER_WORDS = ["本季", "本季度", "当季", "当季度"]


@settings(deadline=None)  # a first call compiles patterns: no time limit on a busy machine
@given(st.sampled_from(_QUARTER_WORDS), st.sampled_from(["", "完成", "新增", "完成值", "产值", "累计"]),
       st.sampled_from(["", "（亿元）"]), st.booleans())  # fmt: skip
def test_every_wording_of_this_quarter_is_a_quarters_own(word: str, rest: str, unit: str, after: bool) -> None:
    header = (f"{rest}（{word}）" if after and rest else word + rest) + unit
    assert (describe(header).field, describe(header).why) == (None, THIS_QUARTER), header
    for field in ("value", "month_value", "growth"):
        assert _refused_map(header, field) is not None, (header, field)


@settings(deadline=None)  # a first call compiles patterns: no time limit on a busy machine
@given(st.sampled_from(["7-9月", "4-6月", "三季度", "第二季度", "下半年", "Q3"]), st.sampled_from(["", "新增", "完成"]))
def test_any_other_quarters_own_figure_mapped_is_refused(span: str, rest: str) -> None:
    for field in ("value", "growth"):
        assert _refused_map(span + rest, field) is not None, (span + rest, field)


def test_the_year_so_far_to_this_quarter_is_not_its_own() -> None:
    assert describe("截至本季度累计").running_total and describe("截至本季度累计").field == "value"
