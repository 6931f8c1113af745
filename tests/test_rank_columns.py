"""A column headed as a place in a ranking (位次, 排名, 综合排名, 全国排名) was "not understood": a
rank target's row there went unread, and a rank's place was asked of `--map`. It is the rank's
figure, and no other target's: an amount's row beside it reads its own figure column alone. A rank
is counted in 位, the one unit offered for it; 名 (第4名), 名次 and 位次 in a 单位 cell or --unit are its places
too, recorded in 位."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from tests.helpers import exported, import_text

TITLE = "临平经开区2025年1-8月主要指标\n"
RANK_HEADERS = ["位次", "排名", "综合排名", "全国排名", "全省位次", "名次", "位次（位）"]


@pytest.mark.parametrize("header", ["位次", "排名", "综合排名", "全国排名"])
def test_a_rank_column_is_a_ranks_figure(runner: CliRunner, workdir: Path, header: str) -> None:
    result = import_text(runner, workdir, "r.csv", TITLE + f"指标名称,{header}\n国考排名,5\n")
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("national-rank", "2025-08-31", 5, "位")]


def test_a_rank_column_is_no_other_targets_figure(runner: CliRunner, workdir: Path) -> None:
    sheet = TITLE + "指标名称,1-8月累计（亿元）,全国排名\n规上工业总产值,842.7,12\n国考排名,,第7位\n"
    result = import_text(runner, workdir, "r.csv", sheet)
    assert result.exit_code == 0, result.output
    assert exported(runner) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("national-rank", "2025-08-31", 7, "位"),
    ]


def test_an_amount_with_a_place_alone_is_passed_over(runner: CliRunner, workdir: Path) -> None:
    result = import_text(runner, workdir, "r.csv", TITLE + "指标名称,1-8月累计（亿元）,综合排名\n规上工业总产值,,12\n")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "note: r.csv: 1 row without a figure passed over: row 3 (规上工业总产值)",
        "error: r.csv: no row has a figure; nothing to import",
    ]


def test_two_places_for_one_rank_are_refused(runner: CliRunner, workdir: Path) -> None:
    result = import_text(runner, workdir, "r.csv", TITLE + "指标名称,完成值,排名\n国考排名,5,3\n")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: r.csv: row 3: national-rank is a rank, and the row gives 5 under '完成值' (B3) but 3 under '排名' "
        "(C3): which is its place?; empty the one that is not its place, or correct the sheet"
    ]
    assert not (workdir / "progress.toml").exists()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(RANK_HEADERS),
    st.integers(1, 230),
    st.sampled_from(["{}", "第{}位", "第{}名", "{}位"]),
    st.booleans(),
    st.integers(6000, 9999).map(lambda n: n / 10),  # 600.0—999.9 亿元 by August: no slip
)
def test_any_rank_header_gives_the_ranks_place_and_no_amount(
    runner: CliRunner, workdir: Path, header: str, place: int, written: str, same: bool, amount: float
) -> None:
    (workdir / "progress.toml").unlink(missing_ok=True)
    figure = str(place) if same else ""  # the 完成值 cell: the same place, or blank
    sheet = (
        TITLE
        + f"指标名称,完成值（亿元）,{header}\n规上工业总产值,{amount},{place + 1}\n国考排名,{figure},{written.format(place)}\n"
    )
    result = import_text(runner, workdir, "r.csv", sheet, "--dry-run")
    assert result.exit_code == 0, result.output
    assert (
        f"row 3: industrial-output = {amount} 亿元 as of 2025-08-31 — figure: column '完成值（亿元）' (B3)"
        in result.stdout
    )
    assert f"row 4: national-rank = {place} 位 as of 2025-08-31 — figure: column '{header}' (C4)" in result.stdout


@pytest.mark.parametrize("unit", ["万位", "个", "亿元", "xx"])
def test_a_rank_offers_its_own_unit_alone(runner: CliRunner, workdir: Path, unit: str) -> None:
    result = runner.invoke(app, ["record", "national-rank", "5", "--unit", unit, "--date", "2025-08"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: national-rank: a rank is counted in 位, not {unit!r}; give --unit 位, or no --unit"
    ]
    assert "万位" not in result.stderr.replace(repr(unit), "")


@pytest.mark.parametrize("unit", ["位", "名", "名次", "位次", " 名 "])
def test_a_rank_given_in_names_places_is_recorded_in_its_own(runner: CliRunner, workdir: Path, unit: str) -> None:
    result = runner.invoke(app, ["record", "national-rank", "5", "--unit", unit, "--date", "2025-08"])
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("national-rank", "2025-08-31", 5, "位")]


def test_a_rank_row_whose_unit_cell_says_ming_is_imported_with_the_rest(runner: CliRunner, workdir: Path) -> None:
    # The whole sheet was refused ("a rank is counted in 位, not '名'") though its cell 第4名 is read.
    sheet = (
        "临平经开区2025年1-8月主要经济指标\n指标名称,单位,1-8月累计,同比增长%,全市排名\n"
        "规上工业总产值,亿元,842.7,5.8,3\n国考排名,名,,,4\n"
    )
    result = import_text(runner, workdir, "m.csv", sheet)
    assert result.exit_code == 0, result.output
    assert exported(runner) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("national-rank", "2025-08-31", 4, "位"),
    ]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["位", "名", "名次", "位次"]), st.integers(1, 230), st.sampled_from(["{}", "第{}名", "第{}位"]))
def test_any_places_word_in_the_unit_cell_gives_the_place_in_wei(
    runner: CliRunner, workdir: Path, unit: str, place: int, written: str
) -> None:
    (workdir / "progress.toml").unlink(missing_ok=True)
    sheet = TITLE + f"指标名称,单位,排名\n国考排名,{unit},{written.format(place)}\n"
    result = import_text(runner, workdir, "r.csv", sheet, "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"row 3: national-rank = {place} 位 as of 2025-08-31 — figure: column '排名' (C3)" in result.stdout


def test_the_words_for_a_ranks_places() -> None:
    from ledger import units

    assert [units.rank_unit(w) for w in ["位", "名", "名次", "位次", "　名　", "万位", "家", "个", ""]] == [
        "位", "位", "位", "位", "位", None, None, None, None,
    ]  # fmt: skip
