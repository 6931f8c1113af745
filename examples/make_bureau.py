"""Build the two bureau-style examples: sheets in the shapes a zone's statistics bureau and a
department really send, for August 2025, to import as received.

Run `.venv/bin/python examples/make_bureau.py`; the files are committed so that users need not.
**Their figures are illustrative, not statistics**: they continue the June CSV and July workbook.

- bureau-2025-08-illustrative.xlsx: the bureau's 1—8月 table: a title, a date cell, a header of
  two rows (1-8月 merged over 绝对值 | 同比增长%), section rows, 其中 rows, figures stored as text,
  growth as percent cells, — for no figure, rows the plan does not track, a note at the bottom.
- department-2025-08-illustrative.csv: 科技局's task report as Chinese Excel saves CSV
  (GB18030): a title and a 填报单位 … 填报日期 row, tasks named by their milestone names, / for no
  progress text, a figure in 平方米 with the unit in its header, an empty row and a note.
"""

from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent


def bureau() -> None:
    book = Workbook()
    ws = book.active
    ws.title = "1-8月"
    ws.append(["临平经开区2025年1-8月主要经济指标（示例数据，非真实统计）"])
    ws.merge_cells("A1:D1")
    ws.append([None, None, None, "2025年8月"])
    ws.append(["指标名称", "单位", "1-8月", None])
    ws.append([None, None, "绝对值", "同比增长%"])
    for merged in ("A3:A4", "B3:B4", "C3:D3"):
        ws.merge_cells(merged)
    rows = [
        ("一、工业", None, None, None),
        ("规模以上工业总产值", "亿元", "842.70", 0.054),
        ("  其中：高新技术产业", "亿元", "561.20", 0.071),
        ("规模以上工业增加值", "亿元", "180.35", 0.058),
        ("二、服务业", None, None, None),
        ("营利性服务业营业收入", "亿元", "—", "—"),
        ("三、投资", None, None, None),
        ("固定资产投资", "亿元", "96.40", -0.021),
        ("  其中：工业投资", "亿元", "41.85", 0.093),
        (None, None, None, None),
        ("注：1.本表数据为示例，非真实统计；2.“—”表示暂无数据。", None, None, None),
    ]
    for row in rows:
        ws.append(list(row))
    for r in range(5, 5 + len(rows)):
        if isinstance(ws.cell(r, 4).value, float):
            ws.cell(r, 4).number_format = "0.0%"
    book.save(HERE / "bureau-2025-08-illustrative.xlsx")


def department() -> None:
    lines = [
        "临平经开区科技局2025年8月重点任务推进情况（示例数据）,,,,",
        "填报单位：科技局,,,,填报日期：2025年9月3日",
        "序号,重点任务,8月进展情况,状态,本月新增（平方米）",
        "1,新一轮大孵化器建设行动,完成孵化器选址,推进中,/",
        "2,构建培育链条,出台培育方案,已完成,/",
        "3,壮大高企队伍,/,推进中,/",
        "4,新增创新空间面积,新增孵化空间,—,8000",
        ",,,,",
        "注：状态填“未启动/推进中/已完成/受阻”；本表为示例，非真实统计。,,,,",
    ]
    (HERE / "department-2025-08-illustrative.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("gb18030"))


if __name__ == "__main__":
    bureau()
    department()
