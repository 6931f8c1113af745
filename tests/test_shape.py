"""The library calls behind each command (import, check, report series, export's filter), the
problems they carry as data, `check --format json`, and the run's Environment."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from cli import ExitCode, app
from cli_env import Environment
from ledger import LedgerError, Problem, load_ledger, load_plan
from ledger.errors import EntryError, PlanError
from tests.conftest import ROOT
from tests.helpers import RECORDED, entry

SCHEMA = json.loads((ROOT / "docs" / "schema" / "tracker.problems.schema.json").read_text(encoding="utf-8"))


def run(runner: CliRunner, *args: str, **kw: object):
    return runner.invoke(app, list(args), **kw)  # type: ignore[arg-type]


# --- Problem ---------------------------------------------------------------------------------


def test_a_problem_prints_as_one_line_with_its_fix() -> None:
    p = Problem("unknown key 'unti'", file="targets.toml", line=12, where="target 'output'", fix="did you mean 'unit'?")
    assert str(p) == "targets.toml:12: target 'output': unknown key 'unti'; did you mean 'unit'?"
    assert str(Problem("the input is empty", file="<stdin>")) == "<stdin>: the input is empty"
    assert (
        str(Problem("no figure", where="row 3", fix="fill in the value column"))
        == "row 3: no figure; fill in the value column"
    )
    assert list(p.to_json()) == ["file", "line", "row", "where", "target", "entry", "message", "fix", "text"]


def test_plan_problems_are_data(tmp_path: Path) -> None:
    text = (ROOT / "targets.toml").read_text(encoding="utf-8").replace('unit = "亿元"', 'unti = "亿元"', 1)
    (tmp_path / "targets.toml").write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(tmp_path / "targets.toml")
    [problem] = info.value.problems
    line = text.split("\n").index('unti = "亿元"') + 1
    assert problem == Problem(
        "unknown key 'unti'",
        file=str(tmp_path / "targets.toml"),
        line=line,
        where="target 'industrial-output'",
        target="industrial-output",
        fix="did you mean 'unit'?",
    )


def test_an_entry_error_keeps_its_command_line_fix_and_its_sheet_fix_apart() -> None:
    plan = load_plan(ROOT / "targets.toml")
    from ledger import build_entry

    with pytest.raises(EntryError) as info:
        build_entry(plan, "industrial-output", "1", day=date(2026, 1, 31), recorded=RECORDED)
    error = info.value
    assert error.message == "industrial-output: date 2026-01-31 is outside the plan period 2025-01-01 to 2025-12-31"
    assert error.fix == "give the date the figure refers to with --date, from 2025-01 to 2025-12, e.g. --date 2025-12"
    assert str(error) == f"{error.message}; {error.fix}"
    assert error.in_sheet().fix is not None and "date column" in error.in_sheet().fix


# --- ledger_reader.parse_entries ---------------------------------------------------------------------


def test_parse_entries_reads_ledger_bytes_with_their_lines(tmp_path: Path) -> None:
    from ledger.blocks import entry_blocks
    from ledger.ledger_reader import parse_entries

    a = entry("industrial-output", date(2025, 3, 31), "318.6", n=1, unit="亿元")
    b = entry("industrial-output", date(2025, 4, 30), "400", n=2, unit="亿元")
    data = entry_blocks([a, b]).encode("utf-8")
    parsed = parse_entries(Path("x.toml"), data)
    assert [(e.id, e.value, e.line) for e in parsed] == [(a.id, Decimal("318.6"), 2), (b.id, Decimal("400"), 2 + data.decode().split("\n")[1:].index("[[entry]]", 1))]  # fmt: skip
    broken = data.replace(b'target = "industrial-output"', b'tagret = "industrial-output"', 1)
    with pytest.raises(LedgerError) as info:
        parse_entries(Path("x.toml"), broken)
    [problem] = info.value.problems
    assert (problem.file, problem.line, problem.message, problem.fix) == (
        "x.toml", 2, "unknown key 'tagret' in entry", "did you mean 'target'?"
    )  # fmt: skip


# --- importing.import_file -------------------------------------------------------------------

SHEET = "指标名称,1—6月累计,单位,备注\n工业总产值,628.32,亿元,1—6月\n（分组）,,,\n工业增加值增速,5.2,%,\n"


def _import(plan_dir: Path, data: str, **kw: object):
    from ledger.importing import import_file

    plan = load_plan(plan_dir / "targets.toml")
    options: dict[str, object] = {
        "existing": [],
        "recorded": RECORDED,
        "by": "tester",
        "default_date": date(2025, 6, 30),
    }
    return import_file(plan, plan.ledger, "june.csv", data.encode("utf-8"), **(options | kw))  # type: ignore[arg-type]


def test_import_file_dry_run_gives_entries_and_notes_and_writes_nothing(workdir: Path) -> None:
    result = _import(workdir, SHEET, dry_run=True)
    assert [(e.target, e.value, e.unit, e.date) for e in result.entries] == [
        ("industrial-output", Decimal("628.32"), "亿元", date(2025, 6, 30)),
        ("value-added-growth", Decimal("5.2"), "%", date(2025, 6, 30)),
    ]
    assert result.notes == ["june.csv: 1 row without a figure passed over: row 3 (（分组）)"]
    assert (result.problems, result.written) == ([], False)
    assert not (workdir / "progress.toml").exists()


def test_import_file_writes_then_refuses_the_same_sheet_again(workdir: Path) -> None:
    first = _import(workdir, SHEET)
    assert first.written and len(load_ledger(workdir / "progress.toml").entries) == 2
    again = _import(workdir, SHEET, existing=load_ledger(workdir / "progress.toml").entries)
    assert not again.written
    assert [(p.file, p.row, p.target) for p in again.problems[:2]] == [
        ("june.csv", 2, "industrial-output"),
        ("june.csv", 4, "value-added-growth"),
    ]
    assert str(again.problems[-1]).endswith(
        "; nothing was imported; was this file imported before? --allow-duplicates records them anyway"
    )
    assert str(again.problems[-1]).startswith("june.csv: row 4: value-added-growth 5.2 % as of 2025-06-30")
    assert len(load_ledger(workdir / "progress.toml").entries) == 2


def test_a_row_repeated_in_one_sheet_names_the_row_it_repeats_not_an_unwritten_entry(workdir: Path) -> None:
    # Row 3 repeats row 2's increment: the entry made for row 2 was never written, so naming its
    # id ("already in the ledger as entry …") sent the reader to look for it in vain.
    sheet = "指标名称,数值,单位\n新增创新空间面积,1,万平方米\n新增创新空间面积,1,万平方米\n"
    result = _import(workdir, sheet, existing=[])
    assert not result.written
    assert [str(p) for p in result.problems] == [
        "june.csv: row 3: innovation-space 1 万平方米 as of 2025-06-30 is given twice: row 2 has it too; "
        "recorded twice, innovation-space adds it up and would count it twice"
        "; nothing was imported; if the rows are two additions (two carriers' figures), record both with "
        "--allow-duplicates, or tell them apart in a 备注 column; if a row was repeated by mistake, delete it",
    ]
    assert not (workdir / "progress.toml").exists()
    # A running total repeated: the ledger does not "have it already", the row above has it.
    total = _import(workdir, "指标名称,数值,单位\n规模以上工业总产值,950.1,亿元\n规模以上工业总产值,950.1,亿元\n")
    assert str(total.problems[0]) == (
        "june.csv: row 3: industrial-output 950.1 亿元 as of 2025-06-30 is given twice: row 2 has it too; "
        "one row is enough; nothing was imported; delete the repeated row, or record both with --allow-duplicates"
    )


def test_import_file_checks_duplicates_again_under_the_lock_when_the_ledger_grew(workdir: Path) -> None:
    """The second import read the ledger before the first one landed (``existing`` empty): its
    check before the lock passes, and the check under the lock, on the ledger as it is then, refuses."""
    assert _import(workdir, SHEET).written
    late = _import(workdir, SHEET, existing=[])
    assert not late.written
    assert [(p.file, p.row, p.target) for p in late.problems[:2]] == [
        ("june.csv", 2, "industrial-output"),
        ("june.csv", 4, "value-added-growth"),
    ]
    assert len(load_ledger(workdir / "progress.toml").entries) == 2


def test_import_file_row_problems_carry_the_sheet_fix(workdir: Path) -> None:
    result = _import(workdir, "指标名称,1—6月累计,日期\n工业总产值,628.32,2026-01\n")
    [problem] = result.problems
    assert (problem.file, problem.row, problem.where) == ("june.csv", 2, "row 2")
    assert problem.message == "industrial-output: date 2026-01-31 is outside the plan period 2025-01-01 to 2025-12-31"
    assert problem.fix == (
        "give the date the figure refers to in the date column (from 2025-01 to 2025-12), or --date for rows without one"
    )
    assert "tracker record" not in str(problem) and "e.g. --date" not in str(problem)


# --- checking.check and tracker.problems/1 ---------------------------------------------------


def test_check_collects_running_total_problems_as_data(workdir: Path) -> None:
    from ledger.checking import check

    plan = load_plan(workdir / "targets.toml")
    entries = [
        entry("industrial-output", date(2025, 5, 31), "500", n=1, unit="亿元", line=3),
        entry("industrial-output", date(2025, 6, 30), "628.3", n=2, unit="亿元", month_value=Decimal(100), line=11),
    ]
    with pytest.raises(LedgerError) as info:
        check(plan, Path("p.toml"), entries, date(2025, 6, 30), None)
    [problem] = info.value.problems
    assert (problem.file, problem.line, problem.entry, problem.target) == (
        "p.toml",
        11,
        entries[1].id,
        "industrial-output",
    )
    assert problem.message.startswith("the running total 628.3 亿元 is not the previous 500 亿元 (2025-05-31)")


def test_check_json_lists_the_fail_on_offenders(runner: CliRunner, workdir: Path) -> None:
    run(runner, "record", "value-added-growth", "5.2", "--date", "2025-06")
    result = run(runner, "check", "--as-of", "2025-06-30", "--fail-on", "at_risk", "--format", "json")
    assert result.exit_code == ExitCode.CONDITION and result.stderr == ""
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, SCHEMA)
    assert doc == {
        "schema": "tracker.problems/1",
        "as_of": "2025-06-30",
        "valid": True,
        "problems": [],
        "fail_on": "at_risk",
        "offenders": [{"id": "value-added-growth", "name": "工业增加值增速", "status": "at_risk"}],
        "notes": [],
    }
    ok = run(runner, "check", "--format", "json")
    assert ok.exit_code == 0
    assert json.loads(ok.stdout) == {"schema": "tracker.problems/1", "as_of": "2025-12-31", "valid": True, "problems": [], "fail_on": None, "offenders": [], "notes": []}  # fmt: skip


def test_check_json_carries_each_problem_the_table_prints(runner: CliRunner, workdir: Path) -> None:
    run(runner, "record", "industrial-output", "318.6", "--date", "2025-03")
    plan = workdir / "targets.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('id = "industrial-output"', 'id = "output"'), encoding="utf-8"
    )
    table = run(runner, "check")
    as_json = run(runner, "check", "--format", "json")
    assert table.exit_code == as_json.exit_code == ExitCode.ERROR
    assert as_json.stderr == ""
    doc = json.loads(as_json.stdout)
    jsonschema.validate(doc, SCHEMA)
    [problem] = doc["problems"]
    entry_id = load_ledger(workdir / "progress.toml").entries[0].id
    assert {k: problem[k] for k in ("file", "line", "row", "where", "target", "entry")} == {
        "file": "progress.toml", "line": 4, "row": None, "where": f"entry {entry_id}",
        "target": "industrial-output", "entry": entry_id,
    }  # fmt: skip
    assert problem["message"].startswith("target 'industrial-output' is not in targets.toml")
    assert table.stderr == f"error: {problem['text']}\n"
    assert doc["valid"] is False and doc["offenders"] == []


def test_check_json_reports_plan_problems(runner: CliRunner, workdir: Path) -> None:
    plan = workdir / "targets.toml"
    plan.write_text(plan.read_text(encoding="utf-8").replace('unit = "亿元"', 'unti = "亿元"', 1), encoding="utf-8")
    doc = json.loads(run(runner, "check", "--format", "json").stdout)
    jsonschema.validate(doc, SCHEMA)
    [problem] = doc["problems"]
    assert (problem["file"], problem["target"], problem["fix"]) == (
        "targets.toml",
        "industrial-output",
        "did you mean 'unit'?",
    )


# --- check --repair with the ledger locked ---------------------------------------------------


def test_repair_with_the_ledger_locked_is_one_line_and_exit_1(
    runner: CliRunner, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    from ledger import repair, store

    run(runner, "record", "industrial-output", "318.6", "--date", "2025-03")
    run(runner, "record", "industrial-output", "400", "--date", "2025-04")
    ledger = workdir / "progress.toml"
    monkeypatch.setattr(store, "LOCK_TIMEOUT", 0.2)
    with FileLock(str(ledger.resolve()) + ".lock", timeout=1):
        # A whole ledger has nothing to repair, which is told without waiting for the lock.
        assert (run(runner, "check", "--repair").exit_code, repair(ledger, datetime(2025, 7, 1, tzinfo=UTC))) == (
            0,
            None,
        )
        ledger.write_bytes(ledger.read_bytes()[:-10])  # a torn end: repaired only under the lock
        result = run(runner, "check", "--repair")
        with pytest.raises(LedgerError):
            repair(ledger, datetime(2025, 7, 1, tzinfo=UTC))
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr == "error: progress.toml: another tracker has held the ledger lock for 0.2 s; try again\n"
    assert run(runner, "check", "--repair").exit_code == 0  # free again


# --- report series and export's filter -------------------------------------------------------


def test_report_series_covers_targets_with_figures_only(workdir: Path) -> None:
    from ledger import evaluate
    from ledger.series import report_series

    plan = load_plan(workdir / "targets.toml")
    entries = [
        entry("industrial-output", date(2025, 2, 28), "200", n=1, unit="亿元"),
        entry("value-added-growth", date(2025, 2, 28), "5", n=2, unit="%"),
    ]
    series = report_series(plan, evaluate(plan, entries, date(2025, 3, 15)), entries)
    assert list(series) == ["industrial-output"]  # a rate has no month-by-month chart
    assert [(p.month_end, p.current) for p in series["industrial-output"]] == [
        (date(2025, 1, 31), None), (date(2025, 2, 28), Decimal(200)), (date(2025, 3, 15), Decimal(200)),
    ]  # fmt: skip


def test_select_filters_by_target_and_inclusive_dates() -> None:
    from ledger.history import select

    a = entry("x", date(2025, 3, 31), "1", n=1)
    b = entry("y", date(2025, 4, 30), "2", n=2)
    c = entry("x", date(2025, 5, 31), "3", n=3)
    assert select([a, b, c], target="x") == [a, c]
    assert select([a, b, c], since=date(2025, 4, 30), until=date(2025, 5, 31)) == [b, c]
    assert select([a, b, c]) == [a, b, c]


# --- Environment -----------------------------------------------------------------------------


def _stream(encoding: str, tty: bool = False) -> io.TextIOWrapper:
    stream = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
    stream.isatty = lambda: tty  # type: ignore[method-assign]
    return stream


@pytest.mark.parametrize(
    ("environ", "given", "encoding", "to_file", "lang"),
    [
        ({"TRACKER_LANG": "zh"}, None, "utf-8", False, "zh"),
        ({"TRACKER_LANG": "zh"}, None, "ascii", False, "en"),  # stdout cannot carry Chinese
        ({"TRACKER_LANG": "zh"}, None, "ascii", True, "zh"),  # a file is always UTF-8
        ({"TRACKER_LANG": "fr", "LANG": "zh_CN.UTF-8"}, None, "utf-8", False, "zh"),  # fr is not a choice
        ({"TRACKER_LANG": "fr"}, None, "utf-8", False, "en"),
        ({"LC_ALL": "de_DE.UTF-8", "LANG": "zh_CN.UTF-8"}, None, "utf-8", False, "en"),  # the first set locale decides
        ({"LANG": "zh_CN.UTF-8"}, "en", "utf-8", False, "en"),  # --lang wins
        ({}, None, "utf-8", False, "en"),
    ],
)
def test_environment_language(
    environ: dict[str, str], given: str | None, encoding: str, to_file: bool, lang: str
) -> None:
    assert Environment(stdout=_stream(encoding), environ=environ).lang(given, to_file) == lang


def test_environment_width_colour_and_unicode() -> None:
    env = Environment(stdout=_stream("utf-8", tty=True), environ={"COLUMNS": "132", "NO_COLOR": "1"})
    assert (env.width, env.color, env.unicode) == (132, False, True)
    assert Environment(stdout=_stream("utf-8", tty=True), environ={"NO_COLOR": ""}).color is True
    assert Environment(stdout=_stream("gbk"), environ={"COLUMNS": "5"}).width == 80  # out of range; a pipe
    assert Environment(stdout=_stream("gbk")).unicode is False


def test_a_test_can_hand_the_run_its_clock_and_login(runner: CliRunner, workdir: Path) -> None:
    def clock(timezone: str | None) -> datetime:
        return datetime(2025, 4, 15, 10, 30, 15, 999, tzinfo=UTC)

    env = Environment(clock=clock, login=lambda: "chen", environ={})
    result = run(runner, "record", "industrial-output", "318.6", obj=env)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("recorded ") and "as of 2025-04-15" in result.stdout
    [e] = load_ledger(workdir / "progress.toml").entries
    assert (e.date, e.recorded, e.by) == (date(2025, 4, 15), datetime(2025, 4, 15, 10, 30, 15, tzinfo=UTC), "chen")


def test_every_command_is_thin_and_imports_nothing_private_from_the_core() -> None:
    """cli.py only parses, calls one library function and prints: no command body runs past
    30 lines (docstring aside), and nothing private of ``ledger`` is imported."""
    import ast

    source = (ROOT / "cli.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    long = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        if not any(isinstance(d, ast.Call) and getattr(d.func, "attr", "") == "command" for d in node.decorator_list):
            continue
        body = node.body
        docstring = isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
        first = body[1] if docstring else body[0]
        assert node.end_lineno is not None
        if node.end_lineno - first.lineno + 1 > 30:
            long[node.name] = node.end_lineno - first.lineno + 1
    assert long == {}
    private = [
        f"{n.module}.{a.name}"
        for n in ast.walk(tree)
        if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("ledger")
        for a in n.names
        if a.name.startswith("_")
    ]
    assert private == []


# --- start-up ----------------------------------------------------------------------------------


def test_the_console_script_runs_cli_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    """`tracker` is launch:main, which pauses the cycle collector before cli (and Typer, Rich)
    are imported; importing cli alone leaves the process's collector as it was."""
    import gc
    import tomllib

    import cli
    import launch

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == {"tracker": "launch:main"}
    assert gc.isenabled()  # importing cli (above) did not pause it
    seen = []
    ended: list[int] = []

    class Ended(Exception):
        pass

    def end(status: int) -> None:
        ended.append(status)
        raise Ended

    monkeypatch.setattr(cli, "main", lambda: seen.append(gc.isenabled()))
    monkeypatch.setattr(launch.os, "_exit", end)
    try:
        with pytest.raises(Ended):
            launch.main()
    finally:
        gc.enable()
    assert seen == [False]
    assert ended == [0]


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (1, 1), (3, 3), ("boom", 1)])
def test_the_console_script_ends_with_the_commands_exit_status(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], code: object, status: int
) -> None:
    """After the command, launch flushes the streams and ends the process without freeing every
    object (about a twentieth of a 20,000-row import): with the status sys.exit would give."""
    import cli
    import launch

    ended: list[int] = []

    def run() -> None:
        print("written")
        raise SystemExit(code)

    def end(value: int) -> None:
        ended.append(value)
        raise KeyboardInterrupt  # stops launch.main here, as os._exit would

    monkeypatch.setattr(cli, "main", run)
    monkeypatch.setattr(launch.os, "_exit", end)
    try:
        with pytest.raises(KeyboardInterrupt):
            launch.main()
    finally:
        import gc

        gc.enable()
    assert ended == [status]
    out = capsys.readouterr()
    assert out.out == "written\n"
    assert out.err == ("boom\n" if code == "boom" else "")


def test_a_run_hands_typer_only_its_own_command() -> None:
    """`cli.main` registers only the command named (Typer builds every registered command's
    options on each run); no name, an option or an unknown name get the whole app."""
    from cli import _app_for

    def names(typer_app: object) -> list[str]:
        return [c.name or c.callback.__name__ for c in typer_app.registered_commands]  # type: ignore[attr-defined]

    assert names(_app_for(["status", "--as-of", "2025-06"])) == ["status"]
    assert names(_app_for(["import", "sheet.xlsx"])) == ["import"]
    assert _app_for([]) is app and _app_for(["--help"]) is app and _app_for(["statu"]) is app
    assert len(app.registered_commands) == 14
