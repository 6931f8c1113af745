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
from ledger import xlsx
from ledger.dates import month_end
from ledger.importing import sheet_date

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
    assert xlsx.is_month_format(full) is month_only
    assert xlsx.is_date_format(full)
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
    assert not xlsx.is_month_format(code)


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
    assert [(e["target"], e["date"]) for e in entries()] == [
        ("industrial-output", "2025-08-31"),
        ("innovation-space", "2025-08-10"),
    ]
