"""A row of its own period (the n19 trial's c09): a bureau's 1—8月 table carries service-sector
revenue a month behind, as 1—7月, saying so by a footnote mark and a note below the table
(``营利性服务业营业收入*`` … ``注：*营利性服务业营业收入为1-7月数据。``) or in the row's name
(``营利性服务业营业收入（1-7月）``). Dated by the title, July's growth was filed as of 2025-08-31, and
the alias the name's refusal asked for did the same. Such a row is dated by its own period, said in
a note; a period that cannot be its date is refused naming the row."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.helpers import exported, import_text

_HEAD = "临平经开区2025年1-8月主要经济指标\n指标名称,1-8月累计（亿元）,同比增长%\n规模以上工业增加值,180.35,5.8\n"
_FOOTNOTE = _HEAD + "营利性服务业营业收入*,95.2,7.9\n注：*营利性服务业营业收入为1-7月数据。\n"
_NAMED = _HEAD + "营利性服务业营业收入（1-7月）,95.2,7.9\n"


def test_c09_a_row_marked_for_a_note_of_1_7月_is_dated_july(runner: CliRunner, workdir: Path) -> None:
    result = import_text(runner, workdir, "f.csv", _FOOTNOTE)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        "note: f.csv: row 4 (营利性服务业营业收入*) dated 2025-07-31, not 2025-08-31: the note "
        "'注：*营利性服务业营业收入为1-7月数据。' (A5) says its figures are 1—7月's"
    )
    assert exported(runner) == [
        ("value-added-growth", "2025-08-31", 5.8, "%"),
        ("service-revenue-growth", "2025-07-31", 7.9, "%"),
    ]


def test_c09_the_alias_the_refusal_asks_for_dates_the_row_by_its_name(runner: CliRunner, workdir: Path) -> None:
    result = import_text(runner, workdir, "n.csv", _NAMED)
    assert result.exit_code == 1 and "add it to the target's aliases" in result.stderr
    plan = workdir / "targets.toml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace('aliases = ["营利性服务业营业收入", "营利性服务业营收"]',
                     'aliases = ["营利性服务业营业收入", "营利性服务业营收", "营利性服务业营业收入（1-7月）"]'),
        encoding="utf-8",
    )  # fmt: skip
    result = import_text(runner, workdir, "n.csv", _NAMED)
    assert result.exit_code == 0, result.output
    assert "its name '营利性服务业营业收入（1-7月）' says its figures are 1—7月's" in result.stderr
    assert ("service-revenue-growth", "2025-07-31", 7.9, "%") in exported(runner)


def test_a_period_that_cannot_be_the_rows_date_is_refused(runner: CliRunner, workdir: Path) -> None:
    sheet = _HEAD + "营利性服务业营业收入*,95.2,7.9\n注：*为1-9月数据\n"
    result = import_text(runner, workdir, "r.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: r.csv: row 4: the note '注：*为1-9月数据' (A5) says its figures are 2025年1—9月's, but the row is "
        "dated 2025-08-31; which is it? give the row in the sheet of its own period, or leave it out and record it "
        "with tracker record service-revenue-growth 7.9 --date 2025-09"
    ]
    assert not (workdir / "progress.toml").exists()


def test_a_note_of_the_sheets_own_period_or_of_no_period_changes_nothing(runner: CliRunner, workdir: Path) -> None:
    for note in ("注：*为初步数", "注：*营利性服务业营业收入为1-8月数据", "注：本表为快报数"):
        (workdir / "progress.toml").unlink(missing_ok=True)
        result = import_text(runner, workdir, "s.csv", _HEAD + f"营利性服务业营业收入*,95.2,7.9\n{note}\n")
        assert result.exit_code == 0, result.output
        assert [e[1] for e in exported(runner)] == ["2025-08-31", "2025-08-31"], note


@given(
    st.sampled_from(["*", "＊", "①", "※", "△"]),
    st.sampled_from(["注：{m}营利性服务业营业收入为{p}数据。", "注：1.带{m}号指标为{p}数据；2.其余为1-8月数据",
                     "说明：{m}为{p}数", "注：{m}{p}数据"]),
    st.sampled_from(["1-7月", "1至7月", "1—7月", "一至七月", "2025年1-7月", "1月-7月"]),
)  # fmt: skip
def test_every_note_naming_a_marked_rows_period_dates_it(mark: str, note: str, period: str) -> None:
    from ledger.row_periods import _notes, _own

    notes = _notes(((note.format(m=mark, p=period), "A5"),))
    own = _own(f"营利性服务业营业收入{mark}", notes)
    assert own is not None and (own.first, own.last) == (1, 7), (mark, note, period)
    assert _own("规模以上工业增加值", notes) is None


_PART = "临平经开区2025年1-8月主要经济指标\n指标名称,1-8月累计（亿元）\n{row},842.7\n高新技术产业工业总产值*,400.1\n{note}\n"


@pytest.mark.parametrize(
    ("row", "note"),
    [("规上工业总产值", "注：规上工业总产值中高新技术产业产值为1-7月数据"),
     ("工业总产值", "注：*高新技术产业工业总产值为1-7月数据"),
     ("工业总产值", "注：高新技术产业工业总产值为1-7月数据")],
)  # fmt: skip
def test_a_note_naming_a_longer_name_than_the_rows_leaves_it_the_sheets_date(
    runner: CliRunner, workdir: Path, row: str, note: str
) -> None:
    result = import_text(runner, workdir, "p.csv", _PART.format(row=row, note=note), "--skip-unknown")
    assert result.exit_code == 0, result.output
    assert "dated 2025-07-31" not in result.stderr
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


@given(
    st.sampled_from(["规上工业总产值", "营利性服务业营业收入", "固定资产投资"]),
    st.sampled_from(["{n}中高新技术产业产值", "高新技术产业{n}", "{n}增速", "其中{n}以外部分"]),
    st.sampled_from(["为1-7月数据", "系1至7月数", "均为一至七月数据"]),
)
def test_a_rows_name_within_a_longer_subject_is_never_what_a_note_dates(name: str, subject: str, said: str) -> None:
    from ledger.row_periods import _notes, _own

    notes = _notes(((f"注：{subject.format(n=name)}{said}", "A5"),))
    assert _own(name, notes) is None
    whole = _notes(((f"注：{name}{said}；", "A5"),))
    own = _own(name, whole)
    assert own is not None and (own.first, own.last) == (1, 7)
    listed = _notes(((f"注：固定资产投资、{name}{said}", "A5"),))
    assert _own(name, listed) is not None


@given(
    st.sampled_from(["产业体系建设投资", "数字经济核心产业系统集成收入", "为民办实事项目投资", "是否达标企业数"]),
    st.sampled_from(["为1-7月数据", "系1至7月数", "均为一至七月数据", "1-7月数据", "是1—7月快报数"]),
)
def test_a_name_holding_the_words_a_note_says_with_is_still_its_whole_subject(name: str, said: str) -> None:
    # The subject ends at the 为/系/是 right before the months, not at the first one: 产业体系建设投资为1-7月数据
    # is said of 产业体系建设投资, never of 产业体 (the row was left at the sheet's 1—8月 date).
    from ledger.row_periods import _notes, _own

    own = _own(name, _notes(((f"注：{name}{said}", "A5"),)))
    assert own is not None and (own.first, own.last) == (1, 7), (name, said)


@given(st.sampled_from(["¹", "²", "³", "*", "※", "①"]), st.sampled_from(["¹", "²", "³", "*", "※", "①"]))
def test_a_mark_in_superscript_brackets_dates_its_own_row_alone(mark: str, other: str) -> None:
    from ledger.row_periods import _notes, _own

    notes = _notes(((f"注：⁽{mark}⁾为1-7月数据", "A5"),))
    own = _own(f"营利性服务业营业收入⁽{mark}⁾", notes)
    assert own is not None and (own.first, own.last) == (1, 7)
    assert (_own(f"规模以上工业增加值⁽{other}⁾", notes) is None) == (other != mark)
    named = _notes(((f"注：营利性服务业营业收入⁽{mark}⁾为1-7月数据", "A5"),))
    assert _own("营利性服务业营业收入", named) is not None
