"""`import --dry-run` in Chinese (`--lang zh`, `TRACKER_LANG=zh`): each row's line says where its
figure, unit, date and target came from in the words the zone's staff use (数值、单位、日期、
指标, 表头, 表中单位列, 表格上方所注单位, 本月, 1—N月累计), not in English inside Chinese output;
the `read` of `tracker.dry-run/1` stays English, as data for programs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.render.readings_text import said
from tests.conftest import SHIPPED_PLAN
from tests.helpers import import_text as _import


def test_a_bureau_sheet_with_a_month_figure_in_another_unit(runner: CliRunner, workdir: Path) -> None:
    text = "2025年8月主要指标\n指标名称,1-8月累计（亿元）,本月（万元）\n工业总产值,842.7,1124000\n"
    result = _import(runner, workdir, "aug.csv", text, "--dry-run", "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "第 3 行：industrial-output = 842.7 亿元，截至 2025-08-31——数值：列“1-8月累计（亿元）”（B3）；"
        "单位：表头“1-8月累计（亿元）”；1—N月累计数；本月 112.4 亿元：列“本月（万元）”（C3），由 1124000 万元换算；"
        "日期：标题“2025年8月主要指标”；指标：列“指标名称”（A3）所填名称\n"
    )
    assert result.stderr == "试运行：将有 1 条记录记入 progress.toml；未写入任何内容\n"


def test_aliases_with_footnote_marks_and_a_unit_line(runner: CliRunner, workdir: Path) -> None:
    marked = (
        "临平经开区2025年1-8月主要经济指标\n指标名称,1-8月累计（亿元）,同比增长%\n"
        "规模以上工业总产值①,842.7,4.1\n注：①为初步数。\n"
    )
    result = _import(runner, workdir, "a.csv", marked, "--dry-run", "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(
        "日期：标题“临平经开区2025年1-8月主要经济指标”；"
        "指标：列“指标名称”（A3）所填别名“规模以上工业总产值”（去掉脚注标记“①”）\n"
    )
    figure = "临平经开区2025年1-8月主要经济指标\n指标名称,1-8月累计（亿元）\n工业总产值,842.7①\n注：①为初步数。\n"
    result = _import(runner, workdir, "c.csv", figure, "--dry-run", "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert "；1—N月累计数；“842.7①”读作 842.7，“①”为脚注标记；日期：" in result.stdout
    lined = "临平经开区2025年1-8月主要经济指标\n单位：万元\n指标名称,1-8月累计\n工业总产值,8427000\n"
    result = _import(runner, workdir, "b.csv", lined, "--dry-run", "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert "；单位：表格上方的单位行“单位：万元”（A2）；1—N月累计数；" in result.stdout


def test_tracker_lang_decides_and_the_json_stays_english(runner: CliRunner, workdir: Path) -> None:
    line = '{"target": "value-added-growth", "value": "5.8", "date": "2025-09"}\n'
    zh = {"TRACKER_LANG": "zh"}
    text = runner.invoke(app, ["import", "-", "--format", "jsonl", "--dry-run"], input=line, env=zh)
    assert text.exit_code == 0, text.output
    assert text.stdout == (
        "第 1 行：value-added-growth = 5.8%，截至 2025-09-30——数值：列“value”；单位：指标单位（%）；"
        "日期：日期列；指标：列“target”所填编号\n"
    )
    shown = runner.invoke(app, ["import", "-", "--format", "jsonl", "--dry-run", "--show", "json"], input=line, env=zh)
    [entry] = json.loads(shown.stdout)["entries"]
    assert entry["read"].startswith("figure: column 'value'; unit: the target's unit (%); date: the date column")


def test_a_milestones_status_is_said_in_chinese(runner: CliRunner, workdir: Path) -> None:
    line = '{"target": "cluster-zones", "status": "in_progress", "milestone": "semiconductor", "date": "2025-07"}\n'
    result = runner.invoke(app, ["import", "-", "--format", "jsonl", "--dry-run", "--lang", "zh"], input=line)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("第 1 行：cluster-zones = 推进中（里程碑 semiconductor），截至 2025-07-31——状态：")


# Texts as sheets hold them: Chinese, quotes of both kinds, backslashes, brackets.
_CELL = st.text(st.sampled_from("工业总产值（万元）1-8月'\"\\ ,；①*ab"), min_size=1, max_size=12)


@given(_CELL, _CELL)
def test_every_form_the_readers_write_is_said_in_chinese_whatever_it_quotes(text: str, other: str) -> None:
    """The readers quote what they name as Python does (``'x'``, ``"it's"``, with escapes):
    each form comes out with the text itself inside Chinese quotes, and nothing of the English."""
    assert said(f"alias {text!r}") == f"别名“{text}”"
    assert said(f"milestone name {text!r}") == f"里程碑名称“{text}”"
    assert said(f"alias {text!r} (footnote mark {other!r} taken off)") == f"别名“{text}”（去掉脚注标记“{other}”）"
    assert said(f"the title {text!r}") == f"标题“{text}”"
    assert said(f"column {text!r} (C3), 1124000 万元 converted") == f"列“{text}”（C3），由 1124000 万元换算"
    assert said(f"the unit line {text!r} (A2)") == f"表格上方的单位行“{text}”（A2）"
    assert said(f"the row's name {text!r} (A7)") == f"本行名称“{text}”（A7）"
    assert (
        said(f"the month in the title {text!r} and the year in cell D2") == f"标题“{text}”中的月份和单元格 D2中的年份"
    )
    assert (
        said(f"{text!r} read as 842.7, {other!r} taken as a footnote mark")
        == f"“{text}”读作 842.7，“{other}”为脚注标记"
    )
    assert said(f"alias {text!r}", "en") == f"alias {text!r}"


def test_the_fixed_forms() -> None:
    assert [said(s) for s in ("id", "name", "English name", "the date column", "--date", "cell D2")] == [
        "编号", "名称", "英文名称", "日期列", "--date", "单元格 D2",
    ]  # fmt: skip
    assert said("the title's year and the header's month") == "标题中的年份和表头中的月份"
    assert said(
        "-4.0% growth read as the fall it states, 4.0% (energy-intensity records a fall as a positive figure)"
    ) == ("增长 -4.0% 读作其所示的下降 4.0%（energy-intensity 以正数记下降）")
    assert (
        said("carrier '星桥创新园' (--target; kept as the note)")
        == "载体“星桥创新园”（按 --target 记入，载体名称记为备注）"
    )
    assert said("something no reader writes yet") == "something no reader writes yet"  # left as it is, not guessed


def test_a_fall_read_from_signed_growth_and_a_carrier_are_said_in_chinese(runner: CliRunner, workdir: Path) -> None:
    from tests.test_decline_columns import TITLE, _with_falls
    from tests.test_import_target import SHEET

    _with_falls(workdir)
    sheet = f"{TITLE}\n指标名称,1-8月同比增长%\n单位工业增加值能耗,-4.0\n"
    fall = _import(runner, workdir, "s.csv", sheet, "--dry-run", "--lang", "zh")
    assert fall.exit_code == 0, fall.output
    assert "；增长 -4.0% 读作其所示的下降 4.0%（energy-fall 以正数记下降）；日期：" in fall.stdout
    shutil.copy(SHIPPED_PLAN, workdir / "targets.toml")
    carried = _import(runner, workdir, "c.csv", SHEET, "--target", "新增创新空间面积", "--dry-run", "--lang", "zh")
    assert carried.exit_code == 0, carried.output
    assert carried.stdout.splitlines()[0].endswith(
        "指标：列“载体名称”（A3）所填载体“东湖孵化园”（按 --target 记入，载体名称记为备注）"
    )
