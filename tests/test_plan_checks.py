"""The quick forms in plan_file's checks held to the general forms they stand in for.

Reading a 1,000-target plan spent most of its time in the checks and building of targets; a few
quick forms cut that (plan_file's docstrings say why each holds). Here each is held to the
general form it replaces, alone and across whole random plans: the same plan, or the same
problems in the same order, with every quick form switched off.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import Kind, PlanError, load_plan, plan_file
from ledger.numbers import MAX_INTEGER_DIGITS, to_decimal
from tests.helpers import PLAN_HEAD
from tests.test_plan_toml import outcome


def result(convert: Any, value: Any) -> tuple[str, Any]:
    """``convert(value)`` as ("value", it, its text) or ("refused", the message)."""
    try:
        out = convert(value)
    except (ValueError, TypeError) as e:
        return ("refused", f"{type(e).__name__}: {e}")
    return ("value", (out, str(out), type(out)))


EDGE = 10**MAX_INTEGER_DIGITS
NUMBERS = (
    st.integers()
    | st.sampled_from([0, -0, 1, -1, EDGE - 1, EDGE, EDGE + 1, -EDGE + 1, -EDGE, -EDGE - 1, True, False])
    | st.decimals(allow_nan=True, allow_infinity=True)
    | st.floats()
    | st.text(max_size=4)
    | st.none()
)


@settings(max_examples=500)
@given(NUMBERS)
def test_a_number_reads_as_to_decimal_reads_it(value: Any) -> None:
    assert result(plan_file._number, value) == result(to_decimal, value)


def kind_by_enum(value: Any) -> Kind:
    """The general form: the enum called with the name."""
    return Kind(plan_file._text(value))


QUICK_KIND = plan_file._kind


def general_kind(value: Any) -> Kind:
    """_kind with the enum called for a name it knows; the plan's message for the rest."""
    try:
        return kind_by_enum(value)
    except ValueError:
        QUICK_KIND(value)  # raises the plan's message for what the enum refuses
        raise AssertionError(f"{value!r} taken as a kind, which the enum refuses") from None


@settings(max_examples=300)
@given(
    st.sampled_from([k.value for k in Kind]).flatmap(
        lambda s: st.sampled_from([s, f" {s} ", s.upper(), s.title(), s[:-1]])
    )
    | st.text(max_size=10)
    | st.integers()
)
def test_a_kind_reads_as_the_enum_reads_it(value: Any) -> None:
    quick = result(plan_file._kind, value)
    general = result(kind_by_enum, value)
    if general[0] == "value":
        assert quick == general
    else:  # the enum's own message is replaced by the plan's, as it always was
        assert quick[0] == "refused"
        assert quick[1].startswith(("ValueError: unknown kind", "ValueError: expected a non-empty string"))


def general_get(self: plan_file._Table, key: str, convert: Any, *, required: bool = False, default: Any = None) -> Any:
    """The general form of _Table.get: every key through _Checker.get."""
    return self.c.get(self.raw, key, convert, self.table, self.index, self.where, required=required, default=default)


@contextmanager
def general_forms() -> Iterator[None]:
    """plan_file with its quick forms switched off: every target read by _target's general form
    (not _usual_target), every key of every table looked at, numbers through to_decimal, kinds
    through the enum, each key through _Checker.get. (The lines of
    tables and keys, now found only when a problem needs one, are found the same way either way;
    _alias_clashes, passed over when no target has aliases, has nothing to report then.)"""
    with (
        mock.patch.object(plan_file, "_ALLOWED", {k: frozenset() for k in plan_file._ALLOWED}),
        mock.patch.object(plan_file, "_WHOLE_LIMIT", 0),
        mock.patch.object(plan_file, "_kind", general_kind),
        mock.patch.object(plan_file._Table, "get", general_get),
        mock.patch.object(plan_file, "_usual_target", lambda *args: None),
    ):
        yield


# Values for each key, good and bad, as a hand edit writes them.
VALUES: dict[str, list[str]] = {
    "id": ['"t1"', '"t2"', '"1 x"', "5", '""'],
    "action": ['"a"', '"b"', '"A"'],
    "name": ['"指标"', '"规上工业总产值"', '""', "5"],
    "kind": ['"total"', '"increment"', '"rate"', '"rank"', '"milestone"', '"totl"', '" rate "', '"Total"', "1"],
    "unit": ['"亿元"', '"%"', '"位"', '"万平方米"', '"家"', '"㎡"', '"xx"'],
    "target": ["1360", "0", "-5", "3", "12.5", "1e-11", "999999999999999", "1000000000000000", '"1"', "true", "inf"],
    "baseline": ["1200", "0", "-3", "1360", "2.5"],
    "stretch": ["1400", "1300", "1360", "2"],
    "previous": ["1250", "-1", "80"],
    "direction": ['"up"', '"down"', '"sideways"'],
    "due": ["2025-06-30", "2026-01-01", '"2025-06-30"', "2025-06-30T10:00:00"],
    "frequency": ['"monthly"', '"yearly"', '"weekly"'],
    "tolerance": ["5", "-1", "2.5"],
    "schedule": ['{ "2025-06" = 40, "2025-12" = 100 }', '{ "2025-13" = 1 }', '{ "2025-06" = 60, "2025-09" = 50 }'],
    "tags": ['["国考"]', "[1]"],
    "aliases": ['["规上工业总产值"]', '["t1"]', '["指标"]', '[""]'],
    "milestones": [
        '[{ id = "m", name = "供地", due = 2025-05-01 }]',
        '[{ id = "m", name = "n", due = 2026-05-01 }]',
        "[]",
    ],
    "release_day": ["15", "40"],
    "name_en": ['"Output"', "1"],
    "owner": ['"经发局"', "1"],
    "lead": ['"张三"', '" "'],
    "note": ['"说明"', "[]"],
    "source": ['"纲要"'],
    "unti": ['"亿元"'],
    "targt": ["5"],
}
# A target that reads (most of the time), then up to five keys set to any of the values above,
# or taken out, so that whole plans read as often as they are refused.
COMBOS = [
    {"kind": '"total"', "unit": '"亿元"', "target": "1360"},
    {"kind": '"increment"', "unit": '"万平方米"', "target": "50"},
    {"kind": '"rate"', "unit": '"%"', "target": "6"},
    {"kind": '"rank"', "unit": '"位"', "target": "3"},
    {"kind": '"milestone"'},
]
CORE = st.builds(
    lambda tid, action, name, combo: {"id": tid, "action": action, "name": name, **combo},
    st.sampled_from(['"t1"', '"t2"', '"t3"', '"t4"']),
    st.sampled_from(['"a"', '"b2"']),
    st.sampled_from(['"指标"', '"规上工业总产值"', '"新增面积"']),
    st.sampled_from(COMBOS),
)
CHANGE = st.sampled_from(sorted(VALUES)).flatmap(lambda k: st.sampled_from([*VALUES[k], None]).map(lambda v: (k, v)))


def edited(core: dict[str, str], changes: list[tuple[str, str | None]]) -> list[tuple[str, str]]:
    table: dict[str, str | None] = {**core, **dict(changes)}
    return [(k, v) for k, v in table.items() if v is not None]


TARGET = st.builds(edited, CORE, st.lists(CHANGE, max_size=5))
HEAD = PLAN_HEAD + '\n[[action]]\nid = "b2"\nname = "行动二"\nowner = "科技局"\n'


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(st.lists(TARGET, min_size=1, max_size=4))
def test_a_random_plan_reads_as_the_general_forms_read_it(tmp_path: Path, targets: list[list[tuple[str, str]]]) -> None:
    text = HEAD + "".join("\n[[target]]\n" + "".join(f"{k} = {v}\n" for k, v in t) for t in targets)
    path = tmp_path / "targets.toml"
    path.write_text(text, encoding="utf-8")
    quick = outcome(path)
    with general_forms():
        assert outcome(path) == quick


def test_the_general_forms_are_really_switched_on(tmp_path: Path) -> None:
    """The switch above does reach the code: with it, the general forms run."""
    path = tmp_path / "targets.toml"
    path.write_text(HEAD + '\n[[target]]\nid = "t"\naction = "a"\nname = "n"\nkind = "rate"\nunit = "%"\ntarget = 6\n')
    calls: list[str] = []
    real = plan_file._Checker.get

    def counted(self: Any, raw: Any, key: str, *args: Any, **kw: Any) -> Any:
        calls.append(key)
        return real(self, raw, key, *args, **kw)

    with mock.patch.object(plan_file._Checker, "get", counted):
        load_plan(path)
        quick = len(calls)
        with general_forms():
            load_plan(path)
    assert len(calls) - quick > quick  # every absent key of the target asked of _Checker.get too


def test_targets_of_the_usual_shape_are_read_by_the_quick_form(tmp_path: Path) -> None:
    """Each kind in its usual shape (and a rank without its unit, a target naming its own owner
    and notes) is read by _usual_target, as the general form reads it; one with a due date, a
    negative baseline (refused or not) or an unknown key is left to the general form."""
    usual = [
        'kind = "total"\nunit = "亿元"\ntarget = 1360\nprevious = 1250\nname_en = "Output"\nsource = "纲要"',
        'kind = "increment"\nunit = "万平方米"\ntarget = 50\nbaseline = 10\nowner = "经发局"\nlead = "张三"',
        'kind = "rate"\nunit = "%"\ntarget = 6\nnote = "说明"',
        'kind = "rank"\ntarget = 3\nprevious = 5',
        'kind = "milestone"',
    ]
    other = [
        'kind = "total"\nunit = "亿元"\ntarget = 1360\ndue = 2025-06-30',
        'kind = "total"\nunit = "亿元"\ntarget = 1360\nbaseline = -3',  # money may be negative: read
        'kind = "increment"\nunit = "万平方米"\ntarget = 50\nbaseline = -3',  # an area may not: refused
        'kind = "total"\nunit = "亿元"\ntarget = 1360\nunti = "亿元"',
    ]
    tables = [
        f'\n[[target]]\nid = "t{n}"\naction = "b2"\nname = "指标{n}"\n{body}\n' for n, body in enumerate(usual + other)
    ]
    path = tmp_path / "targets.toml"
    path.write_text(HEAD + "".join(tables[: len(usual)]), encoding="utf-8")
    quick: list[object] = []
    real = plan_file._usual_target

    def counted(*args: Any) -> Any:
        quick.append(real(*args))
        return quick[-1]

    with mock.patch.object(plan_file, "_usual_target", counted):
        plan = load_plan(path)
    assert all(t is not None for t in quick) and len(quick) == len(usual)
    assert plan.target("t0").owner == "科技局" and plan.target("t1").owner == "经发局"  # the action's, or its own
    assert plan.target("t3").unit == "位"
    with general_forms():
        assert load_plan(path) == plan
    for table in tables[len(usual) :]:
        path.write_text(HEAD + table, encoding="utf-8")
        quick.clear()
        with mock.patch.object(plan_file, "_usual_target", counted):
            read = outcome(path)
        assert quick == [None]
        with general_forms():
            assert outcome(path) == read


@pytest.mark.parametrize("number", ["999999999999999", "-999999999999999"])
def test_the_largest_whole_numbers_are_taken(tmp_path: Path, number: str) -> None:
    path = tmp_path / "targets.toml"
    path.write_text(
        HEAD + f'\n[[target]]\nid = "t"\naction = "a"\nname = "n"\nkind = "rate"\nunit = "%"\ntarget = {number}\n'
    )
    assert load_plan(path).target("t").target == Decimal(number)


@pytest.mark.parametrize("number", ["1000000000000000", "-1000000000000000"])
def test_a_whole_number_of_sixteen_digits_is_refused(tmp_path: Path, number: str) -> None:
    path = tmp_path / "targets.toml"
    path.write_text(
        HEAD + f'\n[[target]]\nid = "t"\naction = "a"\nname = "n"\nkind = "rate"\nunit = "%"\ntarget = {number}\n'
    )
    with pytest.raises(PlanError) as info:
        load_plan(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:24: target 't': target: {number} is out of range; it has 16 digits before the decimal point, "
        "and figures have at most 15"
    ]
