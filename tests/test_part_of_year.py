"""Periods that do not start in January (the new user's trial, cases 05 and 14).

A title 2025年三季度 / 第二季度 / 下半年 / 7-8月, or a column 7-9月, holds those months' own
figures: not a running total's or a rate's year so far (1—N月), nor one month's additions. Such
a sheet is refused; 1-3季度, 前三季度, 一季度 and 1—9月 are the year so far and read as such.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.header_words import named_span


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def entries() -> list[dict[str, Any]]:
    out = run("export", "--format", "jsonl")
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


FIX = "tracker records 1—N月 totals and growth and one month's additions"


@pytest.mark.parametrize(
    ("words", "span"),
    [
        ("一季度", (1, 3)),
        ("第1季度", (1, 3)),
        ("第二季度", (4, 6)),
        ("三季度", (7, 9)),
        ("4季度", (10, 12)),
        ("1-3季度", (1, 9)),
        ("一-三季度", (1, 9)),
        ("1-2季度", (1, 6)),
        ("前三季度", (1, 9)),
        ("上半年", (1, 6)),
        ("下半年", (7, 12)),
    ],
)
def test_named_quarters_and_halves(words: str, span: tuple[int, int]) -> None:
    got = named_span(words)
    assert got is not None and got[0] == span


def test_a_third_quarter_title_is_refused_and_keeps_the_ledger(workdir: Path) -> None:
    assert run("record", "value-added-growth", "5.8", "--date", "2025-08").exit_code == 0
    (workdir / "q3.csv").write_text(
        "临平经开区2025年三季度主要经济指标\n指标名称,同比增长%\n规模以上工业增加值,6.9\n", encoding="utf-8"
    )
    refused = run("import", "q3.csv")
    assert refused.exit_code == 1
    assert refused.stderr == (
        "error: q3.csv: the title '临平经开区2025年三季度主要经济指标' covers 7—9月 alone, so column '同比增长%' (B) "
        "holds the figures of 7—9月 alone, not the year so far (1—9月): " + FIX + "; import the 1—9月 sheet or "
        "9月's own additions, or use `tracker record`\n"
    )
    assert [(e["target"], e["value"], e["date"]) for e in entries()] == [("value-added-growth", 5.8, "2025-08-31")]


def test_a_quarters_column_is_refused(workdir: Path) -> None:
    (workdir / "q3.csv").write_text(
        "临平经开区2025年主要经济指标\n单位：亿元\n指标名称,7-9月,同比增长%\n规模以上工业总产值,300.5,6.1\n",
        encoding="utf-8",
    )
    refused = run("import", "q3.csv")
    assert refused.exit_code == 1
    assert refused.stderr == (
        "error: q3.csv: column '7-9月' (B) holds the figures of 7—9月 alone, not the year so far (1—9月): "
        + FIX
        + "; import the 1—9月 sheet or 9月's own additions, or use `tracker record`\n"
    )
    assert not (workdir / "progress.toml").exists()


def test_a_quarters_column_beside_the_running_total_is_passed_over_with_its_growth(workdir: Path) -> None:
    (workdir / "q.csv").write_text(
        "2025年主要经济指标\n单位：亿元\n指标名称,1-9月累计,7-9月,同比增长%\n规模以上工业总产值,900,300.5,6.1\n",
        encoding="utf-8",
    )
    done = run("import", "q.csv")
    assert done.exit_code == 0, done.stderr
    assert done.stderr == (
        "note: q.csv: columns not used: 7-9月 (the figures of 7—9月 alone, not the year so far (1—9月)), "
        "同比增长% (beside the figures of 7—9月 alone, not the year so far (1—9月): their own growth)\n"
    )
    assert [(e["target"], e["value"], e["date"]) for e in entries()] == [("industrial-output", 900, "2025-09-30")]


@pytest.mark.parametrize(
    "sheet",
    [
        "临平经开区科技局2025年7-8月创新空间建设情况\n指标名称,新增（万平方米）\n新增创新空间面积,1.5\n",
        "临平经开区科技局2025年创新空间建设情况\n指标名称,7-8月新增（万平方米）\n新增创新空间面积,1.5\n",
    ],
)
def test_two_months_additions_are_not_one_months(workdir: Path, sheet: str) -> None:
    """July's 0.7 is in the ledger; 1.5 for 7—8月 recorded as August's would count July twice
    (11.2 + 0.7 + 1.5 = 13.4 where the truth is 12.7)."""
    assert run("record", "innovation-space", "11.2", "--date", "2025-06").exit_code == 0
    assert run("record", "innovation-space", "0.7", "--date", "2025-07").exit_code == 0
    (workdir / "ja.csv").write_text(sheet, encoding="utf-8")
    refused = run("import", "ja.csv")
    assert refused.exit_code == 1
    assert "7—8月 alone, not the year so far (1—8月)" in refused.stderr
    assert "8月's own additions" in refused.stderr and len(refused.stderr.splitlines()) == 1
    assert sum(e["value"] for e in entries()) == pytest.approx(11.9)


@pytest.mark.parametrize(("title", "month"), [("1-3季度", 9), ("一至三季度", 9), ("前三季度", 9), ("第1季度", 3)])
def test_year_to_date_quarter_titles_give_a_date(workdir: Path, title: str, month: int) -> None:
    (workdir / "t.csv").write_text(
        f"临平经开区2025年{title}主要经济指标\n单位：亿元\n指标名称,完成值\n规模以上工业总产值,900\n", encoding="utf-8"
    )
    done = run("import", "t.csv")
    assert done.exit_code == 0, done.stderr
    day = {9: "2025-09-30", 3: "2025-03-31"}[month]
    assert [(e["target"], e["value"], e["date"]) for e in entries()] == [("industrial-output", 900, day)]


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    first=st.integers(1, 11),
    length=st.integers(1, 11),
    dash=st.sampled_from(["-", "—", "至", "~"]),
    where=st.sampled_from(["title", "column"]),
    target=st.sampled_from(["industrial-output", "innovation-space"]),
)
def test_a_period_is_the_year_so_far_only_from_january(
    workdir: Path, first: int, length: int, dash: str, where: str, target: str
) -> None:
    """Any months M—N月 (M ≥ 2, N > M) in a title or a header are refused for every kind;
    1—N月 is the year so far, dated N's end (a running total kept; an addition refused as one)."""
    last = min(first + length, 12)
    months = f"{first}{dash}{last}月"
    name, unit = {
        "industrial-output": ("规模以上工业总产值", "亿元"),
        "innovation-space": ("新增创新空间面积", "万平方米"),
    }[target]
    if where == "title":
        sheet = f"2025年{months}主要指标\n单位：{unit}\n指标名称,完成值\n{name},42\n"
    else:
        sheet = f"2025年主要指标\n单位：{unit}\n指标名称,{months}\n{name},42\n"
    (workdir / "p.csv").write_text(sheet, encoding="utf-8")
    got = run("import", "p.csv", "--dry-run")
    if first > 1:
        assert got.exit_code == 1
        assert f"the figures of {first}—{last}月 alone, not the year so far (1—{last}月)" in got.stderr
    elif target == "industrial-output":
        assert got.exit_code == 0, got.stderr
        assert f"industrial-output = 42 亿元 as of 2025-{last:02d}-" in got.stdout
    else:
        assert got.exit_code == 1 and "running total" in got.stderr


@pytest.mark.parametrize("cell", ["2025-08-01", "2025-08-15", "2025/8/1", "2025年8月1日"])
@pytest.mark.parametrize("title", ["临平经开区2025年1-8月主要经济指标", "临平经开区主要经济指标"])
def test_a_date_within_the_headers_month_is_its_end(workdir: Path, cell: str, title: str) -> None:
    """Systems export a period as its first day: 1—8月's 842.7 dated 2025-08-01 would be judged
    against 58.6 % expected progress instead of August's 66.7 % (on_track instead of at_risk)."""
    (workdir / "s.csv").write_text(
        f"{title}\n指标名称,1-8月累计（亿元）,截至日期\n规模以上工业总产值,842.7,{cell}\n", encoding="utf-8"
    )
    done = run("import", "s.csv")
    assert done.exit_code == 0, done.stderr
    assert [(e["target"], e["value"], e["date"]) for e in entries()] == [("industrial-output", 842.7, "2025-08-31")]
    status = json.loads(run("status", "--as-of", "2025-08-31", "--format", "json").stdout)
    (target,) = [t for a in status["actions"] for t in a["targets"] if t["id"] == "industrial-output"]
    assert (target["expected"], target["status"]) == (0.6667, "at_risk")  # 842.7 / 1360 = 61.96 % < 66.67 %


def test_a_date_in_another_month_than_the_header_is_refused_naming_both(workdir: Path) -> None:
    (workdir / "s.csv").write_text(
        "指标名称,1-8月累计（亿元）,截至日期\n规模以上工业总产值,842.7,2025-09-01\n", encoding="utf-8"
    )
    refused = run("import", "s.csv")
    assert refused.exit_code == 1
    assert refused.stderr == (
        "error: s.csv: row 2: the date column (C2) says 2025-09 but column '1-8月累计（亿元）' (B) is for month 8; "
        "which is it? correct the date or the sheet\n"
    )
    assert not (workdir / "progress.toml").exists()


def test_a_day_the_sheet_names_is_kept(workdir: Path) -> None:
    (workdir / "s.csv").write_text(
        "截至2025年6月15日\n指标名称,1-6月累计（亿元）,截至日期\n规模以上工业总产值,600,2025-06-15\n", encoding="utf-8"
    )
    done = run("import", "s.csv")
    assert done.exit_code == 0, done.stderr
    assert [e["date"] for e in entries()] == ["2025-06-15"]


SHEET_15 = "临平经开区2025年8月重点指标完成情况\n指标名称,完成值,单位\n{rows}"


def test_one_column_has_one_meaning(workdir: Path) -> None:
    """Under 2025年8月 a 完成值 column holding industrial-output's 842.7 (a running total, by the
    plan) holds 1—8月 figures: innovation-space's 12.0 there is 1—8月 too, never added to
    1—7月's 11.2 as August's own (23.2 where the truth is 12.0)."""
    assert run("record", "industrial-output", "735.6", "--date", "2025-07").exit_code == 0
    assert run("record", "innovation-space", "11.2", "--date", "2025-07").exit_code == 0
    rows = "工业总产值,842.7,亿元\n新增创新空间面积,12.0,万平方米\n"
    (workdir / "aug.csv").write_text(SHEET_15.format(rows=rows), encoding="utf-8")
    refused = run("import", "aug.csv")
    assert refused.exit_code == 1
    assert refused.stderr == (
        "error: aug.csv: row 4: innovation-space adds up its entries (kind increment), but 12.0 is under '完成值', "
        "a 1—8月 running total, as its industrial-output row (B3, kind total) says; the ledger's additions make "
        "11.2 万平方米 through 2025-07, so 2025-08's own addition is 12.0 − 11.2 = 0.8 万平方米; record it instead "
        "of the running total: tracker record innovation-space 0.8 --date 2025-08, or give it in a 本月 column\n"
    )
    assert sorted((e["target"], e["value"]) for e in entries()) == [
        ("industrial-output", 735.6),
        ("innovation-space", 11.2),
    ]


def test_an_additions_column_alone_is_the_months(workdir: Path) -> None:
    (workdir / "aug.csv").write_text(SHEET_15.format(rows="新增创新空间面积,0.8,万平方米\n"), encoding="utf-8")
    done = run("import", "aug.csv")
    assert done.exit_code == 0, done.stderr
    assert [(e["target"], e["value"], e["date"]) for e in entries()] == [("innovation-space", 0.8, "2025-08-31")]


def test_a_month_column_beside_keeps_the_addition(workdir: Path) -> None:
    """With a 本月 column the addition is read from it, and 完成值's 12.0 is the running total it
    is checked against: 11.2 by July + 0.8 = 12.0."""
    assert run("record", "innovation-space", "11.2", "--date", "2025-07").exit_code == 0
    sheet = (
        "临平经开区2025年8月重点指标完成情况\n指标名称,完成值,本月,单位\n"
        "工业总产值,842.7,107.1,亿元\n新增创新空间面积,12.0,0.8,万平方米\n"
    )
    (workdir / "aug.csv").write_text(sheet, encoding="utf-8")
    done = run("import", "aug.csv", "--dry-run")
    assert done.exit_code == 0, done.stderr
    assert "innovation-space = 0.8 万平方米 as of 2025-08-31" in done.stdout
    assert "industrial-output = 842.7 亿元 as of 2025-08-31" in done.stdout


@pytest.mark.parametrize("date", [None, "2025-07", "2025-08"])
def test_last_months_total_beside_this_months_figure_leads_somewhere(workdir: Path, date: str | None) -> None:
    """``1-7月 | 8月`` once said "give --date 2025-07" for 2025-08 and "give --date 2025-08" for
    2025-07: a loop. Each fix offered now imports a right figure."""
    (workdir / "h.csv").write_text(
        "临平经开区2025年主要经济指标\n单位：亿元\n指标名称,1-7月,8月\n规模以上工业总产值,735.6,107.1\n",
        encoding="utf-8",
    )
    refused = run("import", "h.csv", *(["--date", date] if date else []))
    assert refused.exit_code == 1
    assert refused.stderr == (
        "error: h.csv: column '1-7月' (B) is for month 7 but column '8月' (C) is for month 8: no one date fits both; "
        "import one of them: --map '8月=ignore' --date 2025-07 for '1-7月', or --map '1-7月=ignore' --date 2025-08 "
        "for '8月'\n"
    )
    done = run("import", "h.csv", "--map", "8月=ignore", "--date", "2025-07")
    assert done.exit_code == 0, done.stderr
    assert [(e["target"], e["value"], e["date"]) for e in entries()] == [("industrial-output", 735.6, "2025-07-31")]
