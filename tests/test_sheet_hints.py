"""Refusals that say how to fix them: the workbook whose active sheet is a cover sheet, text in
another encoding than --encoding says, the time of a duplicate's twin with its offset."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from cli import ExitCode, app


def run(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args))


def _workbook(path: Path, sheets: dict[str, list[list[object]]], active: int = 0) -> str:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.active = active
    book.save(path)
    return str(path)


COVER = [["填报说明：请在数据表中填写"], ["联系人：张三"]]
DATA = [["指标名称", "累计", "单位", "截至日期"], ["工业总产值", 950.1, "亿元", "2025-09"]]


def test_a_cover_sheet_left_active_names_the_sheet_that_has_the_table(runner: CliRunner, workdir: Path) -> None:
    book = _workbook(workdir / "book.xlsx", {"说明": COVER, "数据": DATA})
    result = run(runner, "import", book)
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr == (
        f"error: {book}: sheet '说明' (active when the workbook was saved): no column names the target (指标名称, "
        "重点任务, target…); its first row has '填报说明：请在数据表中填写'; sheet '数据' has one: import it with "
        "--sheet 数据\n"
    )
    assert not (workdir / "progress.toml").exists()
    chosen = run(runner, "import", book, "--sheet", "说明")
    assert chosen.stderr.startswith(f"error: {book}: sheet '说明': no column names the target")
    assert chosen.stderr.endswith("; name it with --map 'HEADER=target'\n")
    assert run(runner, "import", book, "--sheet", "数据").exit_code == 0


def test_several_or_no_other_sheets_with_a_table_are_said_so(runner: CliRunner, workdir: Path) -> None:
    several = _workbook(workdir / "two.xlsx", {"说明": COVER, "1月 数据": DATA, "2月": DATA})
    assert run(runner, "import", several).stderr.endswith(
        "; sheets '1月 数据', '2月' have one: choose with --sheet NAME\n"
    )
    one = _workbook(workdir / "one.xlsx", {"说明": COVER, "1月 数据": DATA})
    assert run(runner, "import", one).stderr.endswith("; sheet '1月 数据' has one: import it with --sheet '1月 数据'\n")
    none = _workbook(workdir / "none.xlsx", {"说明": COVER, "附件": [["备注"]]})
    assert run(runner, "import", none).stderr.endswith(
        "; nor do its other sheets ('附件'); choose one with --sheet NAME and name the column with --map\n"
    )
    data_active = _workbook(workdir / "data.xlsx", {"说明": COVER, "数据": DATA}, active=1)
    assert run(runner, "import", data_active).exit_code == 0  # the active sheet is read, as ever


def test_text_in_another_encoding_than_given_says_which_it_reads_in(runner: CliRunner, workdir: Path) -> None:
    text = "指标名称,累计,单位,截至日期\n工业总产值,950.1,亿元,2025-09\n"
    utf8 = workdir / "u.csv"
    utf8.write_text(text, encoding="utf-8")
    wrong = run(runner, "import", str(utf8), "--encoding", "gb18030")
    assert wrong.stderr == f"error: {utf8}: line 2 is not gb18030 text; it reads as UTF-8: leave out --encoding\n"
    gb = workdir / "g.csv"
    gb.write_bytes(text.encode("gb18030"))
    assert run(runner, "import", str(gb), "--encoding", "big5").stderr == (
        f"error: {gb}: line 1 is not big5 text; it reads as GB18030: give --encoding gb18030\n"
    )
    assert not (workdir / "progress.toml").exists()


def test_a_duplicate_names_when_its_twin_was_recorded_with_the_offset(runner: CliRunner, workdir: Path) -> None:
    sheet = workdir / "u.csv"
    sheet.write_text("指标名称,累计,单位,截至日期\n工业总产值,950.1,亿元,2025-09\n", encoding="utf-8")
    assert run(runner, "import", str(sheet)).exit_code == 0
    again = run(runner, "import", str(sheet)).stderr
    assert re.search(r"is already in the ledger as entry \w+ \(\S+, \d{4}-\d\d-\d\d \d\d:\d\d[+-]\d\d:\d\d\)", again)


def test_a_month_header_without_a_year_asks_for_the_date_in_one_line(runner: CliRunner, workdir: Path) -> None:
    """``1-9月累计`` and nothing that says 2025: refused once, before any row, naming the date the
    plan's year gives; the year is never guessed (a December sheet imported after the rollover
    would be filed a year late)."""
    sheet = workdir / "h.csv"
    sheet.write_text("指标名称,1-9月累计,单位\n工业总产值,950.1,亿元\n工业增加值增速,6.1,%\n", encoding="utf-8")
    result = run(runner, "import", str(sheet))
    assert result.stderr == (
        f"error: {sheet}: column '1-9月累计' (B) is for month 9, but nothing says which year (no date column, no "
        "year in the title); give --date 2025-09\n"
    )
    assert not (workdir / "progress.toml").exists()
    assert run(runner, "import", str(sheet), "--date", "2025-09").exit_code == 0
    titled = workdir / "t.csv"
    titled.write_text(
        "临平经开区2025年主要经济指标\n指标名称,1-9月累计,单位\n工业总产值,960.2,亿元\n", encoding="utf-8"
    )
    assert "as of 2025-09-30" in run(runner, "import", str(titled), "--dry-run").stdout  # the title's year


def test_a_rate_alias_row_without_a_growth_column_is_the_quantity_not_the_rate(
    runner: CliRunner, workdir: Path
) -> None:
    """规模以上工业增加值 is value-added-growth's alias for the quantity: with a growth column its
    row gives the rate there; without one, its 180.35 亿元 under 1-8月累计 was recorded as a growth
    of 180.35 %, and shown 'on schedule'."""
    sheet = workdir / "b.csv"
    sheet.write_text(
        "临平经开区2025年1-8月主要经济指标,\n指标名称,1-8月累计\n规模以上工业总产值,842.7\n规模以上工业增加值,180.35\n",
        encoding="utf-8",
    )
    result = run(runner, "import", str(sheet))
    assert result.stderr == (
        f"error: {sheet}: row 4: '规模以上工业增加值' (an alias of value-added-growth) names the quantity, not its "
        "growth rate, and the sheet has no growth column (同比增长%, 增速, ±%): 180.35 under '1-8月累计' would be "
        "recorded as a growth of 180.35%; add the growth column, name it with --map 'HEADER=growth', or write the "
        "rate's own name (工业增加值增速) in the row\n"
    )
    assert not (workdir / "progress.toml").exists()
    named = workdir / "n.csv"  # the rate's own name: its figure is the rate
    named.write_text("指标名称,1-8月累计,截至日期\n工业增加值增速,6.2,2025-08\n", encoding="utf-8")
    assert "value-added-growth = 6.2% as of 2025-08-31" in run(runner, "import", str(named), "--dry-run").stdout
    grown = workdir / "g.csv"  # the quantity's row with its growth column: the rate from there
    grown.write_text("指标名称,1-8月累计,同比增长%,截至日期\n规模以上工业增加值,180.35,6.1,2025-08\n", encoding="utf-8")
    assert "value-added-growth = 6.1% as of 2025-08-31" in run(runner, "import", str(grown), "--dry-run").stdout


def test_an_addition_given_twice_in_one_row_asks_which_one_adds(runner: CliRunner, workdir: Path) -> None:
    """A returned sheet with 9.2 as value and 3.2 as month_value for an addition: the 9.2 was
    dropped without a word. A running total beside the month's figure is fine (the month's adds),
    and so is the same figure twice."""
    sheet = workdir / "r.csv"
    sheet.write_text(
        "指标名称,本月,完成值,单位,截至日期\n新增创新空间面积,3.2,9.2,万平方米,2025-06\n", encoding="utf-8"
    )
    assert run(runner, "import", str(sheet)).stderr == (
        f"error: {sheet}: row 2: innovation-space adds up its entries, and the row gives two figures: 9.2 under "
        "'完成值' and 3.2 as the month's ('本月'); which one adds?; keep one of the two, or head the other 1—N月累计 "
        "if it is the running total\n"
    )
    run(runner, "record", "innovation-space", "6", "--date", "2025-05")  # 6 + 3.2 = the 9.2 through June
    for other in ("1-6月累计", "累计"):
        fine = workdir / "f.csv"
        fine.write_text(
            f"指标名称,本月,{other},单位,截至日期\n新增创新空间面积,3.2,9.2,万平方米,2025-06\n", encoding="utf-8"
        )
        said = run(runner, "import", str(fine), "--dry-run")
        assert "innovation-space = 3.2 万平方米 as of 2025-06-30" in said.stdout, (other, said.output)
    same = workdir / "s.csv"
    same.write_text(
        "指标名称,本月,完成值,单位,截至日期\n新增创新空间面积,3.2,3.20,万平方米,2025-06\n", encoding="utf-8"
    )
    assert "innovation-space = 3.2 万平方米" in run(runner, "import", str(same), "--dry-run").stdout


def test_a_year_in_the_header_dates_the_sheet_and_must_agree_with_its_period(runner: CliRunner, workdir: Path) -> None:
    """``2025年1-8月累计`` says its year: with nothing else to say the period it dates the rows
    (it used to be refused as naming no year); ``2024年1-8月累计`` under a 2025 title is last
    year's column, passed over for comparison, so the sheet is refused as having no figure (it
    used to be filed as 2025's)."""
    dated = workdir / "y.csv"
    dated.write_text("指标名称,2025年1-8月累计,单位\n工业总产值,842.7,亿元\n", encoding="utf-8")
    assert "industrial-output = 842.7 亿元 as of 2025-08-31" in run(runner, "import", str(dated), "--dry-run").stdout
    last = workdir / "l.csv"
    last.write_text(
        "临平经开区2025年1-8月主要经济指标,,\n指标名称,2024年1-8月累计,单位\n工业总产值,817.4,亿元\n", encoding="utf-8"
    )
    result = run(runner, "import", str(last))
    assert result.stderr.splitlines()[-1] == (
        f"error: {last}: no row has a figure: '2024年1-8月累计' (B) is 2024's figure, not 2025's, for comparison; add "
        "the column of figures (1—N月累计, or 同比增长% for a rate), or record them with `tracker record`"
    )
    plain = workdir / "p.csv"
    plain.write_text("指标名称,2024年1-8月累计,单位\n工业总产值,817.4,亿元\n", encoding="utf-8")
    assert run(runner, "import", str(plain), "--date", "2025-08").stderr.startswith(
        f"error: {plain}: column '2024年1-8月累计' (B) is for 2024, but --date says 2025"
    )
    assert not (workdir / "progress.toml").exists()


GLOSSARY = [["填报说明"], ["一、请于每月5日前报送"], ["字段", "说明"], ["指标名称", "按统计局口径填写"],
            ["1-8月累计", "单位亿元，保留两位小数"]]  # fmt: skip
FIGURES = [["2025年1-8月"], ["指标名称", "1-8月累计(亿元)"], ["规模以上工业总产值", 842.7]]


def test_a_glossary_left_active_names_the_sheet_of_figures(runner: CliRunner, workdir: Path) -> None:
    """The trial's g1: the active sheet 填报说明 holds a ``字段 | 说明`` table whose rows name
    headers (指标名称), so it has a header of its own; the figures are on 数据. The refusal
    names 数据, never a --map of the glossary's 说明 column."""
    book = _workbook(workdir / "g1.xlsx", {"填报说明": GLOSSARY, "数据": FIGURES})
    result = run(runner, "import", book, "--dry-run")
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.splitlines()[-1] == (
        f"error: {book}: sheet '填报说明' (active when the workbook was saved) has no row with a figure for a target "
        "of the plan; sheet '数据' has one: import it with --sheet 数据"
    )
    assert "--map" not in result.stderr
    done = run(runner, "import", book, "--sheet", "数据", "--dry-run")
    assert done.stdout.startswith("row 3: industrial-output = 842.7 亿元 as of 2025-08-31")


def test_an_active_sheet_naming_no_target_names_the_sheet_that_does(runner: CliRunner, workdir: Path) -> None:
    """Rows with figures that name no target of the plan, on the sheet left active, and the
    plan's rows on another: one line naming that sheet, with or without --skip-unknown; when the
    active sheet's rows name targets, their own problems are the message."""
    other = [["2025年1-8月"], ["指标名称", "1-8月累计(亿元)"], ["社会消费品零售总额", 300.5]]
    book = _workbook(workdir / "two.xlsx", {"其他": other, "数据": FIGURES, "备份": FIGURES})
    said = (
        f"error: {book}: sheet '其他' (active when the workbook was saved) has no row with a figure for a target of "
        "the plan; sheets '数据', '备份' have one: choose with --sheet NAME\n"
    )
    assert run(runner, "import", book).stderr == said
    assert run(runner, "import", book, "--skip-unknown").stderr.endswith(said)
    bad = [["2025年1-8月"], ["指标名称", "1-8月累计(亿元)"], ["规模以上工业总产值", "八百"]]
    own = run(runner, "import", _workbook(workdir / "bad.xlsx", {"bad": bad, "数据": FIGURES}))
    assert own.exit_code == ExitCode.ERROR and "row 3" in own.stderr and "--sheet" not in own.stderr
    assert not (workdir / "progress.toml").exists()


def test_an_empty_sheet_is_never_named_as_having_a_table(runner: CliRunner, workdir: Path) -> None:
    """The trial's g3: a cover sheet 说明, the figures on 数据 and an empty Sheet2 (as Excel
    leaves one): only 数据 is named; a sheet holding a header alone has no table either."""
    book = _workbook(workdir / "g3.xlsx", {"说明": [["说明"]], "数据": FIGURES, "Sheet2": [], "表头": [FIGURES[1]]})
    assert run(runner, "import", book).stderr.endswith("; sheet '数据' has one: import it with --sheet 数据\n")


def test_an_active_sheet_with_a_header_alone_or_empty_names_the_sheet_with_rows(
    runner: CliRunner, workdir: Path
) -> None:
    """A glossary whose ``字段 | 说明`` table is a header alone (指标名称 | 按统计局口径填写), or an
    empty sheet left active, in an .xlsx and in an .xls: the refusal names the sheet with rows."""
    import xlwt

    glossary = [["填报说明"], ["指标名称", "按统计局口径填写"]]
    book = _workbook(workdir / "head.xlsx", {"填报说明": glossary, "空": [], "数据": FIGURES})
    assert run(runner, "import", book).stderr == (
        f"error: {book}: sheet '填报说明' (active when the workbook was saved): no rows of figures under the header "
        "(指标名称, 按统计局口径填写); sheet '数据' has one: import it with --sheet 数据\n"
    )
    empty = _workbook(workdir / "empty.xlsx", {"空": [], "数据": FIGURES})
    assert run(runner, "import", empty).stderr == (
        f"error: {empty}: sheet '空' (active when the workbook was saved): the sheet is empty; it needs a header row "
        "and rows of figures; sheet '数据' has one: import it with --sheet 数据\n"
    )
    old = xlwt.Workbook()
    for title, rows in {"填报说明": glossary, "Sheet2": [], "数据": FIGURES}.items():
        sheet = old.add_sheet(title)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
    old.save(str(workdir / "g1.xls"))
    assert run(runner, "import", "g1.xls").stderr.endswith("; sheet '数据' has one: import it with --sheet 数据\n")
