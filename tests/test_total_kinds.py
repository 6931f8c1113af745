"""A figure given twice on one sheet, once as a whole and once as its parts, is never counted
twice: a total row is a kind (any word for a total, after a place or a scope, in full or half
width, with spaces), an unlabelled row beside a 载体名称 column is judged on the rows above or
below it, the target's own row beside its carriers' is refused under ``--target``, and a
district's column (全区) is never offered for a zone's target."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger.area_columns import is_area_whole, part_named
from ledger.total_labels import is_total_row
from tests.helpers import exported, import_text

TITLE = "临平经开区科技局2025年8月新增创新空间面积情况"
WORDS = ("合计", "总计", "小计", "汇总", "共计", "累计")
SCOPES = ("", "全区", "以上", "经开区", "各载体", "其中：", "园区", "全市")
TAILS = ("", "：", ":", "（2个）", "(3项)")


def _full_width(text: str) -> str:
    """``text`` with its ASCII written full width, as Chinese sheets type it."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@settings(max_examples=200)
@given(
    st.sampled_from(SCOPES),
    st.sampled_from(WORDS),
    st.sampled_from(TAILS),
    st.sampled_from(("", " ", "\u3000", "  ")),
    st.booleans(),
)
def test_every_word_for_a_total_after_any_scope_is_a_total_row(
    scope: str, word: str, tail: str, space: str, wide: bool
) -> None:
    label = scope + word[0] + space + word[1] + tail
    assert is_total_row(_full_width(label) if wide else label)


@pytest.mark.parametrize("label", ["Total", "TOTAL:", "Sub-total", "Subtotal", "Grand Total", "全区", "总数", "合计数"])
def test_english_and_whole_words_are_total_rows(label: str) -> None:
    assert is_total_row(label)


@pytest.mark.parametrize(
    "label",
    ["东湖孵化园", "临平科创中心", "1-8月累计", "汇总中心大楼", "能源消费总量", "社会消费品零售总额", "全区域产业园"],
)
def test_names_of_carriers_and_targets_are_no_total_rows(label: str) -> None:
    assert not is_total_row(label)


@pytest.mark.parametrize(
    "total", ["全区总计", "以上合计", "经开区合计", "全区汇总", "各载体合计", "全区小计", "合　计"]
)
def test_a_carrier_sheets_total_row_is_refused(total: str, runner: CliRunner, workdir: Path) -> None:
    """c02: 3000 + 5000 and their total 8000 would be 1.6 万平方米 for 0.8: refused, nothing written."""
    sheet = f"{TITLE}\n载体名称,新增面积（平方米）\n东湖孵化园,3000\n临平科创中心,5000\n{total},8000\n"
    done = import_text(runner, workdir, "s.csv", sheet, "--target", "innovation-space")
    assert done.exit_code == 1
    assert done.stderr == (
        f"error: s.csv: row 5: {total!r} is a total row, the sum of rows that tracker reads and adds up itself; delete it, or pass it over with --skip-unknown: the rows it totals are imported all the same\n"
    )
    assert not (workdir / "progress.toml").exists()


WHOLES = ("", "全区", "全部", "所有", "全体", "全园区")  # a scope naming the whole, or none
MEASURES = ("面积", "数量", "数", "个数", "新增面积", "量", "额", "和")
ENDS = ("载体", "全区载体", "新增创新空间", "各片区", "孵化器")  # what may come before 总面积, 总数量, 总数


@settings(max_examples=300)
@given(
    st.sampled_from(WHOLES),
    st.sampled_from(MEASURES),
    st.sampled_from(("", "：", "（2个）")),
    st.sampled_from(("", " ", "\u3000")),
    st.booleans(),
)
def test_every_total_for_the_whole_is_a_total_row(whole: str, measure: str, tail: str, space: str, wide: bool) -> None:
    """c06: 总 before a measure, alone or after a scope (总面积, 全区总面积, 全部总数量), in any width."""
    label = whole + "总" + space + measure + tail
    assert is_total_row(_full_width(label) if wide else label)


@settings(max_examples=200)
@given(st.sampled_from(ENDS), st.sampled_from(("总面积", "总数量", "总数", "总个数", "总新增面积")), st.booleans())
def test_a_label_ending_in_a_total_measure_is_a_total_row(what: str, measure: str, wide: bool) -> None:
    """载体总数, 全区载体总面积: what is summed, then 总 and a measure of it."""
    label = what + measure
    assert is_total_row(_full_width(label) if wide else label)


@settings(max_examples=200)
@given(st.sampled_from(("所有", "全体")), st.sampled_from(("", "载体", "项目", "企业", "单位", "载体合计", "新增")))
def test_all_of_them_is_a_total_row(scope: str, what: str) -> None:
    """所有载体, 全体企业: "all of them" says the row is their whole."""
    assert is_total_row(scope + what)


@settings(max_examples=200)
@given(
    st.sampled_from(("总部", "总体", "总站", "总医院", "所有权", "总部经济")),
    st.sampled_from(("大楼", "中心", "基地", "产业园", "项目", "馆")),
)
def test_a_building_named_with_zong_is_no_total_row(head: str, end: str) -> None:
    """总部大楼, 总体规划馆, 所有权登记中心: 总 or 所有 before a thing, never a measure, names a carrier."""
    assert not is_total_row(head + end)


@pytest.mark.parametrize(
    "label", ["能源消费总量", "社会消费品零售总额", "规上工业总产值", "固定资产投资总额", "外贸进出口总额"]
)
def test_a_statistics_name_ending_in_zong_is_no_total_row(label: str) -> None:
    """总量 and 总额 after a name are statistics (a target's name), never a total of rows."""
    assert not is_total_row(label)


@pytest.mark.parametrize("target", [(), ("--target", "innovation-space")])
@pytest.mark.parametrize("total", ["全区总面积", "总面积", "所有载体", "总数量"])
def test_a_carrier_sheets_whole_by_its_measure_is_refused(
    total: str, target: tuple[str, ...], runner: CliRunner, workdir: Path
) -> None:
    """c06: 3000 + 5000 and a last row 全区总面积 8000 would be 1.6 万平方米 for 0.8: refused as a total
    row, with or without --target (a row's name no target has)."""
    if target:
        sheet = f"{TITLE}\n载体名称,新增面积（平方米）\n东湖孵化园,3000\n临平科创中心,5000\n{total},8000\n"
    else:
        sheet = f"{TITLE}\n指标名称,新增面积（平方米）\n新增创新空间面积,8000\n{total},8000\n"
    done = import_text(runner, workdir, "s.csv", sheet, *target)
    assert done.exit_code == 1
    assert done.stderr == (
        f"error: s.csv: row {5 if target else 4}: {total!r} is a total row, the sum of rows that tracker reads and adds up itself; delete it, or pass it over with --skip-unknown: the rows it totals are imported all the same\n"
    )
    assert not (workdir / "progress.toml").exists()


def test_a_carriers_whole_by_its_measure_is_passed_over_with_skip_unknown(runner: CliRunner, workdir: Path) -> None:
    """--skip-unknown passes the 总面积 row over: the carriers' 3000 + 5000 alone are recorded."""
    sheet = f"{TITLE}\n载体名称,新增面积（平方米）\n东湖孵化园,3000\n临平科创中心,5000\n总面积,8000\n"
    done = import_text(runner, workdir, "s.csv", sheet, "--target", "innovation-space", "--skip-unknown")
    assert done.exit_code == 0, done.stderr
    assert exported(runner) == [
        ("innovation-space", "2025-08-31", 3000, "平方米"),
        ("innovation-space", "2025-08-31", 5000, "平方米"),
    ]


CARRIERS = "指标名称,载体名称,本月新增（平方米）\n"


@pytest.mark.parametrize("order", ["below", "above"])
def test_an_unlabelled_subtotal_in_the_carrier_layout_is_passed_over(
    order: str, runner: CliRunner, workdir: Path
) -> None:
    """c11: 8000 = 3000 + 5000 with its 载体名称 empty, under or over the carriers: August adds
    3000 + 5000 平方米 = 0.8 万平方米, never 1.6."""
    carriers = "新增创新空间面积,东湖孵化园,3000\n新增创新空间面积,临平科创中心,5000\n"
    subtotal = "新增创新空间面积,,8000\n"
    body = carriers + subtotal if order == "below" else subtotal + carriers
    done = import_text(runner, workdir, "s.csv", f"{TITLE}\n{CARRIERS}{body}")
    assert done.exit_code == 0, done.stderr
    said = (
        "note: s.csv: passed over row 5 under '新增创新空间面积' (named in A3–A5), a subtotal: its 载体名称 is empty "
        "and 8000 = 3000 + 5000, rows 3–4 above it (tracker adds rows up itself)"
        if order == "below"
        else "note: s.csv: passed over row 3 under '新增创新空间面积' (named in A3–A5), a subtotal: its 载体名称 is "
        "empty and 8000 = 3000 + 5000, rows 4–5 below it (tracker adds rows up itself)"
    )
    assert said in done.stderr.splitlines()
    assert exported(runner) == [
        ("innovation-space", "2025-08-31", 3000, "平方米"),
        ("innovation-space", "2025-08-31", 5000, "平方米"),
    ]


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(st.lists(st.integers(1000, 9999), min_size=2, max_size=5, unique=True), st.booleans(), st.integers(-1, 1))
def test_an_unlabelled_row_counts_never_with_the_carriers_it_adds_up(
    runner: CliRunner, workdir: Path, parts: list[int], first: bool, off: int
) -> None:
    """Any carriers and a row with 载体名称 empty, first or last: its sum passed over, anything else
    refused with nothing written; the carriers alone are ever counted."""
    (workdir / "progress.toml").unlink(missing_ok=True)
    rows = [f"新增创新空间面积,载体{i},{v}\n" for i, v in enumerate(parts)]
    unlabelled = f"新增创新空间面积,,{sum(parts) + off}\n"
    body = "".join([unlabelled, *rows] if first else [*rows, unlabelled])
    done = import_text(runner, workdir, "s.csv", f"{TITLE}\n{CARRIERS}{body}")
    if off == 0:
        assert done.exit_code == 0, done.stderr
        assert [v for _, _, v, _ in exported(runner)] == parts
    else:
        assert done.exit_code == 1
        assert "it is not counted" in done.stderr
        assert not (workdir / "progress.toml").exists()


def test_the_targets_own_row_over_its_qizhong_carriers_is_refused(runner: CliRunner, workdir: Path) -> None:
    """c10: 8000 for the target, then 其中 its carriers 3000 and 5000: with --target all three
    would count (1.6 万平方米 for 0.8). Refused, naming the rows; nothing written."""
    sheet = f"{TITLE}\n载体名称,新增面积（平方米）\n新增创新空间面积,8000\n其中：东湖孵化园,3000\n临平科创中心,5000\n"
    done = import_text(runner, workdir, "s.csv", sheet, "--target", "innovation-space")
    assert done.exit_code == 1
    assert done.stderr == (
        "error: s.csv: row 3: '新增创新空间面积' names innovation-space itself, beside its carriers' rows 4–5 below it "
        "(其中：东湖孵化园, 临平科创中心): 8000 = 3000 + 5000, 其中 marks them its parts; its whole and their parts "
        "counted together, the month's addition would be counted twice; delete rows 4–5 to import the whole, or "
        "row 3 to import its carriers\n"
    )
    assert not (workdir / "progress.toml").exists()


@pytest.mark.parametrize(("own", "said"), [("8000", "8000 = 3000 + 5000"), ("9000", "9000 ≠ 3000 + 5000 = 8000")])
def test_the_targets_own_row_under_its_carriers_is_refused(
    own: str, said: str, runner: CliRunner, workdir: Path
) -> None:
    """The whole below its carriers, no 其中: refused when it may be their whole (not less than
    their sum); deleting the carriers' rows imports the whole alone."""
    rows = f"东湖孵化园,3000\n临平科创中心,5000\n新增创新空间面积,{own}\n"
    done = import_text(
        runner, workdir, "s.csv", f"{TITLE}\n载体名称,新增面积（平方米）\n{rows}", "--target", "innovation-space"
    )
    assert done.exit_code == 1
    how = "its whole and their parts" if "=" in said and "≠" not in said else "if it is their whole (a part left out),"
    assert done.stderr == (
        f"error: s.csv: row 5: '新增创新空间面积' names innovation-space itself, beside its carriers' rows 3–4 above it "
        f"(东湖孵化园, 临平科创中心): {said}; {how} counted together, the month's addition would be counted twice; "
        "delete rows 3–4 to import the whole, or row 5 to import its carriers\n"
    )
    done = import_text(
        runner,
        workdir,
        "w.csv",
        f"{TITLE}\n载体名称,新增面积（平方米）\n新增创新空间面积,{own}\n",
        "--target",
        "innovation-space",
    )
    assert done.exit_code == 0, done.stderr
    assert exported(runner) == [("innovation-space", "2025-08-31", int(own), "平方米")]


BULLETIN = "临平区2025年1-8月主要经济指标\n指标名称,全区,其中：经开区\n规模以上工业总产值,2530.6,842.7\n"


def test_a_districts_column_is_never_offered_for_the_zones_target(runner: CliRunner, workdir: Path) -> None:
    """c12: 全区 is the district's (2530.6 亿元), 其中：经开区 the zone's, whose plan this is: the
    hint offers the zone's column, and following it records 842.7 亿元."""
    done = import_text(runner, workdir, "s.csv", BULLETIN)
    assert done.exit_code == 1
    assert done.stderr.splitlines()[-1] == (
        "error: s.csv: no row has a figure in a column tracker understands (columns '全区' (B), '其中：经开区' (C) not "
        "understood); the sheet gives a whole area's figures in '全区' (B) and a part of it in '其中：经开区' (C); a "
        "whole area's figure is never a zone's within it: '其中：经开区' is the plan's own area, as its name "
        "'临平经开区2025年“六大行动”' says; import it with --map '其中：经开区=value'"
    )
    assert "全区=" not in done.stderr
    done = import_text(runner, workdir, "s.csv", BULLETIN, "--map", "其中：经开区=value")
    assert done.exit_code == 0, done.stderr
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


def test_a_part_mapped_beside_other_parts_of_a_district_is_taken(runner: CliRunner, workdir: Path) -> None:
    """全区 | 其中：经开区 | 其中：高新区: mapping the zone's column is no part left out of a total."""
    sheet = (
        "临平区2025年1-8月主要经济指标\n指标名称,全区,其中：经开区,其中：高新区\n规模以上工业总产值,2530.6,842.7,500\n"
    )
    done = import_text(runner, workdir, "s.csv", sheet)
    assert "全区=" not in done.stderr and "--map '其中：经开区=value'" in done.stderr
    done = import_text(runner, workdir, "s.csv", sheet, "--map", "其中：经开区=value")
    assert done.exit_code == 0, done.stderr
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


def test_a_district_plan_is_asked_which_column_is_its_own(runner: CliRunner, workdir: Path) -> None:
    """A plan whose name names no part: no column is offered, the question is asked."""
    sheet = BULLETIN.replace("其中：经开区", "其中：高新区")
    done = import_text(runner, workdir, "s.csv", sheet)
    assert done.exit_code == 1
    assert done.stderr.splitlines()[-1].endswith(
        "a whole area's figure is never a zone's within it: import the column of the plan's own area with "
        "--map 'COLUMN=value'"
    )


@pytest.mark.parametrize(("label", "whole", "part"), [("全区", True, None), ("全 市", True, None),
                                                      ("其中：经开区", False, "经开区"), ("经开区", False, None)])  # fmt: skip
def test_area_columns(label: str, whole: bool, part: str | None) -> None:
    assert is_area_whole(label) is whole
    assert part_named(label) == part
