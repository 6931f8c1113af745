"""--since's change of progress: percentage points with one decimal, as everywhere, and in the
table a figure never parted from its unit at a line's end."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from typer.testing import CliRunner

from cli import app
from ledger.render.document import signed_points
from ledger.render.table import wrap_keeping_units

HISTORY = """{"target":"innovation-space","date":"2025-04-30","value":4,"recorded":"2025-05-10T09:00:00+08:00"}
{"target":"innovation-space","date":"2025-06-30","value":-1,"recorded":"2025-07-10T09:00:00+08:00","note":"拆除"}
"""


def test_a_whole_change_of_points_keeps_its_decimal_and_its_unit(runner: CliRunner, workdir: Path) -> None:
    # 4 → 3 万平方米 of 50: 8.0 % → 6.0 %, two points down.
    (workdir / "h.jsonl").write_text(HISTORY, encoding="utf-8")
    assert runner.invoke(app, ["import", "h.jsonl"]).exit_code == 0
    zh = runner.invoke(app, ["status", "--as-of", "2025-06", "--since", "2025-05", "--lang", "zh"]).stdout
    assert zh.splitlines()[-3:] == [
        "自 2025-05-31 以来的变化",
        "  新增创新空间面积：4 万平方米 →",
        "  3 万平方米（-1 万平方米），进度 -2.0 个百分点，滞后；新报 1 条",
    ]
    en = runner.invoke(app, ["status", "--as-of", "2025-06", "--since", "2025-05", "--lang", "en"]).stdout
    assert en.splitlines()[-3:] == [
        "Changes since 2025-05-31",
        "  New innovation space: 40,000 m² → 30,000 m² (-10,000 m²), progress -2.0 pp,",
        "  behind; 1 new",
    ]
    md = runner.invoke(app, ["report", "--as-of", "2025-06", "--since", "2025-05", "--lang", "zh"]).stdout
    assert "进度 -2.0 个百分点" in md


@pytest.mark.parametrize(
    ("share", "shown"),
    [("0.02", "+2.0"), ("-0.02", "-2.0"), ("0.191", "+19.1"), ("0.30", "+30.0"), ("-0.0004", "-0.0"),
     ("0.00051", "+0.1"), ("1", "+100.0")],
)  # fmt: skip
def test_points_have_one_decimal_and_a_sign(share: str, shown: str) -> None:
    assert signed_points(Decimal(share)) == shown


@given(st.decimals(min_value=-1, max_value=1, places=6).filter(lambda d: d != 0))
def test_any_change_of_points_shows_one_decimal(share: Decimal) -> None:
    text = signed_points(share)
    sign, number = text[0], text[1:]
    assert sign == ("+" if share > 0 else "-")
    assert number.split(".")[1:] == [number[-1]]  # exactly one decimal
    assert abs(Decimal(number) - abs(share) * 100) <= Decimal("0.05")


figures = st.decimals(min_value=-9999, max_value=9999, places=1).map(lambda d: format(d, "f"))
units = st.sampled_from(["个百分点", "亿元", "万平方米", "pp", "m²", "new", "条"])
words = st.sampled_from(["进度", "progress", "→", "behind;", "滞后；新报", "工业总产值：", "at risk,"])
pieces = st.one_of(st.tuples(figures, units).map(" ".join), words)


@given(st.lists(pieces, min_size=1, max_size=20).map(" ".join), st.integers(10, 80))
def test_a_wrapped_line_keeps_each_figure_with_its_unit(line: str, width: int) -> None:
    lines = wrap_keeping_units(line, width)
    assert " ".join(lines) == line  # nothing lost, nothing added
    for part in lines:
        assert not part[-1].isdecimal()  # every figure here has a unit after it: never parted from it
        if cell_len(part) > width:  # too long only where no space in it may break
            for n, ch in enumerate(part):
                if ch == " ":
                    assert part[n - 1].isdecimal() or (part[n + 1] in "-+" and part[n + 2].isdecimal()), (part, n)
