"""An addition's note read as a sheet's header is (the n6 trial): one reading of "the year so
far" for both. A note the sheet side would call a running total is refused on `record`; a note
that names the month's own addition first and cites the year so far in brackets is the month's."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.column_kinds import is_running_total_header, is_year_so_far_note
from ledger.header_words import NAMED_PERIODS
from ledger.slips import judge
from tests.helpers import entry
from tests.test_meaning_fast import AREA, PLAN

# The c4 notes: each was added as a month's addition before.
C4 = ["1至3月累计", "累计新增", "一至三月累计", "今年以来新增", "年内新增", "截至目前新增", "本年已新增",
      "前三季度新增", "上半年新增", "截至3月累计新增"]  # fmt: skip
OWN = ["8月新增（1-8月累计19.5）", "本月新增（本年累计19.5）", "当月（1—8月累计19.5）", "8月新增(今年以来新增19.5)",
       "1—7月新增（补记）", "东湖孵化园", "已核实", "8月新增"]  # fmt: skip

FIX = (
    "a running total, but 'innovation-space' adds up its entries (kind increment), so it would be counted again "
    "with every month's; record the month's own figure (the months before brought in by one entry are noted "
    "with 补记, e.g. '1—7月新增（补记）'), or make the target kind = \"total\" if it is published as a running "
    "total and holds no additions yet; nothing was recorded; if the figure is right, keep it with --force\n"
)

periods = st.sampled_from(
    ["1-3月", "1至3月", "一至三月", "1—8月", "截至3月", "截至三月", "截至8月底", "2025年1-8月", "1-3季度",
     "前三季度", "上半年", "一季度", *NAMED_PERIODS]
)  # fmt: skip
words = st.sampled_from(["累计", "新增", "累计新增", "完成", "新增面积", "已新增", "累计值", ""])


@given(periods, words, st.sampled_from(["", "（万平方米）"]))
def test_every_header_the_sheet_calls_a_running_total_is_refused_as_a_note(period: str, word: str, unit: str) -> None:
    header = period + word + unit
    assume(is_running_total_header(header))
    e = entry("area", date(2025, 8, 31), "2", n=1, note=header)
    [found] = judge(PLAN, AREA, None, None, e)
    assert f"is noted as {header!r}, a running total" in found.message and not found.duplicate


@pytest.mark.parametrize("note", C4)
def test_year_so_far_notes_are_refused(note: str, runner: CliRunner, workdir: Path) -> None:
    result = runner.invoke(app, ["record", "innovation-space", "1", "--date", "2025-03", "--note", note])
    assert result.exit_code == 1
    assert result.stderr == (f"error: innovation-space: 1 万平方米 as of 2025-03-31 is noted as {note!r}, " + FIX)
    assert not (workdir / "progress.toml").exists() or "innovation-space" not in (workdir / "progress.toml").read_text()


@pytest.mark.parametrize("note", OWN)
def test_the_months_own_note_citing_the_year_so_far_is_kept(note: str) -> None:
    assert not is_year_so_far_note(note)
    assert judge(PLAN, AREA, None, None, entry("area", date(2025, 8, 31), "2", n=1, note=note)) == []


def test_c7_an_addition_citing_the_year_so_far_adds_up(runner: CliRunner, workdir: Path) -> None:
    """17.5 through July (a back-fill) and August's 2: 19.5, the year so far the note cites."""
    back = ["record", "innovation-space", "17.5", "--date", "2025-07", "--note", "1—7月新增（补记）"]
    assert runner.invoke(app, back).exit_code == 0
    aug = ["record", "innovation-space", "2", "--date", "2025-08", "--note", "8月新增（1-8月累计19.5）"]
    assert runner.invoke(app, aug).exit_code == 0
    status = runner.invoke(app, ["status", "--format", "json"])
    [t] = [t for a in json.loads(status.stdout)["actions"] for t in a["targets"] if t["id"] == "innovation-space"]
    assert t["current"] == 19.5


def test_c7_a_sheet_row_under_this_months_header_citing_the_year_so_far(runner: CliRunner, workdir: Path) -> None:
    (workdir / "s.csv").write_text(
        "临平经开区2025年8月主要经济指标\n指标名称,本月,单位,备注\n新增创新空间面积,2,万平方米,8月新增（1-8月累计19.5）\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["import", "s.csv"])
    assert result.exit_code == 0, result.stderr
    assert "8月新增（1-8月累计19.5）" in (workdir / "progress.toml").read_text(encoding="utf-8")


# --- two carriers' equal additions (c1) ------------------------------------------------------


def test_two_carriers_same_figure_by_record_is_an_addition_kept_with_force(runner: CliRunner, workdir: Path) -> None:
    """Same 0.6 for June with two notes: no repeat, but an addition to a month that holds one."""
    first = ["record", "innovation-space", "0.6", "--date", "2025-06", "--note", "东湖孵化园"]
    assert runner.invoke(app, first).exit_code == 0
    second = ["record", "innovation-space", "0.6", "--date", "2025-06", "--note", "临平科创中心"]
    refused = runner.invoke(app, second)
    assert refused.exit_code == 1
    assert "would add to the 0.6 万平方米 already added in 2025-06" in refused.stderr
    assert refused.stderr.endswith("if both add up, keep it with --force\n")
    assert runner.invoke(app, [*second, "--force"]).exit_code == 0
    status = runner.invoke(app, ["status", "--format", "json"])
    [t] = [t for a in json.loads(status.stdout)["actions"] for t in a["targets"] if t["id"] == "innovation-space"]
    assert t["current"] == 1.2  # 0.6 + 0.6


def test_two_carriers_same_figure_by_record_same_note_is_a_repeat(runner: CliRunner, workdir: Path) -> None:
    args = ["record", "innovation-space", "0.6", "--date", "2025-06", "--note", "东湖孵化园"]
    assert runner.invoke(app, args).exit_code == 0
    again = runner.invoke(app, args)
    assert again.exit_code == 1
    assert "recorded twice, innovation-space adds it up and would count it twice" in again.stderr


SHEET = "指标名称,{label},本月,单位,截至日期\n新增创新空间面积,{a},3000,平方米,2025年5月\n新增创新空间面积,{b},3000,平方米,2025年5月\n"


def test_c1_two_carriers_same_figure_both_count_noted_with_their_carrier(runner: CliRunner, workdir: Path) -> None:
    """Before: refused as "given twice", the hint "delete the repeated row" losing 3000 平方米."""
    (workdir / "s.csv").write_text(SHEET.format(label="载体名称", a="东湖孵化园", b="临平科创中心"), encoding="utf-8")
    result = runner.invoke(app, ["import", "s.csv"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "note: s.csv: column '载体名称' kept as the note of the additions beside it\n"
    ledger = (workdir / "progress.toml").read_text(encoding="utf-8")
    assert 'note = "东湖孵化园"' in ledger and 'note = "临平科创中心"' in ledger
    status = runner.invoke(app, ["status", "--format", "json"])
    [t] = [t for a in json.loads(status.stdout)["actions"] for t in a["targets"] if t["id"] == "innovation-space"]
    assert t["current"] == 0.6  # 3000 + 3000 平方米


def test_identical_rows_of_an_addition_offer_allow_duplicates_not_only_deleting(
    runner: CliRunner, workdir: Path
) -> None:
    (workdir / "s.csv").write_text(SHEET.format(label="载体名称", a="东湖孵化园", b="东湖孵化园"), encoding="utf-8")
    refused = runner.invoke(app, ["import", "s.csv"])
    assert refused.exit_code == 1
    assert refused.stderr.endswith(
        "; nothing was imported; if the rows are two additions (two carriers' figures), record both "
        "with --allow-duplicates, or tell them apart in a 备注 column; if a row was repeated by mistake, delete it\n"
    )
    assert not (workdir / "progress.toml").exists()
    assert runner.invoke(app, ["import", "s.csv", "--allow-duplicates"]).exit_code == 0
    status = runner.invoke(app, ["status", "--format", "json"])
    [t] = [t for a in json.loads(status.stdout)["actions"] for t in a["targets"] if t["id"] == "innovation-space"]
    assert t["current"] == 0.6


def test_two_equal_additions_with_different_notes_in_a_sheet_both_count(runner: CliRunner, workdir: Path) -> None:
    (workdir / "s.csv").write_text(SHEET.format(label="备注", a="东湖孵化园", b="临平科创中心"), encoding="utf-8")
    result = runner.invoke(app, ["import", "s.csv"])
    assert result.exit_code == 0, result.stderr
    status = runner.invoke(app, ["status", "--format", "json"])
    [t] = [t for a in json.loads(status.stdout)["actions"] for t in a["targets"] if t["id"] == "innovation-space"]
    assert t["current"] == 0.6
