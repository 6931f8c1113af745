"""How much of a sheet is the table (the new-user trial, round 7): a second table below the first
(last year's, for comparison), a total row labelled 全区/总数/Total, rows and columns a workbook
hides, a month's own figure or growth mapped as the year's, a change in 百分点 offered as a rate's
figure, and a total given only as its growth. Each was a figure silently wrong; each is held here
by the trial's sheet with its entries worked by hand, each kind by the forms it takes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import load_plan
from ledger.layout import read_table
from ledger.sheets import Grid
from ledger.table import LayoutError
from ledger.table_rows import rows_to_entries
from tests.conftest import SHIPPED_PLAN
from tests.helpers import RECORDED

PLAN = load_plan(SHIPPED_PLAN)
TITLE = "临平经开区科技局2025年8月创新空间新增情况"
HEADER = "指标名称,载体名称,本月新增（平方米）"


def _import(runner: CliRunner, path: Path, *args: str) -> Any:
    return runner.invoke(app, ["import", path.name, *args])


def _export(runner: CliRunner) -> list[tuple[str, str, Any, str | None, str | None]]:
    result = runner.invoke(app, ["export", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return [(e["target"], e["date"], e["value"], e.get("unit"), e.get("note")) for e in lines]


def _refused(result: Any, workdir: Path) -> None:
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert not (workdir / "progress.toml").exists()


def _carriers(tail: str) -> str:
    return f"{TITLE}\n{HEADER}\n新增创新空间面积,东湖孵化园,3000\n新增创新空间面积,临平科创中心,5000\n{tail}"


AUGUST = [
    ("innovation-space", "2025-08-31", 3000, "平方米", "东湖孵化园"),
    ("innovation-space", "2025-08-31", 5000, "平方米", "临平科创中心"),
]


# c12: a second table below the first ---------------------------------------------------------


def test_last_years_table_below_ends_the_table(runner: CliRunner, workdir: Path) -> None:
    """科技局's August sheet with last year's table below it: only this year's two carriers are
    read (3000 + 5000 平方米); last year's 2000 is named in a note, never added."""
    (workdir / "s.csv").write_text(
        _carriers(
            ",,\n2024年8月（上年同期）,,\n指标名称,载体名称,本月新增（平方米）\n新增创新空间面积,东湖孵化园,2000\n"
        ),
        encoding="utf-8",
    )
    result = _import(runner, workdir / "s.csv")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        "note: s.csv: rows 6–8 not read: row 6 '2024年8月（上年同期）' begins another period's table below this one "
        "(last year's or another year's figures, for comparison)"
    )
    assert "--skip-unknown" not in result.stderr
    assert _export(runner) == AUGUST


@pytest.mark.parametrize(
    "title", ["2024年8月（上年同期）", "上年同期", "去年同期", "2024年1-8月", "上年同期数（2024年）", "２０２４年８月"]
)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_each_title_of_another_year_ends_the_table(title: str, fmt: str, runner: CliRunner, workdir: Path) -> None:
    """Every form of a title naming last year or another year than the sheet's ends the table,
    with or without a header repeated under it, in a CSV and a workbook alike."""
    rows = [
        [TITLE],
        HEADER.split(","),
        ["新增创新空间面积", "东湖孵化园", 3000],
        ["新增创新空间面积", "临平科创中心", 5000],
        [title],
        ["新增创新空间面积", "东湖孵化园", 2000],
    ]
    path = workdir / f"s.{fmt}"
    if fmt == "csv":
        path.write_text("\n".join(",".join(map(str, r)) for r in rows) + "\n", encoding="utf-8")
    else:
        from openpyxl import Workbook

        book = Workbook()
        for r in rows:
            book.active.append(r)
        book.save(path)
    result = _import(runner, path)
    assert result.exit_code == 0, result.output
    assert f"rows 5–6 not read: row 5 {title!r} begins another period's table" in result.stderr
    assert _export(runner) == AUGUST


def test_a_repeated_header_without_such_a_title_is_refused(runner: CliRunner, workdir: Path) -> None:
    """A header repeated with no title naming another period above it: another table, or the same
    one over a page break? Refused in one line naming the row, never offering --skip-unknown."""
    (workdir / "s.csv").write_text(_carriers(f"{HEADER}\n新增创新空间面积,东湖孵化园,2000\n"), encoding="utf-8")
    result = _import(runner, workdir / "s.csv")
    _refused(result, workdir)
    assert result.stderr == (
        "error: s.csv: row 5 repeats the header ('指标名称'): a second table below the first, or the same table "
        "continued? tracker reads one table; delete rows 5–6 if they are another table, or the repeated header if "
        "the table goes on\n"
    )
    assert "--skip-unknown" not in _import(runner, workdir / "s.csv", "--skip-unknown").stderr


def test_a_title_of_the_sheets_own_year_is_a_heading(runner: CliRunner, workdir: Path) -> None:
    """A row naming the sheet's own year (a section heading) does not end the table."""
    (workdir / "s.csv").write_text(
        f"{TITLE}\n{HEADER}\n2025年8月新增,,\n新增创新空间面积,东湖孵化园,3000\n新增创新空间面积,临平科创中心,5000\n",
        encoding="utf-8",
    )
    result = _import(runner, workdir / "s.csv")
    assert result.exit_code == 0, result.output
    assert "not read" not in result.stderr
    assert _export(runner) == AUGUST


# c13: a total row labelled 全区, 总数, Total … -------------------------------------------------

TOTAL_WORDS = [
    "全区",
    "全部",
    "总数",
    "总量",
    "总和",
    "Total",
    "TOTAL",
    "Grand Total",
    "Sum",
    "全园区",
    "园区总数",
    "总计",
]


@pytest.mark.parametrize("word", TOTAL_WORDS)
def test_a_carrier_total_labelled_by_a_whole_word_is_refused(word: str, runner: CliRunner, workdir: Path) -> None:
    """东湖 3000 + 临平 5000, then 全区 8000 in 载体名称: a total, refused as 合计 is (16,000 m² counted
    otherwise); --skip-unknown passes it over and names it."""
    (workdir / "s.csv").write_text(_carriers(f"新增创新空间面积,{word},8000\n"), encoding="utf-8")
    result = _import(runner, workdir / "s.csv")
    _refused(result, workdir)
    assert result.stderr.splitlines()[-1] == (
        f"error: s.csv: row 5: {word!r} in column '载体名称' (B5) marks a total row, the sum of rows that tracker reads and adds up itself; delete it, or pass it over with --skip-unknown: the rows it totals are imported all the same"
    )
    result = _import(runner, workdir / "s.csv", "--skip-unknown")
    assert result.exit_code == 0, result.output
    assert f"note: s.csv: skipped row 5 ({word}): a total row (--skip-unknown)" in result.stderr
    assert _export(runner) == AUGUST


@pytest.mark.parametrize("word", ["全区", "总数", "总量", "总和", "全部", "Total", "total:", "全 区", "总计："])
def test_a_total_in_the_target_column_by_a_whole_word_is_refused(word: str, runner: CliRunner, workdir: Path) -> None:
    """The same words as a row's name, where no target has that name: a total row."""
    (workdir / "t.csv").write_text(
        "指标名称,本月,单位,截至日期\n新增创新空间面积,3000,平方米,2025-09\n新增创新空间面积,5000,平方米,2025-09\n"
        f"{word},8000,平方米,2025-09\n",
        encoding="utf-8",
    )
    result = _import(runner, workdir / "t.csv")
    _refused(result, workdir)
    assert (
        f"error: t.csv: row 4: {word.strip()!r} is a total row, the sum of rows that tracker reads and adds up itself"
        in (result.stderr)
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    prefix=st.sampled_from(["", "园区", "全区", "本月"]),
    word=st.sampled_from(["合计", "小计", "总计", "总数", "总量", "总和", "汇总", "共计"]),
    after=st.sampled_from(["", "：", ":", "（2个）", "(2)", "数"]),
    parts=st.lists(st.integers(1, 9999), min_size=1, max_size=4),
)
def test_total_labels_are_never_counted(prefix: str, word: str, after: str, parts: list[int]) -> None:
    """Property: whatever its prefix and ending, a carrier labelled by a total word whose figure is
    the sum of the rows above is never an entry: the entries are exactly the carriers above."""
    cells = {1: "指标名称", 2: "载体名称", 3: "本月新增（平方米）", 4: "截至日期"}
    rows = [(1, cells)]
    for i, n in enumerate(parts):
        rows.append((2 + i, {1: "新增创新空间面积", 2: f"载体{i}", 3: n, 4: "2025-08"}))
    rows.append((2 + len(parts), {1: "新增创新空间面积", 2: prefix + word + after, 3: sum(parts), 4: "2025-08"}))
    table = read_table(Grid("g.xlsx", rows, (), "S", ("S",)))
    out = rows_to_entries(PLAN, table, existing=[], default_date=None, recorded=RECORDED, by="t", spreadsheet=True)
    assert [p.row for p in out.problems] == [2 + len(parts)]
    assert [e.value for e in out.entries] == [type(e.value)(n) for e, n in zip(out.entries, parts, strict=True)]


# c15: rows and columns a workbook hides ------------------------------------------------------


def _hidden_book(path: Path, *, column: bool = False) -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "8月"
    ws.append([TITLE])
    ws.append(["指标名称", "载体名称", "本月新增（平方米）"] + (["7月新增（平方米）"] if column else []))
    ws.append(["新增创新空间面积", "东湖孵化园（7月已报）", 3000])
    ws.append(["新增创新空间面积", "临平科创中心", 5000] + ([4000] if column else []))
    ws.row_dimensions[3].hidden = True
    if column:
        ws.column_dimensions["D"].hidden = True
    book.save(path)


def test_a_hidden_row_is_passed_over_and_named(runner: CliRunner, workdir: Path) -> None:
    """What the sheet shows in Excel is the one addition of 5000 m²: the hidden row (last month's
    东湖 3000, reported already) is not read, and a note names it with its cells."""
    _hidden_book(workdir / "h.xlsx")
    result = _import(runner, workdir / "h.xlsx")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        "note: h.xlsx: row 3 is hidden in the workbook: not read (新增创新空间面积 | 东湖孵化园（7月已报） | 3000)"
    )
    assert _export(runner) == [("innovation-space", "2025-08-31", 5000, "平方米", "临平科创中心")]


def test_a_hidden_column_is_passed_over_and_named(runner: CliRunner, workdir: Path) -> None:
    """A hidden column (7月新增 beside 本月新增) is not read either: it would make two columns
    of additions otherwise; the note names it with its header."""
    _hidden_book(workdir / "h.xlsx", column=True)
    result = _import(runner, workdir / "h.xlsx")
    assert result.exit_code == 0, result.output
    assert "note: h.xlsx: column D is hidden in the workbook: not read (7月新增（平方米）, … 2 cells)" in result.stderr
    assert _export(runner) == [("innovation-space", "2025-08-31", 5000, "平方米", "临平科创中心")]


@pytest.mark.parametrize("reader", ["scan", "whole", "stream"])
def test_every_xlsx_reader_sets_hidden_rows_apart(reader: str, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast scanner, the whole-tree reader and the streaming reader agree on hidden rows and columns."""
    from ledger import xlsx, xlsx_book, xlsx_sheet

    _hidden_book(workdir / "h.xlsx", column=True)
    if reader == "whole":
        monkeypatch.setattr(xlsx_sheet._Sheet, "scan", lambda self, raw: None)
    elif reader == "stream":
        monkeypatch.setattr(xlsx_book, "SCAN_PART", 0)
    grid = xlsx.read("h.xlsx", (workdir / "h.xlsx").read_bytes(), None)
    assert [n for n, _ in grid.rows] == [1, 2, 4]
    assert all(4 not in cells for _, cells in grid.rows)
    assert len(grid.hidden) == 2


def test_an_xls_hidden_row_is_passed_over(workdir: Path) -> None:
    """The same in an Excel 97–2003 workbook, read by xlrd with its formatting."""
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    ws = book.add_sheet("8月")
    for r, row in enumerate(
        [[TITLE], HEADER.split(","), ["新增创新空间面积", "东湖", 3000], ["新增创新空间面积", "临平", 5000]]
    ):
        for c, v in enumerate(row):
            ws.write(r, c, v)
    ws.row(2).hidden = True
    book.save(str(workdir / "h.xls"))
    from ledger.sheets import read_xls

    grid = read_xls("h.xls", (workdir / "h.xls").read_bytes(), None)
    assert [n for n, _ in grid.rows] == [1, 2, 4]
    assert grid.hidden == ("row 3 is hidden in the workbook: not read (新增创新空间面积 | 东湖 | 3000)",)


# c16: a month's own figure or growth mapped as the year's ----------------------------------


@pytest.mark.parametrize("header", ["本月", "当月", "本期", "当期", "本月完成", "当月数", "本月新增"])
def test_a_months_own_figure_mapped_as_value_is_refused(header: str, runner: CliRunner, workdir: Path) -> None:
    """'本月' 112.4 beside '1-8月累计' 842.7: --map '本月=value' would file August's own figure as the
    1—8月 running total; refused as '8月=value' is, and no hint offers to keep it."""
    (workdir / "s.csv").write_text(
        f"临平经开区2025年1-8月主要经济指标\n指标名称,1-8月累计,{header},单位\n规模以上工业总产值,842.7,112.4,亿元\n",
        encoding="utf-8",
    )
    result = _import(runner, workdir / "s.csv", "--map", f"{header}=value")
    _refused(result, workdir)
    assert result.stderr == (
        f"error: --map: s.csv: {header!r} holds the month's own figure (本月, 当月, 本期), not the 1—N月 running total; map "
        "it to month_value, or use the 1—N月累计 column\n"
    )
    result = _import(runner, workdir / "s.csv", "--map", f"{header}=value", "--map", "1-8月累计=ignore")
    _refused(result, workdir)


@pytest.mark.parametrize("header", ["本月增速%", "当月增长%", "8月同比增长%", "本月同比%"])
def test_a_months_growth_mapped_as_growth_is_refused(header: str, runner: CliRunner, workdir: Path) -> None:
    """'本月增速%' 7.1 beside '1-8月增速%' 5.8: mapped to growth it would file August's growth as the year's."""
    (workdir / "s.csv").write_text(
        f"临平经开区2025年1-8月主要经济指标\n指标名称,1-8月增速%,{header}\n规模以上工业增加值,5.8,7.1\n",
        encoding="utf-8",
    )
    for extra in ([], ["--map", "1-8月增速%=ignore"]):
        result = _import(runner, workdir / "s.csv", "--map", f"{header}=growth", *extra)
        _refused(result, workdir)
        assert result.stderr.startswith(
            f"error: --map: s.csv: {header!r} holds a single month's growth, not year-to-date"
        )
        assert "=ignore" not in result.stderr


# c1: a change in 百分点 ----------------------------------------------------------------------


@pytest.mark.parametrize("header", ["增减（百分点）", "增减(百分点)", "比上年提高（百分点）", "比上年增减（个百分点）"])
def test_a_change_in_points_is_never_offered_nor_mapped(header: str, runner: CliRunner, workdir: Path) -> None:
    """'增减（百分点）' 0.6 for 工业增加值增速: no hint offers it as the figure, and --map onto it is
    refused with the reason (0.6 百分点 recorded as a growth of 0.6 % otherwise)."""
    (workdir / "b.csv").write_text(
        f"临平经开区2025年1-8月主要指标\n指标名称,{header}\n工业增加值增速,0.6\n", encoding="utf-8"
    )
    result = _import(runner, workdir / "b.csv")
    _refused(result, workdir)
    assert "--map" not in result.stderr
    assert f"error: b.csv: no row has a figure: {header!r} (B) is a change on last year, not a growth rate" in (
        result.stderr
    )
    for field in ("value", "growth", "month_value"):
        result = _import(runner, workdir / "b.csv", "--map", f"{header}={field}")
        _refused(result, workdir)
        assert result.stderr == (
            f"error: --map: b.csv: {header!r} holds a change on last year, not a growth rate nor the figure: a rate's figure "
            "is its growth (同比增长%), and a change of N 百分点 is no growth of N %; use the growth or figure column, "
            "or record it with `tracker record`\n"
        )


# c9: a total given only as its growth --------------------------------------------------------


def test_a_total_given_only_as_growth_says_so(runner: CliRunner, workdir: Path) -> None:
    """规模以上工业总产值 with only '1-8月同比增长%' 5.1: the row has a figure, its growth; the
    refusal says the target is a total in 亿元 and asks for the 绝对值/累计 column."""
    (workdir / "a.csv").write_text(
        "临平经开区2025年1-8月\n指标名称,1-8月同比增长%\n规模以上工业总产值,5.1\n", encoding="utf-8"
    )
    result = _import(runner, workdir / "a.csv")
    _refused(result, workdir)
    assert result.stderr == (
        "error: a.csv: row 3: industrial-output is a total counted in 亿元; the sheet gives only its growth (5.1 under "
        "'1-8月同比增长%' (B3)), not its 1—8月 figure; add the 绝对值/累计 column (1-8月累计), or record the figure "
        "with `tracker record industrial-output VALUE`\n"
    )


def test_growth_beside_a_blank_figure_is_passed_over_as_before(runner: CliRunner, workdir: Path) -> None:
    """With a column of figures, a total whose figure is blank (—) beside its growth is passed over
    with a note, as any row without a figure, while the rate beside it imports."""
    (workdir / "a.csv").write_text(
        "临平经开区2025年1-8月\n指标名称,1-8月累计,1-8月同比增长%\n规模以上工业总产值,—,5.1\n规模以上工业增加值,180.35,5.8\n",
        encoding="utf-8",
    )
    result = _import(runner, workdir / "a.csv")
    assert result.exit_code == 0, result.output
    assert "row 3 (规模以上工业总产值)" in result.stderr
    assert [(t, v) for t, _, v, _, _ in _export(runner)] == [("value-added-growth", 5.8)]


def test_the_layout_names_a_repeated_header(workdir: Path) -> None:
    """The library's own refusal: LayoutError, naming the row."""
    rows = [(1, {1: "指标名称", 2: "本月"}), (2, {1: "新增创新空间面积", 2: 1}), (3, {1: "指标名称", 2: "本月"})]
    with pytest.raises(LayoutError, match="row 3 repeats the header"):
        read_table(Grid("g.xlsx", rows, (), "S", ("S",)))
