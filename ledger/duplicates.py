"""Duplicates and rivals: what makes two entries report the same thing (:func:`fingerprint`), two
figures one batch gives for one target and date (:func:`_rival`), and the messages that refuse
them.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any

from . import units
from .entries import Entry
from .findings import _INCREMENT, _typed, _value
from .model import Target


def fingerprint(target: Target | None, e: Entry) -> tuple[Any, ...]:
    """What makes two entries report the same thing: target, date, the figure in the target's
    unit exactly (35000 平方米 is 3.5 万平方米), status and milestone; for an addition (kind
    increment) its note too, since two carriers may add the same area in one month (3000 平方米
    noted 东湖孵化园, 3000 noted 临平科创中心): those are two additions, not one given twice."""
    value: Any = None
    if e.value is not None:
        try:
            value = _figure_key(e.value, e.unit, target.unit if target is not None else None)
        except TypeError:  # a signalling NaN cannot be a key: worked out as it always was
            exact = _value(e, target) if target is not None else None
            if not exact:
                exact = Fraction(e.value)
            value = (exact.numerator, exact.denominator)
    if target is not None and target.kind is _INCREMENT:
        return (e.target, e.date, value, e.status, e.milestone, e.note)
    return (e.target, e.date, value, e.status, e.milestone)


@lru_cache(maxsize=8192)  # for each entry of an import, and of the ledger it is checked against
def _figure_key(value: Decimal, unit: str | None, target_unit: str | None) -> tuple[int, int]:
    """A figure as :func:`fingerprint` compares it: ``value`` in ``unit`` exactly in
    ``target_unit`` (``None``: as typed), as typed when the unit does not convert or it is 0.
    In lowest terms, as a Fraction always is: equal exactly when the Fractions are, and hashed in
    C (a Fraction hashes in Python, twice for each entry of an import)."""
    try:
        exact: Fraction | None = units.exact(value, unit, target_unit)
    except units.UnitError:
        exact = None
    if not exact:  # no target, a unit that does not convert, or 0: the figure as typed
        exact = Fraction(value)
    return exact.numerator, exact.denominator


def _rival(target: Target, on: list[Entry], e: Entry, new_ids: set[str]) -> Entry | None:
    """The earlier entry of the same batch that gives a different figure or status than ``e`` for
    its target, date and milestone, or ``None``. ``on`` is every entry of that target and date so
    far, ``e`` last. Only entries recorded at the same moment are rivals: a sheet's rows are, while
    an earlier figure in the ledger or an export's history is a revision, of which the later counts
    by design. Additions (an increment) are not rivals: both count."""
    if target.kind is _INCREMENT or e.forced or e.void or e.corrects is not None:
        return None
    for r in on[:-1]:
        if (
            r.id in new_ids
            and r.milestone == e.milestone
            and r.recorded == e.recorded
            and not r.void
            and r.corrects is None
            and (r.value is not None or r.status is not None)
        ):
            return r
    return None


def rival_message(target: Target, e: Entry, rival: Entry, labels: tuple[str, str] | None = None, *,
                  written: bool = False) -> str:  # fmt: skip
    """The finding on ``e`` because ``rival``, earlier in the same batch (one sheet's rows, one
    import's entries), gives its target another figure for the same date and milestone: only the
    later of the two counts, and the other is dropped without a word. ``labels`` say where each
    is (``("row 2", "row 4")``, ``("entry 3f…", "entry 9a…")``); ``written``: they are in the
    ledger already (``check``), not about to be (an import)."""
    step = f" ({e.milestone})" if e.milestone else ""

    def said(x: Entry, label: str | None) -> str:
        figure = _typed(x) if x.value is not None else (x.status.value if x.status else "no figure")
        return f"{figure} ({label})" if label is not None else figure

    first, second = labels if labels is not None else (None, None)
    tail = ", in one import; only the later counts" if written else "; only the later would count"
    return f"{target.id}{step} is given two figures as of {e.date}: {said(rival, first)} and {said(e, second)}{tail}"


def _duplicate_message(target: Target, e: Entry, twin: Entry) -> str:
    when = twin.recorded.isoformat(sep=" ", timespec="minutes")  # with its UTC offset: whose 08:13?
    where = f"is already in the ledger as entry {twin.id} ({twin.by or 'unknown'}, {when})"
    return duplicate_message(target, e, where)


def duplicate_message(target: Target, e: Entry, where: str, *, in_ledger: bool = True) -> str:
    """The refusal of ``e`` as a repeat, ``where`` saying where its twin is: "is already in the
    ledger as entry …", or, for a twin earlier in the same import, "is given twice: row 2 has it
    too" (its entry was never written, so its id would send the reader looking in vain)."""
    what = _typed(e) if e.value is not None else (e.status.value if e.status else "")
    step = f" ({e.milestone})" if e.milestone else ""
    if target.kind is _INCREMENT:
        said = f"recorded twice, {target.id} adds it up and would count it twice"
    elif in_ledger:
        said = f"recorded twice, {target.id} has it already"
    else:  # a twin in the same import is not in the ledger yet: it has nothing already
        said = "one row is enough"
    return f"{target.id} {what}{step} as of {e.date} {where}; {said}"
