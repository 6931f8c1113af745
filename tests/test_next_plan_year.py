"""The next plan's year (`init --from --year`): the year it starts in, the one right after this plan.

A July–June plan 2025-07-01..2026-06-30 is followed by 2026-07-01..2027-06-30, `--year 2026`:
the default, the hint after the end, the file name (targets-2026.toml) and the plan's name
(2025—2026年度 → 2026—2027年度) all say so; --year 2027 skips a year and is refused, as --year
2025 is (it would start before this plan ends).
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.dates import month_end
from ledger.dates import shift_years as shift
from ledger.errors import TrackerError
from ledger.plan_file import load_plan
from ledger.plan_year import next_plan_name, next_year
from ledger.render.guidance import next_plan_path, next_steps
from ledger.rollover import next_plan

TARGET = """
[[target]]
id = "output"
action = "a"
name = "工业总产值"
kind = "total"
unit = "亿元"
target = 1200
"""


def _plan_text(start: date, end: date, name: str, plan_id: str = "zone-fy") -> str:
    return (
        f"""version = 1
[plan]
id = "{plan_id}"
name = "{name}"
start = {start}
end = {end}
[[action]]
id = "a"
name = "行动"
"""
        + TARGET
    )


def _run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def july(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    text = _plan_text(date(2025, 7, 1), date(2026, 6, 30), "示例园区2025—2026年度计划", "zone-fy2025")
    (tmp_path / "targets.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for value, month in (("100", "2025-07"), ("600", "2025-12"), ("1180", "2026-06")):
        assert _run("record", "output", value, "--date", month).exit_code == 0
    return tmp_path


def test_a_july_june_plan_is_followed_by_the_next_july_june(july: Path) -> None:
    result = _run("init", "--from", "targets.toml")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("wrote targets-2026.toml; still to decide:\n")
    doc = tomllib.loads((july / "targets-2026.toml").read_text(encoding="utf-8"))
    assert doc["plan"]["start"] == date(2026, 7, 1)
    assert doc["plan"]["end"] == date(2027, 6, 30)
    assert doc["plan"]["name"] == "示例园区2026—2027年度计划"
    assert doc["plan"]["id"] == "zone-fy2026"
    assert doc["plan"]["ledger"] == "progress-2026.toml"
    assert doc["target"][0]["previous"] == 1180


def test_year_2026_is_the_one_after_a_july_june_2025_plan(july: Path) -> None:
    result = _run("init", "--from", "targets.toml", "--year", "2026")
    assert result.exit_code == 0, result.output
    assert "start = 2026-07-01\nend = 2027-06-30\n" in (july / "targets-2026.toml").read_text(encoding="utf-8")


def test_a_skipped_year_and_an_overlapping_one_are_refused(july: Path) -> None:
    skipped = _run("init", "--from", "targets.toml", "--year", "2027")
    assert (skipped.exit_code, skipped.stderr) == (
        1,
        "error: --year 2027: 2025—2026's final figures are the previous year's (上年实绩) of the plan starting "
        "2026-07-01 alone; give --year 2026, and roll that plan over in its turn\n",
    )
    early = _run("init", "--from", "targets.toml", "--year", "2025")
    assert (early.exit_code, early.stderr) == (
        1,
        "error: --year 2025: the next plan must start after this one ends (2026-06-30); give --year 2026\n",
    )
    assert not list(july.glob("targets-*"))


def test_the_hint_after_the_end_names_the_year_and_file_init_writes(july: Path) -> None:
    plan = load_plan(Path("targets.toml"))
    [hint] = next_steps(plan, date(2026, 11, 29), False, 3, "en")
    assert hint.endswith("Start the 2026 plan: tracker init --from targets.toml --year 2026")
    assert next_plan_path(plan) == Path("targets-2026.toml")
    assert _run("init", "--from", "targets.toml", "--year", "2026").exit_code == 0
    [written] = next_steps(plan, date(2026, 11, 29), False, 3, "en", next_plan_path(plan))
    assert "The 2026 plan is in targets-2026.toml" in written


@pytest.mark.parametrize(
    ("start", "end", "name", "year", "new_start", "new_end", "new_name"),
    [
        (date(2025, 1, 1), date(2025, 12, 31), "2025年计划", 2026, date(2026, 1, 1), date(2026, 12, 31), "2026年计划"),
        (
            date(2025, 4, 1),
            date(2026, 3, 31),
            "2025—2026财年计划",
            2026,
            date(2026, 4, 1),
            date(2027, 3, 31),
            "2026—2027财年计划",
        ),
        # A five-year plan is followed by the next five years, every year in its name moved.
        (
            date(2021, 1, 1),
            date(2025, 12, 31),
            "2021—2025年规划",
            2026,
            date(2026, 1, 1),
            date(2030, 12, 31),
            "2026—2030年规划",
        ),
        (
            date(2024, 7, 1),
            date(2026, 6, 30),
            "2024年7月至2026年6月行动",
            2026,
            date(2026, 7, 1),
            date(2028, 6, 30),
            "2026年7月至2028年6月行动",
        ),
    ],
)
def test_every_kind_of_plan_is_followed_right_after_its_end(
    tmp_path: Path, start: date, end: date, name: str, year: int, new_start: date, new_end: date, new_name: str
) -> None:
    (tmp_path / "targets.toml").write_text(_plan_text(start, end, name), encoding="utf-8")
    plan = load_plan(tmp_path / "targets.toml")
    assert next_year(plan) == year
    doc = tomllib.loads(next_plan(plan, [], year).text)
    assert (doc["plan"]["start"], doc["plan"]["end"], doc["plan"]["name"]) == (new_start, new_end, new_name)


@settings(max_examples=60, deadline=None)
@given(
    first=st.integers(2000, 2090),
    month=st.integers(1, 12),
    span=st.integers(1, 5),
)
def test_the_default_year_starts_the_first_whole_year_shift_after_the_end(first: int, month: int, span: int) -> None:
    """For a plan of ``span`` years from any month, the next plan (the default year, which the
    hint and file name repeat) starts the day after it ends; one year more or less is refused."""
    import tempfile

    start = date(first, month, 1)
    end = month_end(*(_month_before(shift(start, span))))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "targets.toml"
        path.write_text(_plan_text(start, end, f"{first}年计划"), encoding="utf-8")
        plan = load_plan(path)
        year = next_year(plan)
        doc = tomllib.loads(next_plan(plan, [], year).text)
        assert doc["plan"]["start"] == date.fromordinal(end.toordinal() + 1)
        assert next_plan_name(year) == f"targets-{doc['plan']['start'].year}.toml"
        assert next_plan_path(plan).name == next_plan_name(year)
        for wrong in (year - 1, year + 1):
            with pytest.raises(TrackerError, match=f"give --year {year}"):
                next_plan(plan, [], wrong)


def _month_before(day: date) -> tuple[int, int]:
    return (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)


@pytest.mark.parametrize(
    ("plan_id", "name", "new_id", "new_name"),
    [
        (
            "linping-etdz-2025-26",
            "临平经开区2025—26年度“六大行动”",
            "linping-etdz-2026-27",
            "临平经开区2026—27年度“六大行动”",
        ),
        ("zone-2025-26", "示例园区2025/26年度计划", "zone-2026-27", "示例园区2026/27年度计划"),
        ("zone-fy2025-2026", "示例园区2025-26财年", "zone-fy2026-2027", "示例园区2026-27财年"),
    ],
)
def test_two_digit_years_after_a_moved_year_move_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan_id: str, name: str, new_id: str, new_name: str
) -> None:
    # 2025-26 moved as 2026-26 (the four digits alone moved): a plan named for a year it is not.
    text = _plan_text(date(2025, 7, 1), date(2026, 6, 30), name, plan_id)
    (tmp_path / "targets.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _run("init", "--from", "targets.toml").exit_code == 0
    doc = tomllib.loads((tmp_path / "targets-2026.toml").read_text(encoding="utf-8"))
    assert (doc["plan"]["id"], doc["plan"]["name"]) == (new_id, new_name)


@settings(max_examples=80, deadline=None)
@given(
    first=st.integers(1990, 2097),
    joiner=st.sampled_from(["-", "/", "—", "–", "~", "～"]),
    head=st.sampled_from(["", "zone-", "示例园区", "FY"]),
    tail=st.sampled_from(["", "年度", " plan", "年度计划（2023年基数）"]),
    shift_by=st.integers(1, 3),
)
def test_a_year_span_moves_whole_in_every_form(first: int, joiner: str, head: str, tail: str, shift_by: int) -> None:
    from ledger.rollover import _renamed

    # The tail's own 2023 is a year of the plan when the plan is 2022—23 or 2023—24, and moves
    # with it (a base year named as the plan's year is the plan's): that case is tested apart.
    assume("2023" not in tail or first not in (2022, 2023))
    later = first + shift_by
    for second, moved in ((f"{(first + 1) % 100:02d}", f"{(later + 1) % 100:02d}"), (str(first + 1), str(later + 1))):
        text = f"{head}{first}{joiner}{second}{tail}"
        assert _renamed(text, first, later, first + 1) == f"{head}{later}{joiner}{moved}{tail}"
    # Two digits that are not a year of the plan are left alone: 2025-09 (a month) stays 09.
    other = f"{(first + 5) % 100:02d}"
    assert (
        _renamed(f"{head}{first}{joiner}{other}{tail}", first, later, first + 1)
        == f"{head}{later}{joiner}{other}{tail}"
    )


def test_a_year_of_the_plan_named_again_in_the_tail_moves_with_it() -> None:
    from ledger.rollover import _renamed

    assert _renamed("2022-23年度计划（2023年基数）", 2022, 2023, 2023) == "2023-24年度计划（2024年基数）"


def test_the_comments_name_a_july_june_plan_by_both_its_years(july: Path) -> None:
    # "2025's final figure (as of 2026-06-30)": a July–June plan is 2025—2026, its figure June 2026's.
    assert _run("init", "--from", "targets.toml").exit_code == 0
    lines = (july / "targets-2026.toml").read_text(encoding="utf-8").splitlines()
    assert lines[:3] == [
        "# targets.toml for 2026—2027, written by `tracker init --from targets.toml --year 2026` from the",
        "# 2025—2026 plan 'zone-fy2025' and its ledger progress.toml, as at 2026-06-30.",
        "# `previous` is 2025—2026's final figure (上年实绩): shown for 同比, never in progress; `baseline` keeps",
    ]
    assert "# - source: where the 2026—2027 plan is published" in lines
    assert 'previous_ledger = "progress.toml" # 2025—2026\'s ledger, for 同比 (year on year)' in lines
    assert "# target = …                  # 2025—2026's goal was 1200: write 2026—2027's, remove the #" in lines
    assert "previous = 1180               # 2025—2026's final figure (as of 2026-06-30)" in lines
