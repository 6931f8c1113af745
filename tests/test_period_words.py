"""Months in Chinese numerals and the month's own words (the new user's trial, cases 03 and 09).

八月, 十二月 and 一至八月累计 read as 8月, 12月 and 1-8月累计 do; 本期 and 当期 are the month's own
figure, as 本月 is; a hint never offers a --map that would file a month's figure as the year's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.column_kinds import describe
from ledger.header_words import digit_months

CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def _meaning(label: str) -> tuple[Any, ...]:
    c = describe(label)
    return c.field, c.months, c.running_total, c.why


@given(
    last=st.integers(1, 12),
    first=st.sampled_from([None, 1, 2, 7]),
    dash=st.sampled_from(["-", "至", "—"]),
    after=st.sampled_from(["", "累计", "完成", "新增", "同比增长%", "份"]),
    before=st.sampled_from(["", "截至", "2025年"]),
)
def test_chinese_numeral_months_read_as_digits(
    last: int, first: int | None, dash: str, after: str, before: str
) -> None:
    span = f"{CN[first - 1]}{dash}" if first else ""
    digits = f"{first}{dash}" if first else ""
    assert _meaning(f"{before}{span}{CN[last - 1]}月{after}") == _meaning(f"{before}{digits}{last}月{after}")


@pytest.mark.parametrize(
    ("text", "digits"),
    [("八月", "8月"), ("十二月", "12月"), ("一至八月累计", "1至8月累计"), ("2025年十月", "2025年10月"), ("统一月报", "统一月报"),
     ("截至八月底", "截至8月底"), ("一季度", "一季度")],
)  # fmt: skip
def test_digit_months(text: str, digits: str) -> None:
    assert digit_months(text) == digits


@pytest.mark.parametrize("header", ["八月", "本期", "当期", "8月"])
def test_a_months_own_figure_alone_is_refused_for_a_running_total(workdir: Path, header: str) -> None:
    sheet = f"临平经开区2025年八月主要经济指标\n单位：亿元\n指标名称,{header}\n规模以上工业总产值,107.1\n"
    (workdir / "m.csv").write_text(sheet, encoding="utf-8")
    refused = run("import", "m.csv")
    assert refused.exit_code == 1
    assert refused.stderr == (
        "error: m.csv: row 4: industrial-output records the running total (1—N月累计), but the row gives only the "
        f"month's own figure (107.1 under '{header}' (B4)); add the 1—N月 column beside it, or record the running "
        "total with `tracker record industrial-output FIGURE --month-value 107.1`\n"
    )
    assert "--map" not in refused.stderr


@pytest.mark.parametrize("header", ["八月", "本期", "当期"])
def test_a_months_own_figure_is_an_increments_addition(workdir: Path, header: str) -> None:
    sheet = f"临平经开区2025年八月创新空间\n单位：万平方米\n指标名称,{header}\n新增创新空间面积,0.8\n"
    (workdir / "m.csv").write_text(sheet, encoding="utf-8")
    done = run("import", "m.csv", "--dry-run")
    assert done.exit_code == 0, done.stderr
    assert "innovation-space = 0.8 万平方米 as of 2025-08-31" in done.stdout


def test_a_chinese_numeral_running_total(workdir: Path) -> None:
    sheet = "临平经开区2025年主要经济指标\n单位：亿元\n指标名称,一至八月累计\n规模以上工业总产值,842.7\n"
    (workdir / "m.csv").write_text(sheet, encoding="utf-8")
    done = run("import", "m.csv", "--dry-run")
    assert done.exit_code == 0, done.stderr
    assert "industrial-output = 842.7 亿元 as of 2025-08-31" in done.stdout


JAN = "临平经开区2025年1月主要经济指标\n单位：亿元\n指标名称,{header},同比增长%\n规模以上工业总产值,110.2,4.1\n规模以上工业增加值,28.1,5.1\n"


@pytest.mark.parametrize("header", ["1月", "本月", "一月", "当月"])
def test_januarys_own_figure_is_the_year_so_far(workdir: Path, header: str) -> None:
    """In January the month is the year so far: 110.2 is the 1—1月 total, 5.1 % the growth."""
    (workdir / "jan.csv").write_text(JAN.format(header=header), encoding="utf-8")
    done = run("import", "jan.csv")
    assert done.exit_code == 0, done.stderr
    got = sorted((e["target"], e["value"], e["date"]) for e in _entries())
    assert got == [("industrial-output", 110.2, "2025-01-31"), ("value-added-growth", 5.1, "2025-01-31")]


def test_januarys_growth_column_named_for_the_month(workdir: Path) -> None:
    sheet = "临平经开区2025年主要经济指标\n单位：亿元\n指标名称,1月,1月同比增长%\n规模以上工业增加值,28.1,5.1\n"
    (workdir / "jan.csv").write_text(sheet, encoding="utf-8")
    done = run("import", "jan.csv")
    assert done.exit_code == 0, done.stderr
    assert [(e["target"], e["value"], e["date"]) for e in _entries()] == [("value-added-growth", 5.1, "2025-01-31")]


def test_januarys_figure_merged_over_month_and_running_total(workdir: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["临平经开区2025年1月主要经济指标"])
    ws.append(["单位：亿元"])
    ws.append(["指标名称", "本月", "累计", "同比增长%"])
    ws.append(["规模以上工业总产值", 110.2, None, 4.1])
    ws.merge_cells("B4:C4")
    book.save(workdir / "jan.xlsx")
    done = run("import", "jan.xlsx")
    assert done.exit_code == 0, done.stderr
    assert [(e["target"], e["value"], e["date"]) for e in _entries()] == [("industrial-output", 110.2, "2025-01-31")]


def test_another_months_own_figure_is_still_refused(workdir: Path) -> None:
    (workdir / "feb.csv").write_text(JAN.format(header="2月").replace("1月", "2月"), encoding="utf-8")
    refused = run("import", "feb.csv")
    assert refused.exit_code == 1
    assert "industrial-output records the running total (1—N月累计), but the row gives only the month's own" in (
        refused.stderr
    )


def test_januarys_addition(workdir: Path) -> None:
    sheet = "临平经开区2025年1月主要指标\n单位：万平方米\n指标名称,1月\n新增创新空间面积,0.8\n"
    (workdir / "jan.csv").write_text(sheet, encoding="utf-8")
    done = run("import", "jan.csv")
    assert done.exit_code == 0, done.stderr
    assert [(e["target"], e["value"], e["date"]) for e in _entries()] == [("innovation-space", 0.8, "2025-01-31")]


def _entries() -> list[dict[str, Any]]:
    import json

    out = run("export", "--format", "jsonl")
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


@pytest.mark.parametrize("header", ["八月", "8月", "8月完成"])
def test_a_single_month_mapped_as_the_running_total_is_refused(workdir: Path, header: str) -> None:
    """--map '八月=value' once filed August's own 107.1 as the 1—8月 total."""
    sheet = f"临平经开区2025年8月主要经济指标\n单位：亿元\n指标名称,{header}\n规模以上工业总产值,107.1\n"
    (workdir / "m.csv").write_text(sheet, encoding="utf-8")
    refused = run("import", "m.csv", "--map", f"{header}=value")
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"error: --map: m.csv: '{header}' names month 8 alone, whose figure is the month's own, not the 1—8月 running "
        "total; map it to month_value\n"
    )
    assert not (workdir / "progress.toml").exists()
