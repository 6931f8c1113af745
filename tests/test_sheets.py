"""Sheets as bureaus and departments publish them (tests/sheets/build.py): each imports as
received into the shipped plan with exactly the entries worked out by hand, or is refused in
one line that names where and why, with nothing written."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cli import app
from tests.sheets.build import Case, cases

CASES = cases()


def _export(runner: CliRunner) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["export", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def _same(want: dict[str, Any], got: dict[str, Any]) -> bool:
    for k, v in want.items():
        have = got.get(k)
        if k in ("value", "month_value") and v is not None:
            if (
                have is None
                or Decimal(str(have)) != Decimal(v)
                or (str(have) != v and Decimal(v) != Decimal(str(have)))
            ):
                return False
        elif have != v:
            return False
    return True


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_sheet(case: Case, runner: CliRunner, workdir: Path) -> None:
    case.make(workdir / case.file)
    result = runner.invoke(app, ["import", case.file, *case.args])
    if case.refusal is not None:
        assert result.exit_code == 1, result.output
        assert result.stderr == f"error: {case.refusal}\n"
        assert not (workdir / "progress.toml").exists() or not _export(runner)
        return
    assert result.exit_code == 0, result.stderr
    got = _export(runner)
    assert len(got) == len(case.entries), got
    for want, have in zip(case.entries, got, strict=True):
        assert _same(want, have), (want, have)
    for note in case.stderr:
        assert note in result.stderr, result.stderr


def test_exact_values_keep_their_digits(runner: CliRunner, workdir: Path) -> None:
    """318.60 as typed in the sheet stays 318.60 in the ledger; 628.32 + 1e-13 is shown as 628.32."""
    case = next(c for c in CASES if c.file == "percent.xlsx")
    case.make(workdir / case.file)
    assert runner.invoke(app, ["import", case.file]).exit_code == 0
    text = (workdir / "progress.toml").read_text(encoding="utf-8")
    assert "value = 628.32\n" in text and "value = 5.2\n" in text and "0000" not in text


def test_active_sheet_named_on_success(runner: CliRunner, workdir: Path) -> None:
    case = next(c for c in CASES if c.file == "two-sheets.xlsx")
    case.make(workdir / case.file)
    result = runner.invoke(app, ["import", case.file])
    assert (
        result.stdout
        == "imported 1 entry from two-sheets.xlsx (sheet '6月') into progress.toml (1 in its target's unit)\n"
    )


def test_dry_run_says_how_each_figure_was_read(runner: CliRunner, workdir: Path) -> None:
    case = next(c for c in CASES if c.file == "bureau.xlsx")
    case.make(workdir / case.file)
    result = runner.invoke(app, ["import", case.file, "--skip-unknown", "--dry-run"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "row 6: industrial-output = 318.60 亿元 as of 2025-03-31 — figure: column '1-3月 绝对值' (C6); "
        "unit: 单位 cell (B6); a running total (1—N月累计); date: cell D2; "
        "target: alias '规模以上工业总产值' in column '指标名称' (A6)",
        "row 8: value-added-growth = 5.6% as of 2025-03-31 — figure: column '1-3月 同比增长%' (D8); "
        "unit: the header of '1-3月 同比增长%'; date: cell D2; "
        "target: alias '规模以上工业增加值' in column '指标名称' (A8)",
    ]
    assert not (workdir / "progress.toml").exists()


def test_without_skip_unknown_rows_naming_no_target_refuse(runner: CliRunner, workdir: Path) -> None:
    case = next(c for c in CASES if c.file == "bureau.xlsx")
    case.make(workdir / case.file)
    result = runner.invoke(app, ["import", case.file])
    assert result.exit_code == 1
    assert "row 11: no target '出口总额'; or pass such rows over with --skip-unknown" in result.stderr


def test_source_and_note_for_every_row(runner: CliRunner, workdir: Path) -> None:
    case = next(c for c in CASES if c.file == "stray.xlsx")
    case.make(workdir / case.file)
    result = runner.invoke(app, ["import", case.file, "--source", "区统计局快报", "--note", "上半年"])
    assert result.exit_code == 0, result.stderr
    (entry,) = _export(runner)
    assert (entry["source"], entry["note"]) == ("区统计局快报", "上半年")


def test_map_names_a_combined_label(runner: CliRunner, workdir: Path) -> None:
    (workdir / "s.csv").write_text(
        "指标名称,上半年,,截至日期\n,完成额,占比,\n工业总产值,628.32,46%,2025-06-30\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["import", "s.csv", "--map", "上半年 完成额=value"])
    assert result.exit_code == 0, result.stderr
    assert [(e["value"], e["unit"]) for e in _export(runner)] == [(628.32, "亿元")]


# Properties of the pieces: figures, formats, headers.

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ledger.column_kinds import describe  # noqa: E402
from ledger.sheet_cells import figure  # noqa: E402
from ledger.xlsx_formats import excel_number, is_percent_format  # noqa: E402

_FULL = str.maketrans("0123456789.%-", "０１２３４５６７８９．％－")


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_full_width_digits_read_as_ascii(value: Decimal) -> None:
    text = format(value, "f")
    assert figure(text.translate(_FULL)) == text
    assert figure(text.translate(_FULL) + "％") == text + "%"


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=999))
def test_decimal_comma(whole: int, part: int) -> None:
    """In a ;-separated file 12,500 is 12.5, never 12500; a dot-grouped 1.234,5 is 1234.5."""
    assert Decimal(figure(f"{whole},{part:03d}", decimal_comma=True) or "") == Decimal(f"{whole}.{part:03d}")
    if whole >= 1000:
        grouped = f"{whole:,}".replace(",", ".")
        assert Decimal(figure(f"{grouped},{part}", decimal_comma=True) or "") == Decimal(f"{whole}.{part}")


@pytest.mark.parametrize("mark", ["—", "——", "－", "-", "/", "…", "……", "#N/A", " — "])
def test_no_figure_marks(mark: str) -> None:
    assert figure(mark) is None


@pytest.mark.parametrize(
    ("code", "percent"),
    [("0.0%", True), ("0%", True), ("0.00%;[Red]-0.00%", True), ("0.0\\%", False), ('0.0"%"', False),
     ('[$%-804]0.0', False), ("General", False), ("0.0_%", False)],
)  # fmt: skip
def test_percent_formats(code: str, percent: bool) -> None:
    assert is_percent_format(code) is percent


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False))
def test_numbers_as_excel_shows_them(x: float) -> None:
    """At most 15 significant digits, and the same double back."""
    shown = excel_number(x)
    assert len(shown.as_tuple().digits) <= 15
    assert float(shown) == pytest.approx(x, rel=1e-14, abs=1e-300)


@pytest.mark.parametrize(
    ("label", "field", "unit", "running", "months"),
    [
        ("1-9月累计(万元)", "value", "万元", True, 9),
        ("1—6月 本月", "month_value", None, False, 6),
        ("1—6月 累计", "value", None, True, 6),
        ("1-6月", "value", None, True, 6),
        ("1-2月 绝对值", "value", None, True, 2),
        ("1-2月 同比增长%", "growth", "%", False, 2),
        ("增长(%)", "growth", "%", False, None),
        ("±%", "growth", "%", False, None),
        ("新增面积（平方米）", "value", "平方米", False, None),
        ("本年累计", "value", None, True, None),
        ("6月", "month_value", None, False, 6),
        ("1月进展情况", "note", None, False, None),
        ("重点任务", "target", None, False, None),
        ("牵头单位", None, None, False, None),
    ],
)
def test_headers(label: str, field: str | None, unit: str | None, running: bool, months: int | None) -> None:
    column = describe(label)
    assert (column.field, column.unit, column.running_total, column.months) == (field, unit, running, months)


def test_the_bureau_style_examples_import_as_received(runner: CliRunner, workdir: Path) -> None:
    """examples/: the bureau's 1—8月 workbook and 科技局's GB18030 task report, no edit, no --map."""
    import shutil

    examples = Path(__file__).resolve().parent.parent / "examples"
    for name in ("bureau-2025-08-illustrative.xlsx", "department-2025-08-illustrative.csv"):
        shutil.copy(examples / name, workdir / name)
    bureau = runner.invoke(app, ["import", "bureau-2025-08-illustrative.xlsx", "--skip-unknown"])
    assert bureau.stdout == (
        "imported 2 entries from bureau-2025-08-illustrative.xlsx (sheet '1-8月') into progress.toml "
        "(1 in the unit of the sheet's unit column, 1 in the unit its headers give)\n"
    )
    department = runner.invoke(app, ["import", "department-2025-08-illustrative.csv", "--encoding", "gb18030"])
    assert department.exit_code == 0, department.stderr
    got = [(e["target"], e["date"], e.get("value"), e.get("unit"), e.get("status"), e.get("milestone"), e.get("note"))
           for e in _export(runner)]  # fmt: skip
    assert got == [
        ("industrial-output", "2025-08-31", 842.70, "亿元", None, None, None),
        ("value-added-growth", "2025-08-31", 5.8, "%", None, None, None),
        ("incubator", "2025-08-31", None, None, "in_progress", None, "完成孵化器选址"),
        ("enterprise-chain", "2025-08-31", None, None, "done", "chain", "出台培育方案"),
        ("enterprise-chain", "2025-08-31", None, None, "in_progress", "high-tech", None),
        ("innovation-space", "2025-08-31", 8000, "平方米", None, None, "新增孵化空间"),
    ]


def test_a_sheet_naming_no_target_lists_the_rows_it_skipped(runner: CliRunner, workdir: Path) -> None:
    """With --skip-unknown and no row naming a target (here a plan without aliases), the skipped
    rows are still listed, one line each, before the one error saying so; nothing is written."""
    import shutil

    examples = Path(__file__).resolve().parent.parent / "examples"
    shutil.copy(examples / "bureau-2025-08-illustrative.xlsx", workdir / "bureau.xlsx")
    plan = workdir / "targets.toml"
    plan.write_text(
        "".join(line for line in plan.read_text(encoding="utf-8").splitlines(True) if "aliases" not in line),
        encoding="utf-8",
    )
    for dry in ([], ["--dry-run"]):
        result = runner.invoke(app, ["import", "bureau.xlsx", "--skip-unknown", *dry])
        assert result.exit_code == 1 and result.stdout == ""
        skipped = [line for line in result.stderr.splitlines() if "it names no target" in line]
        assert skipped == [
            f"note: bureau.xlsx: skipped row {n}: it names no target (--skip-unknown)"
            for n in ("6 (规模以上工业总产值)", "7 (其中：高新技术产业)", "8 (规模以上工业增加值)", "12 (固定资产投资)",
                      "13 (其中：工业投资)")
        ]  # fmt: skip
        assert result.stderr.splitlines()[-1] == (
            "error: bureau.xlsx: no row with a figure names a target of the plan; the rows skipped above name "
            "none of the targets of targets.toml: add the names they give to the targets' aliases, or give the "
            "plan the sheet is for with --targets"
        )
        assert "nothing to import" not in result.stderr
    assert not (workdir / "progress.toml").exists()


def test_aliases_in_the_plan(runner: CliRunner, workdir: Path) -> None:
    """aliases is a plan key: shown by `targets --format json`, validated, never naming two targets."""
    shown = json.loads(runner.invoke(app, ["targets", "--format", "json"]).stdout)
    by_id = {t["id"]: t for t in shown["targets"]}
    assert by_id["value-added-growth"]["aliases"] == ["规模以上工业增加值", "规上工业增加值"]
    assert by_id["national-rank"]["aliases"] == []
    plan = workdir / "targets.toml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace('aliases = ["规模以上工业增加值"', 'aliases = ["工业总产值"'), encoding="utf-8")
    clash = runner.invoke(app, ["check"])
    assert clash.exit_code == 1
    assert "target 'value-added-growth': alias '工业总产值' also names 'industrial-output'" in clash.stderr
    plan.write_text(text.replace('aliases = ["规模以上工业增加值"', "aliases = [1"), encoding="utf-8")
    assert "aliases: expected a list of names in quotes" in runner.invoke(app, ["check"]).stderr


def test_a_far_cell_costs_no_memory(workdir: Path) -> None:
    """A real process reading the workbooks whose used range runs to XFD1048576 stays small:
    only cells that exist are read (a reader that builds the range needs gigabytes). The peak is
    the process's own (VmHWM after exec), not a watermark inherited from this test process."""
    import subprocess
    import sys

    run = (
        "import sys\n"
        "from cli import main\n"
        "sys.argv = ['tracker', 'import', sys.argv[1], '--dry-run']\n"
        "try:\n    main()\n"
        "finally:\n"
        "    peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "    open('peak.txt', 'w').write(peak)\n"
    )
    for file in ("stray.xlsx", "far-value.xlsx"):
        next(c for c in CASES if c.file == file).make(workdir / file)
        done = subprocess.run([sys.executable, "-c", run, file], cwd=workdir, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert int((workdir / "peak.txt").read_text()) < 150 * 1024  # kB


def test_a_date_given_for_a_sheet_must_agree_with_its_headers_month(workdir: Path) -> None:
    """Found by a new-user trial: a bureau's 1—8月 running totals imported with --date 2025-09
    were filed as of September 30 without a word, a month behind on every target."""
    from tests.conftest import ROOT

    sheet = str(ROOT / "examples" / "bureau-2025-08-illustrative.xlsx")
    runner = CliRunner()
    result = runner.invoke(app, ["import", sheet, "--skip-unknown", "--date", "2025-09"])
    assert result.exit_code == 1
    assert "is for month 8 but --date says 2025-09; give --date 2025-08" in result.output
    assert not (workdir / "progress.toml").exists()
    result = runner.invoke(app, ["import", sheet, "--skip-unknown", "--date", "2025-08", "--dry-run"])
    assert result.exit_code == 0, result.output
