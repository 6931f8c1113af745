"""Build examples/monthly-2025-07-illustrative.xlsx, the Excel form of the sample sheet.

Run `.venv/bin/python examples/make_xlsx.py`; the workbook is committed so that users need not.
Its figures are illustrative, not statistics: July's running totals continue the CSV's June.
An addition (新增, kind increment) goes in the month's column (本月), never under 1—7月累计: the
tracker adds additions up, and would count a running total again every month.
"""

from datetime import date
from pathlib import Path

from openpyxl import Workbook

ROWS = [
    ("指标名称", "1—7月累计", "本月", "单位", "截至日期", "状态", "里程碑", "数据来源", "备注"),
    ("工业总产值", 735.6, 107.28, "亿元", date(2025, 7, 31), None, None, "示例数据（非真实统计）", "1—7月累计"),
    ("工业增加值增速", 5.6, None, "%", date(2025, 7, 31), None, None, "示例数据（非真实统计）", "1—7月同比"),
    ("新增创新空间面积", None, 3.5, "万平方米", date(2025, 7, 31), None, None, "示例数据（非真实统计）", "7月新增"),
    (
        "半导体、机器人、IVD等产业集聚区建设",
        None,
        None,
        None,
        date(2025, 7, 31),
        "已完成",
        "半导体产业集聚区",
        "示例数据（非真实统计）",
        None,
    ),
]


def main() -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "7月（示例）"
    for row in ROWS:
        sheet.append(list(row))
    for cell in sheet["E"][1:]:
        cell.number_format = "yyyy-mm-dd"
    book.save(Path(__file__).with_name("monthly-2025-07-illustrative.xlsx"))


if __name__ == "__main__":
    main()
