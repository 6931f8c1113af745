"""What a meaning check finds (:class:`Finding`, worded for ``check``, ``record`` and ``amend``), and
the helpers every check shares: a figure in its target's unit, worded for a message, and the
share of the period a 1—N月 running total covers.
"""

from collections.abc import Sequence
from datetime import date
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

from . import units
from .entries import Entry
from .errors import Problem
from .model import Kind, Plan, Target
from .numbers import from_fraction, plain, rounded, trim
from .schedule import elapsed

# A member read through its enum class (Kind.TOTAL) costs about 0.25 µs in Python 3.11, ten times a
# module name, and these are read for each of an import's thousands of rows: read once here.
_TOTAL, _INCREMENT, _RATE = Kind.TOTAL, Kind.INCREMENT, Kind.RATE


class Finding(NamedTuple):
    """One figure that is probably wrong: the ``entry`` (``None`` for a problem of the plan
    found through the ledger), its ``target``, what is wrong with the arithmetic shown
    (``message``), whether it is a ``duplicate`` (kept with ``--allow-duplicates``) or a
    meaning problem (kept with ``--force``), and the ids of the other entries its arithmetic read
    (``against``: the reading before, the twin of a duplicate, the rival figure, the readings a
    baseline was judged by), so that a finding resting on an entry edited by hand can say so;
    ``rival`` marks two different figures given for one target and date in one batch (a sheet's
    two rows), of which only the later would count; ``month_sum`` a running total that is not the
    month before plus the month's own figure given beside it (either may be the wrong one). A
    named tuple, not a frozen dataclass: this module is imported by every import and append."""

    entry: Entry | None
    target: Target
    message: str
    duplicate: bool = False
    against: tuple[str, ...] = ()
    rival: bool = False  # another figure for the same target and date in the same batch (against[0])
    month_sum: bool = False  # a running total that is not the month before plus its month figure
    added: bool = False  # an addition to a month holding additions of an earlier append (against: those)
    dated: int = 0  # the month (1–12) the entry's note names, which its date is not in (note_month)

    def for_check(self, ledger: str, plan_path: str, edited: Entry | None = None) -> Problem:
        """The finding as ``tracker check`` reports it: where, what, and the commands that fix it
        (the plan, for a baseline; else the ledger's entry). ``edited`` is the entry that no
        longer matches its digest (:mod:`ledger.chain`), if any: a finding that involves it says
        so instead of sending the user to amend a figure that may be right."""
        suspect = self._suspect(edited)
        if self.entry is None:
            return Problem(
                self.message, file=plan_path, where=f"target {self.target.id!r}", target=self.target.id, fix=suspect
            )
        e = self.entry
        keep = "--allow-duplicates" if self.duplicate else "--force"
        other = self.against[0] if self.against else "…"
        fix = suspect or (
            f"which is it? if the note is right: tracker amend {e.id} --date {e.date.year}-{self.dated:02d} "
            f"--reason …; if the date is right: tracker amend {e.id} --note … --reason …; or keep it: "
            f"tracker amend {e.id} --force --reason …"
            if self.dated
            else f"if it corrects the earlier {'figure' if len(self.against) == 1 else 'figures'}, withdraw "
            f"{'it' if len(self.against) == 1 else 'each'}: {_voids(self.against)}; if both add up (two carriers' "
            f"sheets), keep it: tracker amend {e.id} --force --reason …"
            if self.added
            else f"withdraw the wrong one: tracker void {other} --reason …, or tracker void {e.id} --reason …; or keep "
            f"both: tracker amend {e.id} --force --reason …"
            if self.rival
            else f"withdraw it: tracker void {e.id} --reason 重复录入, or keep it: tracker amend {e.id} {keep} --reason …"
            if self.duplicate
            else f"correct it: tracker amend {e.id} VALUE --month-value MONTH --reason … (either may be the wrong one), "
            f"or keep it: tracker amend {e.id} {keep} --reason …"
            if self.month_sum
            else f"correct it: tracker amend {e.id} VALUE --reason …, or keep it: tracker amend {e.id} {keep} --reason …"
        )
        return Problem(
            self.message, file=ledger, line=e.line or None, where=f"entry {e.id}", target=e.target, entry=e.id, fix=fix
        )

    def _suspect(self, edited: Entry | None) -> str | None:
        """What to do first when this finding involves ``edited``, an entry changed since tracker
        wrote it; ``None`` when it does not."""
        if edited is None:
            return None
        line = f" (line {edited.line})" if edited.line else ""
        if self.entry is not None and self.entry.id == edited.id:
            return (
                f"but entry {edited.id}{line} no longer matches its digest (see above): its figure may have been "
                "changed by hand; compare it with a copy (git diff, a backup) before amending it"
            )
        if edited.id in self.against:
            return (
                f"but this is judged against entry {edited.id}{line}, which no longer matches its digest (see "
                "above) and may have been changed by hand; compare that entry with a copy (git diff, a backup) "
                "before amending anything: this one may be right"
            )
        return None

    def for_command(self, command: str = "record") -> Problem:
        """The finding as ``record`` and ``amend`` (``command``) refuse it, naming the option that keeps it."""
        fix = (
            f"nothing was recorded; which is it? if the note is right, give --date {self.entry.date.year}-"
            f"{self.dated:02d}; if the date is right, correct the note; if both are, keep it with --force"
            if self.dated and self.entry is not None
            else f"nothing was recorded; if it replaces what is there, withdraw that first ({_voids(self.against)}) and "
            f"{command} it again; if both add up, keep it with --force"
            if self.added
            else "nothing was recorded; an addition recorded twice counts twice: only if both really add up, "
            "--allow-duplicates records it anyway"
            if self.duplicate and self.target.kind is _INCREMENT
            else "nothing was recorded; --allow-duplicates records it anyway"
            if self.duplicate
            else "nothing was recorded; if the month's own figure is what is wrong, give it with --month-value; "
            "if both figures are right, keep them with --force"
            if self.month_sum
            else "nothing was recorded; if the figure is right, keep it with --force"
        )
        where = None if self.duplicate else self.target.id  # a duplicate's message names it already
        return Problem(self.message, where=where, target=self.target.id, fix=fix)


# An import judges each figure several times (against the reading before it and the one after,
# for duplicates, against the target), and a sheet repeats the same few figures and dates: each
# exact conversion and share of the period is worked out once. Both are pure, their results immutable.
_exact = lru_cache(maxsize=8192)(units.exact)
_elapsed = lru_cache(maxsize=4096)(elapsed)


def _value(e: Entry, target: Target) -> Fraction | None:
    if e.value is None:
        return None
    try:
        return _exact(e.value, e.unit, target.unit)
    except TypeError:  # a signalling NaN cannot be a key; units.exact refuses it as it always did
        return units.exact(e.value, e.unit, target.unit)
    except units.UnitError:
        return None  # reported by the plan checks (validate), not here


def amount(value: Fraction, target: Target) -> str:
    """``value`` (exact, in ``target``'s unit) as a message names it, with the unit: a whole
    number as it is (``12 万平方米``), else rounded to two places, trailing zeros dropped
    (``Fraction(41, 3)`` → ``13.67 万平方米``); ``%`` with no space, no unit for a target of none.
    Raises nothing."""
    unit = "%" if target.unit == "%" else f" {target.unit}" if target.unit else ""
    if value.denominator == 1:
        return f"{value.numerator}{unit}"
    return f"{trim(rounded(from_fraction(value), 2))}{unit}"


def _typed(e: Entry) -> str:
    assert e.value is not None
    return f"{plain(e.value)} {e.unit}" if e.unit else plain(e.value)


def _months(plan: Plan, day: date) -> Fraction:
    """The share of the period a 1—N月 running total as of ``day`` covers."""
    return _elapsed(plan.start, plan.end, day)


def is_running_total(target: Target) -> bool:
    """Whether a ``total`` target's readings restart from nothing each period (1—N月累计): it has no
    baseline, or 0; a total with a baseline is a stock (存量), read as it stands."""
    return target.kind is _TOTAL and not target.baseline


def _voids(ids: Sequence[str]) -> str:
    return "; ".join(f"tracker void {i} --reason 更正" for i in ids)
