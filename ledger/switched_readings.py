"""An increment's year recorded first as running totals (累计), then as each month's addition.

An ``increment`` target adds its entries up. A department that first sends its running total
(2, 5, 9 万平方米 for 1—1月, 1—2月, 1—3月) and from April the month's own addition (3, 4, 2)
gives entries that each pass every check of form and of scale, and a year's sum of 25 where the
truth is 18 (9 by March, then 3 + 4 + 2). Without notes nothing says which reading an entry is;
the pattern does: additions from the year's first period that rise every period for at least
:data:`MIN_RUN` periods, as a running total does, and then one that falls to under half of the
last, as a month's own figure after three or more months of a running total does (at an even
pace it is a third of it or less). ``tracker check`` names it (docs/counting.md, "Meaning
checks"); real additions that happen to do this are kept with ``tracker amend ID --force``.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path

from .entries import Entry, effective
from .errors import Problem
from .findings import _value, amount
from .model import Frequency, Kind, Plan, Target
from .numbers import from_fraction, rounded, trim

MIN_RUN = 3  # rising periods before the fall: two rising figures say too little


def switched_problems(plan: Plan, entries: Iterable[Entry], ledger: Path) -> list[Problem]:
    """One problem per ``increment`` target and plan year whose counted entries (corrections
    applied) rise every period from the year's first for at least :data:`MIN_RUN` periods, one
    entry a period, and then fall to under half of the last: running totals recorded, then the
    periods' own additions. It names the first entry of the switch (its line in ``ledger``), the
    sum counted and the sum the running totals would give, and the fix: each running total
    amended to its period's addition (the amounts given), or the entries kept as additions with
    ``--force``. A target any of whose entries in that stretch is ``forced`` (kept by a person)
    or noted as its period's own addition (``4月新增``, ``本月``), or whose figures cannot be
    converted to its unit, is not judged; nor is a yearly one."""
    by_target: dict[str, list[Entry]] = {}
    for e in effective(entries):
        if e.value is not None:
            by_target.setdefault(e.target, []).append(e)
    problems = []
    for target in plan.targets:
        mine = by_target.get(target.id)
        if target.kind is not Kind.INCREMENT or not mine or target.frequency is Frequency.YEARLY:
            continue
        step = target.frequency.months
        first = plan.start.year * 12 + plan.start.month - 1
        years: dict[int, dict[int, list[Entry]]] = {}
        for e in sorted(mine, key=lambda x: x.date):  # stable: file order within a date
            period = (e.date.year * 12 + e.date.month - 1 - first) // step
            years.setdefault(period * step // 12, {}).setdefault(period % (12 // step), []).append(e)
        for periods in years.values():
            problem = _switch(target, periods, ledger)
            if problem is not None:
                problems.append(problem)
    problems.sort(key=lambda p: p.line or 0)
    return problems


def _switch(target: Target, periods: dict[int, list[Entry]], ledger: Path) -> Problem | None:
    """The problem of one plan year's entries of ``target`` (``periods``: the year's period
    number, 0 for its first, to its entries in date order), or ``None``."""
    run: list[tuple[Entry, Fraction]] = []
    p = 0
    while len(periods.get(p, ())) == 1:
        e = periods[p][0]
        v = _value(e, target)
        if v is None or e.forced or _says_own(e):
            return None
        if run and v <= run[-1][1]:
            if len(run) < MIN_RUN or v * 2 >= run[-1][1]:
                return None
            return _problem(target, run, e, v, periods, p, ledger)
        run.append((e, v))
        p += 1
    return None


# A note that says the figure is its period's own addition (4月新增, 本月, 当月, 单月): the entries
# then say which reading they are, and the pattern is read no further. (A note calling an
# addition a running total, 1—4月累计, is refused on its own: ledger.slips.)
_OWN_WORDS = ("新增", "本月", "当月", "单月", "本季", "当季")


def _says_own(e: Entry) -> bool:
    return e.note is not None and any(word in e.note for word in _OWN_WORDS)


def _problem(
    target: Target,
    run: list[tuple[Entry, Fraction]],
    e: Entry,
    v: Fraction,
    periods: dict[int, list[Entry]],
    at: int,
    ledger: Path,
) -> Problem | None:
    later = [x for p, xs in periods.items() if p >= at for x in xs]
    values = [_value(x, target) for x in later]
    if any(x is None for x in values):
        return None
    after = sum((x for x in values if x is not None), Fraction(0))
    counted = sum((r for _, r in run), Fraction(0)) + after
    totals = run[-1][1] + after
    readings = ", ".join(amount(r, target) for _, r in run)
    what = (
        f"{target.id}: its entries of {run[0][0].date} to {run[-1][0].date} ({readings}) rise every period as a "
        f"running total (累计) does, and entry {e.id} ({amount(v, target)} as of {e.date}) falls to under half "
        f"of the last, as a period's own addition does; an increment adds its entries up, so the two readings "
        f"mixed count {amount(counted, target)} by {later[-1].date} where running totals and then additions "
        f"make {amount(totals, target)}"
    )
    amends = "; ".join(
        f"tracker amend {x.id} {_plain(r - run[i - 1][1])} --reason 累计改为当期新增"
        for i, (x, r) in enumerate(run)
        if i > 0
    )
    fix = (
        f"if the first were running totals, write each as its period's addition: {amends}; if every entry is "
        f"an addition as recorded, keep them: tracker amend {e.id} --force --reason …"
    )
    return Problem(
        what, file=str(ledger), line=e.line or None, where=f"entry {e.id}", target=target.id, entry=e.id, fix=fix
    )


def _plain(value: Fraction) -> str:
    """An addition worked out for ``amend`` (a bare value there is in the target's unit): exact
    when it is a finite decimal, else to four places (an entry in 亩 in a target of 万平方米)."""
    exact = from_fraction(value)
    return trim(exact if exact == value else rounded(exact, 4))
