"""targets.toml as TOML: tomli reads it, and every plan reads, or is refused, as tomllib read it.

load_plan parses with tomli (the parser tomllib was taken from, compiled: about five times
faster on a 1,000-target plan). These tests hold it to tomllib, the reference: the same plan or
the same one-line problems for any text, the TOML 1.1 forms tomllib refuses still refused, and
each kind of TOML slip a hand edit makes as one line naming its line and column.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import Plan, PlanError, load_plan, plan_file
from tests.helpers import PLAN_HEAD
from tests.test_plan_file import GOOD

# test_plan_file's target with a decimal figure and the keys that carry TOML's other forms
# (inline table, arrays, literal string, escapes), then a milestone target with a comment.
TARGETS = (
    GOOD.replace(
        "target = 1360\n",
        """target = 1360.5
baseline = 1200
schedule = { "2025-06" = 40, "2025-12" = 100 }
tags = ["国考", 'literal']
aliases = ["规模以上工业总产值"]
note = "escapes: \\t \\u00e9 \\\\"
""",
    )
    + """
[[target]]
id = "park"
action = "a"
name = "园区建成"
kind = "milestone"
due = 2025-11-30
milestones = [{ id = "land", name = "供地", due = 2025-06-30 }]  # a comment
"""
)
PLAN = PLAN_HEAD + TARGETS


def outcome(path: Path) -> Plan | list[str]:
    """What load_plan gives: the plan, or its problems as the lines the user sees."""
    try:
        return load_plan(path)
    except PlanError as e:
        return [str(p) for p in e.problems]


def by_tomllib(path: Path) -> Plan | list[str]:
    """What load_plan gave when tomllib parsed the plan: tomllib in tomli's place."""
    with mock.patch.object(plan_file, "tomli", tomllib):
        return outcome(path)


def test_the_plan_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "targets.toml"
    path.write_text(PLAN, encoding="utf-8")
    plan = load_plan(path)
    assert plan == by_tomllib(path)
    assert plan.target("output").target == Decimal("1360.5")  # parse_float=Decimal kept: no float in between


# Fragments a hand edit or a damaged file leaves: quotes, brackets, escapes, dates, numbers, and
# the forms TOML 1.1 adds (newlines and trailing commas in inline tables, \e and \xHH, times
# without seconds), which tomllib refuses.
FRAGMENTS = st.sampled_from(
    [
        '"', "'", "[", "]", "[[", "]]", "{", "}", "=", ",", ".", "#", "\n", "\r", "\r\n", "\t", " ", "\\",
        '"""', "'''", "\\e", "\\x41", "\\u00", "\\U0001F600", "\x00", "\x7f", "_", "+", "-", ":", "T10:00",
        "T10:00:00Z", "2025-02-30", "2025-13-01", "1e5", "1_000", "0x1F", "inf", "nan", "true", "1.", ".5",
        "{ a = 1, }", "{\n a = 1 }", "[1,\n2,]", "id", "kind", "a.b", "\"k\"", "工业",
    ]
)  # fmt: skip


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(st.lists(st.tuples(st.floats(0, 1), st.integers(0, 3), FRAGMENTS | st.text(max_size=3)), max_size=4))
def test_any_edit_of_a_plan_reads_or_is_refused_as_tomllib_did(
    tmp_path: Path, edits: list[tuple[float, int, str]]
) -> None:
    text = PLAN
    for where, cut, fragment in edits:
        at = int(where * len(text))
        text = text[:at] + fragment + text[at + cut :]
    path = tmp_path / "targets.toml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    assert outcome(path) == by_tomllib(path)


TOML_TEXT = st.text(alphabet=st.sampled_from(list("ab1 =.,\"'[]{}#\\\n\t-:T+_eZx0u")), max_size=40)


def parsed(loads: object, text: str) -> object:
    """``loads(text)``'s result, or the text of its error (tomli's and tomllib's classes differ)."""
    try:
        return loads(text, parse_float=Decimal)  # type: ignore[operator]
    except ValueError as e:
        return ("error", str(e))


@settings(max_examples=1000, deadline=None)
@given(TOML_TEXT)
def test_tomli_gives_what_tomllib_gives(text: str) -> None:
    assert parsed(tomli.loads, text) == parsed(tomllib.loads, text)


@pytest.mark.parametrize(
    "text",
    [
        "a = { b = 1, }",  # TOML 1.1: trailing comma in an inline table
        "a = { b = 1,\n c = 2 }",  # TOML 1.1: newline in an inline table
        'a = "\\e"',  # TOML 1.1: \e escape
        'a = "\\x41"',  # TOML 1.1: \xHH escape
        "a = 10:00",  # TOML 1.1: a time without seconds
        "a = 2025-01-01T10:00",
    ],
)
def test_toml_1_1_stays_refused_as_tomllib_refuses_it(text: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as reference:
        tomllib.loads(text)
    with pytest.raises(tomli.TOMLDecodeError) as slip:
        tomli.loads(text)
    assert str(slip.value) == str(reference.value)


def problem(tmp_path: Path, text: str) -> str:
    path = tmp_path / "targets.toml"
    path.write_text(PLAN_HEAD + text, encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(path)
    [one] = info.value.problems
    return str(one).replace(str(tmp_path) + "/", "")


# PLAN_HEAD fills lines 1–11 and GOOD (test_plan_file's) starts with a blank line: [[target]] is line 13, id 14,
# action 15, name 16, kind 17, unit 18, target 19, a key added after it 20. Columns count
# characters, so each CJK character is one.
@pytest.mark.parametrize(
    ("slip", "expected"),
    [
        (  # a unit typed without quotes: "Invalid value" where the value starts
            GOOD.replace('unit = "亿元"', "unit = 亿元"),
            "targets.toml:18: not valid TOML: Invalid value; fix the TOML at column 8",
        ),
        (  # a thousands separator: the value ends at the comma
            GOOD.replace("target = 1360", "target = 1,360"),
            "targets.toml:19: not valid TOML: Expected newline or end of document after a statement; "
            "fix the TOML at column 11",
        ),
        (  # a duplicate key: the second kind, just after its value
            GOOD.replace('kind = "total"', 'kind = "total"\nkind = "rate"'),
            "targets.toml:18: not valid TOML: Cannot overwrite a value; fix the TOML at column 14",
        ),
        (  # a duplicate [plan] table
            GOOD + "[plan]\n",
            "targets.toml:20: not valid TOML: Cannot declare ('plan',) twice; fix the TOML at column 6",
        ),
        (  # an unterminated string: the line break after 工业总产值 (columns 9–13)
            GOOD.replace('name = "工业总产值"', 'name = "工业总产值'),
            "targets.toml:16: not valid TOML: Illegal character '\\n'; fix the TOML at column 14",
        ),
        (  # an unterminated string at the end of the file
            GOOD + 'note = "x',
            "targets.toml:20: not valid TOML: Unterminated string; fix the TOML at the end of the file",
        ),
        (  # a date that is no day of the calendar
            GOOD + "due = 2025-02-30\n",
            "targets.toml:20: not valid TOML: Invalid date or datetime; fix the TOML at column 7",
        ),
        (  # month 13 is not read as a date at all: the value ends after 2025
            GOOD + "due = 2025-13-01\n",
            "targets.toml:20: not valid TOML: Expected newline or end of document after a statement; "
            "fix the TOML at column 11",
        ),
    ],
)
def test_each_kind_of_toml_slip_is_one_line_with_its_place(tmp_path: Path, slip: str, expected: str) -> None:
    assert problem(tmp_path, slip) == expected


def test_deeper_than_tomli_goes_is_left_to_tomllib(tmp_path: Path) -> None:
    """tomli stops at 400 nested arrays and 1,000-part keys; tomllib reads those, so the plan
    is judged on its keys as before rather than called nested too deeply (tomli alone would say)."""
    # Both land in PLAN_HEAD's [[action]] table (line 9). The array's key is found on its line,
    # 13; a dotted key is not looked for, so its problem names the table's line, as before.
    for extra, line in (("x = " + "[" * 405 + "]" * 405, 13), (".".join(["x"] * 1001) + " = 1", 9)):
        with pytest.raises(RecursionError):
            tomli.loads(extra)
        tomllib.loads(extra)  # the reference reads it
        found = problem(tmp_path, GOOD.replace("[[target]]", extra + "\n\n[[target]]", 1))
        assert (
            found == f"targets.toml:{line}: action 'a': unknown key 'x'; allowed keys: id, name, name_en, owner, lead"
        )
        assert by_tomllib(tmp_path / "targets.toml") == [f"{tmp_path}/{found}"]


def test_nested_past_any_parser_is_one_line(tmp_path: Path) -> None:
    found = problem(tmp_path, "x = " + "[" * 20000 + "]" * 20000)
    assert found == (
        "targets.toml: arrays or tables nested too deeply to be a plan; "
        "a plan nests a table or an array a level or two at most"
    )
