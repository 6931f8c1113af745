"""Build the sheet corpus: sheets as statistics bureaus and departments publish them, each with
the entries it must give (worked out by hand from the cells) or the one-line refusal it must get.

Run `.venv/bin/python tests/sheets/build.py OUT` to write the files and `expected.json` into OUT
for a look in Excel; `tests/test_sheets.py` builds them in a temporary folder and imports each
into the shipped plan. Every figure here is illustrative, not a statistic.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any


@dataclass
class Case:
    """One sheet: ``file`` to write, ``args`` for ``tracker import`` after the file name, and
    either ``entries`` (each a dict of the fields that must match, values as text) or
    ``refusal`` (the one line the error must be, after ``error: ``)."""

    name: str
    file: str
    make: Callable[[Path], None]
    args: list[str] = field(default_factory=list)
    entries: list[dict[str, Any]] = field(default_factory=list)
    refusal: str | None = None
    stderr: list[str] = field(default_factory=list)  # notes that must be on stderr


def _csv(text: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    return lambda path: path.write_bytes(text.encode(encoding))


def _book(fill: Callable[[Any], None]) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        from openpyxl import Workbook

        book = Workbook()
        fill(book)
        book.save(path)

    return make


def _bureau_xlsx(book: Any) -> None:
    """The bureau's 1–3月 table: a title, a 单位 line, a date cell, a header of two rows merged
    over 绝对值 | 同比增长%, section rows, 其中 rows, numbers stored as text, growth as percent
    cells, a full-width figure, — for no figure, a note row at the bottom."""
    ws = book.active
    ws.title = "1-3月"
    ws.append(["临平经开区2025年1-3月主要经济指标"])
    ws.merge_cells("A1:D1")
    ws.append([None, None, None, "2025年3月"])
    ws.append(["指标名称", "单位", "1-3月", None])
    ws.append([None, None, "绝对值", "同比增长%"])
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    ws.merge_cells("C3:D3")
    ws.append(["一、工业"])
    ws.append(["规模以上工业总产值", "亿元", "318.60", 0.031])
    ws.append(["  其中：高新技术产业", "亿元", "205.12", 0.052])
    ws.append(["规模以上工业增加值", "亿元", "７８．４０", 0.056])
    ws.append(["二、服务业"])
    ws.append(["营利性服务业营业收入", "亿元", "—", "—"])
    ws.append(["出口总额", "亿元", 46.37, -0.012])
    ws.append([])
    ws.append(["注：1.本表数据为快报数；2.“—”表示无数据。"])
    for row in (6, 7, 8, 11):
        ws.cell(row, 4).number_format = "0.0%"


def _department_xlsx(book: Any) -> None:
    """A department's task list: the target cell merged down over its milestones."""
    ws = book.active
    ws.title = "4月"
    ws.append(["2025年4月重点任务推进情况"])
    ws.append(["指标名称", "里程碑", "状态", "备注"])
    ws.append(["半导体、机器人、IVD等产业集聚区建设", "半导体产业集聚区", "推进中", "规划初稿"])
    ws.append([None, "机器人产业集聚区", "已完成", "/"])
    ws.merge_cells("A3:A4")


def _units_in_headers(book: Any) -> None:
    ws = book.active
    ws.append(["指标名称", "1-9月累计(万元)", "截至日期"])
    ws.append(["工业总产值", "9,780,300", "2025年9月"])
    ws.append(["新增创新空间面积", None, None])
    other = book.create_sheet("面积")
    other.append(["指标名称", "新增面积（平方米）", "截至日期"])
    other.append(["新增创新空间面积", 40000, date(2025, 5, 31)])


def _unit_conflict(book: Any) -> None:
    ws = book.active
    ws.append(["指标名称", "1-9月累计(万元)", "单位", "截至日期"])
    ws.append(["工业总产值", 9780300, "亿元", "2025年9月"])


def _literal_percent(book: Any) -> None:
    ws = book.active
    ws.append(["指标名称", "1—6月累计", "截至日期"])
    ws.append(["工业增加值增速", 5.2, "2025-06-30"])
    ws.append(["营利性服务业营收增速", 7.6, "2025-06-30"])
    ws["B2"].number_format = "0.0\\%"
    ws["B3"].number_format = '0.0"%"'


def _real_percent(book: Any) -> None:
    ws = book.active
    ws.append(["指标名称", "1—6月累计", "截至日期"])
    ws.append(["工业增加值增速", 0.052, "2025-06-30"])
    ws.append(["工业总产值", 628.32 + 1e-13, "2025-06-30"])  # a binary leftover Excel would not show
    ws["B2"].number_format = "0.0%"


# A bureau's growth column formatted 0.0% but for one cell typed in General (the new-user trial's
# bureau-own-names.xlsx): 0.077 there may be 7.7 % typed without its format, or 0.077 %.
_PLAIN_AMONG_PERCENT = [
    ["临平经开区2025年1-8月主要经济指标（示例数据）"],
    [None, None, None, "2025年8月"],
    ["指标名称", "单位", "1-8月", None],
    [None, None, "绝对值", "同比增长%"],
    ["规模以上工业总产值", "亿元", "842.70", 0.054],
    ["工业增加值增速", "亿元", "180.35", 0.058],
    ["营利性服务业营收增速", "亿元", None, 0.077],
]


def _plain_among_percent(book: Any) -> None:
    ws = book.active
    for row in _PLAIN_AMONG_PERCENT:
        ws.append(row)
    for span in ("A1:D1", "A3:A4", "B3:B4", "C3:D3"):
        ws.merge_cells(span)
    ws["D5"].number_format = ws["D6"].number_format = "0.0%"


def _plain_among_percent_xls(path: Path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("1-8月")
    percent = xlwt.easyxf(num_format_str="0.0%")
    for r, row in enumerate(_PLAIN_AMONG_PERCENT):
        for c, value in enumerate(row):
            if value is not None and (r, c) not in ((0, 0), (2, 0), (2, 1), (2, 2)):
                ws.write(r, c, value, percent if c == 3 and r in (4, 5) else xlwt.Style.default_style)
    ws.write_merge(0, 0, 0, 3, _PLAIN_AMONG_PERCENT[0][0])
    ws.write_merge(2, 3, 0, 0, "指标名称")
    ws.write_merge(2, 3, 1, 1, "单位")
    ws.write_merge(2, 2, 2, 3, "1-8月")
    book.save(str(path))


def _formula(book: Any) -> None:
    ws = book.active
    ws.append(["指标名称", "1—6月累计", "截至日期"])
    ws.append(["工业总产值", "=300+150.5", "2025-06-30"])
    ws.append(["新增创新空间面积", 12.5, "2025-06-30"])


def _total_row(book: Any) -> None:
    ws = book.active
    ws.append(["指标名称", "新增(万平方米)", "截至日期"])
    ws.append(["新增创新空间面积", 2.5, "2025-05-31"])
    ws.append(["合计", 2.5, "2025-05-31"])


def _stray_far_cell(book: Any) -> None:
    from openpyxl.styles import Font

    ws = book.active
    ws.append(["指标名称", "1—6月累计", "本月", "截至日期"])
    ws.append(["工业总产值", 628.32, 110.5, "2025-06-30"])
    ws.cell(1048576, 16384).font = Font(bold=True)  # formatted years ago, holds nothing


def _two_sheets(book: Any) -> None:
    first = book.active
    first.title = "说明"
    first.append(["本表为示例"])
    data = book.create_sheet("6月")
    data.append(["指标名称", "1—6月累计", "截至日期"])
    data.append(["工业总产值", 628.32, "2025-06-30"])
    book.active = 1


def _xls(path: Path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    book.add_sheet("说明").write(0, 0, "见下一页")
    ws = book.add_sheet("1-2月")
    ws.write_merge(0, 0, 0, 3, "临平经开区2025年1-2月主要经济指标")
    ws.write_merge(1, 2, 0, 0, "指标名称")
    ws.write_merge(1, 2, 1, 1, "单位")
    ws.write_merge(1, 1, 2, 3, "1-2月")
    ws.write(2, 2, "绝对值")
    ws.write(2, 3, "同比增长(%)")
    percent = xlwt.easyxf(num_format_str="0.0%")
    literal = xlwt.easyxf(num_format_str='0.0"%"')
    ws.write(3, 0, "规模以上工业总产值")
    ws.write(3, 1, "亿元")
    ws.write(3, 2, 188.42)
    ws.write(3, 3, 0.061, percent)
    ws.write(4, 0, "规上工业增加值")
    ws.write(4, 1, "亿元")
    ws.write(4, 2, 40.15)
    ws.write(4, 3, 6.8, literal)
    book.active_sheet = 1
    ws.set_selected(True)
    book.get_sheet(0).set_selected(False)
    book.save(str(path))


def _locked(path: Path) -> None:
    import msoffcrypto.format.ooxml

    plain = path.with_suffix(".plain.xlsx")
    _book(_stray_far_cell_free)(plain)
    with plain.open("rb") as f, path.open("wb") as out:
        msoffcrypto.format.ooxml.OOXMLFile(f).encrypt("secret", out)
    plain.unlink()


def _stray_far_cell_free(book: Any) -> None:
    ws = book.active
    ws.append(["指标名称", "1—6月累计", "截至日期"])
    ws.append(["工业总产值", 628.32, "2025-06-30"])


def _zip_bomb(path: Path) -> None:
    """A small workbook whose directory says its sheet unpacks to 300 MB."""
    _book(_stray_far_cell_free)(path)
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_len = int.from_bytes(data[at + 28 : at + 30], "little")
        name = bytes(data[at + 46 : at + 46 + name_len])
        if name.endswith(b"sheet1.xml"):
            data[at + 24 : at + 28] = (300 * 2**20).to_bytes(4, "little")
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def _many_rows(path: Path) -> None:
    """An .xlsx with 200,001 rows holding values, written directly (openpyxl would be slow)."""
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c></row>' for r in range(2, 200_003))
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>指标名称</t></is></c></row>' + rows + "</sheetData></worksheet>"
    )
    _raw_xlsx(path, sheet)


def _raw_xlsx(path: Path, sheet: str) -> None:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    path.write_bytes(buf.getvalue())


def _far_value(path: Path) -> None:
    """One cell holding a value at XFD1048576, beside a real table: read without building the grid."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = (
        f'<worksheet xmlns="{main}"><dimension ref="A1:XFD1048576"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>指标名称</t></is></c><c r="B1" t="inlineStr"><is><t>1—6月累计</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>截至日期</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>工业总产值</t></is></c><c r="B2"><v>628.32</v></c>'
        '<c r="C2" t="inlineStr"><is><t>2025-06-30</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'
    )
    _raw_xlsx(path, sheet)


def _prefixed(path: Path) -> None:
    """As programs built on .NET (the Open XML SDK) save a sheet: every element prefixed, <x:c>,
    a shared text and a date cell styled by a built-in format."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = (
        f'<x:worksheet xmlns:x="{main}"><x:sheetData>'
        '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>指标名称</x:t></x:is></x:c>'
        '<x:c r="B1" t="inlineStr"><x:is><x:t>1—6月累计</x:t></x:is></x:c>'
        '<x:c r="C1" t="inlineStr"><x:is><x:t>截至日期</x:t></x:is></x:c></x:row>'
        '<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>工业总产值</x:t></x:is></x:c><x:c r="B2"><x:v>628.32</x:v></x:c>'
        '<x:c r="C2" t="inlineStr"><x:is><x:t>2025-06-30</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>'
    )
    _raw_xlsx(path, sheet)


def month_flash(book: Any) -> None:
    """A bureau's monthly flash: ``8月`` merged over 绝对值 | 同比增长%, the month's own figures
    alone (no 1—8月 running total), growth as percent cells."""
    ws = book.active
    ws.append(["临平经开区2025年8月主要经济指标快报"])
    ws.append(["指标名称", "单位", "8月", None])
    ws.append([None, None, "绝对值", "同比增长%"])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    ws.merge_cells("C2:D2")
    ws.append(["规模以上工业总产值", "亿元", 112.4, 0.061])
    ws.append(["规模以上工业增加值", "亿元", 24.3, 0.052])
    for row in (4, 5):
        ws.cell(row, 4).number_format = "0.0%"


def month_and_ytd(book: Any) -> None:
    """``8月`` and ``1-8月``, each merged over 绝对值 | 同比%: the month's and the running figures."""
    ws = book.active
    ws.append(["临平经开区2025年1-8月主要经济指标"])
    ws.append(["指标名称", "单位", "8月", None, "1-8月", None])
    ws.append([None, None, "绝对值", "同比%", "绝对值", "同比%"])
    for span in ("A2:A3", "B2:B3", "C2:D2", "E2:F2"):
        ws.merge_cells(span)
    ws.append(["规模以上工业总产值", "亿元", 112.4, 6.1, 842.7, 5.4])
    ws.append(["规模以上工业增加值", "亿元", 24.3, 5.2, 180.35, 5.8])


def month_done(
    header: str, name: str = "工业总产值", unit: str = "亿元", figure: float = 112.4
) -> Callable[[Any], None]:
    """A department's sheet with one figure column headed ``header`` (``8月完成``)."""

    def fill(book: Any) -> None:
        ws = book.active
        ws.append(["经济发展局2025年8月指标完成情况"])
        ws.append(["指标名称", "单位", header, "备注"])
        ws.append([name, unit, figure, "当月"])

    return fill


def carriers_subtotal(label: str = "小计") -> Callable[[Any], None]:
    """科技局's carriers: 重点任务 merged down over 载体名称 rows ending in a subtotal row."""

    def fill(book: Any) -> None:
        ws = book.active
        ws.append(["科技局2025年9月新增创新空间情况"])
        ws.append(["重点任务", "载体名称", "本月新增（平方米）"])
        ws.append(["新增创新空间面积", "智造园A座", 3000])
        ws.append([None, "孵化器二期", 5000])
        ws.append([None, "众创空间", 2000])
        ws.append([None, label, 10000])
        ws.merge_cells("A3:A6")

    return fill


def unit_above(line: list[Any], header: str = "1-8月累计", figure: Any = 8427000) -> Callable[[Any], None]:
    """A bureau's table with the unit stated above the header (``line``, the cells of one row)."""

    def fill(book: Any) -> None:
        ws = book.active
        ws.append(["临平经开区2025年1-8月主要经济指标"])
        ws.append(line)
        ws.append(["指标名称", header, "同比增长%"])
        ws.append(["规模以上工业总产值", figure, 5.4])

    return fill


def unit_in_top_header(book: Any) -> None:
    """``1-8月（万元）`` merged over 累计 | 本月."""
    ws = book.active
    ws.title = "1-8月"
    ws.append(["临平经开区2025年1-8月主要经济指标"])
    ws.append(["指标名称", "1-8月（万元）", None, "同比增长%"])
    ws.append([None, "累计", "本月", None])
    for span in ("A2:A3", "B2:C2", "D2:D3"):
        ws.merge_cells(span)
    ws.append(["规模以上工业总产值", 8427000, 1124000, 5.4])


_PLAIN_REFUSAL = (
    "{file}: row 7: cell D7 under '1-8月 同比增长%' holds 0.077, a plain number, in a column with cells formatted as "
    "percentages (D5 shows 5.4%): it may mean 7.7% or 0.077%; format D7 as a percentage, or type 7.7 "
    "(for 0.077% type 0.077%)"
)


def cases() -> list[Case]:
    """The corpus, in the order the issue lists the kinds of sheet."""
    june = "2025-06-30"
    return [
        Case(
            "bureau CSV in UTF-8: title row, 规模以上 names, a growth column, full-width digits, unknown rows skipped",
            "bureau-utf8.csv",
            _csv(
                "临平经开区2025年1-3月主要经济指标,,,\n"
                "指标名称,单位,1-3月累计,同比增长%\n"
                '规模以上工业总产值,亿元,"318.60",3.1\n'
                "规上工业增加值,亿元,80.2,５．６\n"
                "出口总额,亿元,40.1,-2.0\n"
                "注：快报数,,,\n"
            ),
            ["--skip-unknown"],
            [
                {"target": "industrial-output", "date": "2025-03-31", "value": "318.60", "unit": "亿元"},
                {"target": "value-added-growth", "date": "2025-03-31", "value": "5.6", "unit": "%"},
            ],
            stderr=["skipped row 5 (出口总额): it names no target (--skip-unknown)"],
        ),
        Case(
            "UTF-8 with a byte-order mark, a stacked header (1—6月 over 本月 | 累计), — beside a rate",
            "stacked-bom.csv",
            _csv(
                "\ufeff指标名称,1—6月,,截至日期\n"
                ",本月,累计,\n"
                f"工业总产值,110.5,628.32,{june}\n"
                f"工业增加值增速,—,5.2%,{june}\n"
            ),
            [],
            [
                {
                    "target": "industrial-output",
                    "date": june,
                    "value": "628.32",
                    "month_value": "110.5",
                    "unit": "亿元",
                },
                {"target": "value-added-growth", "date": june, "value": "5.2", "unit": "%"},
            ],
        ),
        Case(
            "a department's mixed sheet: a 本月 addition for an increment, a 本月 rate beside a rate, a 状态 beside a figure",
            "mixed.csv",
            _csv(
                "指标名称,本月,1-5月累计,状态,截至日期\n"
                "新增创新空间面积,0.8,,推进中,2025-05-31\n"
                "工业增加值增速,6.1,5.9,,2025-05-31\n"
                "工业总产值,108.2,520.4,推进中,2025-05-31\n"
            ),
            [],
            [
                {"target": "innovation-space", "date": "2025-05-31", "value": "0.8", "unit": "万平方米"},
                {
                    "target": "value-added-growth",
                    "date": "2025-05-31",
                    "value": "5.9",
                    "unit": "%",
                    "month_value": None,
                },
                {"target": "industrial-output", "date": "2025-05-31", "value": "520.4", "month_value": "108.2"},
            ],
        ),
        Case(
            "an increment's row with a 本月 and a running-total figure: the 本月 figure is its addition, and the "
            "running total (the year's first addition, in May) agrees with the additions",
            "two-figures.csv",
            _csv("指标名称,本月（平方米）,1-5月累计（万平方米）,截至日期\n新增创新空间面积,8000,0.8,2025-05-31\n"),
            [],
            [{"target": "innovation-space", "date": "2025-05-31", "value": "8000", "unit": "平方米"}],
        ),
        Case(
            "a running-total column (a bare 1-5月 header) into an increment: refused",
            "running-total.csv",
            _csv("临平经开区2025年1-5月新增空间,\n指标名称,1-5月\n新增创新空间面积,9.6\n"),
            [],
            refusal="running-total.csv: row 3: innovation-space adds up its entries (kind increment), but 9.6 is under "
            "'1-5月', a running total; give the month's own figure in the 本月 column, or make the target kind = "
            '"total" in the plan if it is published as a running total and holds no additions yet',
        ),
        Case(
            "a department's tasks in GB18030: the target named once for its milestones, / for no note",
            "tasks-gb18030.csv",
            _csv(
                "2025年4月重点任务推进情况,,,\n"
                "指标名称,里程碑,状态,备注\n"
                "半导体、机器人、IVD等产业集聚区建设,半导体产业集聚区,推进中,规划初稿\n"
                ",机器人产业集聚区,已完成,/\n"
                ",,,\n",
                "gb18030",
            ),
            ["--encoding", "gb18030"],
            [
                {
                    "target": "cluster-zones",
                    "milestone": "semiconductor",
                    "status": "in_progress",
                    "date": "2025-04-30",
                    "note": "规划初稿",
                },
                {
                    "target": "cluster-zones",
                    "milestone": "robotics",
                    "status": "done",
                    "date": "2025-04-30",
                    "note": None,
                },
            ],
        ),
        Case(
            "UTF-16 tab-separated text (Excel's Unicode text) with the unit in the header",
            "unicode-text.csv",
            _csv("指标名称\t1-9月累计(万元)\t截至日期\r\n工业总产值\t9,780,300\t2025年9月\r\n", "utf-16"),
            [],
            [{"target": "industrial-output", "date": "2025-09-30", "value": "9780300", "unit": "万元"}],
        ),
        Case(
            "a 单位：万元 line above the table, the year in the title and the months in the header",
            "unit-line.csv",
            _csv('临平经开区2025年主要经济指标,\n单位：万元,\n指标名称,1-2月累计\n工业总产值,"1,884,200"\n'),
            [],
            [{"target": "industrial-output", "date": "2025-02-28", "value": "1884200", "unit": "万元"}],
        ),
        Case(
            "a ;-separated CSV: the comma is the decimal mark",
            "decimal-comma.csv",
            _csv("指标名称;新增;截至日期\n新增创新空间面积;12,500;2025-06-30\n工业总产值;1.234,5;2025-06-30\n"),
            [],
            [
                {"target": "innovation-space", "date": june, "value": "12.500", "unit": "万平方米"},
                {"target": "industrial-output", "date": june, "value": "1234.5", "unit": "亿元"},
            ],
        ),
        Case(
            "a ;-separated CSV where a dot could group thousands: refused, naming row and column",
            "ambiguous.csv",
            _csv("指标名称;新增;截至日期\n新增创新空间面积;12.500;2025-06-30\n"),
            [],
            refusal="ambiguous.csv: row 2: column '新增' (B2): '12.500' is ambiguous: in a ;-separated file the comma is the decimal mark, so a dot may group thousands; write it as 12,5 or 12500",
        ),
        Case(
            "a quoted cell with a line break is one row, as Excel numbers it",
            "multiline.csv",
            _csv(f'指标名称,1—6月累计,截至日期,备注\n工业总产值,628.32,{june},"上半年\n快报"\n工业总产出,1,{june},\n'),
            [],
            refusal="multiline.csv: row 3: no target '工业总产出'; did you mean '工业总产值'? (write it exactly, or add it to the target's aliases); or pass such rows over with --skip-unknown",
        ),
        Case(
            "the bureau's workbook: title, 单位 and date cells, merged two-row header, percent cells, full-width, —",
            "bureau.xlsx",
            _book(_bureau_xlsx),
            ["--skip-unknown"],
            [
                {"target": "industrial-output", "date": "2025-03-31", "value": "318.60", "unit": "亿元"},
                {"target": "value-added-growth", "date": "2025-03-31", "value": "5.6", "unit": "%"},
            ],
            stderr=["skipped row 7 (其中：高新技术产业)", "skipped row 11 (出口总额)", "row 10 (营利性服务业营业收入)"],
        ),
        Case(
            "a department's workbook: the target cell merged down over its milestones",
            "tasks.xlsx",
            _book(_department_xlsx),
            [],
            [
                {
                    "target": "cluster-zones",
                    "milestone": "semiconductor",
                    "status": "in_progress",
                    "date": "2025-04-30",
                },
                {
                    "target": "cluster-zones",
                    "milestone": "robotics",
                    "status": "done",
                    "date": "2025-04-30",
                    "note": None,
                },
            ],
        ),
        Case(
            "units in headers: 万元 into 亿元, and （平方米） into 万平方米 on another sheet",
            "units.xlsx",
            _book(_units_in_headers),
            [],
            [{"target": "industrial-output", "date": "2025-09-30", "value": "9780300", "unit": "万元"}],
        ),
        Case(
            "the same workbook's second sheet: 40000 平方米 is 4 万平方米",
            "units-sheet2.xlsx",
            _book(_units_in_headers),
            ["--sheet", "面积"],
            [{"target": "innovation-space", "date": "2025-05-31", "value": "40000", "unit": "平方米"}],
        ),
        Case(
            "a header unit and a 单位 cell that disagree: refused",
            "unit-conflict.xlsx",
            _book(_unit_conflict),
            [],
            refusal="unit-conflict.xlsx: row 2: column '1-9月累计(万元)' says 万元 but its 单位 cell (C2) says 亿元; correct one of them",
        ),
        Case(
            '0.0\\% and 0.0"%" show a literal sign: the cell holds 5.2 and means 5.2',
            "literal-percent.xlsx",
            _book(_literal_percent),
            [],
            [
                {"target": "value-added-growth", "date": june, "value": "5.2", "unit": "%"},
                {"target": "service-revenue-growth", "date": june, "value": "7.6", "unit": "%"},
            ],
        ),
        Case(
            "a real percent cell holds a fraction; binary leftovers never reach the ledger",
            "percent.xlsx",
            _book(_real_percent),
            [],
            [
                {"target": "value-added-growth", "date": june, "value": "5.2", "unit": "%"},
                {"target": "industrial-output", "date": june, "value": "628.32", "unit": "亿元"},
            ],
        ),
        Case(
            "a plain 0.077 among percent cells (0.0%): 7.7 % or 0.077 %? refused, naming the cell",
            "plain-among-percent.xlsx",
            _book(_plain_among_percent),
            [],
            refusal=_PLAIN_REFUSAL.format(file="plain-among-percent.xlsx"),
        ),
        Case(
            "the same in an .xls",
            "plain-among-percent.xls",
            _plain_among_percent_xls,
            [],
            refusal=_PLAIN_REFUSAL.format(file="plain-among-percent.xls"),
        ),
        Case(
            "a formula with no saved value: refused with its cell and the fix",
            "formula.xlsx",
            _book(_formula),
            [],
            refusal="formula.xlsx (sheet 'Sheet'): cell B2 holds a formula with no saved value (the workbook was written by a program and never opened in Excel or WPS); open and save it in Excel or WPS, or paste values",
        ),
        Case(
            "a 合计 row would be counted with its parts: refused",
            "total-row.xlsx",
            _book(_total_row),
            [],
            refusal="total-row.xlsx: row 3: '合计' is a total row, the sum of rows that tracker reads and adds up itself; delete it, or pass it over with --skip-unknown: the rows it totals are imported all the same",
        ),
        Case(
            "a stray formatted cell at XFD1048576",
            "stray.xlsx",
            _book(_stray_far_cell),
            [],
            [{"target": "industrial-output", "date": june, "value": "628.32", "month_value": "110.5", "unit": "亿元"}],
        ),
        Case(
            "a value at XFD1048576 beside the table: read from the cells that exist",
            "far-value.xlsx",
            _far_value,
            [],
            [{"target": "industrial-output", "date": june, "value": "628.32", "unit": "亿元"}],
        ),
        Case(
            "a sheet saved by a .NET program: every element prefixed (<x:c>), read as any other",
            "prefixed.xlsx",
            _prefixed,
            [],
            [{"target": "industrial-output", "date": june, "value": "628.32", "unit": "亿元"}],
        ),
        Case(
            "several sheets: the one active when saved is read, and the success line names it",
            "two-sheets.xlsx",
            _book(_two_sheets),
            [],
            [{"target": "industrial-output", "date": june, "value": "628.32", "unit": "亿元"}],
        ),
        Case(
            "an Excel 97–2003 .xls: merged header, percent and literal-percent cells, the active sheet",
            "bureau.xls",
            _xls,
            [],
            [
                {"target": "industrial-output", "date": "2025-02-28", "value": "188.42", "unit": "亿元"},
                {"target": "value-added-growth", "date": "2025-02-28", "value": "6.8", "unit": "%"},
            ],
        ),
        Case(
            "an .xls saved under a .xlsx name is told by its content",
            "misnamed.xlsx",
            _xls,
            [],
            [
                {"target": "industrial-output", "date": "2025-02-28", "value": "188.42", "unit": "亿元"},
                {"target": "value-added-growth", "date": "2025-02-28", "value": "6.8", "unit": "%"},
            ],
        ),
        Case(
            "a password-protected workbook: refused, saying so",
            "locked.xlsx",
            _locked,
            [],
            refusal="locked.xlsx: the workbook is password-protected; open it in Excel or WPS, remove the password (文件 → 信息 → 保护工作簿 → 用密码进行加密, clear it) and save, then import it",
        ),
        Case(
            "a zip bomb: refused before it is unpacked",
            "bomb.xlsx",
            _zip_bomb,
            [],
            refusal="bomb.xlsx: the workbook unpacks to 300 MB, more than the 256 MB tracker reads; a sheet of figures is far smaller",
        ),
        Case(
            "200,001 rows: refused",
            "many-rows.xlsx",
            _many_rows,
            [],
            refusal="many-rows.xlsx (sheet 'S'): more than 200,000 rows hold values; tracker reads sheets up to that size (a stray cell far out is fine, a sheet this large is not a monthly sheet): split it, or import JSON Lines",
        ),
        Case(
            "8月 and 1-8月 side by side: the month's figure and the running total, the month's growth unused",
            "month-and-ytd.xlsx",
            _book(month_and_ytd),
            [],
            [
                {
                    "target": "industrial-output",
                    "date": "2025-08-31",
                    "value": "842.7",
                    "month_value": "112.4",
                    "unit": "亿元",
                },
                {"target": "value-added-growth", "date": "2025-08-31", "value": "5.8", "unit": "%"},
            ],
            stderr=[
                "note: month-and-ytd.xlsx: columns not used: 8月 同比% (a single month's growth, not year-to-date)"
            ],
        ),
        Case(
            "8月完成 for a running-total target: the month's own figure alone, refused",
            "month-done.xlsx",
            _book(month_done("8月完成")),
            [],
            refusal="month-done.xlsx: row 3: industrial-output records the running total (1—N月累计), but the row "
            "gives only the month's own figure (112.4 under '8月完成' (C3)); add the 1—N月 column beside it, or "
            "record the running total with `tracker record industrial-output FIGURE --month-value 112.4`",
        ),
        Case(
            "8月完成(万平方米) for an increment: the month's own addition",
            "month-done-increment.xlsx",
            _book(month_done("8月完成(万平方米)", "新增创新空间面积", "万平方米", 2.5)),
            [],
            [{"target": "innovation-space", "date": "2025-08-31", "value": "2.5", "unit": "万平方米"}],
        ),
        Case(
            "金额单位：万元 above the header",
            "amount-unit.xlsx",
            _book(unit_above(["金额单位：万元"])),
            [],
            [{"target": "industrial-output", "date": "2025-08-31", "value": "8427000", "unit": "万元"}],
        ),
        Case(
            "单位：万元、% above the header: amounts in 万元",
            "unit-line-two.xlsx",
            _book(unit_above(["单位：万元、%"])),
            [],
            [{"target": "industrial-output", "date": "2025-08-31", "value": "8427000", "unit": "万元"}],
        ),
        Case(
            "a unit and a date in one cell",
            "unit-and-date.csv",
            _csv(
                "临平经开区主要经济指标,,\n单位：万元\u3000\u3000\u3000\u30002025年8月,,\n指标名称,1-8月累计,同比增长%\n"
                "规模以上工业总产值,8427000,5.4\n"
            ),
            [],
            [{"target": "industrial-output", "date": "2025-08-31", "value": "8427000", "unit": "万元"}],
        ),
        Case(
            "1-8月（万元） merged over 累计 | 本月",
            "unit-top-header.xlsx",
            _book(unit_in_top_header),
            [],
            [
                {
                    "target": "industrial-output",
                    "date": "2025-08-31",
                    "value": "8427000",
                    "month_value": "1124000",
                    "unit": "万元",
                }
            ],
        ),
        Case(
            "千元 in the 单位 column",
            "qianyuan.csv",
            _csv("临平经开区2025年1-8月主要经济指标,,\n指标名称,单位,1-8月累计\n规模以上工业总产值,千元,84270000\n"),
            [],
            [{"target": "industrial-output", "date": "2025-08-31", "value": "84270000", "unit": "千元"}],
        ),
        Case(
            "合  计 (spaces inside) in the target column: refused",
            "total-spaced.csv",
            _csv(
                "临平经开区2025年1-8月主要经济指标,,\n指标名称,单位,1-8月累计\n规模以上工业总产值,亿元,842.7\n合  计,亿元,842.7\n"
            ),
            [],
            refusal="total-spaced.csv: row 4: '合  计' is a total row, the sum of rows that tracker reads and adds up itself; delete it, or pass it over with --skip-unknown: the rows it totals are imported all the same",
        ),
        Case(
            "a rate named by its own name, its figure under 同比增长(%)",
            "rate-in-growth.csv",
            _csv("指标名称,截至日期,同比增长(%),单位\n工业增加值增速,2025-08,5.8,%\n"),
            [],
            [{"target": "value-added-growth", "date": "2025-08-31", "value": "5.8", "unit": "%"}],
        ),
        Case(
            "a CSV cell over 131,072 characters: one line",
            "long-cell.csv",
            _csv(f'指标名称,1—6月累计,截至日期,备注\n工业总产值,628.32,{june},"{"长" * 131_073}"\n'),
            [],
            refusal="long-cell.csv: row 2 has a cell longer than 131,072 characters; shorten it, or import a long note from JSON Lines or TOML",
        ),
    ]


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    expected = []
    for case in cases():
        case.make(out / case.file)
        expected.append(
            {"file": case.file, "what": case.name, "args": case.args, "entries": case.entries, "refusal": case.refusal}
        )
    (out / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(expected)} sheets in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "sheets-corpus"))
