"""What changed since the last report (--since), and a past report as it was (--as-recorded)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import Entry, MilestoneStatus, Status, append_entries
from ledger.changes import as_recorded, compare, plan_zone, recorded_day
from ledger.render.document import change_lines
from tests.helpers import PLAN_HEAD, progress_of, write_plan
from tests.test_year_end import TARGETS

CST = timezone(timedelta(hours=8))


def rec(n: int, target: str, day: str, recorded: str, value: str | None = None, **kw: object) -> Entry:
    """An entry ``e{n}`` as of ``day``, recorded at 09:00 Beijing time on ``recorded``."""
    return Entry(
        id=f"e{n:09d}",
        target=target,
        date=date.fromisoformat(day),
        recorded=datetime.fromisoformat(recorded + "T09:00:00").replace(tzinfo=CST),
        value=Decimal(value) if value is not None else None,
        unit="亿元" if target == "output" else ("万平方米" if target == "space" else None),
        **kw,  # type: ignore[arg-type]
    )


# The report of 2025-05-31 knew e1, e2, e6, e8 and e10. Since then: April's 420 corrected to 425
# (e3), May's figure came late (e4), June's figures are new (e5, e7, e9), and the hub is blocked (e11).
LEDGER = [
    rec(1, "output", "2025-03-31", "2025-04-03", "318.6"),
    rec(2, "output", "2025-04-30", "2025-05-20", "420"),
    rec(3, "output", "2025-04-30", "2025-06-05", "425", corrects="e000000002", reason="核实数"),
    rec(4, "output", "2025-05-31", "2025-06-12", "530"),
    rec(5, "output", "2025-06-30", "2025-07-10", "680"),
    rec(6, "space", "2025-03-31", "2025-04-05", "10"),
    rec(7, "space", "2025-06-30", "2025-07-08", "15"),
    rec(8, "rank", "2025-03-31", "2025-04-01", "75"),
    rec(9, "rank", "2025-06-30", "2025-07-01", "72"),
    rec(10, "hub", "2025-04-30", "2025-05-05", status=MilestoneStatus.IN_PROGRESS),
    rec(11, "hub", "2025-06-30", "2025-07-02", status=MilestoneStatus.BLOCKED),
]
SINCE, NOW = date(2025, 5, 31), date(2025, 6, 30)


@pytest.fixture
def plan(tmp_path: Path):
    return write_plan(tmp_path, TARGETS)


def test_as_recorded_leaves_out_what_came_later_corrections_included(plan) -> None:
    known = as_recorded(LEDGER, SINCE, CST)
    assert [e.id[-2:] for e in known] == ["01", "02", "06", "08", "10"]
    # As issued on May 31: April's 420 (its correction to 425 came on June 5), not May's 530.
    then = progress_of(plan, known, SINCE, "output")
    assert (then.current, then.current_date) == (Decimal(420), date(2025, 4, 30))
    # The same date with today's ledger: May's late figure.
    assert progress_of(plan, LEDGER, SINCE, "output").current == Decimal(530)
    assert progress_of(plan, as_recorded(LEDGER, date(2025, 6, 5), CST), date(2025, 4, 30), "output").current == 425


def test_changes_since_are_exact(plan) -> None:
    report = compare(plan, LEDGER, SINCE, NOW)
    assert report.since == SINCE
    c = {x.target.id: x for x in report.changes}
    output = c["output"]
    # 420 of 1360 = 30.88 % against April's 33.33 % (at_risk); now 680 = 50 % against 50 % (on_track).
    assert (output.before.status, output.now.status) == (Status.AT_RISK, Status.ON_TRACK)
    assert output.figure == Decimal(260)
    assert output.points == Decimal("0.5") - Decimal(420) / Decimal(1360)
    assert [e.id[-1] for e in output.new] == ["5"]
    assert [e.id[-1] for e in output.late] == ["4"]
    assert [e.id[-1] for e in output.revised] == ["3"]
    space = c["space"]  # 10 of 50 against 5/12 (behind), now 25 against 6/12 (on_track)
    assert (space.before.status, space.now.status, space.figure, space.points) == (
        Status.BEHIND,
        Status.ON_TRACK,
        Decimal(15),
        Decimal("0.3"),
    )
    rank = c["rank"]
    assert (rank.places, rank.figure, rank.before.status, rank.now.status) == (3, None, Status.AT_RISK, Status.AT_RISK)
    hub = c["hub"]
    assert (hub.before.status, hub.now.status) == (Status.ON_TRACK, Status.AT_RISK)
    assert not c["growth"].changed and not c["clusters"].changed
    assert change_lines(report, "zh") == [
        "自 2025-05-31 以来的变化",
        "工业总产值：420 亿元 → 680 亿元（+260 亿元），进度 +19.1 个百分点，略滞后 → 达序时；新报 1 条，迟报 1 条，更正 1 条",
        "新增创新空间面积：10 万平方米 → 25 万平方米（+15 万平方米），进度 +30.0 个百分点，滞后 → 达序时；新报 1 条",
        "国考排名：75 位 → 72 位，进 3 位，略滞后；新报 1 条",
        "临平北枢纽：推进中 → 受阻，达序时 → 略滞后；新报 1 条",
    ]
    assert change_lines(report, "en")[3] == "国考排名: No. 75 → No. 72, up 3 places, at risk; 1 new"


def test_since_must_come_before_the_report(plan) -> None:
    with pytest.raises(ValueError, match="not before"):
        compare(plan, LEDGER, NOW, NOW)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_plan(tmp_path, TARGETS)
    append_entries(tmp_path / "progress.toml", LEDGER)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_status_since_in_json(folder: Path) -> None:
    result = CliRunner().invoke(app, ["status", "--as-of", "2025-06-30", "--since", "2025-05-31", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["since"] == "2025-05-31"
    targets = {t["id"]: t for t in doc["actions"][0]["targets"]}
    assert targets["output"]["since"] == {
        "current": 420,
        "current_date": "2025-04-30",
        "status": "at_risk",
        "figure": 260,
        "progress_points": 0.1912,  # 0.5 − 420/1360 = 0.191176…
        "places": None,
        "new": ["e000000005"],
        "late": ["e000000004"],
        "revised": ["e000000003"],
    }
    assert targets["rank"]["since"]["places"] == 3
    plain = json.loads(CliRunner().invoke(app, ["status", "--as-of", "2025-06-30", "-f", "json"]).stdout)
    assert plain["since"] is None and plain["actions"][0]["targets"][0]["since"] is None


def test_report_since_and_as_recorded(folder: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(app, ["report", "--as-of", "2025-06-30", "--since", "2025-05", "--lang", "zh"]).stdout
    section = out[out.index("## 自 2025-05-31 以来的变化") : out.index("## 行动")]
    assert "- 工业总产值：420 亿元 → 680 亿元（+260 亿元）" in section
    then = runner.invoke(app, ["report", "--as-of", "2025-05-31", "--as-recorded", "--lang", "zh"]).stdout
    assert "最新 420 亿元（截至 2025-04-30）" in then  # neither the correction nor the late figure
    assert "530" not in then and "425" not in then
    bad = runner.invoke(app, ["status", "--as-of", "2025-05-31", "--since", "2025-06-30"])
    assert bad.exit_code == 2 and "is not before" in bad.stderr


def test_a_stamp_is_read_on_the_plans_day_not_its_own_offsets(tmp_path: Path) -> None:
    # The trial's case: entries another system stamped 16:30 UTC and 12:30 at UTC−5 on August 31
    # were recorded on September 1 in Shanghai (00:30, 01:30): a report re-issued as of August 31
    # in the plan's zone did not know them; 22:00 Beijing time on August 31 it did.
    plan = write_plan(tmp_path, TARGETS, PLAN_HEAD.replace("[plan]\n", '[plan]\ntimezone = "Asia/Shanghai"\n'))
    stamps = ["2025-08-31T16:30:00+00:00", "2025-08-31T12:30:00-05:00", "2025-08-31T22:00:00+08:00"]
    ledger = [
        rec(n, "output", "2025-08-31", "2025-08-31", str(100 * n))._replace(recorded=datetime.fromisoformat(s))
        for n, s in enumerate(stamps, 1)
    ]
    zone = plan_zone(plan)
    assert [e.value for e in as_recorded(ledger, date(2025, 8, 31), zone)] == [Decimal(300)]
    assert [e.value for e in as_recorded(ledger, date(2025, 9, 1), zone)] == [100, 200, 300]
    # --since: the two stamped September 1 in Shanghai are new since August 31, the third is not.
    report = compare(plan, ledger, date(2025, 8, 31), date(2025, 9, 30))
    change = next(c for c in report.changes if c.target.id == "output")
    assert sorted(e.value for e in change.late) == [100, 200]


@settings(max_examples=50, deadline=None)
@given(
    stamp=st.datetimes(min_value=datetime(2025, 1, 2), max_value=datetime(2025, 12, 30)),
    offset=st.integers(-12 * 60, 14 * 60),
)
def test_a_stamps_day_is_its_day_in_the_zone_whatever_offset_it_was_written_in(stamp: datetime, offset: int) -> None:
    written = stamp.replace(tzinfo=timezone(timedelta(minutes=offset)))
    assert recorded_day(written, CST) == written.astimezone(CST).date()
    assert recorded_day(written.astimezone(CST), CST) == written.astimezone(CST).date()


@pytest.mark.parametrize("tz", ["UTC", "Asia/Shanghai", "America/New_York"])
def test_with_no_plan_zone_a_stamp_is_read_on_its_own_day_on_any_machine(
    tz: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A plan without `timezone`: the machine's zone must not decide a past report (07:00 Beijing
    # time on September 1 is August 31 in UTC and New York).
    import time

    monkeypatch.setenv("TZ", tz)
    time.tzset()
    try:
        stamp = datetime.fromisoformat("2025-09-01T07:00:00+08:00")
        assert recorded_day(stamp, None) == date(2025, 9, 1)
        ledger = [rec(1, "output", "2025-08-31", "2025-08-31", "100")._replace(recorded=stamp)]
        assert as_recorded(ledger, date(2025, 8, 31), None) == []
    finally:
        monkeypatch.undo()
        time.tzset()
