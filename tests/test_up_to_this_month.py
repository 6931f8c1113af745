"""The year so far said up to this month or period (the n20 trial's c01): ``至本月新增`` ("added up to
this month"), ``到本月新增``, ``1-本月新增``, ``1至本月新增``, ``至本月末新增`` and ``本期止新增`` were read as
the month's own addition, the 本月 inside them winning: 12 万平方米 added in 1—8月 was recorded as
August's own beside July's 11.2, and the year read 23.2. Every wording of "from the year's start up
to this month" is the year so far: a running total, refused for an increment as ``截至本月新增`` is."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.column_kinds import describe
from tests.helpers import exported, import_text

_C01 = ["至本月新增", "到本月新增", "1-本月新增", "1至本月新增", "至本月末新增", "本期止新增"]


def test_c01_up_to_this_month_is_never_the_months_own_addition(runner: CliRunner, workdir: Path) -> None:
    recorded = runner.invoke(
        app, ["record", "innovation-space", "11.2", "--date", "2025-07", "--note", "1—7月新增（补记）"]
    )
    assert recorded.exit_code == 0, recorded.output
    for header in _C01:
        text = f"临平经开区2025年8月创新空间建设情况\n指标名称,{header}（万平方米）\n新增创新空间面积,12\n"
        result = import_text(runner, workdir, "s.csv", text)
        assert result.exit_code == 1, (header, result.output)
        assert result.stderr.splitlines() == [
            f"error: s.csv: row 3: innovation-space adds up its entries (kind increment), but 12 is under "
            f"'{header}（万平方米）', a running total; the ledger's additions make 11.2 万平方米 through 2025-07, so "
            "2025-08's own addition is 12 − 11.2 = 0.8 万平方米; record it instead of the running total: tracker "
            "record innovation-space 0.8 --date 2025-08, or give it in a 本月 column"
        ], header
    assert exported(runner) == [("innovation-space", "2025-07-31", 11.2, "万平方米")]


def test_up_to_this_month_beside_this_month_is_the_running_total(runner: CliRunner, workdir: Path) -> None:
    text = "临平经开区2025年8月主要经济指标\n指标名称,1-本月（亿元）,本月（亿元）\n规上工业总产值,842.7,112.4\n"
    result = import_text(runner, workdir, "t.csv", text)
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


_STARTS = ["", "1", "1月", "1月份", "一月", "元月", "年初", "自年初", "从1月", "今年1月", "本年1月"]
_TO = ["至", "到", "-", "—", "～"]
_THIS = ["本月", "本月份", "本期", "当月", "当期"]
_END = ["", "末", "底", "止", "末止"]
_FIGURES = ["", "新增", "累计", "完成", "累计新增", "完成值", "新增面积"]
_UNITS = ["", "（亿元）", "(万平方米)"]


@given(st.sampled_from(_STARTS), st.sampled_from(_TO), st.sampled_from(_THIS), st.sampled_from(_END),
       st.sampled_from(_FIGURES), st.sampled_from(_UNITS))  # fmt: skip
def test_every_wording_up_to_this_month_is_the_year_so_far(
    start: str, to: str, this: str, end: str, figure: str, unit: str
) -> None:
    header = f"{start}{to}{this}{end}{figure}{unit}"
    column = describe(header)
    assert column.field == "value" and column.running_total, header
    assert column.months is None, header  # dated by the sheet


@given(st.sampled_from(["截至", "截止", "截至到"]), st.sampled_from(_THIS), st.sampled_from(_END),
       st.sampled_from(_FIGURES), st.sampled_from(_UNITS))  # fmt: skip
def test_as_of_this_month_is_the_year_so_far(word: str, this: str, end: str, figure: str, unit: str) -> None:
    column = describe(f"{word}{this}{end}{figure}{unit}")
    assert column.field == "value" and column.running_total and column.months is None


@given(st.sampled_from(_THIS), st.sampled_from(["止", "末止", "底止"]), st.sampled_from(_FIGURES))
def test_this_month_then_its_end_is_the_year_so_far(this: str, end: str, figure: str) -> None:
    column = describe(f"{this}{end}{figure}")
    assert column.field == "value" and column.running_total and column.months is None


def test_this_month_alone_stays_the_months_own() -> None:
    for header in ("本月", "本月新增", "当月新增（万平方米）", "本期", "本月完成", "完成值（本月）"):
        column = describe(header)
        assert column.field == "month_value" and not column.running_total, header
    assert describe("截至本季度累计").running_total  # a quarter's word as before
    assert describe("至8月新增").months == 8  # a month named: 1—8月
