"""Remake the workbooks of this folder: sources written here (openpyxl, or the corpus of
tests/sheets/build.py), opened and saved by LibreOffice Calc. Needs ``soffice`` (Debian's
libreoffice-calc; these were saved by LibreOffice 7.4.7.2). Run from the project root:
`.venv/bin/python tests/sheets/libreoffice/make.py`. The tests read the committed files, not
this script's output: a newer LibreOffice may write other bytes.

- ``bureau.xlsx``: the corpus's bureau.xlsx, saved with the "Calc MS Excel 2007 XML" filter.
- ``tasks.xlsx``: the corpus's tasks-gb18030.csv (made UTF-8 first), opened as CSV and saved
  with the "Calc Office Open XML" filter.
- ``mixed.xlsx``: :func:`mixed` (merged cells, percent and literal-percent formats, dates,
  formulas that openpyxl leaves without a value, text with &<>"' and Chinese), saved with the
  "Calc MS Excel 2007 XML" filter.
- ``shapes.xlsx``: :func:`shapes` (an empty sheet, error values, CR and LF in texts, tiny and
  huge numbers, hidden and styled rows, an array formula, a far cell), saved as .ods and that
  .ods saved with the "Calc MS Excel 2007 XML" filter, as a LibreOffice user's own sheet would be.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def mixed(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "6月"
    ws.append(["临平经开区2025年1-6月主要指标（示例）"])
    ws.merge_cells("A1:E1")
    ws.append(["指标名称", "1—6月累计", "单位", "截至日期", "备注"])
    ws.append(["工业总产值", 628.32, "亿元", date(2025, 6, 30), "A&B <快报> \"初\" '值'"])
    ws.append(["工业增加值增速", 0.052, "%", datetime(2025, 6, 30), "同比"])
    ws.append(["营利性服务业营收增速", 7.6, "%", "2025-06-30", '0.0"%" literal'])
    ws.append(["新增创新空间面积", "=1.2+1.3", "万平方米", date(2025, 6, 30), "formula"])
    ws.append(["固定资产投资", "=B3/10", "亿元", date(2025, 6, 30), None])
    ws.append(["出口总额", 188.41999999999999, "亿元", date(2025, 6, 30), '="a&"&"<b>"'])
    ws.append(["literal backslash", 5.2, "%", date(2025, 6, 30), None])
    ws.append(["  其中：高新技术产业", True, None, None, " 空格 "])
    ws["B4"].number_format = "0.0%"
    ws["B5"].number_format = '0.0"%"'
    ws["B9"].number_format = "0.0\\%"
    for row in range(3, 10):
        ws.cell(row, 4).number_format = "yyyy-mm-dd"
    ws.merge_cells("C6:C7")
    data = book.create_sheet("数据")
    data.append(["指标名称", "数值", "单位", "状态", "截至日期"])
    for i in range(60):
        data.append(
            [f"指标{i % 7}", round(1 + i / 7, 4), "亿元", "推进中" if i % 3 else None, datetime(2025, 1, 1 + i % 28)]
        )
    data["B3"].number_format = "0.00%"
    book.active = 0
    book.save(path)


def shapes(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.formula import ArrayFormula

    book = Workbook()
    ws = book.active
    ws.title = "杂"
    ws.append(["指标名称", "值", "备注"])
    ws.append(["除零", "=1/0", "=NA()"])
    ws.append(["text\nwith newline", "   ", "00123"])
    ws.append(["tiny", 1e-20, 1.2345678901234567e20])
    ws.append(["time", time(12, 30), datetime(2025, 6, 30, 8, 15)])
    ws["B5"].number_format = "hh:mm"
    ws["C5"].number_format = "yyyy-mm-dd hh:mm"
    ws.append(["emoji 😀 𝄞", "tab\there", "_x000D_ carriage return"])
    ws.append(["hidden row", 1, 2])
    ws.row_dimensions[7].hidden = True
    ws.append(["styled row", 3, 4])
    ws.row_dimensions[8].font = Font(bold=True)
    ws.append(['=""', "=B7>0", '="]]>"&"<&>"'])
    ws["D9"] = ArrayFormula("D9:D10", "=B7:B8*2")
    ws["Z40"] = "far"
    for row in range(50, 53):
        ws.row_dimensions[row].height = 30
    book.create_sheet("空")
    book.save(path)


def soffice(target: str, out: Path, *files: Path, infilter: str | None = None) -> None:
    profile = (out / "profile").as_uri()
    options = [f"--infilter={infilter}"] if infilter else []
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            *options,
            "--convert-to",
            target,
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
    )


def main() -> None:
    sys.path.insert(0, str(HERE.parents[2]))
    from tests.sheets.build import cases

    excel2007, ooxml = "xlsx:Calc MS Excel 2007 XML", "xlsx:Calc Office Open XML"
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp, "src"), Path(tmp, "out")
        src.mkdir()
        corpus: dict[str, Any] = {c.file: c for c in cases()}
        corpus["bureau.xlsx"].make(src / "bureau.xlsx")
        corpus["tasks-gb18030.csv"].make(src / "tasks-gb18030.csv")
        (src / "tasks.csv").write_text((src / "tasks-gb18030.csv").read_text("gb18030"), "utf-8")
        mixed(src / "mixed.xlsx")
        shapes(src / "shapes.xlsx")
        soffice(excel2007, out, src / "bureau.xlsx", src / "mixed.xlsx")
        soffice(ooxml, out, src / "tasks.csv", infilter="CSV:44,34,76,1,,2052,false,true")
        soffice("ods", src, src / "shapes.xlsx")
        soffice(excel2007, out, src / "shapes.ods")
        for name in ("bureau.xlsx", "tasks.xlsx", "mixed.xlsx", "shapes.xlsx"):
            shutil.copy(out / name, HERE / name)


if __name__ == "__main__":
    main()
