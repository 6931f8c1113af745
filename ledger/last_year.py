"""A plan's ``previous`` (上年实绩) held against last year's ledger (``previous_ledger``).

``tracker init --from`` writes each target's ``previous`` from last year's final figure, but the
two can part afterwards: last year's December figure corrected there (初步 → 核实数), the target's
unit changed (万平方米 → 平方米, leaving ``previous`` 10,000 times off), a hand edit. A report
would then show 上年实绩 beside a different 上年同期 taken from the ledger. Here each ``previous``
is compared with the final figure last year's ledger gives now, worked out as ``init --from``
works it out (:func:`ledger.rollover.final_figure`), in the target's present unit. Nothing here
reads files or the clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from . import units
from .dates import shift_years
from .entries import Entry, effective
from .model import Kind, Plan, Target
from .numbers import from_fraction, plain, rounded

# A ``previous`` typed with fewer digits than the final figure still agrees with it when it is
# that figure rounded and no further off than this share of it (1341 for 1341.05; 667 m² for
# 1 亩): a figure 5 % off (0.07 万平方米 for 1 亩's 0.066667) is a different figure.
_CLOSE = Fraction(1, 1000)


class StalePrevious(NamedTuple):
    """A target's ``key`` (``"previous"``, or ``"baseline"`` for a unit slip only) whose
    ``figure`` disagrees with last year's ledger: ``final`` is last year's final figure in the
    target's unit (as ``init --from`` would write it now) as of ``final_date``; ``slip_unit`` the
    unit of the same dimension in which ``figure`` *is* that figure (``万平方米`` for ``previous =
    1.4`` of a target now in 平方米), else ``None``; ``complete`` is false for an increment whose
    figures stop before its year's last month (its ``previous`` may then be the year's figure put
    in by hand, and only a unit slip is named)."""

    target: Target
    position: int  # the target's place among the plan's [[target]] tables, for its line
    key: str
    figure: Decimal
    final: Decimal
    final_date: date
    slip_unit: str | None
    complete: bool

    def message(self, ledger: str, year: str) -> tuple[str, str]:
        """``(what is wrong, the fix)`` for ``check`` and the reports' notes; ``ledger`` names
        last year's ledger, ``year`` last year's plan as its years are named
        (:func:`ledger.plan_year.plan_years`: ``2025``, or ``2025—2026`` for a July–June year)."""
        t = self.target
        unit = f" {t.unit}" if t.unit and t.unit != "%" else ("%" if t.unit == "%" else "")
        if self.slip_unit is not None:
            what = (
                f"{self.key} = {plain(self.figure)} is {year}'s final figure in {self.slip_unit} ({ledger}, as of "
                f"{self.final_date}), but the target's unit is {t.unit}: in {t.unit} it is {plain(self.final)}"
            )
            return what, f"write {self.key} = {plain(self.final)}"
        what = (
            f"previous = {plain(self.figure)}{unit} is not {year}'s final figure in {ledger} "
            f"({plain(self.final)}{unit} as of {self.final_date}, corrections included)"
        )
        fix = (
            f"write previous = {plain(self.final)}; or, if {plain(self.figure)} is right, correct {year}'s "
            f"figure in {ledger} with {year}'s plan (tracker amend ID VALUE --reason …)"
        )
        return what, fix


def last_year_plan(plan: Plan) -> Plan:
    """``plan`` moved back to the period before it: ending the day before it starts, as long
    (in whole years) as it is, each target's ``due`` moved with it. The targets keep their
    present kind and unit: last year's figures are read as this year's plan reads them."""
    end = plan.start - timedelta(days=1)
    years = max(plan.end.year - end.year, 1)
    targets = tuple(t._replace(due=shift_years(t.due, -years), schedule=()) for t in plan.targets)
    return plan._replace(
        start=shift_years(plan.start, -years), end=end, targets=targets, by_id={t.id: t for t in targets}
    )


def _agrees(previous: Decimal, exact: Fraction) -> bool:
    """``previous`` is ``exact``, or ``exact`` rounded to ``previous``'s places and within :data:`_CLOSE`."""
    if Fraction(previous) == exact:
        return True
    places = max(0, -int(previous.as_tuple().exponent))
    if rounded(from_fraction(exact), places) != previous:
        return False
    return exact != 0 and abs(Fraction(previous) - exact) <= _CLOSE * abs(exact)


def _slip_unit(target: Target, previous: Decimal, exact: Fraction, seen: Sequence[str]) -> str | None:
    """The unit of ``target``'s dimension other than its own in which ``previous`` is ``exact``
    (the units last year's entries were recorded in first), else ``None``."""
    if target.unit is None:
        return None
    own = units.canonical(target.unit)
    dim = units.dimension(own)
    for u in dict.fromkeys([*seen, *units.KNOWN_UNITS]):
        if units.known(u) is None or units.dimension(u) != dim or units.canonical(u) == own:
            continue
        if _agrees(previous, exact * units.factor(own, u)):
            return units.canonical(u)
    return None


def stale_previous(plan: Plan, previous_entries: Sequence[Entry]) -> list[StalePrevious]:
    """Each numeric target of ``plan`` whose ``previous`` disagrees with the final figure of
    ``previous_entries`` (last year's ledger, corrections applied), in plan order; and each
    stock (a total with a ``baseline``) whose baseline is that figure in another unit (the stock
    at the start written as last year's closing stock, its unit changed since).

    A target with no ``previous``, no entries last year, no final figure there (a total with no
    reading in its year's last month) or figures its unit cannot hold is not judged. An
    increment's incomplete year is judged for a unit slip only; so is a baseline, which need not
    be last year's figure at all."""
    from .progress import evaluate_target
    from .rollover import final_figure, last_day

    last = last_year_plan(plan)
    mine: dict[str, list[Entry]] = {}
    for e in effective(previous_entries):
        if e.target in last.by_id:
            mine.setdefault(e.target, []).append(e)
    found: list[StalePrevious] = []
    for index, t in enumerate(last.targets):
        stock = t.kind is Kind.TOTAL and bool(t.baseline)
        if not t.kind.numeric or (t.previous is None and not stock) or t.id not in mine:
            continue
        upto = last_day(last, t)
        counted = [e for e in mine[t.id] if e.date <= upto]
        try:
            p = evaluate_target(last, t, counted, last.end)
            final = final_figure(last, p)
        except units.UnitError:
            continue
        if final is None or p.current_date is None or not isinstance(p.current, Decimal):
            continue
        # Compared exactly (1 亩 is 0.0666… 万平方米), as final_figure works it out.
        base = Fraction(t.baseline or 0) if t.kind is Kind.INCREMENT else Fraction(0)
        exact = (p.exact if p.exact is not None else Fraction(p.current)) - base
        seen = [e.unit for e in counted if e.unit]
        complete = not (t.kind is Kind.INCREMENT and p.current_date < upto.replace(day=1))
        for key, figure in (("previous", t.previous), ("baseline", t.baseline if stock else None)):
            if figure is None or _agrees(figure, exact):
                continue
            slip = _slip_unit(t, figure, exact, seen)
            if slip is None and (key == "baseline" or not complete):
                continue
            found.append(StalePrevious(plan.targets[index], index, key, figure, final, p.current_date, slip, complete))
    return found
