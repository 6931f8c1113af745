"""Reading and validating ``targets.toml`` into a :class:`~ledger.model.Plan`.

Validation collects every problem before failing, each as one line
``FILE:LINE: where: what; how to fix``, so a hand-edited plan can be fixed in one pass.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar, overload

import tomli

from . import units
from .dates import month_end
from .errors import PlanError, Problem, suggest, toml_problem
from .model import Action, Direction, Frequency, Kind, Milestone, Plan, Target, is_rank, lower_is_better
from .numbers import MAX_INTEGER_DIGITS, plain, to_decimal
from .patterns import LazyPattern
from .regular import NotRegularFile, read_regular

SCHEMA_VERSION = 1

_TOP_KEYS = ("version", "plan", "action", "target")
_PLAN_KEYS = (
    "id",
    "name",
    "name_en",
    "start",
    "end",
    "source",
    "ledger",
    "previous_ledger",
    "tolerance",
    "timezone",
    "grace",
    "release_day",
)
_ACTION_KEYS = ("id", "name", "name_en", "owner", "lead")
_TARGET_KEYS = (
    "id", "action", "name", "name_en", "kind", "unit", "target", "baseline", "previous", "direction",
    "owner", "due", "tolerance", "schedule", "tags", "milestones", "source", "note", "stretch", "frequency",
    "lead", "release_day", "aliases",
)  # fmt: skip
_MILESTONE_KEYS = ("id", "name", "due", "name_en")
# Each tuple of keys as a set, for _Checker.keys; the tuples keep the order suggestions list them in.
_ALLOWED: dict[tuple[str, ...], frozenset[str]] = {
    keys: frozenset(keys) for keys in (_TOP_KEYS, _PLAN_KEYS, _ACTION_KEYS, _TARGET_KEYS)
}
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_SCHEDULE_KEY = LazyPattern(r"^(\d{4})-(\d{2})$")
T = TypeVar("T")
# Typed empty defaults, so that _Checker.get infers the converter's type rather than tuple[()].
_NO_MILESTONES: tuple[Milestone, ...] = ()
_NO_SCHEDULE: tuple[tuple[date, Decimal], ...] = ()
_NO_TAGS: tuple[str, ...] = ()


class _Lines:
    """Finds the line of a table or key in the file text, for messages (1-based; 0 if unknown)."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")  # not splitlines(): TOML ends lines at \n only
        self.headers: dict[str, list[int]] = {}
        for n, line in enumerate(self.lines, 1):
            if m := re.match(r"^\s*\[\[?\s*([A-Za-z_]+)\s*\]\]?", line):
                self.headers.setdefault(m.group(1), []).append(n)

    def table(self, name: str, index: int = 0) -> int:
        found = self.headers.get(name, [])
        return found[index] if index < len(found) else 0

    def key(self, table: str, index: int, key: str) -> int:
        if not table and key in self.headers:  # a top-level key written as a [table] header
            return self.table(key)
        start = self.table(table, index)
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for n in range(start, len(self.lines)):  # line n+1, after the header
            line = self.lines[n]
            if n + 1 > start and re.match(r"^\s*\[", line):
                break
            if pattern.match(line):
                return n + 1
        return start


class _Checker:
    """Collects problems while converting raw TOML tables into model objects."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self._where: _Lines | None = None
        self.problems: list[Problem] = []
        # (table, index, key) pairs that a misspelt key stood for: no second "missing" complaint.
        self.misspelt: set[tuple[str, int, str]] = set()
        self.target: str | None = None  # the id of the target being read, for its problems

    @property
    def where(self) -> _Lines:
        """The lines of tables and keys, found on first use: only a problem needs a line, and
        matching every line of a large plan against a pattern was a good part of checking it."""
        if self._where is None:
            self._where = _Lines(self.text)
        return self._where

    def problem(self, line: int, where: str, what: str, fix: str | None = None) -> None:
        self.problems.append(
            Problem(what, file=str(self.path), line=line or None, where=where, target=self.target, fix=fix)
        )

    def keys(self, raw: dict[str, Any], allowed: tuple[str, ...], table: str, index: int, where: str) -> None:
        if raw.keys() <= _ALLOWED[allowed]:  # the usual case, in one set test
            return
        for key in raw:
            if key not in allowed:
                hint = suggest(key, allowed)
                fix = f"did you mean {hint}?" if hint else "allowed keys: " + ", ".join(allowed)
                self.misspelt.update((table, index, k) for k in allowed if repr(k) in hint)
                self.problem(self.where.key(table, index, key), where, f"unknown key {key!r}", fix)

    @overload
    def get(
        self,
        raw: dict[str, Any],
        key: str,
        convert: Callable[[Any], T],
        table: str,
        index: int,
        where: str,
        *,
        required: bool = False,
    ) -> T | None: ...

    @overload
    def get(
        self,
        raw: dict[str, Any],
        key: str,
        convert: Callable[[Any], T],
        table: str,
        index: int,
        where: str,
        *,
        required: bool = False,
        default: T,
    ) -> T: ...

    def get(
        self,
        raw: dict[str, Any],
        key: str,
        convert: Callable[[Any], T],
        table: str,
        index: int,
        where: str,
        *,
        required: bool = False,
        default: T | None = None,
    ) -> T | None:
        """``convert(raw[key])``; ``default`` when the key is missing (a problem if ``required``)
        or its value is refused (a problem naming the key's line)."""
        if key not in raw:
            if required and (table, index, key) not in self.misspelt:
                self.problem(self.where.table(table, index), where, f"missing key {key!r}")
            return default
        try:
            return convert(raw[key])
        except (ValueError, TypeError) as e:
            self.problem(self.where.key(table, index, key), where, f"{key}: {e}")
            return default


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected a non-empty string in quotes")
    return value.strip()


def _ident(value: Any) -> str:
    s = _text(value)
    if not _ID.match(s):
        raise ValueError(f"{s!r} is not a valid id; use letters, digits, '-', '_' or '.', e.g. \"industrial-output\"")
    return s


LAST_PLAN_DAY = date(9998, 12, 31)  # a year before the calendar's end: 9999-12-31


def _date(value: Any) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValueError(f"{value!r} is not a date; write it unquoted as 2025-12-31")
    return value


# A whole number below this is within to_decimal's range (at most MAX_INTEGER_DIGITS digits).
_WHOLE_LIMIT = 10**MAX_INTEGER_DIGITS


def _number(value: Any) -> Decimal:
    """``to_decimal(value)``; a whole number in range (most plans' figures) taken straight.

    ``to_decimal`` goes through ``str`` and checks the places through ``Decimal.as_tuple``, some
    2 µs a figure; an ``int`` has no places, and ``Decimal(n)`` is ``Decimal(str(n))`` digit for
    digit, so only its size needs checking (a ``bool`` is an ``int`` and is refused there).
    tests/test_plan_checks.py holds it to ``to_decimal``.
    """
    if type(value) is int and -_WHOLE_LIMIT < value < _WHOLE_LIMIT:
        return Decimal(value)
    return to_decimal(value)


def _points(value: Any) -> Decimal:
    d = to_decimal(value)
    if d < 0:
        raise ValueError(f"{d} must be zero or more percentage points")
    return d


def _tags(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise ValueError('expected a list of strings, e.g. ["国考"]')
    return tuple(value)


def _aliases(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(t, str) and t.strip() for t in value):
        raise ValueError('expected a list of names in quotes, e.g. ["规模以上工业总产值"]')
    return tuple(t.strip() for t in value)


def key_line(path: Path, index: int, key: str) -> int | None:
    """The 1-based line of ``key`` in the plan's ``index``-th ``[[target]]`` table (that
    table's header line when the key is not written there), for a message about a plan that
    loaded; ``None`` when the file cannot be read again."""
    try:
        text = read_regular(path).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):  # NotRegularFile is an OSError
        return None
    return _Lines(text).key("target", index, key) or None


def load_plan(path: str | Path) -> Plan:
    """Read and validate a ``targets.toml``.

    Raises :class:`~ledger.errors.PlanError` listing every problem found (unknown or misspelt
    keys with a suggestion, duplicate ids, unknown actions, kinds or units, numeric targets
    without a ``target``, non-finite numbers, dates outside the plan), each naming file and line.
    """
    path = Path(path)
    try:
        text = read_regular(path).decode("utf-8-sig")
    except FileNotFoundError:
        fix = "give --targets PATH, set TRACKER_TARGETS, or run `tracker init` to start one"
        raise PlanError(Problem("no such file", file=str(path), fix=fix)) from None
    except IsADirectoryError:
        fix = "give the plan file with --targets (e.g. --targets DIR/targets.toml)"
        raise PlanError(Problem("is a folder, not a file", file=str(path), fix=fix)) from None
    except NotRegularFile as e:
        fix = "give the plan file with --targets or TRACKER_TARGETS"
        raise PlanError(Problem(f"is {e.kind}, not a plan file", file=str(path), fix=fix)) from None
    except OSError as e:
        raise PlanError(Problem(f"cannot read: {e.strerror}", file=str(path))) from None
    except UnicodeDecodeError as e:
        raise PlanError(Problem(f"not UTF-8 text (byte {e.start})", file=str(path), fix="save it as UTF-8")) from None
    # tomli is the parser tomllib was taken from, built with mypyc: about five times faster on a
    # large plan, with the same results and the same messages (tests/test_plan_toml.py holds it to
    # tomllib). Its wheels are pinned to TOML 1.0 (pyproject.toml), as tomllib and the ledger read.
    try:
        raw = tomli.loads(text, parse_float=Decimal)
    except tomli.TOMLDecodeError as e:
        raise PlanError(toml_problem(e, str(path), text)) from None
    except RecursionError:
        raw = _deeply_nested(path, text)
    if not raw:
        # Nothing but blanks or comments: one line on how to start beats a list of missing keys.
        fix = "run `tracker init` to write a starter plan, or give --targets PATH"
        raise PlanError(Problem("the plan is empty", file=str(path), fix=fix))
    return _build(path, text, raw)


def _deeply_nested(path: Path, text: str) -> dict[str, Any]:
    """``text`` read by tomllib, for a plan tomli gave up on (:class:`RecursionError`).

    tomli stops at 400 nested arrays or inline tables and at keys of more than 1,000 parts (its
    compiled build would otherwise overflow the C stack); tomllib goes as deep as Python's
    recursion limit lets it. Handing such a file to tomllib keeps what is refused, and how,
    exactly as it was: its result, its TOML error, or "nested too deeply".
    """
    import tomllib

    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as e:
        raise PlanError(toml_problem(e, str(path), text)) from None
    except RecursionError:
        raise PlanError(
            Problem(
                "arrays or tables nested too deeply to be a plan",
                file=str(path),
                fix="a plan nests a table or an array a level or two at most",
            )
        ) from None


def _build(path: Path, text: str, raw: dict[str, Any]) -> Plan:
    c = _Checker(path, text)
    c.keys(raw, _TOP_KEYS, "", 0, "top level")
    version = raw.get("version")
    if version != SCHEMA_VERSION:
        c.problem(
            c.where.key("", 0, "version"),
            "top level",
            "missing version = 1" if version is None else f"version = {version!r} is not supported; write version = 1",
        )

    p = raw.get("plan")
    if not isinstance(p, dict):
        if ("", 0, "plan") not in c.misspelt:
            c.problem(0, "plan", "missing [plan] table with id, name, start and end")
        raise PlanError(c.problems)
    c.keys(p, _PLAN_KEYS, "plan", 0, "[plan]")
    plan_id = c.get(p, "id", _ident, "plan", 0, "[plan]", required=True, default="plan")
    plan_name = c.get(p, "name", _text, "plan", 0, "[plan]", required=True, default="")
    start = c.get(p, "start", _date, "plan", 0, "[plan]", required=True)
    end = c.get(p, "end", _date, "plan", 0, "[plan]", required=True)
    if start and end and start > end:
        c.problem(c.where.key("plan", 0, "end"), "[plan]", f"end {end} is before start {start}")
    if end and end > LAST_PLAN_DAY:  # the period after a plan's last figure must be a date too
        c.problem(
            c.where.key("plan", 0, "end"), "[plan]", f"end {end} is after {LAST_PLAN_DAY}, the last a plan may end"
        )
        start = end = None
    ledger_name = c.get(p, "ledger", _text, "plan", 0, "[plan]", default="progress.toml")
    previous_name = c.get(p, "previous_ledger", _text, "plan", 0, "[plan]")
    tolerance = c.get(p, "tolerance", _points, "plan", 0, "[plan]", default=Decimal(5))
    timezone = c.get(p, "timezone", _timezone, "plan", 0, "[plan]")
    grace = c.get(p, "grace", _days, "plan", 0, "[plan]", default=20)
    release_day = c.get(p, "release_day", _day_of_month, "plan", 0, "[plan]", default=15)

    actions: list[Action] = []
    raw_actions = raw.get("action", [])
    if not isinstance(raw_actions, list):
        c.problem(c.where.table("action"), "action", "write each action as an [[action]] table")
        raw_actions = []
    for i, a in enumerate(raw_actions):
        if not isinstance(a, dict):
            c.problem(
                c.where.key("", 0, "action"), "action", "write each action as an [[action]] table with id and name"
            )
            break
        aid = c.get(a, "id", _ident, "action", i, f"action #{i + 1}", required=True)
        where = f"action {aid!r}" if aid else f"action #{i + 1}"
        c.keys(a, _ACTION_KEYS, "action", i, where)
        if aid is None:
            continue
        if any(x.id == aid for x in actions):
            c.problem(c.where.key("action", i, "id"), where, "duplicate action id; ids must be unique")
            continue
        name = c.get(a, "name", _text, "action", i, where, required=True, default=aid)
        actions.append(
            Action(
                aid,
                name,
                c.get(a, "name_en", _text, "action", i, where),
                owner=c.get(a, "owner", _text, "action", i, where),
                lead=c.get(a, "lead", _text, "action", i, where),
            )
        )
    if not actions:
        c.problem(0, "plan", "no [[action]] tables; every target belongs to an action")

    targets: list[Target] = []
    raw_targets = raw.get("target", [])
    if not isinstance(raw_targets, list):
        c.problem(c.where.table("target"), "target", "write each target as a [[target]] table")
        raw_targets = []
    seen: set[str] = set()
    by_id = {a.id: a for a in actions}  # action ids are unique: a duplicate was refused above
    for i, t in enumerate(raw_targets):
        if not isinstance(t, dict):
            c.problem(c.where.key("", 0, "target"), "target", "write each target as a [[target]] table")
            break
        target = _target(c, i, t, by_id, seen, start, end, tolerance, release_day)
        if target is not None:
            targets.append(target)

    _alias_clashes(c, raw_targets, targets)
    if c.problems:
        raise PlanError(c.problems)
    assert start is not None and end is not None
    ledger = Path(ledger_name)
    return Plan(
        path=path,
        id=plan_id,
        name=plan_name,
        name_en=c.get(p, "name_en", _text, "plan", 0, "[plan]"),
        source=c.get(p, "source", _text, "plan", 0, "[plan]"),
        start=start,
        end=end,
        ledger=ledger if ledger.is_absolute() else path.parent / ledger,
        previous_ledger=None if previous_name is None else path.parent / previous_name,
        tolerance=tolerance,
        timezone=timezone,
        grace=grace,
        release_day=release_day,
        actions=tuple(actions),
        targets=tuple(targets),
        by_id={t.id: t for t in targets},
    )


def _alias_clashes(c: _Checker, raw: list[Any], targets: list[Target]) -> None:
    """An alias must name one target only: not another target's id, name, English name, alias
    or milestone, else a sheet's row could be counted for the wrong one."""
    if not any(t.aliases for t in targets):
        return  # nothing can clash: spares making every name comparable, as a plan without aliases needs none
    from .names import key

    owners: dict[str, set[str]] = {}
    for t in targets:
        for text in (t.id, t.name, t.name_en or "", *t.aliases, *(m.name for m in t.milestones)):
            if text:
                owners.setdefault(key(text), set()).add(t.id)
    index = {t.get("id"): i for i, t in enumerate(raw) if isinstance(t, dict)}
    for t in targets:
        for alias in t.aliases:
            others = sorted(owners.get(key(alias), set()) - {t.id})
            if others:
                c.problem(
                    c.where.key("target", index.get(t.id, 0), "aliases"),
                    f"target {t.id!r}",
                    f"alias {alias!r} also names {', '.join(repr(o) for o in others)}; a sheet's row must name one target",
                )


class _Table:
    """One table's keys read through a :class:`_Checker`, its place (table, index, where) given once.

    A method of a class made once, rather than a closure (and its two ``@overload`` stubs) made
    for every target: a 1,000-target plan reads some 22,000 keys, most of them absent.
    """

    __slots__ = ("c", "index", "raw", "table", "where")

    def __init__(self, c: _Checker, raw: dict[str, Any], table: str, index: int, where: str) -> None:
        self.c, self.raw, self.table, self.index, self.where = c, raw, table, index, where

    @overload
    def get(self, key: str, convert: Callable[[Any], T], *, required: bool = False) -> T | None: ...

    @overload
    def get(self, key: str, convert: Callable[[Any], T], *, required: bool = False, default: T) -> T: ...

    def get(
        self, key: str, convert: Callable[[Any], T], *, required: bool = False, default: T | None = None
    ) -> T | None:
        """:meth:`_Checker.get` on this table; an absent optional key is its ``default`` at once."""
        if not required and key not in self.raw:
            return default
        return self.c.get(
            self.raw, key, convert, self.table, self.index, self.where, required=required, default=default
        )


def _timezone(value: Any) -> str:
    name = _text(value)
    from .dates import zone

    try:
        zone(name)
    except ValueError:
        raise ValueError(f'unknown time zone {name!r}; use an IANA name such as "Asia/Shanghai"') from None
    return name


def _target(
    c: _Checker,
    i: int,
    t: dict[str, Any],
    actions: dict[str, Action],
    seen: set[str],
    start: date | None,
    end: date | None,
    plan_tolerance: Decimal,
    plan_release_day: int = 15,
) -> Target | None:
    usual = _usual_target(t, actions, seen, start, end, plan_tolerance, plan_release_day)
    if usual is not None:  # as nearly every target of a plan: read, with nothing to report
        c.target = usual.id  # as the general form leaves it, for the problems found after the targets
        seen.add(usual.id)
        return usual
    before = len(c.problems)
    c.target = None
    tid = c.get(t, "id", _ident, "target", i, f"target #{i + 1}", required=True)
    c.target = tid
    where = f"target {tid!r}" if tid else f"target #{i + 1}"
    c.keys(t, _TARGET_KEYS, "target", i, where)
    if tid is None:
        return None
    if tid in seen:
        c.problem(c.where.key("target", i, "id"), where, "duplicate target id; ids must be unique")
    seen.add(tid)

    get = _Table(c, t, "target", i, where).get

    action = get("action", _ident, required=True)
    if action is not None and action not in actions:
        hint = suggest(action, list(actions))
        fix = f"did you mean {hint}?" if hint else "declare it as an [[action]]"
        c.problem(c.where.key("target", i, "action"), where, f"unknown action {action!r}; {fix}")
    name = get("name", _text, required=True, default=tid)

    kind = get("kind", _kind, required=True)
    unit = get("unit", _unit)
    number = get("target", _number)
    stretch = get("stretch", _number)
    baseline = get("baseline", _number)
    previous = get("previous", _number)
    frequency = get("frequency", _frequency, default=Frequency.YEARLY if kind is Kind.RANK else Frequency.MONTHLY)
    direction = get("direction", _direction, default=Direction.UP)
    due = get("due", _date, default=end)
    if due is not None and start is not None and end is not None and not start <= due <= end:
        c.problem(c.where.key("target", i, "due"), where, f"due {due} is outside the plan period {start} to {end}")
    milestones = get("milestones", _milestones, default=_NO_MILESTONES)

    if kind is not None and kind.numeric:
        if number is None and "target" not in t and ("target", i, "target") not in c.misspelt:
            c.problem(c.where.table("target", i), where, f"{kind.article} target needs a number: add target = …")
        if unit is None and "unit" not in t and kind is not Kind.RANK and ("target", i, "unit") not in c.misspelt:
            c.problem(c.where.table("target", i), where, f'{kind.article} target needs a unit, e.g. unit = "亿元"')
        if kind is Kind.RATE and unit is not None and unit != "%":
            c.problem(c.where.key("target", i, "unit"), where, f'a rate is in %; write unit = "%" instead of {unit!r}')
        if kind is Kind.RANK and unit is not None and unit != units.RANK_UNIT:
            # A rank is a place, not an amount: in % it would be stored and shown as a share.
            c.problem(
                c.where.key("target", i, "unit"),
                where,
                f"a rank is a place (1 = best), in {units.RANK_UNIT}; "
                f'write unit = "{units.RANK_UNIT}" or leave unit out, instead of {unit!r}',
            )
        if kind in (Kind.TOTAL, Kind.INCREMENT):
            figures = {"baseline": baseline, "target": number, "stretch": stretch, "previous": previous}
            _never_negative(c, i, where, kind, unit, figures)
        if kind in (Kind.TOTAL, Kind.INCREMENT) and number is not None and number == (baseline or 0):
            c.problem(c.where.key("target", i, "target"), where, "target equals baseline, so progress is undefined")
        if milestones:
            c.problem(c.where.key("target", i, "milestones"), where, 'milestones belong to kind = "milestone" targets')
        if kind in (Kind.RATE, Kind.RANK) and baseline is not None:
            # A rate or rank is judged against its target alone; a figure here is last year's.
            c.problem(
                c.where.key("target", i, "baseline"),
                where,
                f"{kind.article} has no baseline (起点: where progress is measured from, for totals and "
                f"increments); if {baseline} is last year's figure (上年实绩), write previous = {baseline}",
            )
    if kind is Kind.MILESTONE:
        for key in ("target", "baseline", "previous", "unit", "stretch"):
            if key in t:
                c.problem(c.where.key("target", i, key), where, f"a milestone target has no {key}; remove it")
    if "direction" in t and kind is not Kind.RATE:
        c.problem(c.where.key("target", i, "direction"), where, "direction applies to rate targets only")
    elif kind is Kind.RATE and direction is Direction.DOWN and number is not None and number > 0:
        _fall_judged_backwards(c, i, where, name, number, (previous, stretch))
    schedule = get("schedule", lambda v: _schedule(v, start, end), default=_NO_SCHEDULE)

    if stretch is not None and number is not None and kind is not None:
        if kind is Kind.MILESTONE:
            pass  # reported below with the other keys a milestone cannot have
        elif stretch == number or (stretch > number) == lower_is_better(
            kind, direction, number, baseline
        ):  # not beyond, the better way
            c.problem(
                c.where.key("target", i, "stretch"), where, f"stretch {stretch} does not go beyond target {number}"
            )
    if kind is Kind.RANK and number is not None and not is_rank(number):
        c.problem(c.where.key("target", i, "target"), where, f"a rank target is a place from 1 (best), not {number}")
    for key, place in (("stretch", stretch), ("previous", previous)):
        if kind is Kind.RANK and place is not None and not is_rank(place):
            c.problem(c.where.key("target", i, key), where, f"a rank's {key} is a place from 1 (best), not {place}")
    for m in milestones:
        if start is not None and end is not None and not start <= m.due <= end:
            c.problem(
                c.where.key("target", i, "milestones"),
                where,
                f"milestone {m.id!r} is due {m.due}, outside the plan period",
            )
    # Read every remaining field before giving up on the target, so all its problems are reported at once.
    name_en, owner, lead = get("name_en", _text), get("owner", _text), get("lead", _text)
    release_day = get("release_day", _day_of_month, default=plan_release_day)
    tolerance = get("tolerance", _points, default=plan_tolerance)
    tags = get("tags", _tags, default=_NO_TAGS)
    aliases = get("aliases", _aliases, default=_NO_TAGS)
    source, note = get("source", _text), get("note", _text)
    if len(c.problems) > before or kind is None or action is None or due is None:
        return None
    of_action = actions.get(action)
    return Target(
        id=tid,
        action=action,
        name=name,
        kind=kind,
        unit=unit if unit is not None else ("位" if kind is Kind.RANK else None),
        target=number,
        baseline=baseline,
        previous=previous,
        direction=direction,
        due=due,
        schedule=schedule,
        milestones=milestones,
        stretch=stretch,
        frequency=frequency,
        name_en=name_en,
        owner=owner if owner is not None or of_action is None else of_action.owner,
        lead=_lead(owner, lead, of_action),
        release_day=release_day,
        tolerance=tolerance,
        tags=tags,
        aliases=aliases,
        source=source,
        note=note,
    )


def _fall_judged_backwards(c: _Checker, i: int, where: str, name: str | None, number: Decimal,
                           signed: tuple[Decimal | None, ...]) -> None:  # fmt: skip
    """Refuse a rate whose name says it is a fall (``能耗下降率``: :func:`~ledger.column_kinds.names_a_fall`)
    with ``direction = "down"`` and a goal above 0 (``number``): a fall of 3.5 % to reach, judged so,
    would score a bigger fall (4.0) as worse. Let pass when the plan's own figures (``signed``:
    ``previous``, ``stretch``) go below 0, which only signed growth does (−4.2 for a fall of 4.2)."""
    if name is None or any(v is not None and v < 0 for v in signed):
        return
    from .column_kinds import names_a_fall  # only for a falling rate: sheet words are not loaded to read a plan

    if not names_a_fall(name):
        return
    c.problem(
        c.where.key("target", i, "direction"),
        where,
        f"{name!r} names a fall, so target = {plain(number)} is a fall of {plain(number)} % to reach, but "
        f'direction = "down" would judge a bigger fall ({plain(number + 1)}) as worse; a fall rate to reach is '
        f'direction "up" (the default): remove direction = "down"; or, if its figures are signed growth '
        f'(a fall of {plain(number)} % is −{plain(number)}), write target = -{plain(number)} with direction = "down"',
    )


# The keys of a target of the common shape (a figure, its unit, who and where from): the others
# (a due date, a stretch, a direction, a schedule, milestones, tags …) bring checks of their own.
_USUAL_KEYS = frozenset(("id", "action", "name", "kind", "unit", "target", "baseline", "previous", "name_en",
                         "owner", "lead", "source", "note"))  # fmt: skip
_NUMERIC_KEYS = ("target", "baseline", "previous", "unit")  # none of which a milestone has


def _usual_target(t: dict[str, Any], actions: dict[str, Action], seen: set[str], start: date | None,
                  end: date | None, plan_tolerance: Decimal, plan_release_day: int) -> Target | None:  # fmt: skip
    """``t`` as :func:`_target` reads it, when it is a target of the common shape with nothing to
    report: only keys of ``_USUAL_KEYS``, each of the right type and value, a new id, a declared
    action, and none of the problems ``_target`` looks for (a numeric target without its number
    or unit, a unit its kind cannot have, a negative figure, a target equal to its baseline, a
    baseline of a rate or rank, a rank that is not a place, a milestone with a figure); ``None``
    for anything else, which the general form reads and reports on (this one reports nothing,
    changes nothing, and refuses in doubt: every negative figure, not only those refused).

    The general form reads each of some 22 keys through :meth:`_Checker.get`, most of them
    absent, and looks for each problem in turn: most of the time of checking a large plan. This
    one reads the keys a table has. tests/test_plan_checks.py holds it to the general form over
    random plans, good and bad.
    """
    if not t.keys() <= _USUAL_KEYS or start is None or end is None:
        return None
    try:
        # An action declared (its id already checked) and a kind written as named are found at
        # once; anything else (" total ", a misspelt kind) is read by the general checks below,
        # or, for an action, left to the general form, whose messages they are.
        tid, action, name, raw_kind = _ident(t["id"]), t["action"], _text(t["name"]), t["kind"]
        if action not in actions:
            return None
        kind = _KINDS.get(raw_kind) or _kind(raw_kind)
        unit = _unit(t["unit"]) if "unit" in t else None
        number = _number(t["target"]) if "target" in t else None
        baseline = _number(t["baseline"]) if "baseline" in t else None
        previous = _number(t["previous"]) if "previous" in t else None
        name_en = _text(t["name_en"]) if "name_en" in t else None
        owner = _text(t["owner"]) if "owner" in t else None
        lead = _text(t["lead"]) if "lead" in t else None
        source = _text(t["source"]) if "source" in t else None
        note = _text(t["note"]) if "note" in t else None
    except (KeyError, ValueError, TypeError):  # a required key missing, or a value refused
        return None
    if tid in seen or _usual_problem(t, kind, unit, number, baseline, previous):
        return None
    of_action = actions[action]
    # Positional, in the order of Target's fields: a call with keywords packs them into a dict
    # first, three times the cost of the call (14 M instructions for a 1,000-target plan).
    return Target(
        tid, action, name, kind, end, plan_tolerance,  # id, action, name, kind, due, tolerance
        unit if unit is not None or kind is not Kind.RANK else units.RANK_UNIT,  # unit
        number, baseline, previous, name_en, Direction.UP,  # target, baseline, previous, name_en, direction
        owner if owner is not None else of_action.owner,  # owner
        _NO_SCHEDULE, _NO_TAGS, _NO_MILESTONES, source, note, None,  # schedule, tags, milestones, source, note, stretch
        Frequency.YEARLY if kind is Kind.RANK else Frequency.MONTHLY,  # frequency
        _lead(owner, lead, of_action), plan_release_day,  # lead, release_day; aliases left as ()
    )  # fmt: skip


def _lead(owner: str | None, lead: str | None, action: Action | None) -> str | None:
    """A target's lead official: its own ``lead``, else its action's, but only while the target
    answers to the action's unit. A lead belongs to its owner: a target that names another unit
    (``owner = "投资促进局"`` under an action of 经济发展局) and no lead of its own has none, never
    the other unit's official (who would then be chased for it)."""
    if lead is not None or action is None:
        return lead
    return action.lead if owner is None or owner == action.owner else None


def _usual_problem(
    t: dict[str, Any], kind: Kind, unit: str | None, number: Decimal | None, baseline: Decimal | None,
    previous: Decimal | None,
) -> bool:  # fmt: skip
    """Whether :func:`_target` might report a problem with a target of ``_USUAL_KEYS`` (``t``)
    of these ``kind``, ``unit`` and figures, read without fault: ``True`` for each problem it
    looks for, and for every negative figure of a total or an increment (it refuses only some)."""
    if kind is Kind.MILESTONE:
        return any(key in t for key in _NUMERIC_KEYS)
    if number is None or (unit is None and kind is not Kind.RANK):
        return True
    if kind is Kind.RATE:
        return unit != "%" or baseline is not None
    if kind is Kind.RANK:
        return (
            (unit is not None and unit != units.RANK_UNIT)
            or baseline is not None
            or not is_rank(number)
            or (previous is not None and not is_rank(previous))
        )
    return any(f is not None and f < 0 for f in (number, baseline, previous)) or number == (baseline or 0)


def _never_negative(
    c: _Checker, i: int, where: str, kind: Kind, unit: str | None, figures: dict[str, Decimal | None]
) -> None:
    """Refuse a negative figure where it is certainly impossible: an area or a number of things
    is never below zero, so neither is the stock a baseline (起点) is, nor a running total's
    target, stretch or last year's figure, nor an increment's target or stretch when it is the
    stock reached (with a baseline). Money is left alone: a profit or a balance may be negative,
    and so may what an increment adds (a net fall)."""
    what = units.never_negative(unit)
    if what is None:
        return
    stocks: tuple[str, ...] = ("baseline", "target", "stretch", "previous") if kind is Kind.TOTAL else ("baseline",)
    if kind is Kind.INCREMENT and figures["baseline"] is not None:
        stocks += ("target", "stretch")
    stock = {
        "baseline": "the stock at the start (起点)",
        "previous": "last year's running total or stock",
    }
    for key in stocks:
        value = figures[key]
        if value is not None and value < 0:
            of = stock.get(
                key, "a running total or stock" if kind is Kind.TOTAL else "the stock reached from a baseline"
            )
            c.problem(
                c.where.key("target", i, key),
                where,
                f"{key} = {plain(value)} {unit}: {what} is never below zero, so neither is {of}",
                "write it without the minus sign" + (", or leave baseline out" if key == "baseline" else ""),
            )


def _days(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 366:
        raise ValueError(f"{value!r} is not a number of days from 0 to 366")
    return value


def _day_of_month(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 31:
        raise ValueError(f"{value!r} is not a day of the month from 1 to 31, e.g. release_day = 15")
    return value


def _frequency(value: Any) -> Frequency:
    return _choice(value, Frequency, "unknown frequency {!r}; use monthly, quarterly or yearly")


E = TypeVar("E", bound=StrEnum)


def _choice(value: Any, choices: type[E], problem: str) -> E:
    """The member of ``choices`` that ``value`` names; raises ``ValueError`` with ``problem``
    (a message with one ``{!r}`` for the text given)."""
    s = _text(value)
    try:
        return choices(s)
    except ValueError:
        raise ValueError(problem.format(s)) from None


# Kind by its name: a dict lookup, where calling the enum (Kind(s)) costs some fifteen times more.
_KINDS = {k.value: k for k in Kind}


def _kind(value: Any) -> Kind:
    s = _text(value)
    kind = _KINDS.get(s)
    if kind is None:
        choices = [k.value for k in Kind]
        hint = suggest(s, choices)
        raise ValueError(
            f"unknown kind {s!r}; " + (f"did you mean {hint}?" if hint else "use one of " + ", ".join(choices))
        )
    return kind


def _unit(value: Any) -> str:
    try:
        return units.canonical(_text(value))
    except units.UnitError as e:
        raise ValueError(str(e)) from None


def _direction(value: Any) -> Direction:
    return _choice(value, Direction, '{!r} is not a direction; use "up" (higher is better) or "down"')


def _milestones(value: Any) -> tuple[Milestone, ...]:
    if not isinstance(value, list) or not value:
        raise ValueError('expected a list such as [{ id = "land", name = "供地", due = 2025-06-30 }]')
    out: list[Milestone] = []
    for n, m in enumerate(value, 1):
        if not isinstance(m, dict):
            raise ValueError(f"milestone #{n} is not a table {{ id, name, due }}")
        extra = [k for k in m if k not in _MILESTONE_KEYS]
        if extra:
            hint = suggest(extra[0], _MILESTONE_KEYS)
            raise ValueError(f"milestone #{n}: unknown key {extra[0]!r}" + (f"; did you mean {hint}?" if hint else ""))
        for key in _MILESTONE_KEYS[:3]:  # name_en is optional
            if key not in m:
                raise ValueError(f"milestone #{n}: missing key {key!r}")
        mid = _ident(m["id"])
        if any(x.id == mid for x in out):
            raise ValueError(f"milestone id {mid!r} appears twice")
        name_en = _text(m["name_en"]) if "name_en" in m else None
        out.append(Milestone(mid, _text(m["name"]), _date(m["due"]), name_en))
    return tuple(out)


def _schedule(value: Any, start: date | None, end: date | None) -> tuple[tuple[date, Decimal], ...]:
    if not isinstance(value, dict):
        raise ValueError('expected a table such as { "2025-03" = 20, "2025-06" = 47 }')
    typed: list[tuple[date, Decimal]] = []  # percentages as written, for messages
    for key, pct in value.items():
        m = _SCHEDULE_KEY.match(key)
        if not m or not 1 <= int(m.group(2)) <= 12:
            raise ValueError(f'{key!r} is not a month; write months as "2025-03"')
        day = month_end(int(m.group(1)), int(m.group(2)))
        if start is not None and end is not None and not start <= day <= end:
            raise ValueError(f"{key} is outside the plan period {start} to {end}")
        share = to_decimal(pct)
        if not 0 <= share <= 100:
            raise ValueError(f"{key} = {plain(share)}: planned progress is a percentage from 0 to 100")
        typed.append((day, share))
    typed.sort()
    for (d1, s1), (d2, s2) in itertools.pairwise(typed):
        if s2 < s1:
            raise ValueError(f"planned progress falls from {plain(s1)}% in {d1:%Y-%m} to {plain(s2)}% in {d2:%Y-%m}")
    if typed and end is not None and typed[-1][0] == month_end(end.year, end.month) and typed[-1][1] != 100:
        raise ValueError(
            f"{end:%Y-%m} is the plan's last month: planned progress there is 100, not {plain(typed[-1][1])}"
        )
    points = [(day, share / 100) for day, share in typed]
    return tuple(points)
