"""Building a new entry from what a user typed, refusing bad input before anything is written."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import units
from .entries import ID_RULE, Entry, is_entry_id, new_id
from .errors import EntryError, MissingFigure, Problem, TrackerError, suggest
from .model import MILESTONE_WORDS, Kind, MilestoneStatus, Plan, Target, is_rank
from .numbers import parse_number
from .patterns import LazyPattern
from .store import append_entries
from .target_due import after_due_refusal
from .view import LedgerView, Validation

# A member read through its enum class (Kind.TOTAL) costs about 0.25 µs in Python 3.11, ten times a
# module name, and these are read for each of an import's thousands of rows: read once here.
_TOTAL, _RANK, _MILESTONE = Kind.TOTAL, Kind.RANK, Kind.MILESTONE


PERCENT_SIGNS = ("%", "％")  # the percent sign, half and full width, as str.endswith takes them
_new_entry = tuple.__new__  # see the end of entry_of


def percent_sign(value: str, target: Target) -> tuple[str, bool]:
    """``value`` without a trailing percent sign (``5%``, ``5％``) and whether it had one; the sign
    is accepted only for a target counted in %. Raises :class:`EntryError` otherwise."""
    text = value.strip()
    if not text.endswith(PERCENT_SIGNS):
        return value, False
    if target.unit != "%":
        raise EntryError(f"{value!r} is a percentage, but {target.id} is counted in {target.unit}")
    return text[:-1].strip(), True


# An import reads a figure for each of thousands of rows, and a sheet repeats its figures: each
# distinct text is parsed once (a Decimal is immutable; a refusal is raised again each time).
cached_number = lru_cache(maxsize=8192)(parse_number)


def build_entry(
    plan: Plan,
    target_id: str,
    value: str | None,
    *,
    day: date,
    recorded: datetime,
    unit: str | None = None,
    status: str | None = None,
    milestone: str | None = None,
    month_value: str | None = None,
    note: str | None = None,
    source: str | None = None,
    by: str | None = None,
    taken_ids: Collection[str] = frozenset(),
    period: str | None = None,
) -> Entry:
    """A validated entry for ``target_id``.

    Numeric targets need ``value`` (text such as ``"318.6"`` or ``"-4.6"``, kept exactly as
    typed) in ``unit`` (default: the target's, and any unit of the same dimension); a ``total``
    may also carry ``month_value``, the month's own figure (当月) in the same unit. Milestone
    targets need ``status`` (or ``value`` holding a status) and, when the target lists
    milestones, the ``milestone`` id. A ``rank`` may name its assessment ``period`` (a year, e.g.
    "2024" for results published in 2025), no later than ``day``'s year. ``day`` must lie in the
    plan period; ``recorded`` must carry a UTC offset.

    Raises :class:`~ledger.errors.UnknownTarget` or :class:`~ledger.errors.EntryError` with a
    one-line message naming the target and the fix.
    """
    return entry_of(
        plan,
        plan.target(target_id),
        value,
        day=day,
        recorded=recorded,
        unit=unit,
        status=status,
        milestone=milestone,
        month_value=month_value,
        note=note,
        source=source,
        by=by,
        taken_ids=taken_ids,
        period=period,
    )


def entry_of(
    plan: Plan,
    target: Target,
    value: str | None,
    *,
    day: date,
    recorded: datetime,
    unit: str | None = None,
    status: str | None = None,
    milestone: str | None = None,
    month_value: str | None = None,
    note: str | None = None,
    source: str | None = None,
    by: str | None = None,
    taken_ids: Collection[str] = frozenset(),
    period: str | None = None,
) -> Entry:
    """:func:`build_entry` for a ``target`` of ``plan`` already found, as an import has it for
    each of its rows (finding it again costs a twentieth of the row). Same arguments, checks and
    errors."""
    if recorded.tzinfo is None:
        raise ValueError("recorded needs a time zone")
    year = _period(target, period, day) if period is not None else None
    if target.kind is _MILESTONE:
        if month_value is not None:
            raise month_value_refused(target, value or status, month_value, day, unit, milestone=milestone)
        state, which = milestone_fields(target, value, status, milestone, unit)
        _check_date(plan, target, day)
        return _new_entry(  # Entry(...) in its fields' order, as at the end
            Entry,
            (new_id(taken_ids), target.id, day, recorded, None, None, note, source, by, None, False, None, state,
             which, 0, None, False, None, None, False, None),
        )  # fmt: skip
    if status is not None or milestone is not None:
        raise EntryError(
            f"{target.id}: --status and --milestone are for milestone targets; this one is {_a(target.kind.value)}"
        )
    month = None
    if month_value is not None:
        if target.kind is not _TOTAL:
            raise month_value_refused(target, value, month_value, day, unit)
        try:
            month = cached_number(month_value)
        except ValueError as e:
            raise EntryError(f"{target.id}: the month figure (本月, --month-value) {e}") from None
    if value is None:
        raise MissingFigure(
            f"{target.id}: no figure",
            fix=f"give the figure, e.g. `tracker record {target.id} 318.6`",
            sheet_fix="fill in the value column (the running total, 1—N月累计)",
        )
    typed = value
    if value.rstrip().endswith(PERCENT_SIGNS):  # percent_sign's test, without a call for each row of an import
        value, _ = percent_sign(value, target)
    if target.kind is _RANK and ("第" in value or "位" in value or "名" in value):
        value = rank_number(value)
    try:
        number = cached_number(value)
    except ValueError as e:
        said = str(e)
        if typed is not value and said.startswith(repr(value)):
            said = repr(typed) + said[len(repr(value)) :]  # the cell as written: '增长5.8%', not '增长5.8'
        raise EntryError(f"{target.id}: {said}", "give a plain number such as 318.6 or -4.6") from None
    recorded_unit = target.unit
    if unit is not None and target.kind is _RANK and units.rank_unit(unit) is not None:
        unit = None  # 名, 名次, 位次: a rank's places by another word, recorded in its own 位
    if unit is not None:
        try:
            recorded_unit = units.canonical(unit)
            if target.unit is not None:
                # Whether the figure converts, which is all that is asked here: units.convert
                # raises exactly when the factor does, and the factor is worked out once a pair.
                units.factor(recorded_unit, target.unit)
        except units.UnitError as e:
            if target.kind is _RANK:  # a rank's one unit is offered, never the list of every unit (万位 among them)
                _other_rank_unit(target, unit)
            raise EntryError(f"{target.id} is in {target.unit}: {e}") from None
        if target.kind is _RANK and recorded_unit != target.unit:
            _other_rank_unit(target, unit)
    if target.kind is _RANK and not is_rank(number):
        raise EntryError(f"{target.id}: a rank is a whole number from 1 (best), not {value}")
    if not plan.start <= day <= target.due:  # _check_date's test, without a call for each row of an import
        _check_date(plan, target, day)
    # The tuple built directly, fields in Entry's order (tests/test_sheets_fast.py holds it to
    # Entry(...) by name): binding Entry's twenty parameters by keyword cost a quarter of an
    # imported row.
    return _new_entry(
        Entry,
        (new_id(taken_ids), target.id, day, recorded, number, recorded_unit, note, source, by, None, False, None,
         None, None, 0, month, False, year, None, False, None),
    )  # fmt: skip


def _other_rank_unit(target: Target, unit: str) -> None:
    """Refuse ``unit`` (any but the rank's own, 位, and the words :func:`units.rank_unit` reads as it:
    万位, 家) for ``target``, a rank: a place is counted in 位 alone, so that is the one unit offered. Raises :class:`EntryError`."""
    raise EntryError(
        f"{target.id}: a rank is counted in {target.unit}, not {unit!r}",
        f"give --unit {target.unit}, or no --unit",
        f"write {target.unit} in its 单位 cell, or leave it empty",
    )


def rank_number(text: str) -> str:
    """A rank's figure as a bureau writes it, ``第72位``, ``第72名`` or ``72位``, as its number
    text (``72``); any other text is returned as it is (a plain number, or one refused as none)."""
    import unicodedata

    m = _RANK_WORDS.match(unicodedata.normalize("NFKC", text).strip())
    return m.group(1) if m else text


def _period(target: Target, period: str | None, day: date) -> int | None:
    if period is None:
        return None
    if target.kind is not _RANK:
        raise EntryError(f"{target.id}: --period names the assessment year of a rank; this is {_a(target.kind.value)}")
    text = period.strip().removesuffix("年度").removesuffix("年")
    if not (text.isdigit() and len(text) == 4) or int(text) > day.year:
        raise EntryError(f"{target.id}: --period {period!r} is not a year up to {day.year}; write e.g. --period 2024")
    return int(text)


def month_value_refused(
    target: Target,
    value: str | None,
    month_value: str,
    day: date,
    unit: str | None,
    *,
    amend: str | None = None,
    milestone: str | None = None,
) -> EntryError:
    """The refusal of ``--month-value`` (a month's own figure, 本月, beside a running total) on a
    ``target`` that is no running total (kind total), naming the command to run instead: for an
    addition (increment), whose figure already is the month's own, that command records
    ``month_value`` alone as the addition; for a rate or rank, ``value`` alone; for a milestone
    target, its status (``value``) alone, for its ``milestone``. ``amend``: the id
    of the entry being corrected, for ``tracker amend``'s command instead of ``record``'s."""
    addition = target.kind is Kind.INCREMENT
    figure = (
        month_value
        if addition
        else value
        if value is not None
        else "STATUS"
        if target.milestones or target.kind is Kind.MILESTONE
        else "VALUE"
    )
    where = f" --date {day}" + (f" --unit {unit}" if unit else "") + (f" --milestone {milestone}" if milestone else "")
    command = (
        f"tracker amend {amend} {figure}{' --unit ' + unit if unit else ''} --reason …"
        if amend is not None
        else f"tracker record {target.id} {figure}{where}"
    )
    if addition:
        message = (
            f"{target.id}: --month-value goes with running totals (kind total); {target.id} is an increment, whose "
            "figure already is the month's own addition (本月)"
        )
        fix = f"give the month's addition as the figure, without --month-value: {command}"
        sheet_fix = "an addition's figure is the month's own: give it in the value column and leave month_value empty"
    elif target.kind is Kind.MILESTONE:
        message = f"{target.id}: --month-value goes with running totals (kind total); this is a milestone target"
        fix = f"give the status alone, without --month-value: {command}"
        sheet_fix = "leave month_value empty for a milestone target"
    else:
        message = (
            f"{target.id}: --month-value goes with running totals (kind total); this one is {_a(target.kind.value)}"
        )
        fix = f"give the figure alone, without --month-value: {command}"
        sheet_fix = f"leave month_value empty for {_a(target.kind.value)}"
    return EntryError(message, fix, sheet_fix)


def _a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


def _check_date(plan: Plan, target: Target, day: date) -> None:
    # A target's due never lies after the plan's end (the plan file refuses that).
    if plan.start <= day <= plan.end and day > target.due:
        raise after_due_refusal(target, day)
    if not plan.start <= day <= plan.end:
        from .neighbour_plans import outside_fixes  # reads the folder: only for a refusal

        fix, sheet_fix = outside_fixes(plan, min(plan.end, target.due), day)
        raise EntryError(
            f"{target.id}: date {day} is outside the plan period {plan.start} to {plan.end}",
            fix=fix,
            sheet_fix=sheet_fix,
        )


# The statuses as typed, listed once (not for each of an import's thousands of milestone rows).
_STATUS_CHOICES = [s.value for s in MilestoneStatus]
# A step's status as Chinese sheets write it.
_CHINESE_STATUS = {word: status for status, words in MILESTONE_WORDS.items() for word in words}
_CHINESE_CHOICES = ", ".join(_CHINESE_STATUS)  # as a refusal lists them: 未启动, 未开始, … 滞后受阻
# A rank as a bureau writes it: 第72位, 第72名, 72位 (NFKC'd, so ７２ is 72 too).
_RANK_WORDS = LazyPattern(r"^第?\s*(\d+)\s*[位名]?$")


def milestone_fields(
    target: Target, value: str | None, status: str | None, milestone: str | None, unit: str | None
) -> tuple[MilestoneStatus, str | None]:
    """A milestone entry's status and milestone id from what was given: the status as VALUE or
    ``status`` (not both; English or Chinese words, 已完成 → done), the milestone by id or by its
    name. Raises :class:`MissingFigure` when no status is given, :class:`EntryError` for a unit,
    an unknown status or a milestone the target does not list (with the closest one)."""
    choices = _STATUS_CHOICES
    if status is not None and value is not None:
        raise EntryError(f"{target.id}: give the status once, either as VALUE or with --status")
    text = status if status is not None else value
    if text is None:
        raise MissingFigure(
            f"{target.id}: a milestone target takes a status: {', '.join(choices)} (e.g. --status in_progress)"
        )
    if unit is not None:
        raise EntryError(f"{target.id}: a milestone target has no unit", "drop --unit", "leave its unit cell empty")
    try:
        word = text.strip()
        state = _CHINESE_STATUS.get(word) or MilestoneStatus(word.lower().replace("-", "_").replace(" ", "_"))
    except ValueError:
        hint = suggest(text, choices)
        raise EntryError(
            f"{target.id}: {text!r} is not a milestone status; "
            + (f"did you mean {hint}?" if hint else "use " + ", ".join(choices) + ", or " + _CHINESE_CHOICES)
        ) from None
    ids = [m.id for m in target.milestones]
    if milestone is not None and milestone not in ids:  # a sheet may name the step instead of its id
        milestone = next((m.id for m in target.milestones if m.name == milestone.strip()), milestone)
    if ids and milestone is None:
        raise EntryError(f"{target.id}: name the milestone with --milestone, one of {', '.join(ids)}")
    if not ids and milestone is not None:
        raise EntryError(
            f"{target.id}: this target lists no milestones", "drop --milestone", "leave its milestone cell empty"
        )
    if milestone is not None and milestone not in ids:
        hint = suggest(milestone, ids)
        raise EntryError(
            f"{target.id}: no milestone {milestone!r}; "
            + (f"did you mean {hint}?" if hint else "use one of " + ", ".join(ids))
        )
    return state, milestone


def record(
    plan: Plan,
    ledger_path: Path,
    target_id: str,
    value: str | None,
    *,
    force: bool = False,
    allow_duplicates: bool = False,
    entry_id: str | None = None,
    **fields: Any,
) -> Entry:
    """Validate a new entry against the plan and the ledger, then append it durably to the ledger
    at ``ledger_path``.

    ``fields`` are :func:`build_entry`'s keyword arguments. The meaning checks
    (:mod:`ledger.meaning`) judge it against the target's entries in the ledger: a figure 10
    times off what the previous reading implies, a running total that does not add up, an
    increment larger than the target is refused unless ``force``; the same target, date,
    milestone and value as an entry already there unless ``allow_duplicates``. A figure kept
    over a check is marked ``forced``. Returns the entry as written. Of the rest of the ledger
    only the last entry is parsed and checked (a torn write or a wrong entry there is refused),
    so this stays fast on large ledgers; ``tracker check`` reads all of it. Raises
    :class:`~ledger.errors.TrackerError` (a problem per finding) or the errors of
    :func:`build_entry` and :func:`~ledger.store.append_entries`.

    The checks are made under the ledger's lock, on the target's entries as they are then
    (another process may have recorded the same figure a moment before), and only there. ``entry_id`` is an idempotency
    key: the entry gets that id, and if the ledger has it already with the same target, figure,
    date and fields (a retry after a timeout whose end was not seen), that entry is returned
    (its ``line`` is then not 0) and nothing is written; with anything else it is refused.
    """
    from .validate import last_entry_check

    entry = build_entry(plan, target_id, value, **fields)
    if entry_id is not None:
        entry = entry._replace(id=check_id(entry_id))

    # Judged once, under the lock, on the target's entries as they are then: reading them before
    # the lock as well cost a second walk of a large ledger and could only give an older answer.
    under_lock = lock_checks(plan, force=force, allow_duplicates=allow_duplicates)
    [written] = append_entries(
        ledger_path, [entry], check=last_entry_check(plan), validate=under_lock, retry=entry_id is not None
    )
    return written


def lock_checks(plan: Plan, *, force: bool, allow_duplicates: bool, command: str = "record") -> Validation:
    """The meaning and duplicate checks of ``record`` or ``amend`` (``command``, named in the
    refusal's fix), for :func:`~ledger.store.append_entries` to make under the ledger's lock on
    the target's entries as they are then, so that two processes recording at the same moment
    cannot both pass a check only one of them may pass (two additions to one month). An entry
    kept over a finding with ``force`` or ``allow_duplicates`` is marked ``forced``."""

    def under_lock(view: LedgerView, batch: list[Entry]) -> list[Problem]:
        from .meaning import check_new

        # The whole file is read only in the rare case that needs it (an addition given for a withdrawn one).
        findings = check_new(plan, view.entries, batch, whole=lambda: view.whole)
        refused = [f for f in findings if not (allow_duplicates if f.duplicate else force)]
        if findings and not refused:
            batch[:] = [e._replace(forced=True) for e in batch]  # kept over a check: marked
        return [f.for_command(command) for f in refused]

    return under_lock


def check_id(entry_id: str) -> str:
    """``entry_id`` if it can be an entry id (:data:`~ledger.entries.ID_RULE`: 1–40 letters,
    digits, ``-`` or ``_``), else :class:`~ledger.errors.EntryError`."""
    if not is_entry_id(entry_id):
        raise EntryError(f"{entry_id!r} cannot be an entry id", f"use {ID_RULE}")
    return entry_id


def confirm(plan: Plan, existing: list[Entry], entry: Entry, *, force: bool, allow_duplicates: bool) -> Entry:
    """``entry`` after the meaning and duplicate checks against ``existing``: marked ``forced``
    when ``force`` or ``allow_duplicates`` kept it over a finding, unchanged when nothing was
    found. Raises :class:`~ledger.errors.TrackerError` with a problem for each finding that is not
    overridden."""
    from .meaning import check_new

    findings = check_new(plan, existing, [entry])
    refused = [f for f in findings if not (allow_duplicates if f.duplicate else force)]
    if refused:
        raise TrackerError([f.for_command("amend" if entry.corrects is not None else "record") for f in refused])
    return entry._replace(forced=True) if findings else entry
