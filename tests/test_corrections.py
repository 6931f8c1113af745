"""amend, void and log: corrections never edit, and the trail can be followed."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cli import ExitCode, app
from tests.helpers import as_before_digests


def run(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args))


def recorded_id(result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout.split()[1].rstrip(":")


def status_of(runner: CliRunner, target_id: str, as_of: str = "2025-06-30") -> dict:
    doc = json.loads(run(runner, "status", "-f", "json", "--as-of", as_of).stdout)
    return next(t for a in doc["actions"] for t in a["targets"] if t["id"] == target_id)


def log_json(runner: CliRunner, *args: str) -> list[dict]:
    result = run(runner, "log", "-f", "json", *args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema"] == "tracker.log/1"
    return doc["entries"]


def test_preliminary_figure_replaced_by_the_verified_one(runner: CliRunner, workdir: Path) -> None:
    first = recorded_id(run(runner, "record", "industrial-output", "318.6", "-d", "2025-03", "-n", "1—3月累计 初步"))
    before = (workdir / "progress.toml").read_bytes()
    result = run(runner, "amend", first, "320.1", "--reason", "核实数", "--note", "1—3月累计 核实")
    fixed = recorded_id(result)
    assert f"(corrects {first})" in result.stdout
    assert (workdir / "progress.toml").read_bytes().startswith(before)  # appended, never rewritten
    assert status_of(runner, "industrial-output", "2025-03-31")["current"] == 320.1
    [current] = log_json(runner)
    assert (current["id"], current["corrects"], current["reason"], current["note"]) == (
        fixed, first, "核实数", "1—3月累计 核实",
    )  # fmt: skip
    trail = log_json(runner, "--all")
    assert [(e["id"], e["state"], e["replaced_by"]) for e in trail] == [
        (first, "superseded", fixed),
        (fixed, "current", None),
    ]


def test_correction_of_a_correction_and_void(runner: CliRunner, workdir: Path) -> None:
    a = recorded_id(run(runner, "record", "innovation-space", "10", "-d", "2025-04"))
    b = recorded_id(run(runner, "amend", a, "12", "-r", "复核"))
    c = recorded_id(run(runner, "amend", b, "--date", "2025-05", "-r", "口径调整"))
    assert status_of(runner, "innovation-space")["current"] == 12
    [entry] = log_json(runner, "innovation-space")
    assert (entry["id"], entry["date"], entry["value"]) == (c, "2025-05-31", 12)
    refused = run(runner, "amend", a, "13", "-r", "x")
    assert refused.exit_code == ExitCode.ERROR
    assert f"entry {a} was already corrected by {b}; amend {b} instead" in refused.stderr
    unvoided = run(runner, "void", a, "--reason", "test")  # the fix names the command given
    assert unvoided.exit_code == ExitCode.ERROR
    assert f"entry {a} was already corrected by {b}; void {b} instead" in unvoided.stderr
    v = recorded_id(run(runner, "void", c, "--reason", "重复录入"))
    assert status_of(runner, "innovation-space")["status"] == "no_data"
    assert run(runner, "log").stdout == ""
    states = [(e["id"], e["state"]) for e in log_json(runner, "--all")]
    assert states == [(a, "superseded"), (b, "superseded"), (c, "withdrawn"), (v, "withdrawal")]
    again = run(runner, "amend", c, "1", "-r", "x")
    assert again.exit_code == ExitCode.ERROR and f"was withdrawn by {v}" in again.stderr
    assert run(runner, "void", v, "-r", "x").exit_code == ExitCode.ERROR


def test_refusals_write_nothing(runner: CliRunner, workdir: Path) -> None:
    first = recorded_id(run(runner, "record", "industrial-output", "318.6", "-d", "2025-03"))
    before = (workdir / "progress.toml").read_bytes()
    cases = [
        (["amend", "ffffffffff", "1", "-r", "x"], "no entry 'ffffffffff'"),
        (["amend", first, "318.6", "-r", "x"], "the correction changes nothing"),
        (["amend", first, "1", "-u", "美元", "-r", "x"], "cannot be converted"),
        (["amend", first, "-r", "x"], "nothing to change"),
        (["amend", first, "abc", "-r", "x"], "'abc' is not a number"),
        (["amend", first, "1", "-u", "人", "-r", "x"], "cannot be converted"),
        (["void", "zzz", "-r", "x"], "no entry 'zzz'"),
    ]
    for args, message in cases:
        result = run(runner, *args)
        assert result.exit_code == ExitCode.ERROR, args
        assert message in result.stderr, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1
    for args in (["amend", first, "1"], ["void", first], ["void", first, "-r", " "]):
        missing = run(runner, *args)
        assert missing.exit_code == ExitCode.USAGE and "give the reason" in missing.stderr, args
    assert (workdir / "progress.toml").read_bytes() == before


def test_amend_by_id_prefix_and_negative_value(runner: CliRunner, workdir: Path) -> None:
    first = recorded_id(run(runner, "record", "value-added-growth", "4.6", "-d", "2025-06"))
    assert run(runner, "amend", first[:6], "-4.6", "-r", "符号错误").exit_code == 0
    assert status_of(runner, "value-added-growth")["current"] == -4.6


def test_milestone_amend_keeps_the_milestone(runner: CliRunner, workdir: Path) -> None:
    first = recorded_id(run(runner, "record", "cluster-zones", "in_progress", "-m", "ivd", "-d", "2025-04"))
    assert run(runner, "amend", first, "--status", "done", "-r", "已验收").exit_code == 0
    [entry] = log_json(runner)
    assert (entry["status"], entry["milestone"]) == ("done", "ivd")


def test_log_filters_and_order(runner: CliRunner, workdir: Path) -> None:
    run(runner, "record", "industrial-output", "500", "-d", "2025-05")
    run(runner, "record", "industrial-output", "318.6", "-d", "2025-03")
    run(runner, "record", "innovation-space", "5", "-d", "2025-04")
    assert [e["date"] for e in log_json(runner)] == ["2025-03-31", "2025-04-30", "2025-05-31"]
    assert [e["value"] for e in log_json(runner, "industrial-output")] == [318.6, 500]
    assert [e["value"] for e in log_json(runner, "--since", "2025-04", "--until", "2025-04-30")] == [5]
    table = run(runner, "log", "--lang", "zh").stdout
    assert "318.6 亿元" in table and "industrial-output" in table
    unknown = run(runner, "log", "industrial-outptu")
    assert unknown.exit_code == ExitCode.ERROR and "did you mean 'industrial-output'" in unknown.stderr


def test_wrong_entries_are_put_right_with_amend_and_void(runner: CliRunner, workdir: Path) -> None:
    first = recorded_id(run(runner, "record", "industrial-output", "318.6", "-d", "2025-03"))
    second = recorded_id(run(runner, "record", "innovation-space", "5", "-d", "2025-04"))
    ledger = workdir / "progress.toml"
    text = as_before_digests(ledger.read_text(encoding="utf-8"))  # as an older tracker wrote
    ledger.write_text(
        text.replace("date = 2025-03-31", "date = 2024-12-31").replace('unit = "万平方米"', 'unit = "人"'),
        encoding="utf-8",
    )
    check = run(runner, "check")
    assert check.exit_code == ExitCode.ERROR
    assert (
        f"tracker amend {first} --date" in check.stderr
        and f"tracker amend {second} VALUE --unit 万平方米" in check.stderr
    )
    assert len(check.stderr.strip().splitlines()) == 2  # both problems at once
    refused = run(runner, "record", "innovation-space", "1", "-d", "2025-05")
    assert refused.exit_code == ExitCode.ERROR and "fix it before recording more" in refused.stderr
    assert run(runner, "amend", first, "--date", "2025-03", "-r", "日期错误").exit_code == 0
    assert run(runner, "amend", second, "5", "--unit", "万平方米", "-r", "单位错误").exit_code == 0
    assert run(runner, "check").exit_code == 0
    assert status_of(runner, "innovation-space")["current"] == 5


def test_log_since_a_month_starts_on_its_first_day(runner: CliRunner, workdir: Path) -> None:
    run(runner, "record", "innovation-space", "5", "-d", "2025-03-10")
    run(runner, "record", "innovation-space", "6", "-d", "2025-02-28")
    assert [e["value"] for e in log_json(runner, "--since", "2025-03")] == [5]
    assert [e["value"] for e in log_json(runner, "--since", "2025Q1", "--until", "2025-02")] == [6]
    backwards = run(runner, "log", "--since", "2025-05", "--until", "2025-03")
    assert backwards.exit_code == ExitCode.USAGE


def test_ambiguous_and_short_ids(runner: CliRunner, workdir: Path) -> None:
    first = recorded_id(run(runner, "record", "innovation-space", "5", "-d", "2025-03"))
    short = run(runner, "void", first[:3], "-r", "x")
    assert short.exit_code == ExitCode.ERROR and "at least 4 characters" in short.stderr


def test_amend_date_into_a_month_holding_other_additions_is_refused_as_record_is(
    runner: CliRunner, workdir: Path
) -> None:
    """The trial's case c6: 东湖's 0.5 万平方米 of August moved into September by ``amend --date``,
    where 科创's 0.6 is: recording it there is refused, and so is the move (September would count
    1.1). --force keeps it, marked, and check is then silent; a move not kept is named by check."""
    from ledger import load_ledger, load_plan
    from ledger.meaning import check_ledger

    east = recorded_id(run(runner, "record", "innovation-space", "0.5", "--date", "2025-08", "--note", "东湖"))
    other = recorded_id(run(runner, "record", "innovation-space", "0.6", "--date", "2025-09", "--note", "科创"))
    refused = run(runner, "amend", east, "--date", "2025-09", "--reason", "日期")
    assert refused.exit_code == ExitCode.ERROR
    assert refused.stderr == (
        "error: innovation-space: innovation-space 0.5 万平方米 as of 2025-09-30 would add to the 0.6 万平方米 "
        f"already added in 2025-09 by an earlier import or record (entry {other}): both would count; nothing was "
        f"recorded; if it replaces what is there, withdraw that first (tracker void {other} --reason 更正) and amend "
        "it again; if both add up, keep it with --force\n"
    )
    assert len(load_ledger(workdir / "progress.toml").complete()) == 2
    # A correction that stays in its month is not judged again: August's figure may change freely.
    assert run(runner, "amend", east, "0.4", "--reason", "核实数").exit_code == 0
    moved = run(runner, "amend", log_json(runner, "innovation-space")[0]["id"], "--date", "2025-09", "--reason", "日期",
                "--force")  # fmt: skip
    assert moved.exit_code == 0, moved.output
    entries = load_ledger(workdir / "progress.toml").complete()
    assert entries[-1].forced and entries[-1].date.isoformat() == "2025-09-30"
    assert run(runner, "check").exit_code == 0
    assert status_of(runner, "innovation-space", "2025-09-30")["current"] == 1.0  # 0.4 + 0.6, as kept
    # The same ledger with the move not kept (written before amend judged it): check names it.
    plan = load_plan(workdir / "targets.toml")
    unkept = [*entries[:-1], entries[-1]._replace(forced=False)]
    [found] = check_ledger(plan, unkept)
    assert (found.entry.id if found.entry else None, found.added, found.against) == (entries[-1].id, True, (other,))
    # Amended again in September (a value), the pair is still there: still named, until kept.
    again = entries[-1]._replace(forced=False)
    later = again._replace(id="zz00000001", corrects=again.id, value=again.value * 2, line=0)
    [still] = check_ledger(plan, [*entries[:-1], again, later])
    assert (still.entry.id if still.entry else None, still.added) == ("zz00000001", True)
    assert check_ledger(plan, [*entries[:-1], again, later._replace(forced=True)]) == []
