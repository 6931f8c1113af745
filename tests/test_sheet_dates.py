"""The as-of date of a sheet as bureaus publish it (issue 14, the new-user trial's items 3, 5, 7).

A month typed in Excel (``2025年8月``) is stored as the 1st with a month-only format, and means
the month: its end, as the text does. A day in a corner or in a ``时间：`` row is when the sheet
was filled in, not its period. A date column, ``--date`` and the title must agree with the
month a figure column's header (or the title) names. A number is never a date. A year-to-date
figure (the title says 1—N月) is never added up as one month's addition.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import xlsx, xlsx_formats
from ledger.dates import month_end
from ledger.sheet_dates import sheet_date

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

# Month-only formats as Excel (en and zh-CN), WPS and LibreOffice write them, custom codes …
MONTH_CODES = [
    'yyyy"年"m"月"', 'yyyy"年"mm"月"', '[$-804]yyyy"年"m"月"', '[$-804]yyyy"年"m"月";@', '[DBNum1][$-804]yyyy"年"m"月"',
    '[DBNum1]yyyy"年"m"月"', 'yy"年"m"月"', 'e"年"m"月"', "yyyy年m月", "[$-804]yyyy年m月", "YYYY\"年\"M\"月\"",
    "yyyy-mm", "yyyy-m", "yyyy/mm", "yyyy/m", "yyyy.mm", "yyyy.m", "yyyy\\-mm", "yyyy/mm;@", "mmm-yy", "mmmm-yy",
    "mmm yyyy", "mmmm yyyy", "mmmm\\ yyyy", "[$-409]mmm-yy;@", "[$-409]mmmm-yy;@", "[$-409]mmmmm-yy;@",
    "mmm\\-yy", "mm/yyyy", "m/yyyy", "mm-yyyy", "mm.yyyy", 'm"月"', 'mm"月"', "[$-F800]yyyy\"年\"m\"月\"",
]  # fmt: skip
# … and the built-in ids that show a month (written without a code): mmm-yy, and yyyy"年"m"月" in zh-CN.
MONTH_IDS = [17, 27, 36, 50, 52, 57]
# Formats with a day (or a time) stay dates of that day.
DAY_CODES = [
    "yyyy-mm-dd", 'yyyy"年"m"月"d"日"', "[$-804]yyyy年m月d日", "m/d/yyyy", "d-mmm-yy", "dd/mm/yyyy", "yyyy/m/d",
    'm"月"d"日"', "yyyy-mm-dd h:mm:ss", "yyyy/m/d h:mm", 'yyyy"年"m"月"d"日" aaaa', "yyyy.mm.dd", "mmm d, yyyy",
]  # fmt: skip
DAY_IDS = [14, 15, 16, 22, 28, 29, 30, 31, 58]


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def entries() -> list[dict[str, Any]]:
    out = run("export", "--format", "jsonl")
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def raw_book(rows: list[list[tuple[str, Any, int | None]]], codes: dict[int, str]) -> bytes:
    """An .xlsx of ``rows`` of ``(kind, value, style)`` cells (kind ``s`` text, ``n`` number),
    styles ``codes`` (numFmtId → code; a built-in id maps to itself without a code)."""
    ids = sorted({s for r in rows for _, _, s in r if s is not None})
    fmts = "".join(f'<numFmt numFmtId="{i}" formatCode="{c.replace(chr(34), "&quot;")}"/>' for i, c in codes.items())
    xfs = '<xf numFmtId="0"/>' + "".join(f'<xf numFmtId="{i}" applyNumberFormat="1"/>' for i in ids)
    styles = f'<styleSheet xmlns="{_MAIN}"><numFmts>{fmts}</numFmts><cellXfs>{xfs}</cellXfs></styleSheet>'
    body = []
    for r, cells in enumerate(rows, 1):
        out = []
        for c, (kind, value, style) in enumerate(cells):
            ref = f"{chr(65 + c)}{r}"
            s = f' s="{ids.index(style) + 1}"' if style is not None else ""
            if value is None:
                continue
            if kind == "s":
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
            else:
                out.append(f'<c r="{ref}"{s}><v>{value}</v></c>')
        body.append(f'<row r="{r}">{"".join(out)}</row>')
    sheet = f'<worksheet xmlns="{_MAIN}"><sheetData>{"".join(body)}</sheetData></worksheet>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("_rels/.rels", f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')  # fmt: skip
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')  # fmt: skip
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>',
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        z.writestr("xl/styles.xml", styles)
    return buf.getvalue()


def serial(day: date) -> int:
    return (day - date(1899, 12, 30)).days


# ---- item 3: a month typed in Excel means the month ------------------------------------------


def test_a_month_typed_in_excel_is_the_months_end(workdir: Path) -> None:
    """The trial's c40: 截至日期 typed 2025年8月 (stored 2025-08-01, shown yyyy"年"m"月") beside
    1-8月累计 842.7 and 本月 112.4; and c41: the same month in a cell above the header."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["指标名称", "截至日期", "1-8月累计", "本月", "单位"])
    ws.append(["工业总产值", datetime(2025, 8, 1), 842.7, 112.4, "亿元"])
    ws.append(["新增创新空间面积", datetime(2025, 8, 1), None, 0.8, "万平方米"])
    ws["B2"].number_format = ws["B3"].number_format = 'yyyy"年"m"月"'
    book.save(workdir / "c40.xlsx")
    done = run("import", "c40.xlsx")
    assert done.exit_code == 0, done.stderr
    got = [(e["target"], e["date"], e["value"], e.get("month_value")) for e in entries()]
    assert got == [("industrial-output", "2025-08-31", 842.7, 112.4), ("innovation-space", "2025-08-31", 0.8, None)]

    book = Workbook()
    ws = book.active
    ws.append(["临平经开区主要经济指标"])
    ws.append([None, None, datetime(2025, 9, 1)])
    ws["C2"].number_format = "mmm-yy"
    ws.append(["指标名称", "单位", "本年累计"])
    ws.append(["规模以上工业总产值", "亿元", 950.2])
    book.save(workdir / "c41.xlsx")
    shown = run("import", "c41.xlsx", "--dry-run")
    assert shown.exit_code == 0, shown.stderr
    assert "row 4: industrial-output = 950.2 亿元 as of 2025-09-30" in shown.stdout


def test_a_date_with_a_day_stays_that_day(workdir: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["指标名称", "截至日期", "数值"])
    ws.append(["新增创新空间面积", datetime(2025, 8, 20), 0.8])
    ws["B2"].number_format = 'yyyy"年"m"月"d"日"'
    book.save(workdir / "day.xlsx")
    assert run("import", "day.xlsx").exit_code == 0
    assert [e["date"] for e in entries()] == ["2025-08-20"]


def test_every_month_format_reads_as_its_month_and_every_day_format_as_its_day() -> None:
    """One workbook, a row per format: custom codes (Excel, WPS, LibreOffice) and built-in ids."""
    codes = {164 + i: c for i, c in enumerate(MONTH_CODES + DAY_CODES)}
    day = date(2025, 2, 14)
    rows = [[("s", "指标名称", None), ("s", "截至日期", None)]]
    styles = [*codes, *MONTH_IDS, *DAY_IDS]
    rows += [[("s", f"r{i}", None), ("n", serial(day), s)] for i, s in enumerate(styles)]
    grid = xlsx.read("f.xlsx", raw_book(rows, codes), None)
    read = {s: grid.rows[i + 1][1][2] for i, s in enumerate(styles)}
    months = [s for s in styles if s in MONTH_IDS or codes.get(s) in MONTH_CODES]
    assert len(months) == len(MONTH_CODES) + len(MONTH_IDS)
    for s in styles:
        want = "2025年2月" if s in months else datetime(2025, 2, 14)
        assert read[s] == want, (s, codes.get(s))
        assert sheet_date(read[s], None) == (date(2025, 2, 28) if s in months else day)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(MONTH_CODES + DAY_CODES),
    st.dates(date(1901, 1, 1), date(2099, 12, 31)),
    st.sampled_from(["", "[Red]", "[$-804]", "[DBNum1]"]),
    st.sampled_from(["", ";@", ";;", ';"-"']),
)
def test_month_formats_mean_the_months_end(code: str, day: date, prefix: str, sections: str) -> None:
    """Whatever the day stored, a month-only format means the month's end; a format with a day
    means that day. A locale or colour prefix and further sections change neither."""
    full = prefix + code + sections
    month_only = code in MONTH_CODES
    assert xlsx_formats.is_month_format(full) is month_only
    assert xlsx_formats.is_date_format(full)
    grid = xlsx.read("p.xlsx", raw_book([[("n", serial(day), 164)]], {164: full}), None)
    value = grid.rows[0][1][1]
    if month_only:
        assert value == f"{day.year}年{day.month}月"
        assert sheet_date(value, None) == month_end(day.year, day.month)
    else:
        assert value == datetime(day.year, day.month, day.day)


@pytest.mark.parametrize("code", ["[h]:mm", "mm:ss", "[mm]:ss", "h:mm AM/PM", "yyyy", 'yyyy"年"', "aaa", "General",
                                  '0.0"月"', "0.00\\m", "#,##0_m", "[m]"])  # fmt: skip
def test_no_month_in_times_years_and_numbers(code: str) -> None:
    assert not xlsx_formats.is_month_format(code)


def test_a_month_format_in_an_xls(workdir: Path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("8月")
    for c, text in enumerate(["指标名称", "截至日期", "1-8月累计"]):
        ws.write(0, c, text)
    ws.write(1, 0, "工业总产值")
    ws.write(1, 1, datetime(2025, 8, 1), xlwt.easyxf(num_format_str='yyyy"年"m"月"'))
    ws.write(1, 2, 842.7)
    ws.write(2, 0, "新增创新空间面积")
    ws.write(2, 1, datetime(2025, 8, 1) + timedelta(days=9), xlwt.easyxf(num_format_str="yyyy-mm-dd"))
    ws.write(2, 3, 0.8)
    ws.write(0, 3, "本月")
    book.save(str(workdir / "m.xls"))
    done = run("import", "m.xls")
    assert done.exit_code == 0, done.stderr
    # 2025-08-10 lies within the month the 1-8月累计 header names: the figures run through its end
    assert [(e["target"], e["date"]) for e in entries()] == [
        ("industrial-output", "2025-08-31"),
        ("innovation-space", "2025-08-31"),
    ]


# ---- item 5: the period, the day the sheet was filled in, and dates that contradict it ---------


def _time_row_book(path: Path, title: str, corner: Any, fmt: str | None = None) -> None:
    """The trial's c03: a title, 填报单位 and a 时间 cell in the row above the header."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append([title])
    ws.append(["填报单位：区统计局", None, None, corner])
    if fmt:
        ws["D2"].number_format = fmt
    ws.append(["指标名称", "单位", "累计", "本月"])
    ws.append(["规模以上工业总产值", "亿元", 842.7, 112.4])
    book.save(path)


def test_a_time_row_is_when_the_sheet_was_filled_in(workdir: Path) -> None:
    _time_row_book(workdir / "c03.xlsx", "临平经开区主要经济指标完成情况", "时间：2025年9月5日")
    refused = run("import", "c03.xlsx")
    assert refused.exit_code == 1
    assert refused.stderr == (
        "error: c03.xlsx: cell D2 says 2025-09-05, which is when the sheet was filled in, not the period its "
        "figures are for, and nothing else says the period (no date column, no month in the title or headers); "
        "give --date YYYY-MM, the month the figures are for, or add a 截至日期 column\n"
    )
    assert not (workdir / "progress.toml").exists()
    assert run("import", "c03.xlsx", "--date", "2025-08").exit_code == 0
    assert [(e["date"], e["value"], e["month_value"]) for e in entries()] == [("2025-08-31", 842.7, 112.4)]


def test_a_title_gives_the_period_and_the_day_in_the_corner_is_passed_over(workdir: Path) -> None:
    _time_row_book(workdir / "t.xlsx", "临平经开区2025年1-8月主要经济指标", datetime(2025, 9, 5), "yyyy-mm-dd")
    shown = run("import", "t.xlsx", "--dry-run")
    assert shown.exit_code == 0, shown.stderr
    assert "row 4: industrial-output = 842.7 亿元 as of 2025-08-31" in shown.stdout
    assert "date: the title '临平经开区2025年1-8月主要经济指标'" in shown.stdout


def test_a_title_month_without_a_year_takes_the_year_of_the_report_day(workdir: Path) -> None:
    """The trial's c26: the title says (1-8月) and no year; 2025年9月5日 in the corner is when the
    sheet was filled in: August of 2025 had ended by then, so the year is 2025."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "报表"
    ws.append(["临平经开区主要经济指标（1-8月）", None, None, "2025年9月5日"])
    ws.append(["指标名称", "单位", "本年累计", "本月"])
    ws.append(["规模以上工业总产值", "亿元", 842.7, 112.4])
    book.save(workdir / "c26.xlsx")
    shown = run("import", "c26.xlsx", "--dry-run")
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout.startswith(
        "row 3: industrial-output = 842.7 亿元 as of 2025-08-31 — figure: column '本年累计' (C3); unit: 单位 cell "
        "(B3); a running total (1—N月累计); 本月 112.4 亿元: column '本月' (D3); date: the month in the title "
        "'临平经开区主要经济指标（1-8月）' and the year in cell D1 (filled in 2025-09-05);"
    )
    # With nothing else saying the year, the plan's is never taken: --date is asked for.
    ws["D1"] = None
    book.save(workdir / "c26.xlsx")
    refused = run("import", "c26.xlsx")
    assert refused.stderr == (
        "error: c26.xlsx: the title '临平经开区主要经济指标（1-8月）' is for month 8, but nothing says which year (no "
        "date column, no year in the title); give --date 2025-08\n"
    )
    # December's sheet filled in in January: which December is not guessed.
    ws["A1"], ws["D1"] = "临平经开区主要经济指标（1-12月）", "2026年1月10日"
    book.save(workdir / "c26.xlsx")
    assert "is for month 12, but nothing says which year" in run("import", "c26.xlsx").stderr
    assert not (workdir / "progress.toml").exists()


def test_a_date_column_against_the_header_month(workdir: Path) -> None:
    """The trial's c31b: 2025-09 under 1-8月累计, refused as --date 2025-09 is."""
    (workdir / "c31b.csv").write_text(
        "指标名称,截至日期,1-8月累计,单位\n工业总产值,2025-09,842.7,亿元\n", encoding="utf-8"
    )
    refused = run("import", "c31b.csv")
    assert refused.exit_code == 1
    assert refused.stderr == (
        "error: c31b.csv: row 2: the date column (B2) says 2025-09 but column '1-8月累计' (C) is for month 8; "
        "which is it? correct the date or the sheet\n"
    )
    assert not (workdir / "progress.toml").exists()


def test_date_against_the_title(workdir: Path) -> None:
    """The trial's c39: the title says 2025年1-7月, --date 2025-08."""
    text = "临平经开区2025年1-7月主要经济指标,,,\n指标名称,单位,累计,本月\n规模以上工业总产值,亿元,730.3,102.0\n"
    (workdir / "c39.csv").write_text(text, encoding="utf-8")
    refused = run("import", "c39.csv", "--date", "2025-08")
    assert refused.stderr == (
        "error: c39.csv: the title '临平经开区2025年1-7月主要经济指标' says 2025-07 but --date says 2025-08; "
        "give --date 2025-07, or correct the sheet\n"
    )
    assert run("import", "c39.csv", "--date", "2025-07").exit_code == 0
    assert [e["date"] for e in entries()] == ["2025-07-31"]


def test_a_number_in_the_date_column_is_never_a_date(workdir: Path) -> None:
    """The trial's c23b: 截至日期 typed 2025.10 in Excel is stored as the number 2025.1."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["指标名称", "截至日期", "1-10月累计", "单位"])
    ws.append(["工业增加值增速", 2025.1, 5.9, "%"])
    book.save(workdir / "c23b.xlsx")
    refused = run("import", "c23b.xlsx")
    assert refused.stderr == (
        "error: c23b.xlsx: row 2: column '截至日期' (B2) holds the number 2025.1, not a date (Excel keeps 2025.10 "
        "typed as a number as 2025.1); type it as text or as a date\n"
    )
    ws["B2"] = "2025.10"
    book.save(workdir / "c23b.xlsx")
    assert run("import", "c23b.xlsx").exit_code == 0
    assert [e["date"] for e in entries()] == ["2025-10-31"]


_SOURCES = ["the date column", "--date", "the title"]


def _sheet(source: str, header_month: int | None, said: int) -> tuple[str, list[str]]:
    """A CSV whose figure column names ``header_month`` (or no month), and whose period
    ``source`` says month ``said`` of 2025; the import's extra arguments."""
    header = f"1-{header_month}月累计" if header_month else "累计"
    if source == "the date column":
        return f"指标名称,截至日期,{header}\n工业总产值,2025-{said:02d},842.7\n", []
    if source == "--date":
        return f"指标名称,{header}\n工业总产值,842.7\n", ["--date", f"2025-{said:02d}"]
    return f"临平经开区2025年{said}月主要经济指标,\n指标名称,{header}\n工业总产值,842.7\n", []


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(st.sampled_from(_SOURCES), st.integers(1, 12), st.integers(1, 12))
def test_every_date_against_every_header_month(workdir: Path, source: str, header: int, said: int) -> None:
    """A date column, --date or the title against a 1—N月 header: the same month imports, dated
    its end; another is refused in one line naming both, with nothing written."""
    text, args = _sheet(source, header, said)
    (workdir / "s.csv").write_text(text, encoding="utf-8")
    shown = run("import", "s.csv", "--dry-run", *args)
    if header == said:
        assert shown.exit_code == 0, shown.stderr
        assert f"as of {month_end(2025, said)}" in shown.stdout
    else:
        assert shown.exit_code == 1
        lines = shown.stderr.splitlines()
        assert len(lines) == 1 and f"1-{header}月累计" in lines[0] and f"month {header}" in lines[0]
        assert "which is it?" in lines[0] or f"give --date 2025-{header:02d}" in lines[0]
        assert f"2025-{said:02d}" in lines[0]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(st.integers(1, 12), st.integers(1, 12), st.booleans())
def test_every_date_column_against_every_title_month(workdir: Path, title: int, said: int, ranged: bool) -> None:
    period = f"1-{title}月" if ranged else f"{title}月"
    text = f"临平经开区2025年{period}主要经济指标,,\n指标名称,截至日期,累计\n工业总产值,2025-{said:02d},842.7\n"
    (workdir / "s.csv").write_text(text, encoding="utf-8")
    shown = run("import", "s.csv", "--dry-run")
    if title == said:
        assert shown.exit_code == 0, shown.stderr
    else:
        assert shown.stderr == (
            f"error: s.csv: row 3: the date column (B3) says 2025-{said:02d} but the title "
            f"'临平经开区2025年{period}主要经济指标' says 2025-{title:02d}; which is it? correct the date or the sheet\n"
        )


_FILLED = [
    "时间：{y}年{m}月{d}日", "时间:{y}年{m}月{d}日", "日期：{y}年{m}月{d}日", "填报日期：{y}年{m}月{d}日",
    "填报时间：{y}-{m:02d}-{d:02d}", "报送日期：{y}/{m}/{d}", "制表日期：{y}.{m}.{d}", "{y}年{m}月{d}日", "{y}-{m:02d}-{d:02d}",
    "{y}/{m}/{d}", "{y}.{m:02d}.{d:02d}",
]  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(st.sampled_from(_FILLED), st.dates(date(2025, 1, 1), date(2025, 12, 31)), st.booleans())
def test_a_filled_in_day_is_never_the_period(workdir: Path, form: str, day: date, titled: bool) -> None:
    """Every form of the day a sheet was filled in: with a title naming the period, the title's
    period; with nothing else, refused asking for --date."""
    corner = form.format(y=day.year, m=day.month, d=day.day)
    title = "临平经开区2025年1-6月主要经济指标" if titled else "临平经开区主要经济指标"
    (workdir / "f.csv").write_text(f"{title},,{corner}\n指标名称,单位,累计\n工业总产值,亿元,628.3\n", encoding="utf-8")
    shown = run("import", "f.csv", "--dry-run")
    if titled:
        assert shown.exit_code == 0, shown.stderr
        assert "as of 2025-06-30" in shown.stdout
    else:
        assert shown.stderr == (
            f"error: f.csv: cell C1 says {day}, which is when the sheet was filled in, not the period its figures are "
            "for, and nothing else says the period (no date column, no month in the title or headers); give --date "
            "YYYY-MM, the month the figures are for, or add a 截至日期 column\n"
        )


@pytest.mark.parametrize("title", ["主要经济指标（1-8月）", "主要经济指标(1—8月)", "主要经济指标1-8月完成情况",
                                   "主要经济指标（8月）", "主要经济指标（8月份）", "主要经济指标 1至8月"])  # fmt: skip
@pytest.mark.parametrize("year_from", ["filled", "title", "none"])
def test_a_title_month_without_its_year(workdir: Path, title: str, year_from: str) -> None:
    if year_from == "title":
        title = "临平经开区2025年" + title
    corner = "填报日期：2025年9月5日" if year_from == "filled" else ""
    (workdir / "y.csv").write_text(f"{title},,{corner}\n指标名称,单位,累计\n工业总产值,亿元,842.7\n", encoding="utf-8")
    shown = run("import", "y.csv", "--dry-run")
    if year_from == "none":
        assert shown.exit_code == 1
        assert "is for month 8, but nothing says which year" in shown.stderr and "give --date 2025-08" in shown.stderr
    else:
        assert shown.exit_code == 0, shown.stderr
        assert "as of 2025-08-31" in shown.stdout
    assert run("import", "y.csv", "--date", "2025-07").exit_code == 1  # the title's month, never another


# ---- item 7: a year-to-date figure for an increment target --------------------------------------


def test_a_year_to_date_figure_for_an_increment_is_refused(workdir: Path) -> None:
    """The trial's c08: 科技局2025年1-8月新增创新空间完成情况, 完成值 20.5 万平方米."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["科技局2025年1-8月新增创新空间完成情况"])
    ws.append(["指标名称", "单位", "完成值"])
    ws.append(["新增创新空间面积", "万平方米", 20.5])
    book.save(workdir / "c08.xlsx")
    refused = run("import", "c08.xlsx")
    assert refused.stderr == (
        "error: c08.xlsx: row 3: innovation-space adds up its entries (kind increment), but 20.5 is under '完成值', "
        "a 1—8月 running total, as the title says; give the month's own figure in the 本月 column, or make the "
        'target kind = "total" in the plan if it is published as a running total and holds no additions yet\n'
    )
    assert not (workdir / "progress.toml").exists()


@pytest.mark.parametrize(
    "title",
    ["2025年1-8月新增创新空间完成情况", "2025年1—8月", "2025年上半年", "2025年前三季度", "2025年全年", "（1-8月）"],
)
@pytest.mark.parametrize("header", ["完成值", "完成", "数值", "新增", "新增面积", "实际完成", "绝对值"])
def test_every_ytd_title_and_figure_column(workdir: Path, title: str, header: str) -> None:
    """Whatever the title's range and the column's name, a figure under a 1—N月 title is a
    running total: refused for an increment, read as one (dated its month) for a total; a 本月
    column beside it is the month's addition."""
    corner = "填报日期：2025年12月31日"
    (workdir / "i.csv").write_text(
        f"{title},,,{corner}\n指标名称,单位,{header},本月\n新增创新空间面积,万平方米,20.5,\n工业总产值,亿元,842.7,\n",
        encoding="utf-8",
    )
    refused = run("import", "i.csv", "--dry-run")
    assert refused.exit_code == 1
    assert (
        f"row 3: innovation-space adds up its entries (kind increment), but 20.5 is under '{header}'" in refused.stderr
    )
    (workdir / "i.csv").write_text(
        f"{title},,,{corner}\n指标名称,单位,{header},本月\n新增创新空间面积,万平方米,,0.8\n工业总产值,亿元,842.7,\n",
        encoding="utf-8",
    )
    shown = run("import", "i.csv", "--dry-run")
    assert shown.exit_code == 0, shown.stderr
    assert "innovation-space = 0.8 万平方米" in shown.stdout
    assert "industrial-output = 842.7 亿元 as of 2025-" in shown.stdout and "a running total" in shown.stdout


def test_a_months_title_is_no_running_total(workdir: Path) -> None:
    title = "2025年8月新增创新空间完成情况"
    (workdir / "m.csv").write_text(f"{title},\n指标名称,完成值\n新增创新空间面积,0.8\n", encoding="utf-8")
    shown = run("import", "m.csv", "--dry-run")
    assert shown.exit_code == 0, shown.stderr
    assert "innovation-space = 0.8 万平方米" in shown.stdout


def test_a_text_beside_an_additions_month_figure_is_no_traceback(workdir: Path) -> None:
    (workdir / "t.csv").write_text(
        "指标名称,数值,本月,截至日期\n新增创新空间面积,推进中,12.5,2025-06-30\n", encoding="utf-8"
    )
    result = run("import", "t.csv")
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("cells", "as_of"),
    [
        (["截至2025年6月30日"], "2025-06-30"),
        (["统计时间：2025年6月30日"], "2025-06-30"),
        (["截至日期：", "2025-06-30"], "2025-06-30"),
        (["截至日期", datetime(2025, 6, 30)], "2025-06-30"),
        (["数据截至：", datetime(2025, 6, 20)], "2025-06-20"),
        (["时间：2025年6月"], "2025-06-30"),
        (["2025年6月"], "2025-06-30"),
    ],
)
def test_an_as_of_day_is_the_period(workdir: Path, cells: list[Any], as_of: str) -> None:
    """A day introduced as the as-of date (截至, 统计时间, a 截至日期 label on its left) is the
    period; so is a month, whatever introduces it."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["临平经开区主要经济指标"])
    ws.append([None, *cells])
    ws.append(["指标名称", "单位", "累计"])
    ws.append(["规模以上工业总产值", "亿元", 628.3])
    book.save(workdir / "a.xlsx")
    shown = run("import", "a.xlsx", "--dry-run")
    assert shown.exit_code == 0, shown.stderr
    assert f"row 4: industrial-output = 628.3 亿元 as of {as_of}" in shown.stdout


def test_a_note_above_the_header_names_no_year(workdir: Path) -> None:
    """注：2024年同期数据已调整 is not the sheet's year: the header's month still asks for --date."""
    text = "注：2024年同期数据已调整,\n指标名称,1-8月累计\n工业总产值,842.7\n"
    (workdir / "n.csv").write_text(text, encoding="utf-8")
    refused = run("import", "n.csv")
    assert "is for month 8, but nothing says which year" in refused.stderr


def test_a_title_month_against_a_month_cell(workdir: Path) -> None:
    """(1-7月) in the title and 2025年8月 in a cell: two periods, refused; (1-8月) takes the cell's year."""
    for title, ok in (("主要经济指标（1-7月）", False), ("主要经济指标（1-8月）", True)):
        text = f"{title},2025年8月\n指标名称,累计\n工业总产值,842.7\n"
        (workdir / "m.csv").write_text(text, encoding="utf-8")
        shown = run("import", "m.csv", "--dry-run")
        if ok:
            assert "as of 2025-08-31" in shown.stdout, shown.stderr
        else:
            assert shown.stderr == (
                f"error: m.csv: the sheet names two periods (cell B1 says 2025-08-31; the title '{title}' says "
                "month 7); which is it? correct the sheet\n"
            )


@pytest.mark.parametrize("code", ["yyyy", 'yyyy"年"', "[$-804]yyyy年", "yy", "yyyy;@"])
def test_a_date_shown_as_a_year_is_no_as_of_date(workdir: Path, code: str) -> None:
    """A cell showing only a year (2025) reads as that year's text, never as the day stored
    (2025-01-01): refused in the date column; above the header it gives the year."""
    from openpyxl import Workbook

    assert xlsx_formats.is_year_format(code) and not xlsx_formats.is_month_format(code)
    book = Workbook()
    ws = book.active
    ws.append(["指标名称", "截至日期", "累计"])
    ws.append(["工业总产值", datetime(2025, 1, 1), 842.7])
    ws["B2"].number_format = code
    book.save(workdir / "y.xlsx")
    refused = run("import", "y.xlsx")
    assert refused.exit_code == 1 and refused.stderr == (
        "error: y.xlsx: row 2: column '截至日期' (B2): '2025年' is not a date; "
        "use 2025-06-30, 2025-06, 2025年6月, 2025年6月末 or 2025Q2\n"
    )
    book = Workbook()
    ws = book.active
    ws.append([datetime(2025, 1, 1)])
    ws["A1"].number_format = code
    ws.append(["指标名称", "1-8月累计"])
    ws.append(["工业总产值", 842.7])
    book.save(workdir / "t.xlsx")
    shown = run("import", "t.xlsx", "--dry-run")
    assert "as of 2025-08-31" in shown.stdout, shown.stderr


def test_a_bare_month_in_a_line_above_is_no_period(workdir: Path) -> None:
    (workdir / "b.csv").write_text(
        "3月份起口径调整,\n指标名称,累计,截至日期\n工业总产值,842.7,2025-08-31\n", encoding="utf-8"
    )
    shown = run("import", "b.csv", "--dry-run")
    assert shown.exit_code == 0, shown.stderr
    assert "as of 2025-08-31" in shown.stdout


_PIECES = ["2025", "年", "8", "1", "-", "—", "至", "月", "份", "日", "5", "（", "）", "(", ")", "时间", "：", "截至", "填报日期",
           "注", "上半年", "前三季度", "全年", ".", "/", " ", "13", "0", "指标"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join), min_size=1, max_size=3))
def test_any_text_above_the_header_reads_or_is_refused_in_one_line(texts: list[str]) -> None:
    """Whatever date-like text stands above the table, reading it gives a period that is a
    month's end or a stated day, or refuses with a LayoutError: never another exception."""
    from ledger.importing import read_table
    from ledger.table import LayoutError

    lines = "".join(f'"{t}",\n' for t in texts if t.strip())
    data = f"{lines}指标名称,累计\n工业总产值,842.7\n".encode()
    try:
        table = read_table("p.csv", data, "csv")
    except LayoutError:
        return
    if table.period is not None:
        assert table.period_from
    if table.month is not None:
        assert 1 <= table.month[0] <= 12 and table.period is None
