"""Reading the table's columns against each other and the period the sheet states: month and growth
columns under a group, other years', January's and part of the year's, the latest period, and the
one column each field is read from.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from .column_kinds import BESIDE_MONTH, MONTHS_GROWTH, describe
from .header_words import _PART, NAMED_PERIODS, SINCE_YEAR_START, SINCE_YEAR_START_FIRST, VERSUS_YEAR
from .names import key
from .patterns import LazyPattern
from .sheet_title import _Stated
from .stacked_labels import period_first
from .table import Column, LayoutError, PartOfYear

# Why a column of a month before the latest's is not the sheet's figure; an addition's is its own month's
# all the same (ledger.earlier_months).
EARLIER_PERIOD = "an earlier period"
_PART_SPAN = LazyPattern(r"(\d{1,2})—\d{1,2}月 alone")  # part_of_year's first month


def month_columns(columns: Iterable[Column]) -> list[tuple[Column, int]]:
    """The figure columns (value, 本月) whose header names the month they are for (``1-8月累计``,
    ``8月``), each with that month (1–12): what a sheet's stated period and ``--date`` must agree with."""
    return [(c, c.months) for c in columns if c.months is not None and c.field in ("value", "month_value")]


def _group(col: Column) -> tuple[str, str] | None:
    """A combined label's group and the rest (``8月 累计`` → ``8月``, ``累计``; the measure over the
    period read period first, ``绝对值 1-7月`` → ``1-7月``, ``绝对值``), or ``None``."""
    group, _, rest = (period_first(col.label) or col.label).partition(" ")
    return (group, rest) if rest else None


def _growth_under_groups(columns: list[Column]) -> list[Column]:
    """``columns`` with the growth under a period group that holds a running total and no month's
    own figure (``8月`` merged over ``累计 | 同比增长%``: 8月累计 is 1—8月) read as growth: the
    running total's, year to date. Under ``8月`` over ``绝对值 | 同比增长%`` it stays the month's own
    growth, not used (see :func:`describe`)."""
    running: set[str] = set()
    monthly: set[str] = set()
    for c in columns:
        if (g := _group(c)) is not None and c.field in ("value", "month_value"):
            (running if c.field == "value" and c.running_total else monthly).add(g[0])
    out = []
    for c in columns:
        g = _group(c)
        if (
            g is not None
            and c.field is None
            and not c.mapped
            and c.why in (None, MONTHS_GROWTH)
            and g[0] in running - monthly
            and describe(g[1]).field == "growth"
        ):
            c = dataclasses.replace(c, field="growth", unit="%", running_total=False)
        out.append(c)
    return out


# A year in a header: 2024年累计, 2024年1-8月, and one without 年 where it is all the header says
# besides a bracket (2024（亿元）, 2024).
_YEAR_IN_LABEL = LazyPattern(r"(?<!\d)((?:19|20)\d\d)(?:\s*年|\s*(?=[(（\[]|$))")


def _years(label: str) -> tuple[int | None, int | None]:
    """``(the year a header names its figure of, the year it says its growth is over)``, each
    ``None`` where the header names none: ``2024年1-8月`` → (2024, None); ``比2024年同期增长%`` → (None,
    2024); ``2025年比2023年增长%`` → (2025, 2023)."""
    # what VERSUS_YEAR needs, asked first: most labels compare with no year, and need not compile it
    versus = VERSUS_YEAR.search(label) if "比" in label or "较" in label or "与" in label else None
    if versus is not None:
        label = label[: versus.start()] + label[versus.end() :]
    own = _YEAR_IN_LABEL.search(label)
    return (int(own.group(1)) if own else None), (int(versus.group(2)) if versus else None)


def _month_growth(columns: list[Column]) -> list[Column]:
    """``columns`` with a growth column of no period of its own left out when the sheet's only
    figures are a single month's (``8月 | 增速%``, ``本月 | 同比增长%``): that growth is the month's
    own, and a rate's figure is its year-to-date growth (12.0 % for August alone was recorded as
    the year's, where 1—8月 was 5.8 %). So is one that follows a single month's figure when a
    running total stands elsewhere (``8月 | 增速% | 1-8月累计``): a sheet puts each growth after the
    figure it is of (``本月 | 同比% | 累计 | 同比%``)."""
    fields = {c.field for c in columns}
    if "month_value" not in fields:
        return columns
    out, left = [], None  # the nearest figure column to the left: a sheet puts a growth after its figure
    for c in columns:
        if (
            c.field == "growth"
            and c.months is None
            and not c.mapped
            and not _year_so_far(c.label)
            and ("value" not in fields or left == "month_value")
        ):
            c = dataclasses.replace(c, field=None, why=BESIDE_MONTH)
        elif c.field in ("value", "month_value"):
            left = c.field
        out.append(c)
    return out


def _other_years(name: str, columns: list[Column], stated: _Stated) -> list[Column]:
    """``columns`` with each figure column whose header names a year other than the sheet's
    (``2024年累计``, ``2024年1-8月`` under a 2025 title) left out, saying why: it is there for
    comparison, never this year's figure, and no hint may offer to keep it. When the sheet names
    no year, one naming an earlier year than another column of its field, or a year beside one
    naming none (``2024年累计 | 本年累计``), is left out likewise: whatever the sheet's year, the
    other column is its figure. A growth over a year named (``比2024年同期增长%``, ``较2024年1-8月增长%``) is
    of the year after it: under a 2025 title it is the sheet's year-on-year growth, as 比上年同期增长%
    is; over any other year (``比2023年同期增长%``) it is not, and is left out saying so. Raises
    :class:`LayoutError` for such a column named with ``--map`` as a figure (``--map '2024年累计=value'``
    or ``--map '比2023年同期增长%=growth'`` under a 2025 title)."""
    sheet_year = stated.period.year if stated.period is not None else None
    said = f"{stated.period_from} says {sheet_year}" if stated.period is not None else ""
    if sheet_year is None and len(stated.years) == 1:
        ((sheet_year, where),) = stated.years.items()
        said = f"{where} says {sheet_year}"
    figures = ("value", "month_value", "growth")
    years = {c.number: _years(c.label) for c in columns if c.field in figures}
    # a growth over a year (比2024年同期增长%) is of the year after it, unless the header names its own
    named = {n: own or (base + 1 if base else 0) for n, (own, base) in years.items() if own or base}
    if not named:
        return columns
    out = []
    for c in columns:
        year = named.get(c.number)
        own, base = years.get(c.number, (None, None))
        of = own or sheet_year  # the year the growth is of: the header's, else the sheet's
        why = None
        if base is not None and of is not None and base != of - 1 and (own is None or sheet_year in (None, own)):
            # 比2023年同期增长% under a 2025 title: growth over two years, never 2025's year-on-year growth
            if c.mapped:
                raise LayoutError(
                    [f"{name}: column {c.label!r} ({c.letter}) is growth over {base}, but "
                     f"{said or f'the header says {of}'}: it is never {of}'s year-on-year growth (over {of - 1}); map the "
                     "比上年同期增长% column instead, or correct the sheet"]
                )  # fmt: skip
            why = f"growth over {base}, not {of}'s year-on-year growth (over {of - 1})"
        elif year is not None and sheet_year is not None and year != sheet_year:
            if c.mapped:
                raise LayoutError(
                    [f"{name}: column {c.label!r} ({c.letter}) is for {year}, but {said}: it is there for comparison, "
                     f"never {sheet_year}'s figure; map the column of {sheet_year} instead, or correct the sheet"]
                )  # fmt: skip
            why = f"{year}'s {_what(c)}, not {sheet_year}'s, for comparison"
        elif year is not None and sheet_year is None and not c.mapped:
            later = [o for o in columns if o.field == c.field and o is not c and named.get(o.number, 10_000) > year]
            if later:
                whose = "the growth of " if c.field == "growth" else ""
                why = f"{whose}an earlier year than {later[0].label!r}, for comparison"
        if why is not None:
            c = dataclasses.replace(c, field=None, running_total=False, why=why)
        out.append(c)
    return out


def _january(columns: list[Column], stated: _Stated) -> list[Column]:
    """``columns`` as a January sheet means them: January's own figure is the year so far, so a
    ``1月`` or ``本月`` column is the figure (a total's 1—1月, an increment's addition) when no
    other column gives one, and the
    growth of January alone (``1月同比增长%``, or beside ``1月``) is year-to-date growth. January is
    what the title or a date cell above says (2025年1月), else the figure columns' headers."""
    months = {c.months for c in columns if c.field in ("value", "month_value") or c.why == MONTHS_GROWTH}
    if stated.period is not None:
        january = stated.period.month == 1 and months <= {1, None}
    elif stated.month is not None:
        january = stated.month[0] == 1 and months <= {1, None}
    else:
        january = months == {1}
    if not january:
        return columns
    total = any(c.field == "value" for c in columns)
    out = []
    for c in columns:
        if c.field == "month_value" and not total and not c.mapped:
            c = dataclasses.replace(c, field="value", months=1)  # an increment's addition, a total's 1—1月
        elif c.field is None and c.why == MONTHS_GROWTH:
            c = dataclasses.replace(c, field="growth", unit="%", why=None, months=None)
        out.append(c)
    return out


def _what(col: Column) -> str:
    return "growth" if col.field == "growth" else "figure"


def _year_so_far(label: str) -> bool:
    """Whether a header says the year so far in words (``累计增速``, ``累计 增长%``, ``本年增速``,
    ``今年以来增长``): a growth so headed is year-to-date wherever it stands."""
    k = key(label)
    if "累计" in k or "累积" in k or k.startswith(tuple(NAMED_PERIODS)):
        return True
    return k[:1] in SINCE_YEAR_START_FIRST and SINCE_YEAR_START.match(k) is not None  # 至本月增速


def _part_growth(name: str, columns: list[Column]) -> list[Column]:
    """``columns`` with a growth column of no period of its own left out when it follows a
    column of months that do not start in January (``7-9月 | 同比增长%``): that growth is those
    months' own. Raises :class:`LayoutError` when such a column is the sheet's only figure:
    neither a running total, a rate's year so far nor one month's additions can be read."""
    parts = [c for c in columns if c.field is None and c.why is not None and c.why.startswith(_PART)]
    if not parts:
        return columns
    fields = {c.field for c in columns}
    if not fields & {"value", "month_value"}:
        col = parts[0]
        span = _PART_SPAN.search(col.why or "")
        last = col.months or 0
        raise PartOfYear(
            [
                f"{name}: column {col.label!r} ({col.letter}) holds {col.why}: tracker records 1—N月 totals and "
                f"growth and one month's additions; import the 1—{col.months}月 sheet or {col.months}月's own "
                "additions, or use `tracker record`"
            ],
            int(span.group(1)) if span else last,
            last,
        )
    out, left = [], None
    for c in columns:
        if c.field == "growth" and c.months is None and not c.mapped and left is not None and left in parts:
            c = dataclasses.replace(c, field=None, why=f"beside {left.why}: their own growth")
        elif c.field in ("value", "month_value") or c in parts:
            left = c
        out.append(c)
    return out


def _latest_period(columns: list[Column], stated: _Stated) -> tuple[list[Column], dict[str, tuple[Column, str]]]:
    """``columns`` with the figure columns of earlier periods left out, and, for a field whose
    latest period cannot be told, the column the sheet's stated period names (for the refusal's
    hint). A sheet reports its latest period: beside ``1-8月`` a ``1-7月`` column (last month's)
    or ``2024年1-8月`` (last year's) is there for comparison, and so is the growth under its group.
    Only columns that all name their months are ordered; a year not in a header is the sheet's
    (its title's), and when that is unknown, or the latest is not the period the sheet states,
    the columns are left for :func:`_fields` to refuse (``{field: (column, what says so)}``)."""
    sheet_year = stated.period.year if stated.period is not None else None
    if sheet_year is None and len(stated.years) == 1:
        (sheet_year,) = stated.years
    stated_month, said = None, ""
    if stated.period is not None:
        stated_month, said = stated.period.month, f"{stated.period_from} says {stated.period:%Y-%m}"
    elif stated.month is not None:
        stated_month, said = stated.month[0], f"{stated.month[1]} says month {stated.month[0]}"
    out = list(columns)
    keep: dict[str, tuple[Column, str]] = {}
    dropped: set[str] = set()
    for f in ("value", "month_value"):
        cols = [c for c in out if c.field == f and not c.mapped]
        if len(cols) < 2 or any(c.months is None for c in cols):
            continue
        named = {c.number: int(m.group(1)) if (m := _YEAR_IN_LABEL.search(c.label)) else None for c in cols}
        if None in named.values() and any(named.values()):
            if sheet_year is None:
                continue
            named = {n: y or sheet_year for n, y in named.items()}
        when = {c.number: (named[c.number] or 0, c.months or 0) for c in cols}
        latest = max(when.values())
        kept = [c for c in cols if when[c.number] == latest]
        if len(kept) != 1 or (stated_month is not None and latest[1] != stated_month):
            if stated_month is not None and len(matching := [c for c in cols if c.months == stated_month]) == 1:
                keep[f] = matching[0], said
            continue
        for i, c in enumerate(out):
            if c in cols and c is not kept[0]:
                earlier = "an earlier year" if when[c.number][0] != latest[0] else EARLIER_PERIOD
                why = f"{earlier} than {kept[0].label!r}, for comparison"
                out[i] = dataclasses.replace(c, field=None, running_total=False, why=why)
                if (g := _group(c)) is not None:
                    dropped.add(g[0])
    if dropped:
        for i, c in enumerate(out):
            if c.field == "growth" and not c.mapped and (g := _group(c)) is not None and g[0] in dropped:
                out[i] = dataclasses.replace(c, field=None, why="the growth of an earlier period, for comparison")
    return out, keep


def _fields(
    name: str,
    columns: list[Column],
    mapping: dict[str, str],
    problems: list[str],
    keep: dict[str, tuple[Column, str]] | None = None,
) -> dict[str, Column]:
    """``{field: column}``; raises :class:`LayoutError` with ``problems`` and any of its own: a
    mapped header that is missing, two columns giving one field (the hint names the column
    ``keep`` says the sheet's period is, where it says one), no column naming the target."""
    known = {key(c.label) for c in columns}
    for h in mapping:
        if key(h) not in known:
            problems.append(f"--map: {name} has no column {h!r}; its columns are {', '.join(c.label for c in columns)}")
    by_field: dict[str, Column] = {}
    for col in columns:
        if col.field is None:
            continue
        if col.field in by_field:
            other = by_field[col.field]
            where = f" ({other.letter})", f" ({col.letter})"
            if not col.number:
                where = "", ""
            both = f"{name}: columns {other.label!r}{where[0]} and {col.label!r}{where[1]} both give {col.field}"
            kept, said = (keep or {}).get(col.field, (None, ""))
            if kept in (col, other):
                dropped = other if kept is col else col
                problems.append(
                    f"{both}; {said}: keep {kept.label!r} with --map '{dropped.label}=ignore', or correct the sheet"
                )
            else:
                problems.append(
                    f"{both}; to keep {other.label!r}, import with --map '{col.label}=ignore'; to keep "
                    f"{col.label!r}, with --map '{other.label}=ignore'"
                )
        else:
            by_field[col.field] = col
    if "target" not in by_field and not problems:
        problems.append(
            f"{name}: no column names the target (指标名称, target…); its columns are "
            + ", ".join(repr(c.label) for c in columns)
            + "; name it with --map 'HEADER=target'"
        )
    if problems:
        raise LayoutError(problems)
    return by_field


# The reporting period's words (本期, 当期: 本期完成, 当期新增, 完成值（本期）), as names.key writes them: the period
# the sheet is for, not always one month. A header saying the month (本月, 当月, 单月) is the month's own.
_THIS_PERIOD = LazyPattern(r"本期|当期")
_THIS_MONTH = LazyPattern(r"本月|当月|单月")


def _says_this_period(col: Column) -> bool:
    """Whether ``col`` is read as the month's own figure only because its header says 本期 or 当期."""
    if col.field != "month_value" or col.mapped or col.months is not None:
        return False
    k = key(col.label)
    return _THIS_PERIOD.search(k) is not None and _THIS_MONTH.search(k) is None


def this_period(name: str, columns: list[Column], stated: _Stated) -> list[Column]:
    """``columns`` with a figure column headed 本期 or 当期 (``本期``, ``本期数``, ``本期完成``, ``当期新增``) read as
    the period the rows above the header name: under ``2025年1-8月…`` (or ``截至2025年8月底``) the 1—8月 running
    total, so that the bureau's ``本期 | 上年同期 | 增长%`` gives the running total and its growth, year to
    date; under ``2025年三季度…`` 7—9月's own figures (refused as a plain ``新增`` under that title is); under a
    title naming one month (``2025年8月…``) that month's own, as before. Beside a column of the running total
    (``本期 | 累计``) 本期 is the month's own whatever the title says. Raises :class:`LayoutError` naming the column
    when nothing above the header says the period (a sheet without a title): which figure it holds cannot be
    told, and taken as the month's own the year so far would be counted twice."""
    periods = [c for c in columns if _says_this_period(c)]
    if not periods or any(c.field == "value" for c in columns):
        return columns
    if stated.running is not None:
        months, said = stated.running
        read = {
            c.number: dataclasses.replace(c, field="value", running_total=True, months=months, running_from=said)
            for c in periods
        }
    elif stated.part is not None:  # those months' own figures: refused as 新增 under the title is (layout)
        read = {c.number: dataclasses.replace(c, field="value", running_total=False) for c in periods}
    elif stated.period is not None or stated.month is not None:
        return columns  # 2025年8月…: 本期 is August
    else:
        col = periods[0]
        raise LayoutError(
            [
                f"{name}: column {col.label!r} ({col.letter}) holds the figure of the sheet's reporting period (本期), "
                "and nothing above the header says which period that is, one month or the year so far; add a title "
                "naming it above the header (2025年8月… for the month's own, 2025年1-8月… for the year so far), or "
                "name the column so (本月, 1-8月累计)"
            ]
        )
    return [read.get(c.number, c) for c in columns]
