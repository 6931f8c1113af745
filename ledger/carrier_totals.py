"""The running totals (累计) a carrier list gives beside each carrier's addition: each is that
carrier's own, never the target's (:func:`carrier_totals`).

A department's 台账 gives, a row a carrier, the month's addition (本月新增) and the carrier's
running total (累计新增): 东湖孵化园 3000 / 3000, 临平科创中心 5000 / 9000. Held to the target's
additions, each would be refused against the whole, and a back-fill worked out from one row
(9000 − 8000) would record a figure nobody reported. Held together, the carriers' running totals
make what those carriers added through the month; what they added before it is each one's
running total less its addition (9000 − 5000), and the target's own additions may hold more (a
carrier not on the list).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from . import units
from .dates import add_months
from .entries import Entry
from .findings import _INCREMENT, Finding, _value, amount
from .model import Plan, Target
from .numbers import from_fraction, plain, trim

if TYPE_CHECKING:
    from .additions import RunningTotal


def carried(new: Sequence[Entry], given: Mapping[str, RunningTotal], carriers: Collection[str]) -> set[str]:
    """The ids of the entries among ``new`` whose running total (``given``) is their carrier's own:
    those whose rows name a carrier (``carriers``: a carrier list's rows, ``import --target`` or a
    载体名称 column), and those of rows that share their target and date with another row giving
    a running total (one target has one running total a date; two are two items')."""
    rows: dict[tuple[str, date], list[str]] = {}
    for e in new:
        if e.id in given:
            rows.setdefault((e.target, e.date), []).append(e.id)
    return {i for ids in rows.values() for i in ids if i in carriers or len(ids) > 1}


def carrier_totals(
    plan: Plan,
    additions: Mapping[str, list[Entry]],
    new: Sequence[Entry],
    given: Mapping[str, RunningTotal],
    items: Collection[str],
) -> list[Finding]:
    """Findings for the additions among ``new`` whose row gave its carrier's own running total
    (``items``, their ids; ``given``, by id), held together a target and date at a time against
    ``additions`` (the target's additions that count, ledger and sheet, by target id):

    - a carrier's running total less than its own addition (3000 through April beside 5000 added
      in April) is mistyped;
    - with no addition of the target before the month in the ledger, what the carriers added
      before it (each one's running total less its addition: 9000 − 5000) would be missing: the
      finding gives the ``tracker record`` line that records exactly that, on the group's first row;
    - else the carriers' running totals must not make more than all the target's additions
      through the date (other carriers' additions may make it more, never less).

    Exact arithmetic in the target's unit, within the rounding of the digits typed. Entries kept
    over the checks (``forced``), withdrawals and figures in units that do not convert are not
    judged. Raises nothing."""
    groups: dict[tuple[str, date], list[Entry]] = {}
    for e in new:
        if e.id in items and not e.forced and not e.void and e.value is not None:
            groups.setdefault((e.target, e.date), []).append(e)
    findings: list[Finding] = []
    for (tid, day), rows in groups.items():
        target = plan.find(tid)
        if target is None or target.kind is not _INCREMENT:
            continue
        upto = [x for x in additions.get(tid, ()) if x.date <= day]
        try:
            runs = [_exact(given[e.id], target.unit) for e in rows]
            slack = rounding_slack(target, [given[e.id] for e in rows], upto)
        except (units.UnitError, ArithmeticError):
            continue
        owns = [_value(e, target) for e in rows]
        values = [_value(x, target) for x in upto]
        if any(v is None for v in (*owns, *values)):
            continue
        before = [run - own for run, own in zip(runs, owns, strict=True) if own is not None]
        said = given[rows[0].id].where
        below = [
            (e, run, own) for e, run, own in zip(rows, runs, owns, strict=True) if own is not None and own - run > slack
        ]
        for e, run, own in below:
            findings.append(Finding(e, target, (
                f"{target.id}: the carrier's own running total through {day} under {given[e.id].where} is "
                f"{amount(run, target)}, less than its own addition this month, {amount(own, target)}: one of them "
                "is mistyped; correct the sheet"
            ), against=()))  # fmt: skip
        if below:
            continue
        month_before = add_months(day, -1)
        held = sum((v for v in values if v is not None), Fraction(0))
        total = sum(runs, Fraction(0))
        earlier = any(x.date <= month_before for x in upto)
        missing = sum(before, Fraction(0))
        head = f"{target.id}: the carriers' own running totals through {day} under {said} make {amount(total, target)}"
        if not earlier and missing > slack and month_before >= plan.start:
            shown = "; ".join(
                f"{e.note or 'row'} {plain(given[e.id].value)} − {plain(e.value)}"
                for e, gap in zip(rows, before, strict=True)
                if gap > 0 and e.value is not None
            )
            added = f"these carriers added before it ({shown})"
            message = no_earlier_addition(head, target, day, missing, held, given[rows[0].id].unit, added)
        elif total - held > slack:
            message = (
                f"{head}, more than the ledger's additions through that date with this sheet's, "
                f"{amount(held, target)}: an addition is missing or mistyped; compare the sheet with tracker log "
                f"{target.id}, then record the missing figure or correct the sheet"
            )
        else:  # other carriers' additions, not on this list, may make the target's more
            continue
        findings.append(Finding(rows[0], target, message, against=tuple(x.id for x in upto if x.id != rows[0].id)))
    return findings


def rounding_slack(target: Target, totals: Iterable[RunningTotal], upto: Iterable[Entry]) -> Decimal:
    """How far a sheet's running totals (``totals``) and the ledger's additions (``upto``; those with
    no figure pass) may be apart by rounding alone: half a unit of the last digit typed of each, in
    ``target``'s unit, added up (318.6 and 12 万平方米: 0.05 + 0.5). Raises
    :class:`~ledger.units.UnitError` for a unit that does not convert to the target's."""
    from .consistency import _half_unit

    slack = sum((_half_unit(t.value, t.unit or target.unit, target) for t in totals), Decimal(0))
    return slack + sum((_half_unit(x.value, x.unit or target.unit, target) for x in upto if x.value is not None),
                       Decimal(0))  # fmt: skip


def no_earlier_addition(
    head: str, target: Target, day: date, missing: Fraction, held: Fraction, typed: str | None, added: str
) -> str:
    """The finding's message when the ledger holds no addition of ``target`` before the month of
    ``day`` but a sheet's running total says ``missing`` (exact, in the target's unit) was added
    before it: ``head`` (what the sheet says), then what ``added`` before the month (``"added
    before it"``) would be missing, what the year's progress would read (``held``), and the
    ``tracker record`` line that records exactly ``missing`` (:func:`_figure`: in ``typed``, the
    sheet's unit, where the target's would round it) as of the month before. Raises
    :class:`~ledger.units.UnitError` only for units that do not convert, which callers have
    passed over already."""
    month_before = add_months(day, -1)
    # Exactly what is missing, never rounded: 0.4567 万 as 0.46 would be a figure nobody reported.
    command = (
        f"tracker record {target.id} {_figure(missing, target.unit, typed)} --date {month_before:%Y-%m} "
        f'--note "1—{month_before.month}月新增（补记）"'
    )
    return (
        f"{head}, but the ledger holds no addition before {day:%Y-%m}: the {amount(missing, target)} {added} "
        f"would be missing, and the year's progress would read {amount(held, target)}; record the months before "
        f"first, then import again: {command}"
    )


def _exact(said: RunningTotal, unit: str | None) -> Fraction:
    """A running total given in a sheet, exactly, in ``unit`` (the target's)."""
    return units.exact(said.value, said.unit, unit) if said.unit and unit else Fraction(said.value)


def _figure(value: Fraction, unit: str | None, typed: str | None) -> str:
    """``value`` (in ``unit``, the target's) as a ``tracker record`` figure that is exactly it: in
    the target's unit when a short decimal says it (0.4), else in ``typed``, the unit the sheet
    gave (``4567 --unit 平方米`` for 0.4567 万平方米 is exact too; 0.4567 would be shown rounded)."""
    shown = trim(from_fraction(value))
    if len(shown.partition(".")[2]) <= 4 and Fraction(Decimal(shown)) == value:
        return shown
    if typed and unit and typed != unit:
        there = value * units.factor(unit, typed)
        if there.denominator == 1 or Fraction(Decimal(trim(from_fraction(there)))) == there:
            return f"{trim(from_fraction(there))} --unit {typed}"
    return shown
