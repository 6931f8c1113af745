"""A header's unit is read by the one unit table a 单位 cell and a unit line are (ledger.units): 本月新增供地（ha）
(hm², Ha, 公頃, 平方, 万平) was taken for words saying what the column measures and its 10 read as 10 亩 of a
target counted in 亩 (10 公顷 is 150 亩), while a 单位 cell ``ha`` was refused. Every unit form a 单位 cell
accepts, a header in brackets, after a slash, a colon or a space accepts as the same unit; every one it
refuses, the header refuses naming the column: never read in the target's unit."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import units
from ledger.column_kinds import describe
from ledger.header_units import _OTHER_UNITS, unread_unit
from tests.helpers import exported, import_text, write_plan

_LAND = """
[[target]]
id = "land"
action = "a"
name = "新增供地面积"
kind = "increment"
unit = "亩"
target = 1500
"""
_HECTARES = ["ha", "Ha", "HA", "ＨＡ", "hm²", "hm2", "HM2", "公頃", "公顷"]


def _forms() -> list[str]:
    """Every unit form the tables know or name: the units, their aliases, each scale before a unit of no
    scale of its own, the units tracker does not convert (with scales), and the ASCII ones in capitals,
    title case and full width; and the forms of the land office's sheets."""
    forms = set(units.KNOWN_UNITS) | set(units._ALIASES) | set(_OTHER_UNITS)
    forms |= {s + u for s in units.SCALES for u in (*units._SCALABLE, *_OTHER_UNITS)}
    forms |= {v for f in forms if f.isascii() for v in (f.upper(), f.title(), unicodedata.normalize("NFKC", f))}
    forms |= {f.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)}) for f in forms if f.isascii()}
    return sorted(forms | {*_HECTARES, "顷", "平方", "万平", "万ha", "万公頃"})


_FORMS = _forms()
_SHAPES = [
    "本月新增供地（{}）",
    "本月新增供地({})",
    "本月新增供地【{}】",
    "本月新增供地（单位：{}）",
    "1-8月累计（{}）",
]
# A % after a slash, a colon or a space is read where it stands (header_units.in_brackets): no unit there.
_SPACED_SHAPES = ["本月新增供地/{}", "本月新增供地：{}", "本月新增供地 {}", "本月新增供地 单位：{}"]


def _cell(form: str) -> str | None:
    """The unit a 单位 cell ``form`` gives a figure (``None``: refused)."""
    try:
        return units.canonical(form)
    except units.UnitError:
        return None


def _header(label: str) -> str | None:
    """The unit the header ``label`` gives its figures (``None``: the column is refused for it), or
    ``"ignored"`` where the figures would be read in the target's unit."""
    if unread_unit(label) is not None:
        return None
    return describe(label).unit or "ignored"


@given(st.sampled_from(_FORMS), st.sampled_from(_SHAPES + _SPACED_SHAPES))
def test_a_header_reads_every_unit_form_as_a_unit_cell_does(form: str, shape: str) -> None:
    if shape in _SPACED_SHAPES and _cell(form) == "%":
        return
    assert _header(shape.format(form)) == _cell(form), (form, shape)


@pytest.mark.parametrize("form", _HECTARES)
def test_the_hectares_forms_are_fifteen_mu(form: str) -> None:
    assert units.canonical(form) == "公顷"
    assert units.factor(form, "亩") == 15 and units.factor(form, "平方米") == 10**4


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # dry runs: nothing is written
@given(
    st.sampled_from([*_HECTARES, "亩", "平方", "万平", "顷", "平方米", "㎡", "万亩", "栋", "吨", "acre", "hectares"])
)
def test_an_import_reads_a_headers_unit_as_its_unit_cell(runner: CliRunner, workdir: Path, form: str) -> None:
    write_plan(workdir, _LAND)
    title = "示例开发区2025年8月供地情况\n"
    by_header = import_text(
        runner, workdir, "h.csv", f"{title}指标名称,本月新增供地（{form}）\n新增供地面积,10\n", "--dry-run"
    )
    by_cell = import_text(
        runner, workdir, "c.csv", f"{title}指标名称,本月新增供地,单位\n新增供地面积,10,{form}\n", "--dry-run"
    )
    assert by_header.exit_code == by_cell.exit_code, (form, by_header.output, by_cell.output)
    if by_cell.exit_code == 0:
        unit = units.canonical(form)
        assert by_header.stdout.startswith(f"row 3: land = 10 {unit} as of 2025-08-31"), form
        assert by_cell.stdout.startswith(f"row 3: land = 10 {unit} as of 2025-08-31"), form
    else:
        assert "10 亩" not in by_header.output and by_header.stderr.startswith("error: h.csv:"), form
        assert len(by_header.stderr.splitlines()) == 1, form
    assert not (workdir / "progress.toml").exists()


@pytest.mark.parametrize("form", ["ha", "hm²", "Ha", "公頃"])
def test_c12_ten_hectares_of_land_are_150_mu(runner: CliRunner, workdir: Path, form: str) -> None:
    """The land office's August sheet: 10 公顷 was recorded as 10 亩."""
    write_plan(workdir, _LAND)
    sheet = f"示例开发区2025年8月供地情况\n指标名称,本月新增供地（{form}）\n新增供地面积,10\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("land", "2025-08-31", 10, "公顷")]
    status = runner.invoke(app, ["status", "--as-of", "2025-08", "--format", "json"])
    (land,) = [t for a in json.loads(status.stdout)["actions"] for t in a["targets"]]
    assert land["current"] == 150


def test_c12_a_bare_qing_is_refused_naming_the_column(runner: CliRunner, workdir: Path) -> None:
    """顷 alone is the 市制 顷 (100 亩) or short for 公顷 (15 亩): which, the sheet does not say."""
    write_plan(workdir, _LAND)
    sheet = "示例开发区2025年8月供地情况\n指标名称,本月新增供地（顷）\n新增供地面积,10\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: s.csv: column '本月新增供地（顷）' (B) states its unit as '顷', which tracker cannot read; head it in a "
        "unit tracker converts (元, 万元, 亿元, 平方米, 万平方米, 亩, 公顷, 家, 个 …, with 千, 万, 百万, 十亿 … before "
        "one), or convert the figures\n"
    )
    assert exported(runner) == []


def test_c12_ping_is_square_metres_and_wan_ping_ten_thousand(runner: CliRunner, workdir: Path) -> None:
    sheet = "临平经开区科技局2025年8月重点任务推进情况\n指标名称,本月新增（万平）\n新增创新空间面积,3\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("innovation-space", "2025-08-31", 3, "万平方米")]
    assert units.canonical("平方") == "平方米"
