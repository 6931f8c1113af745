"""Each owed period in its own state (the new-user trial): as of 2025-03-10, with nothing recorded
for a monthly running total due on the 15th, `tracker due` said "2025-01, 2025-02  late by 23 days
(due 2025-02-15)", though February's figure is not due until 2025-03-15. A period is late only
once its own due day has passed; a line groups only periods in one state, and a line naming
several late periods says that its count is the oldest's."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import load_plan
from ledger.due import DueState, due_day, owed
from ledger.model import Plan
from tests.conftest import SHIPPED_PLAN
from tests.helpers import entry, write_plan

HEAD = """version = 1
[plan]
id = "p"
name = "计划"
start = 2025-01-01
end = 2025-12-31
[[action]]
id = "a"
name = "产业"
owner = "经发局"
"""


def _target(release_day: int = 15, frequency: str = "monthly", kind: str = "total") -> str:
    return f"""[[target]]
id = "rev"
action = "a"
name = "营业收入"
name_en = "Revenue"
kind = "{kind}"
unit = "亿元"
target = 1200
release_day = {release_day}
frequency = "{frequency}"
"""


def _due(folder: Path, as_of: str, *args: str, head: str = HEAD, **target: object) -> str:
    (folder / "targets.toml").write_text(head + _target(**target), encoding="utf-8")  # type: ignore[arg-type]
    result = CliRunner().invoke(
        app,
        ["due", "--as-of", as_of, "--lang", "en", "--targets", str(folder / "targets.toml"), *args],
        env={"COLUMNS": "200"},  # a line each: the wrapping has its own test
    )
    assert result.exit_code in (0, 3), result.output
    return result.output


def _lines(text: str) -> list[str]:
    return text.splitlines()[3:]  # past the summary, the blank and the owner


def test_the_trial_january_late_february_awaited_as_of_march_10(tmp_path: Path) -> None:
    out = _due(tmp_path, "2025-03-10")
    assert out == (
        "As of 2025-03-10: 1 late, 1 awaited\n"
        "\n"
        "经发局\n"
        "  Revenue [rev]  2025-01  late by 23 days (due 2025-02-15)\n"
        "  Revenue [rev]  2025-02  awaiting (due 2025-03-15)\n"
    )
    doc = json.loads(_due(tmp_path, "2025-03-10", "--format", "json"))
    assert doc["schema"] == "tracker.due/3"
    assert doc["summary"] == {"awaiting": 1, "late": 1}
    assert doc["owners"] == [
        {
            "owner": "经发局",
            "lead": None,
            "figures": [
                {
                    "target": "rev",
                    "name": "营业收入",
                    "frequency": "monthly",
                    "periods": ["2025-01-31"],
                    "due": "2025-02-15",
                    "dues": ["2025-02-15"],
                    "state": "late",
                    "days_late": 23,  # 13 days left in February + 10
                    "last_date": None,
                },
                {
                    "target": "rev",
                    "name": "营业收入",
                    "frequency": "monthly",
                    "periods": ["2025-02-28"],
                    "due": "2025-03-15",
                    "dues": ["2025-03-15"],
                    "state": "awaiting",
                    "days_late": 0,
                    "last_date": None,
                },
            ],
        }
    ]


@pytest.mark.parametrize(
    ("as_of", "lines"),
    [
        # The day before February's due and the day itself: February still awaited.
        ("2025-03-14", ["2025-01  late by 27 days (due 2025-02-15)", "2025-02  awaiting (due 2025-03-15)"]),
        ("2025-03-15", ["2025-01  late by 28 days (due 2025-02-15)", "2025-02  awaiting (due 2025-03-15)"]),
        # The day after: both late, the count being January's (February's is 1).
        ("2025-03-16", ["2025-01, 2025-02  all late, the oldest by 29 days (due 2025-02-15)"]),
        # January alone: the day before its due, the day, the day after.
        ("2025-02-14", ["2025-01  awaiting (due 2025-02-15)"]),
        ("2025-02-15", ["2025-01  awaiting (due 2025-02-15)"]),
        ("2025-02-16", ["2025-01  late by 1 day (due 2025-02-15)"]),
    ],
)
def test_around_the_due_days(tmp_path: Path, as_of: str, lines: list[str]) -> None:
    assert _lines(_due(tmp_path, as_of)) == [f"  Revenue [rev]  {line}" for line in lines]


def test_the_late_periods_in_chinese_name_the_oldest_count(tmp_path: Path) -> None:
    (tmp_path / "targets.toml").write_text(HEAD + _target(), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["due", "--as-of", "2025-04-20", "--lang", "zh", "--targets", str(tmp_path / "targets.toml")]
    )
    assert result.output.splitlines()[0] == "截至 2025-04-20：逾期未报 1 项，待报 0 项"
    assert _lines(result.output) == [  # 80 columns: the periods and the state a line each
        "  营业收入 [rev]",
        "    2025-01, 2025-02, 2025-03",
        "    均已逾期，最早一期逾期 64 天（应于 2025-02-15 前报送）",
    ]


@pytest.mark.parametrize(
    ("release_day", "as_of", "lines"),
    [
        # 31 in February is its last day, the 28th in 2025.
        (31, "2025-02-28", ["2025-01  awaiting (due 2025-02-28)"]),
        (31, "2025-03-01", ["2025-01  late by 1 day (due 2025-02-28)", "2025-02  awaiting (due 2025-03-31)"]),
        (31, "2025-03-31", ["2025-01  late by 31 days (due 2025-02-28)", "2025-02  awaiting (due 2025-03-31)"]),
        (
            31,
            "2025-04-01",
            [
                "2025-01, 2025-02  all late, the oldest by 32 days (due 2025-02-28)",
                "2025-03  awaiting (due 2025-04-30)",
            ],
        ),
        # 31 in April (for March's figure) is its 30th.
        (
            31,
            "2025-04-30",
            [
                "2025-01, 2025-02  all late, the oldest by 61 days (due 2025-02-28)",
                "2025-03  awaiting (due 2025-04-30)",
            ],
        ),
        (30, "2025-02-28", ["2025-01  awaiting (due 2025-02-28)"]),
        (30, "2025-03-30", ["2025-01  late by 30 days (due 2025-02-28)", "2025-02  awaiting (due 2025-03-30)"]),
    ],
)
def test_a_release_day_past_a_short_month_is_its_last_day(
    tmp_path: Path, release_day: int, as_of: str, lines: list[str]
) -> None:
    assert _lines(_due(tmp_path, as_of, release_day=release_day)) == [f"  Revenue [rev]  {line}" for line in lines]


def test_a_leap_february_ends_on_the_29th(tmp_path: Path) -> None:
    head = HEAD.replace("2025-01-01", "2024-01-01").replace("2025-12-31", "2024-12-31")
    assert _lines(_due(tmp_path, "2024-02-29", head=head, release_day=30)) == [
        "  Revenue [rev]  2024-01  awaiting (due 2024-02-29)"
    ]
    assert _lines(_due(tmp_path, "2024-03-01", head=head, release_day=30)) == [
        "  Revenue [rev]  2024-01  late by 1 day (due 2024-02-29)",
        "  Revenue [rev]  2024-02  awaiting (due 2024-03-30)",
    ]


@pytest.mark.parametrize(
    ("as_of", "lines"),
    [
        ("2025-04-15", ["2025-03  awaiting (due 2025-04-15)"]),
        ("2025-04-16", ["2025-03  late by 1 day (due 2025-04-15)"]),
        # Q2 ended, its figure due 07-15: Q1's late by 15 + 31 + 30 + 10 days, Q2's awaited.
        ("2025-07-10", ["2025-03  late by 86 days (due 2025-04-15)", "2025-06  awaiting (due 2025-07-15)"]),
        ("2025-07-15", ["2025-03  late by 91 days (due 2025-04-15)", "2025-06  awaiting (due 2025-07-15)"]),
        ("2025-07-16", ["2025-03, 2025-06  all late, the oldest by 92 days (due 2025-04-15)"]),
    ],
)
def test_quarterly(tmp_path: Path, as_of: str, lines: list[str]) -> None:
    assert _lines(_due(tmp_path, as_of, frequency="quarterly")) == [f"  Revenue [rev]  {line}" for line in lines]


@pytest.mark.parametrize(
    ("as_of", "lines"),
    [
        ("2025-12-31", []),  # the year has not ended before its last day
        ("2026-01-15", ["2025-12  awaiting (due 2026-01-15)"]),
        ("2026-01-16", ["2025-12  late by 1 day (due 2026-01-15)"]),
    ],
)
def test_yearly(tmp_path: Path, as_of: str, lines: list[str]) -> None:
    out = _due(tmp_path, as_of, frequency="yearly")
    if not lines:
        assert "Every figure due has been recorded." in out
    else:
        assert _lines(out) == [f"  Revenue [rev]  {line}" for line in lines]


def test_an_increment_s_late_and_awaited_months_apart(tmp_path: Path) -> None:
    """An addition's months are each answered by their own entry: March recorded, January and
    February not; as of 03-10 January is late and February awaited, March not yet ended."""
    (tmp_path / "targets.toml").write_text(HEAD + _target(kind="increment"), encoding="utf-8")
    doc = json.loads(
        CliRunner()
        .invoke(app, ["due", "--as-of", "2025-03-10", "--format", "json", "--targets", str(tmp_path / "targets.toml")])
        .output
    )
    got = [(f["periods"], f["state"], f["days_late"]) for f in doc["owners"][0]["figures"]]
    assert got == [(["2025-01-31"], "late", 23), (["2025-02-28"], "awaiting", 0)]


_PLANS: dict[tuple[int, str], Plan] = {}


def _plan(release_day: int, frequency: str) -> Plan:
    if (release_day, frequency) not in _PLANS:
        folder = Path(tempfile.mkdtemp())
        _PLANS[release_day, frequency] = write_plan(folder, _target(release_day, frequency), head=HEAD)
    return _PLANS[release_day, frequency]


@settings(max_examples=300, deadline=None)
@given(
    as_of=st.dates(date(2025, 1, 1), date(2026, 3, 31)),
    release_day=st.integers(1, 31),
    frequency=st.sampled_from(["monthly", "quarterly", "yearly"]),
    recorded=st.none() | st.dates(date(2025, 1, 1), date(2025, 12, 31)),
)
def test_late_means_its_own_due_day_has_passed(
    as_of: date, release_day: int, frequency: str, recorded: date | None
) -> None:
    """Every period called late has its own due day before the as-of date, and every period
    awaited has not; an item's count is its oldest period's lateness, and every owed period is
    named once."""
    plan = _plan(release_day, frequency)
    entries = [] if recorded is None else [entry("rev", recorded, "100")]
    items = owed(plan, entries, as_of)
    seen: list[date] = []
    for item in items:
        assert item.dues == tuple(due_day(p, release_day) for p in item.periods)
        assert item.due == item.dues[0]
        for period, due in zip(item.periods, item.dues, strict=True):
            assert period < as_of
            if item.state is DueState.LATE:
                assert due < as_of
            else:
                assert as_of <= due
        if item.state is DueState.LATE:
            assert item.days_late == (as_of - item.due).days > 0
        else:
            assert item.days_late == 0
        seen += item.periods
    assert seen == sorted(set(seen))  # once each, oldest first
    assert [i.state for i in items] == sorted((i.state for i in items), key=lambda s: s is DueState.AWAITING)


def test_an_awaited_figure_names_its_due_day_with_the_month(workdir: Path) -> None:
    # January's figure is due on February 15 (release_day 15): the English line says which month,
    # as the Chinese one (2 月 15 日前报送) and the late one (due 2025-02-15) do.
    runner = CliRunner()
    args = ["due", "--as-of", "2025-02-10", "--target", "industrial-output"]
    en = runner.invoke(app, [*args, "--lang", "en"])
    assert en.exit_code == 0 and en.stdout.splitlines()[-1] == "    2025-01  awaiting (due 2025-02-15)"
    zh = runner.invoke(app, [*args, "--lang", "zh"])
    assert zh.stdout.splitlines()[-1] == "  工业总产值 [industrial-output]  2025-01  待报（2 月 15 日前报送）"


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(["en", "zh"]))
def test_every_awaited_line_names_the_month_and_day_it_is_due(due: date, lang: str) -> None:
    from ledger.due import DueState, Owed
    from ledger.render.due_out import state_text

    target = load_plan(SHIPPED_PLAN).targets[0]
    item = Owed(target, (due,), due, DueState.AWAITING, 0, None, (due,))
    text = state_text(item, lang)
    assert text == (
        f"awaiting (due {due.isoformat()})" if lang == "en" else f"待报（{due.month} 月 {due.day} 日前报送）"
    )
