"""The import's fast forms held to the simple forms they replace.

A sheet's rows are read with work decided once per sheet and caches per distinct text
(``importing._Sheet``), entries are built as tuples in field order (``record.entry_of``), and the
meaning checks compare in whole numbers (``meaning._within_scaled``, ``_too_large``) and read a
figure's fingerprint from a cache (``meaning._figure_key``). Each must give what the per-row,
by-name, Fraction form gives, figure for figure and message for message.
"""

from __future__ import annotations

import tempfile
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import units
from ledger.entries import Entry
from ledger.importing import rows_to_entries
from ledger.layout import read_table
from ledger.meaning import RATIO, _figure_key, _too_large, _value, _within_scaled, fingerprint, within
from ledger.record import build_entry
from ledger.sheets import Grid
from tests.helpers import RECORDED, entry, write_plan

TARGETS = """
[[target]]
id = "output"
action = "a"
name = "工业总产值"
kind = "total"
unit = "亿元"
target = 1360

[[target]]
id = "area"
action = "a"
name = "新增面积"
kind = "increment"
unit = "万平方米"
target = 50

[[target]]
id = "growth"
action = "a"
name = "增速"
kind = "rate"
unit = "%"
target = 6

[[target]]
id = "place"
action = "a"
name = "排名"
kind = "rank"
unit = "位"
target = 70

[[target]]
id = "park"
action = "a"
name = "园区建设"
kind = "milestone"
"""

_PLAN_DIR = Path(tempfile.mkdtemp(prefix="tracker-fast-"))
PLAN = write_plan(_PLAN_DIR, TARGETS)

_FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
names = st.sampled_from(
    ["工业总产值", "新增面积", "增速", "排名", "园区建设", "output", "未知指标", "合计", "—", "'=1"]
)
numbers = st.decimals(min_value=Decimal("-99999"), max_value=Decimal("99999"), places=2).map(str)
figures = st.one_of(
    numbers,
    numbers.map(lambda t: t.translate(_FULL_WIDTH)),  # full-width digits
    numbers.map(lambda t: t + "%"),
    st.sampled_from(["—", "－", "-", "/", "…", "#N/A", "", " ", "12,5", "12.500", "1,360", "abc", "'=1", "0"]),
)
unit_cells = st.sampled_from(["", "亿元", "万元", "平方米", "万平方米", "%", "位", "吨", "斤"])
statuses = st.sampled_from(["", "推进中", "已完成", "in_progress", "maybe"])
dates = st.sampled_from(["2025-03-31", "2025/6/30", "2025年6月", "2025-06", "", "not a date", "2026-01-31", "—"])
header_units = st.sampled_from(["数值", "数值(万元)", "数值（亿元）", "1-6月累计"])


@st.composite
def sheets(draw: st.DrawFn) -> tuple[Grid, bool]:
    """A sheet of up to 12 rows over the plan's five kinds, repeating its texts, with a unit in
    the figure column's header or not, a 单位 column or not, a date column or not, and a
    semicolon (decimal comma) or not."""
    decimal_comma = draw(st.booleans())
    has_unit, has_date, has_status = draw(st.booleans()), draw(st.booleans()), draw(st.booleans())
    header = ["指标名称", draw(header_units)]
    header += ["单位"] * has_unit + ["截至日期"] * has_date + ["状态"] * has_status
    rows: list[tuple[int, dict[int, object]]] = [(1, dict(enumerate(header, 1)))]
    pool = draw(st.lists(st.tuples(names, figures, unit_cells, dates, statuses), min_size=1, max_size=4))
    picks = draw(st.lists(st.integers(0, len(pool) - 1), min_size=1, max_size=12))
    for n, i in enumerate(picks, 2):
        name, value, unit, day, status = pool[i]
        cells = [name, value] + [unit] * has_unit + [day] * has_date + [status] * has_status
        row = {c: v for c, v in enumerate(cells, 1) if v.strip()}
        if row:
            rows.append((n, row))
    return Grid("s.csv", rows, delimiter=";" if decimal_comma else ","), decimal_comma


def _outcome(grid: Grid, default: date | None) -> tuple[list[tuple[object, ...]], list[str], list[str], list[str], str]:
    table = read_table(grid)
    out = rows_to_entries(
        PLAN, table, existing=[], default_date=default, recorded=RECORDED, by="me", spreadsheet=True,
        skip_unknown=True,
    )  # fmt: skip
    kept = [(e._replace(id=""), r, n) for e, r, n in zip(out.entries, out.readings, out.numbers, strict=True)]
    problems = [f"{p.where}: {p.message} ({p.fix})" for p in out.problems]
    return kept, problems, out.skipped, out.unknown, f"{out.units_given} {out.units_headed}"


@settings(max_examples=300, deadline=None)
@given(sheets(), st.sampled_from([None, date(2025, 6, 30)]))
def test_a_sheet_reads_as_its_rows_read_alone(sheet: tuple[Grid, bool], default: date | None) -> None:
    """Reading the whole sheet (caches shared by every row) gives each row what reading that
    row alone, in a sheet of its own, gives: entries, readings, problems and notes."""
    grid, _ = sheet
    header, *body = grid.rows
    if not body:
        return
    try:
        whole = _outcome(grid, default)
    except Exception as e:  # a sheet the layout refuses is refused alike row by row
        whole_error: str | None = str(e)
    else:
        whole_error = None
    alone = []
    alone_error = None
    for row in body:
        try:
            alone.append(_outcome(Grid(grid.name, [header, row], delimiter=grid.delimiter), default))
        except Exception as e:
            alone_error = str(e)
    if whole_error is not None or alone_error is not None:
        return  # the layout (not this stage) refused the sheet: nothing to compare
    entries = [x for a in alone for x in a[0]]
    problems = [x for a in alone for x in a[1]]
    counts = [tuple(map(int, a[4].split())) for a in alone]
    assert whole[0] == entries
    assert whole[1] == problems
    assert whole[2] == [x for a in alone for x in a[2]]  # rows passed over
    assert whole[3] == [x for a in alone for x in a[3]]  # rows naming no target
    assert whole[4] == f"{sum(c[0] for c in counts)} {sum(c[1] for c in counts)}"


@given(
    st.sampled_from(["output", "area", "growth", "place", "park"]),
    st.one_of(numbers, st.sampled_from(["5%", "75", "推进中", "done"])),
    st.sampled_from([None, "亿元", "万元", "平方米", "%", "位"]),
    st.sampled_from([None, "12.5"]),
    st.sampled_from([None, "note"]),
    st.sampled_from([None, "2024"]),
)
def test_an_entry_built_in_field_order_is_the_entry_built_by_name(
    tid: str, value: str, unit: str | None, month: str | None, note: str | None, period: str | None
) -> None:
    """``entry_of`` builds its tuple in :class:`Entry`'s field order: each field lands where
    ``Entry(...)`` by name puts it."""
    kind = PLAN.target(tid).kind.value
    try:
        made = build_entry(
            PLAN, tid, None if kind == "milestone" else value, day=date(2025, 6, 30), recorded=RECORDED,
            unit=None if kind == "milestone" else unit, status=value if kind == "milestone" else None,
            month_value=month if kind == "total" else None, note=note, source="src", by="me",
            period=period if kind == "rank" else None,
        )  # fmt: skip
    except Exception:
        return  # refusals are the checks' own, unchanged
    by_name = Entry(
        id=made.id, target=tid, date=date(2025, 6, 30), recorded=RECORDED, value=made.value, unit=made.unit,
        note=note, source="src", by="me", status=made.status, month_value=made.month_value, period=made.period,
    )  # fmt: skip
    assert made == by_name
    assert type(made) is Entry
    assert made.target == tid and made.note == note and made.source == "src" and made.by == "me"
    if kind != "milestone":
        assert made.value is not None and made.status is None and made.milestone is None
        assert made.period == (int(period) if period and kind == "rank" else None)
        assert made.month_value == (Decimal(month) if month and kind == "total" else None)


def test_the_unit_check_refuses_exactly_what_convert_refuses() -> None:
    """``entry_of`` asks :func:`units.factor` whether a figure converts where it asked
    :func:`units.convert`: the two refuse the same pairs, with the same message."""
    for a in units.KNOWN_UNITS:
        for b in units.KNOWN_UNITS:
            try:
                units.convert(Decimal("12.34"), units.canonical(a), b)
                by_convert = None
            except units.UnitError as e:
                by_convert = str(e)
            try:
                units.factor(units.canonical(a), b)
                by_factor = None
            except units.UnitError as e:
                by_factor = str(e)
            assert by_convert == by_factor


positive = st.fractions(min_value=Fraction(1, 10**6), max_value=10**9, max_denominator=10**6)


@given(positive, positive, positive)
def test_within_scaled_is_within_the_product(value: Fraction, previous: Fraction, scale: Fraction) -> None:
    assert _within_scaled(value, previous, scale) == within(value, previous * scale)


@given(st.fractions(min_value=0, max_value=10 * RATIO, max_denominator=1000))
def test_within_scaled_at_the_edges(factor: Fraction) -> None:
    previous, scale = Fraction(7, 3), Fraction(5, 2)
    value = previous * scale * factor
    if value > 0:
        assert _within_scaled(value, previous, scale) == within(value, previous * scale)


@given(numbers, st.sampled_from(["万平方米", "平方米", "亩", None]), st.sampled_from(["0", "50", "-3"]))
def test_too_large_in_whole_numbers(value: str, unit: str | None, goal: str) -> None:
    """The increment check in whole numbers says what ``abs(value) > |target − baseline|``
    says in Fractions, message included."""
    target = PLAN.target("area")._replace(target=Decimal(goal), baseline=Decimal("-1") if goal == "-3" else None)
    e = entry("area", date(2025, 6, 30), value, unit=unit)
    exact = _value(e, target)
    whole = abs(Fraction(target.target) - Fraction(target.baseline or 0))  # type: ignore[arg-type]
    found = _too_large(target, e, exact)
    assert (found is not None) == (exact is not None and whole != 0 and abs(exact) > whole)


@given(numbers, st.sampled_from(["亿元", "万元", "平方米", "吨", None]), st.sampled_from(["output", "area", "growth"]))
def test_fingerprint_is_the_exact_figure(value: str, unit: str | None, tid: str) -> None:
    """A fingerprint's figure is the entry's value in its target's unit, exactly, in lowest
    terms; as typed when it does not convert or is 0 (the form before the cache)."""
    target = PLAN.target(tid)
    e = entry(tid, date(2025, 6, 30), value, unit=unit)
    exact = _value(e, target) or Fraction(e.value)  # type: ignore[arg-type]
    assert fingerprint(target, e)[2] == (exact.numerator, exact.denominator)
    assert fingerprint(None, e)[2] == Fraction(e.value).as_integer_ratio()  # type: ignore[arg-type]
    assert _figure_key(Decimal(value), unit, target.unit) == (exact.numerator, exact.denominator)
