"""The rules on additions (``increment`` targets): an addition to a month that an earlier append
added to (:func:`added_to`, with which append each entry came in), and the 1—N月 running total a
sheet gives beside or instead of a month's addition (:func:`running_totals`, :func:`running_only`).
"""

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, NamedTuple

from . import units
from .dates import add_months
from .entries import Entry, effective
from .errors import Problem
from .findings import _INCREMENT, Finding, _typed, _value, amount
from .model import Frequency, Plan, Target
from .numbers import from_fraction, plain, rounded, trim


def _place(target: Target, e: Entry) -> tuple[Any, ...]:
    """What an addition is for, its figure aside: target, date, milestone and note (a carrier)."""
    return (e.target, e.date, e.milestone, e.note if target.kind is _INCREMENT else None)


class _Apart:
    """Which additions of a month were recorded apart from a new one: the additions of an append
    that gave one for the new addition's place (:func:`_place`) that a void has withdrawn since
    belong with the new one, the corrected figure of that append (a carrier's corrected sheet
    imported after ``tracker void``, or ``record`` after it). ``existing``: the ledger's entries
    in file order; ``withdrawn``: the ids its voids withdraw."""

    def __init__(self, plan: Plan, existing: Sequence[Entry], withdrawn: set[str]) -> None:
        self.batch_of = _batches(existing)
        self.appends: dict[tuple[Any, ...], set[object]] = {}  # the appends of withdrawn additions, by place
        for w in existing:
            if w.id in withdrawn and not w.void and (t := plan.find(w.target)) is not None and t.kind is _INCREMENT:
                self.appends.setdefault(_place(t, w), set()).add(_append_of(self.batch_of, w))

    def of(self, target: Target, e: Entry, there: list[Entry]) -> list[Entry]:
        """``there`` (a month's additions that count) without those that belong with ``e``."""
        appends = self.appends.get(_place(target, e))
        return [x for x in there if _append_of(self.batch_of, x) not in appends] if appends else there


def added_period(target: Target, day: date) -> tuple[int, int]:
    """The period an addition of ``target`` dated ``day`` adds to, as (year, its last month): the
    month, or for a target whose additions the plan reports quarterly (``frequency =
    "quarterly"``) the calendar quarter. Such a target's quarter's figure (二季度新增 9 家, as of
    06-30) holds every month of it, so an April or May addition from another sheet would count
    those months again: additions are told apart by the period the plan reports them in."""
    if target.frequency is Frequency.QUARTERLY:
        return day.year, (day.month + 2) // 3 * 3
    return day.year, day.month


def period_name(target: Target, day: date) -> str:
    """The period :func:`added_period` gives, as a person reads it: ``2025-08``, ``2025Q2``."""
    year, last = added_period(target, day)
    return f"{year}Q{last // 3}" if target.frequency is Frequency.QUARTERLY else f"{year}-{last:02d}"


def _withdrawn(items: Iterable[Entry]) -> set[str]:
    """The ids of the entries a ``void`` entry withdraws (the one it names)."""
    return {e.corrects for e in items if e.void and e.corrects is not None}


def _append_of(batch_of: dict[str, int], e: Entry) -> object:
    """Which append ``e`` came in: its batch (:func:`_batches`), else its ``recorded`` stamp (an
    entry written alone, or one of an export imported back, whose rows keep their stamps)."""
    return batch_of.get(e.id, e.recorded)


def _batches(items: Sequence[Entry]) -> dict[str, int]:
    """Which append of several each entry came in (the index of its first entry), by id: the
    first entry of such an append says how many it wrote (``batch``), and they follow it in the
    file. Entries appended alone are not in it, nor those of an append that restored an export
    (``restored``): their figures were recorded apart, two ``record`` runs within one second
    sharing a stamp."""
    batch_of: dict[str, int] = {}
    i = 0
    while i < len(items):
        size = items[i].batch or 1
        if size > 1 and not items[i].restored:
            for e in items[i : i + size]:
                batch_of[e.id] = i
        i += size
    return batch_of


def _alone(items: Sequence[Entry]) -> set[str]:
    """The ids of the entries of ``items`` (the whole ledger, in file order) appended alone, each
    an append of its own: two one-row imports (or ``record`` runs) within one second share a
    ``recorded`` stamp, yet are two appends. (Not the rows of a restored export: their stamps are
    the only trace of the appends they first came in. Nor in a list of one target's entries, in
    which an append's first entry may be missing: the stamp is then what is left to go by.)"""
    alone: set[str] = set()
    i = 0
    while i < len(items):
        size = items[i].batch or 1
        if size == 1:
            alone.add(items[i].id)
        i += size
    return alone


def _moved(by_id: Mapping[str, Entry], e: Entry, target: Target) -> bool:
    """Whether ``e``, a correction of an addition (``tracker amend ID --date``), puts it in a month
    its chain was not counted in as kept: the entry it corrects is of another month, or is itself
    such a move in the same month, not kept with ``--force`` (amended again, the pair it made is
    still there). Such a correction is judged as a new addition to its month is (:func:`added_to`);
    one that stays in its month is not (a month's additions that were let in stay in).
    ``by_id``: the ledger's entries by id; ``target``: ``e``'s, whose periods are compared
    (:func:`added_period`: a month, or a quarter)."""
    seen: set[str] = set()
    while e.corrects is not None and e.id not in seen:
        seen.add(e.id)
        old = by_id.get(e.corrects)
        if old is None:
            return False
        if added_period(target, old.date) != added_period(target, e.date):
            return True
        if old.forced or old.corrects is None:
            return False
        e = old
    return False


def added_to(target: Target, e: Entry, there: Sequence[Entry]) -> Finding:
    """The finding on ``e``, an addition (``increment``) to a month that holds additions of an
    earlier append (``there``: another import's, or ``record``'s, that count): a department's
    corrected sheet sent again would add its figure a second time (8000 then 8500 平方米 for
    August: 1.65 万平方米, not 0.85), while two carriers' sheets add up by design. Refused unless
    ``--force``; rows of one sheet (one append) add up without a word. The message names the
    entries there and their sum with ``e`` in the target's unit (when the units convert)."""
    month = period_name(target, e.date)
    entries = f"entry {there[0].id}" if len(there) == 1 else f"entries {', '.join(x.id for x in there)}"
    values = [_value(x, target) for x in there]
    had = sum((v for v in values if v is not None), Fraction(0))
    sums = f"the {amount(had, target)}" if all(v is not None for v in values) else "the additions"
    message = (
        f"{target.id} {_typed(e)} as of {e.date} would add to {sums} already added in {month} by an earlier "
        f"import or record ({entries}): both would count"
    )
    return Finding(e, target, message, against=tuple(x.id for x in there), added=True)


class RunningTotal(NamedTuple):
    """The 1—N月 running total (累计) a sheet's row gives beside the month's addition (本月) of an
    ``increment`` target, which records only the addition: ``value`` in ``unit`` (``None``: the
    target's own), and ``where`` the cell as a person finds it (``"'1-8月累计' (B5)"``)."""

    value: Decimal
    unit: str | None
    where: str


def running_totals(plan: Plan, existing: Iterable[Entry], new: Sequence[Entry],
                   given: Mapping[str, RunningTotal], carriers: Collection[str] = ()) -> list[Finding]:  # fmt: skip
    """Findings for additions among ``new`` (an import's entries) whose row also gave the
    running total through their month (``given``, by entry id): the additions that count
    (``existing`` and ``new``, corrections applied) dated up to the entry's date must make it,
    exactly in the target's unit, within the rounding of the digits typed (half a unit of the
    last digit of each figure). When the ledger holds no addition before the entry's month (a
    first import in August), the difference is what the months before added and nobody recorded:
    the finding gives the ``tracker record`` line that records it, since without it the year's
    progress would read as this month's addition alone. Entries kept over the checks (``forced``)
    and withdrawals are not judged; a figure in a unit that does not convert is left to the
    checks of form. A running total beside a carrier's addition (``carriers``: the ids of entries
    whose rows name a carrier, or rows sharing a target and date) is that carrier's own, held with
    the others of its list (:func:`~ledger.carrier_totals.carrier_totals`). Raises nothing."""
    if not given:
        return []
    from .carrier_totals import carried, carrier_totals, no_earlier_addition, rounding_slack

    wanted = {e.target for e in new if e.id in given}
    counted = effective([e for e in (*existing, *new) if e.target in wanted])
    additions: dict[str, list[Entry]] = {}
    for x in counted:
        if x.value is not None and not x.void:
            additions.setdefault(x.target, []).append(x)
    items = carried(new, given, carriers)
    findings = carrier_totals(plan, additions, new, given, items) if items else []
    for e in new:
        said = given.get(e.id) if e.id not in items else None
        target = plan.find(e.target) if said is not None else None
        if said is None or target is None or target.kind is not _INCREMENT or e.forced or e.void or e.value is None:
            continue
        upto = [x for x in additions.get(e.target, ()) if x.date <= e.date]
        values = [_value(x, target) for x in upto]
        try:
            sheet = units.exact(said.value, said.unit, target.unit) if said.unit else Fraction(said.value)
            slack = rounding_slack(target, [said], upto)
        except (units.UnitError, ArithmeticError):
            continue
        if any(v is None for v in values):
            continue
        month_before = add_months(e.date, -1)
        earlier = sum((v for x, v in zip(upto, values, strict=True) if v is not None and x.date <= month_before),
                      Fraction(0))  # fmt: skip
        this_month = [v for x, v in zip(upto, values, strict=True) if v is not None and x.date > month_before]
        held = earlier + sum(this_month, Fraction(0))
        if abs(held - sheet) <= Fraction(slack):
            continue
        typed = f"{plain(said.value)} {said.unit}" if said.unit else plain(said.value)
        shown = amount(sheet, target)
        figure = shown if typed == shown or f"{typed} {target.unit}" == shown else f"{shown} ({typed})"
        head = f"{target.id}: the sheet's running total through {e.date} under {said.where} is {figure}"
        missing = sheet - sum(this_month, Fraction(0))
        has_earlier = any(x.date <= month_before for x in upto)
        if not has_earlier and missing > 0 and month_before >= plan.start:
            message = no_earlier_addition(head, target, e.date, missing, held, said.unit, "added before it")
        else:
            terms = ([_bare(earlier)] if has_earlier else []) + [_bare(v) for v in this_month]
            message = (
                f"{head}, but the ledger's additions through that date with this row's make {' + '.join(terms)} = "
                f"{amount(held, target)}; an addition is missing, given twice or mistyped: compare the sheet with "
                f"tracker log {target.id}, then correct the wrong figure (tracker amend ID VALUE --reason …) or the "
                "sheet"
            )
        findings.append(Finding(e, target, message, against=tuple(x.id for x in upto if x.id != e.id)))
    return findings


class RunningOnly(NamedTuple):
    """A row refused for giving an ``increment`` target only its 1—N月 running total (累计), which
    adding up would count every month again: ``value`` in ``unit`` (``None``: the target's own)
    through the month of ``day``, read from ``where`` (``"'1-8月累计' (B3)"``)."""

    target: str
    value: Decimal
    unit: str | None
    day: date
    where: str


def running_only(plan: Plan, existing: Iterable[Entry], said: RunningOnly) -> Problem | None:
    """What the ledger (``existing``) makes of a running total given alone for an addition
    target (``said``), to follow the import's refusal of its row in place of that refusal's
    hint, or ``None`` when the ledger holds no addition for it (the hint stands). Making the
    target a ``total`` would turn the additions recorded into readings, so that is never offered
    here: the sum of the additions through the month before (exact Decimal arithmetic in the
    target's unit) gives the month's own addition, ``19.5 − 17.5 = 2.0``, with the
    ``tracker record`` line that records it; a running total below that sum, or a month whose
    addition is recorded already and makes another sum, disagrees with the ledger. Raises nothing."""
    target = plan.find(said.target)
    if target is None or target.kind is not _INCREMENT:
        return None
    month = f"{said.day:%Y-%m}"
    counted = [x for x in effective(e for e in existing if e.target == target.id) if x.value is not None]
    upto = [x for x in counted if x.date <= said.day]
    if not counted:
        return None
    try:
        to = target.unit
        sheet = units.convert(said.value, said.unit, to) if said.unit and to else said.value
        held = sum((units.convert(x.value, x.unit, to) if x.unit and to else x.value for x in upto if x.value is not None),
                   Decimal(0))  # fmt: skip
    except units.UnitError:
        return None  # a unit of another kind is left to the checks of form
    unit = f" {to}" if to else ""
    typed = f"{plain(said.value)} {said.unit}" if said.unit else plain(said.value)
    figure = f"{plain(sheet)}{unit}" + ("" if typed in (plain(sheet), f"{plain(sheet)}{unit}") else f" ({typed})")
    log = (
        f"compare the sheet with tracker log {target.id}, then correct the wrong figure "
        "(tracker amend ID VALUE --reason …) or the sheet"
    )
    if not upto:
        return Problem(f"the ledger holds additions for it only after {month}", fix=log)
    last = max(x.date for x in upto)
    through = f"the ledger's additions make {plain(held)}{unit} through {last:%Y-%m}"
    if f"{last:%Y-%m}" == month:  # the month's own addition is recorded already
        if sheet == held:
            return Problem(f"{through}, as its {figure} says", fix="delete the row; its month is recorded")
        return Problem(f"{through}, not its {figure}: they disagree", fix=log)
    if sheet < held:
        return Problem(f"{through}, more than its {figure}: they disagree", fix=log)
    added = sheet - held
    command = f"tracker record {target.id} {trim(added)} --date {month}"
    return Problem(
        f"{through}, so {month}'s own addition is {plain(sheet)} − {plain(held)} = {plain(added)}{unit}",
        fix=f"record it instead of the running total: {command}, or give it in a 本月 column",
    )


def _bare(value: Fraction) -> str:
    """An exact figure without its unit, as :func:`amount` writes it."""
    if value.denominator == 1:
        return str(value.numerator)
    return trim(rounded(from_fraction(value), 2))
