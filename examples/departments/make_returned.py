"""Build examples/departments/returned/*.xlsx: June's sheets as three departments return them.

Run from the repository root: `.venv/bin/python examples/departments/make_returned.py`. It writes
each owner's sheet with `tracker sheet` (after the January–May figures) and fills it the way a
department does in Excel: figures typed as numbers or as text, a unit changed, a status picked
from the drop-down list, a note and a source. The workbooks are committed so that users need
not run this. Their figures are illustrative, not statistics.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

HERE = Path(__file__).resolve().parent
TRACKER = Path(sys.executable).with_name("tracker")

# owner → {(target id, milestone id): {header: value}}; headers as the Chinese sheet writes them.
FILLED = {
    "经济发展局": {
        ("industrial-output", None): {"完成值": "628.32", "本月": 107.42, "备注": "快报数", "来源": "区统计局"},
        ("value-added-growth", None): {"完成值": 5.6, "备注": "快报数", "来源": "区统计局"},
    },
    "科技局": {
        ("innovation-space", None): {"完成值": 5, "来源": "科技局"},
        ("high-tech-firms", None): {"完成值": "9", "备注": "二季度新认定", "来源": "科技局"},
    },
    "投资促进局": {
        ("fixed-investment", None): {"完成值": 596000, "单位": "万元", "来源": "投资促进局"},
        ("project-lifecycle", "land"): {"状态": "已完成", "备注": "6月20日完成供地"},
        ("project-lifecycle", "start"): {"状态": "推进中"},
    },
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ledger = Path(tmp) / "progress.toml"
        env = ["--targets", str(HERE / "targets.toml"), "--ledger", str(ledger)]
        subprocess.run([TRACKER, "import", str(HERE / "figures-jan-may-illustrative.csv"), *env], check=True)
        subprocess.run([TRACKER, "sheet", "--month", "2025-06", "-o", f"{tmp}/", "--lang", "zh", *env], check=True)
        out = HERE / "returned"
        out.mkdir(exist_ok=True)
        for owner, rows in FILLED.items():
            name = f"{owner}-2025-06.xlsx"
            book = load_workbook(Path(tmp) / name)
            ws = book.active
            header = [c.value for c in ws[3]]
            col = {h: i + 1 for i, h in enumerate(header)}
            for r in range(4, ws.max_row + 1):
                key = (ws.cell(r, col["target"]).value, ws.cell(r, col["milestone"]).value)
                for head, value in rows.get(key, {}).items():
                    ws.cell(r, col[head]).value = value
            book.save(out / name)
            print(f"wrote {out / name}")


if __name__ == "__main__":
    main()
