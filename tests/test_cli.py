"""The command line through Typer's CliRunner: stdout and stderr asserted apart, JSON parsed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import ExitCode, app

SIX_ACTIONS = [
    "产业能级“提质”行动",
    "项目招引“提级”行动",
    "科技创新“赋能”行动",
    "城市品质“焕新”行动",
    "国企效能“升级”行动",
    "服务保障“护航”行动",
]


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


def status_json(runner: CliRunner, *args: str) -> dict:
    result = run(runner, "status", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def target(doc: dict, target_id: str) -> dict:
    return next(t for a in doc["actions"] for t in a["targets"] if t["id"] == target_id)


def test_status_on_the_shipped_plan_shows_six_actions_and_the_output_target(runner: CliRunner, workdir: Path) -> None:
    result = run(runner, "status", "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    for name in SIX_ACTIONS:
        assert name in result.stdout
    assert "1360 亿元" in result.stdout
    assert "工业总产值" in result.stdout
    assert result.stderr == ""
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "\x1b[" not in result.stdout


def test_status_json_follows_the_schema(runner: CliRunner, workdir: Path) -> None:
    doc = status_json(runner, "--as-of", "2025-06-30")
    assert doc["schema"] == "tracker.status/2"
    assert list(doc)[:8] == ["schema", "plan", "as_of", "since", "as_recorded", "expected", "summary", "actions"]
    assert list(doc)[8:] == ["owners", "notes"]
    assert doc["plan"]["id"] == "linping-etdz-2025"
    assert (doc["plan"]["start"], doc["plan"]["end"]) == ("2025-01-01", "2025-12-31")
    assert doc["as_of"] == "2025-06-30" and doc["expected"] == 0.5
    assert [a["id"] for a in doc["actions"]] == ["industry", "projects", "innovation", "city", "soe", "services"]
    t = target(doc, "industrial-output")
    assert list(t) == [
        "id", "name", "name_en", "kind", "unit", "owner", "lead", "target", "stretch", "baseline", "previous", "current",
        "current_date", "judged_at", "month_value", "current_period",
        "progress", "expected", "status", "gap", "at_risk_limit", "shortfall", "forecast", "needed_per_month", "entries", "stale", "stretch_met",
        "next_milestone", "milestones", "yoy", "since",
    ]  # fmt: skip
    assert (t["target"], t["unit"], t["current"], t["status"], t["forecast"]) == (1360, "亿元", None, "no_data", None)
    assert sum(doc["summary"].values()) == len([t for a in doc["actions"] for t in a["targets"]])


def test_the_main_scenario(runner: CliRunner, workdir: Path) -> None:
    result = run(runner, "record", "industrial-output", "680", "--date", "2025-06")
    assert result.exit_code == 0, result.stderr
    assert "industrial-output = 680 亿元 as of 2025-06-30" in result.stdout
    doc = status_json(runner, "--as-of", "2025-06-30")
    t = target(doc, "industrial-output")
    assert (t["progress"], t["expected"], t["status"], t["forecast"]) == (0.5, 0.5, "on_track", 1360)
    assert (t["current"], t["current_date"], t["gap"], t["needed_per_month"], t["entries"]) == (
        680, "2025-06-30", 0, 113.33, 1,
    )  # fmt: skip
    assert doc["summary"]["on_track"] == 1

    assert run(runner, "record", "value-added-growth", "5.2", "--date", "2025-06").exit_code == 0
    growth = target(status_json(runner, "--as-of", "2025-06-30"), "value-added-growth")
    assert (growth["status"], growth["gap"]) == ("at_risk", -0.8)


def test_rank_readings(runner: CliRunner, workdir: Path) -> None:
    for reading, status in (("75", "at_risk"), ("76", "behind"), ("70", "done")):
        assert run(runner, "record", "national-rank", reading, "--date", "2025-09-30").exit_code == 0
        assert target(status_json(runner, "--as-of", "2025-09-30"), "national-rank")["status"] == status


def test_negative_value_is_a_value_not_an_option(runner: CliRunner, workdir: Path) -> None:
    result = run(runner, "record", "value-added-growth", "-4.6", "--date", "2025Q2", "--note", "1—6月")
    assert result.exit_code == 0, result.stderr
    t = target(status_json(runner, "--as-of", "2025-06-30"), "value-added-growth")
    assert (t["current"], t["status"], t["gap"]) == (-4.6, "behind", -10.6)


def test_unknown_target_is_refused_and_nothing_is_written(runner: CliRunner, workdir: Path) -> None:
    assert run(runner, "record", "industrial-output", "318.6", "--date", "2025-03").exit_code == 0
    before = (workdir / "progress.toml").read_bytes()
    result = run(runner, "record", "no-such-target", "1", "--date", "2025-03")
    assert result.exit_code == ExitCode.ERROR
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "no target 'no-such-target'" in result.stderr
    result = run(runner, "record", "industrial-outptu", "1", "--date", "2025-03")
    assert "did you mean 'industrial-output'?" in result.stderr
    assert (workdir / "progress.toml").read_bytes() == before


def test_bad_values_are_refused_with_one_line(runner: CliRunner, workdir: Path) -> None:
    cases = [
        (["industrial-output", "abc", "--date", "2025-03"], "'abc' is not a number"),
        (["industrial-output", "nan", "--date", "2025-03"], "not a finite number"),
        (["industrial-output", "1", "--date", "2025-03", "--unit", "人"], "unit '人' cannot be converted to '亿元'"),
        (["industrial-output", "1", "--date", "2026-01"], "outside the plan period"),
        (["national-rank", "70.5", "--date", "2025-12"], "a rank is a whole number"),
        (["incubator", "finished", "--date", "2025-03"], "'finished' is not a milestone status"),
        (["cluster-zones", "done", "--date", "2025-03"], "name the milestone with --milestone"),
        (["cluster-zones", "done", "--milestone", "semiconductr", "--date", "2025-03"], "did you mean 'semiconductor'"),
    ]
    for args, message in cases:
        result = run(runner, "record", *args)
        assert result.exit_code == ExitCode.ERROR, (args, result.output)
        assert message in result.stderr, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.output
    assert not (workdir / "progress.toml").exists()


def test_a_figure_left_out_is_a_missing_argument(runner: CliRunner, workdir: Path) -> None:
    for args, message in ((["industrial-output"], "give the figure"), (["cluster-zones"], "takes a status")):
        result = run(runner, "record", *args, "--date", "2025-03")
        assert result.exit_code == ExitCode.USAGE, result.output
        assert message in result.stderr
    assert not (workdir / "progress.toml").exists()


def test_bad_date_is_a_usage_error(runner: CliRunner, workdir: Path) -> None:
    result = run(runner, "record", "industrial-output", "1", "--date", "March")
    assert result.exit_code == ExitCode.USAGE
    assert "use 2025-03-31, 2025-03 (month end), 2025年3月, 2025年3月31日 or 2025Q1" in result.stderr


def test_milestone_statuses(runner: CliRunner, workdir: Path) -> None:
    assert run(runner, "record", "incubator", "in_progress", "--date", "2025-03").exit_code == 0
    assert (
        run(runner, "record", "cluster-zones", "--status", "blocked", "-m", "ivd", "--date", "2025-04").exit_code == 0
    )
    doc = status_json(runner, "--as-of", "2025-04-30")
    assert (target(doc, "incubator")["status"], target(doc, "incubator")["current"]) == ("on_track", "in_progress")
    clusters = target(doc, "cluster-zones")
    assert clusters["status"] == "at_risk"
    assert {m["id"]: m["status"] for m in clusters["milestones"]}["ivd"] == "blocked"


def test_targets_and_ledger_from_environment(runner: CliRunner, tmp_path: Path, workdir: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (workdir / "targets.toml").rename(elsewhere / "plan.toml")
    env = {"TRACKER_TARGETS": str(elsewhere / "plan.toml"), "TRACKER_LEDGER": str(elsewhere / "ledger.toml")}
    assert runner.invoke(app, ["record", "innovation-space", "12.5", "-d", "2025-05"], env=env).exit_code == 0
    assert (elsewhere / "ledger.toml").exists()
    result = runner.invoke(app, ["status", "-f", "json", "--as-of", "2025-06"], env=env)
    assert target(json.loads(result.stdout), "innovation-space")["progress"] == 0.25


READS_THE_LEDGER = [
    ["status"],
    ["report"],
    ["check"],
    ["check", "--fail-on", "behind"],
    ["export", "-f", "csv"],
    ["log"],
    ["show", "industrial-output"],
    ["due"],
    ["sheet", "-o", "out.csv"],
    ["void", "abc", "--reason", "x"],
]


@pytest.mark.parametrize("args", READS_THE_LEDGER, ids=lambda a: " ".join(a))
@pytest.mark.parametrize("named_by", ["option", "environment"])
def test_a_ledger_named_but_missing_fails_for_every_reader(
    runner: CliRunner, workdir: Path, args: list[str], named_by: str
) -> None:
    """A mistyped --ledger must not read as a plan with no figures and exit 0 under cron."""
    env = {"TRACKER_LEDGER": "nosuch.toml"} if named_by == "environment" else None
    result = run(runner, *args, *(["--ledger", "nosuch.toml"] if env is None else []), env=env)
    assert result.exit_code == ExitCode.ERROR and result.stdout == ""
    assert result.stderr == (
        "error: nosuch.toml: no such ledger (named by --ledger or TRACKER_LEDGER); fix the path, or `tracker "
        "record` (or `tracker import`) starts a new ledger there\n"
    )
    assert not (workdir / "nosuch.toml").exists() and not (workdir / "out.csv").exists()


def test_a_ledger_named_but_missing_is_started_by_record_and_import(runner: CliRunner, workdir: Path) -> None:
    assert run(runner, "status").exit_code == 0  # the plan's own ledger not there yet: a fresh plan
    assert run(runner, "record", "innovation-space", "2", "-d", "2025-05", "--ledger", "a.toml").exit_code == 0
    (workdir / "rows.csv").write_text("target,date,value\ninnovation-space,2025-06-30,3\n", encoding="utf-8")
    assert run(runner, "import", "rows.csv", "--ledger", "b.toml").exit_code == 0
    for name, value in (("a.toml", 2), ("b.toml", 3)):
        doc = json.loads(run(runner, "status", "-f", "json", "--as-of", "2025-06", "--ledger", name).stdout)
        assert target(doc, "innovation-space")["current"] == value


def test_missing_plan_says_how_to_fix(runner: CliRunner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(runner, "status")
    assert result.exit_code == ExitCode.ERROR
    assert (
        result.stderr.strip()
        == "error: targets.toml: no such file; give --targets PATH, set TRACKER_TARGETS, or run `tracker init` to start one"
    )


def test_check_reports_a_misspelt_key(runner: CliRunner, workdir: Path) -> None:
    plan = workdir / "targets.toml"
    plan.write_text(plan.read_text(encoding="utf-8").replace('unit = "亿元"', 'unti = "亿元"', 1), encoding="utf-8")
    result = run(runner, "check")
    assert result.exit_code == ExitCode.ERROR
    assert "targets.toml:" in result.stderr
    assert "target 'industrial-output': unknown key 'unti'; did you mean 'unit'?" in result.stderr


def test_check_passes_and_fail_on(runner: CliRunner, workdir: Path) -> None:
    result = run(runner, "check")
    assert result.exit_code == 0 and result.stdout == ""  # quiet off a terminal, as cron wants
    run(runner, "record", "value-added-growth", "5.2", "--date", "2025-06")
    assert run(runner, "check", "--as-of", "2025-06-30", "--fail-on", "behind").exit_code == 0
    result = run(runner, "check", "--as-of", "2025-06-30", "--fail-on", "at_risk")
    assert result.exit_code == ExitCode.CONDITION
    assert "at_risk: value-added-growth" in result.stdout


def test_broken_and_torn_ledgers(runner: CliRunner, workdir: Path) -> None:
    run(runner, "record", "industrial-output", "318.6", "--date", "2025-03")
    ledger = workdir / "progress.toml"
    good = ledger.read_bytes()
    ledger.write_bytes(good + b'\n[[entry]]\nid = "x"\ntarget = "industrial-output"\ndate = 2025-04-30\nvalue = 4')
    status = run(runner, "status", "--format", "json", "--as-of", "2025-06")
    assert status.exit_code == 0
    # the JSON document carries the warning (stderr stays empty); the table's run says it on stderr
    [note] = json.loads(status.stdout)["notes"]
    assert status.stderr == "" and note["text"].startswith("progress.toml:14: entry x: the last entry is incomplete")
    assert "progress.toml:14: the last entry is incomplete" in run(runner, "status", "--as-of", "2025-06").stderr
    assert json.loads(status.stdout)["summary"]["at_risk"] == 1
    check = run(runner, "check")
    assert check.exit_code == ExitCode.ERROR
    assert "progress.toml:14: entry x: the last entry is incomplete" in check.stderr and "--repair" in check.stderr
    refused = run(runner, "record", "industrial-output", "400", "--date", "2025-04")
    assert refused.exit_code == ExitCode.ERROR and "--repair" in refused.stderr
    repaired = run(runner, "check", "--repair")
    assert repaired.exit_code == 0, repaired.output
    assert "moved the incomplete end" in repaired.stderr
    assert ledger.read_bytes() == good
    assert run(runner, "check").exit_code == 0

    ledger.write_text("[[entry]\n", encoding="utf-8")
    result = run(runner, "check")
    assert (
        result.stderr
        == "error: progress.toml:1: not valid TOML: Expected ']]' at the end of an array declaration; fix the TOML at column 8\n"
    )
    assert "Traceback" not in result.output
    assert run(runner, "check", "--repair").exit_code == ExitCode.ERROR


def test_targets_lists_every_target(runner: CliRunner, workdir: Path) -> None:
    result = run(runner, "targets", "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["schema"] == "tracker.targets/2"
    assert len(doc["targets"]) == 19
    output = next(t for t in doc["targets"] if t["id"] == "industrial-output")
    assert (output["kind"], output["unit"], output["target"], output["name"]) == ("total", "亿元", 1360, "工业总产值")
    table = run(runner, "targets", "--lang", "en").stdout
    assert "industrial-output" in table and "Industrial output value" in table


def test_english_and_language_from_environment(runner: CliRunner, workdir: Path) -> None:
    assert "Industrial capacity upgrade" in run(runner, "status", "--lang", "en").stdout
    assert "产业能级“提质”行动" in run(runner, "status", env={"TRACKER_LANG": "zh"}).stdout
    assert "无数据" in run(runner, "status", env={"LANG": "zh_CN.UTF-8"}).stdout


def test_user_text_is_shown_literally(runner: CliRunner, workdir: Path) -> None:
    plan = workdir / "targets.toml"
    text = plan.read_text(encoding="utf-8").replace('name = "工业总产值"', 'name = "[bold]产值[/] :100: \\u001b[2J"', 1)
    plan.write_text(text, encoding="utf-8")
    out = run(runner, "status", "--lang", "zh").stdout
    assert "[bold]产值[/] :100: \\x1b[2J" in out
    assert "\x1b" not in out


def test_version_and_help(runner: CliRunner) -> None:
    assert run(runner, "--version").stdout.startswith("tracker ")
    result = run(runner)
    assert "status" in result.output and "record" in result.output
    for command in ("status", "record", "targets", "check"):
        help_text = run(runner, command, "--help")
        assert help_text.exit_code == 0 and "--targets" in help_text.stdout


def test_init_writes_a_valid_starter_and_never_overwrites(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "init", str(tmp_path / "new"))
    assert result.exit_code == 0, result.output
    plan = tmp_path / "new" / "targets.toml"
    # off a terminal too (the runner's is none): on stdout, as record, import and init --from confirm
    assert (result.stdout, result.stderr) == (f"wrote {plan}: edit it, then `tracker check` and `tracker record`\n", "")
    assert run(runner, "check", "--targets", str(plan)).exit_code == 0
    before = plan.read_bytes()
    again = run(runner, "init", str(tmp_path / "new"))
    assert again.exit_code == ExitCode.ERROR and "already exists" in again.stderr
    assert plan.read_bytes() == before


def test_huge_numbers_are_refused_not_crashed_on(runner: CliRunner, workdir: Path) -> None:
    for value in ("1e26", "1e99999999", "0.000000000001"):
        result = run(runner, "record", "industrial-output", value, "-d", "2025-03")
        assert result.exit_code == ExitCode.ERROR and "out of range" in result.stderr, value
    plan = workdir / "targets.toml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("target = 1360", "target = 1e30"), encoding="utf-8")
    assert "out of range" in run(runner, "status").stderr


def test_narrow_widths_never_cut_figures(runner: CliRunner, workdir: Path) -> None:
    run(runner, "record", "industrial-output", "318.6", "-d", "2025-03")
    for columns in ("30", "60", "0", "abc"):
        out = run(runner, "status", "--lang", "en", "--as-of", "2025-06-30", env={"COLUMNS": columns}).stdout
        assert "CNY 136.0 bn" in out and "31.86" in out and "127.44" in out and "23.4%" in out, columns
        assert not any(line.endswith(" ") for line in out.splitlines())


ZH_HEADING = "产业能级“提质”行动"
EN_HEADING = "Industrial capacity upgrade"


@pytest.mark.parametrize(
    ("args", "environment", "heading"),
    [
        ((), {"TRACKER_LANG": "fr"}, EN_HEADING),  # not zh: English, never Chinese
        ((), {"TRACKER_LANG": "zh_CN.UTF-8"}, ZH_HEADING),
        ((), {"TRACKER_LANG": "ZH"}, ZH_HEADING),
        ((), {"TRACKER_LANG": "en", "LANG": "zh_CN.UTF-8"}, EN_HEADING),  # TRACKER_LANG before the locale
        (("--lang", "zh"), {"TRACKER_LANG": "en"}, ZH_HEADING),  # --lang before TRACKER_LANG
        (("--lang", "en"), {"TRACKER_LANG": "zh"}, EN_HEADING),
        ((), {"LANG": "zh_CN.UTF-8"}, ZH_HEADING),
        ((), {"LANG": "fr_FR.UTF-8"}, EN_HEADING),
        ((), {"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, EN_HEADING),  # LC_ALL before LANG, as POSIX
        ((), {"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, ZH_HEADING),
        ((), {"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, EN_HEADING),  # a set LC_ALL decides, even when not zh
        ((), {"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, ZH_HEADING),
    ],
)
def test_language_precedence(
    runner: CliRunner, workdir: Path, args: tuple[str, ...], environment: dict[str, str], heading: str
) -> None:
    """README: --lang, else TRACKER_LANG, else the locale (zh… gives Chinese, anything else English)."""
    result = run(runner, "status", *args, env=environment)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert heading in lines and ({ZH_HEADING, EN_HEADING} - {heading}).isdisjoint(lines)


def test_bad_date_option_is_named(runner: CliRunner, workdir: Path) -> None:
    result = run(runner, "status", "--as-of", "2025-W14")
    assert result.exit_code == ExitCode.USAGE and "'--as-of'" in result.stderr


def test_chinese_columns_line_up(runner: CliRunner, workdir: Path) -> None:
    from rich.cells import cell_len

    run(runner, "record", "industrial-output", "318.6", "-d", "2025-03")
    run(runner, "record", "value-added-growth", "5.2", "-d", "2025-03")
    out = run(runner, "status", "--lang", "zh", "--as-of", "2025-06-30").stdout
    starts = set()
    for line in out.splitlines():
        if line.startswith("汇总"):
            continue
        for label in ("略滞后", "无数据", "达序时"):
            if label in line:
                starts.add(cell_len(line[: line.index(label)]))
    assert len(starts) == 1, starts  # the status column starts at the same cell on every row


def test_messages_say_what_is_wrong_where(runner: CliRunner, workdir: Path) -> None:
    def refused(*args: str, code: int = ExitCode.ERROR) -> str:
        result = run(runner, *args)
        assert result.exit_code == code, (args, result.output)
        assert "Traceback" not in result.output
        if code == ExitCode.USAGE:  # CliRunner shows click's usage lines; main() prints the last one alone
            return "error: " + result.stderr.strip().splitlines()[-1].removeprefix("Error: ")
        assert len(result.stderr.strip().splitlines()) == 1
        return result.stderr.strip()

    (workdir / "sheets").mkdir()
    assert refused("import", "sheets") == (
        "error: sheets: is a folder, not a file; name one file in it (CSV, XLSX, XLS, JSON Lines or TOML)"
    )
    assert "sheets: is a folder, not a file" in refused("status", "--targets", "sheets")
    (workdir / "f").write_text("", encoding="utf-8")
    assert refused("init", "f") == "error: f: is a file, not a folder; give init a folder for the new plan"
    (workdir / "broken.toml").write_text("version = 1\n\n[plan\n", encoding="utf-8")
    assert refused("check", "--targets", "broken.toml") == (
        "error: broken.toml:3: not valid TOML: Expected ']' at the end of a table declaration; fix the TOML at column 6"
    )
    doc = json.loads(run(runner, "check", "--targets", "broken.toml", "--format", "json").stdout)
    assert [(p["file"], p["line"]) for p in doc["problems"]] == [("broken.toml", 3)]
    (workdir / "empty.toml").write_text("# to do\n\n", encoding="utf-8")
    assert refused("status", "--targets", "empty.toml") == (
        "error: empty.toml: the plan is empty; run `tracker init` to write a starter plan, or give --targets PATH"
    )
    (workdir / "no-target.csv").write_text("value,date\n1,2025-01\n", encoding="utf-8")
    assert refused("import", "no-target.csv").startswith("error: no-target.csv: no column names the target")
    (workdir / "map.toml").write_text('[map]\n"指标" = target\n', encoding="utf-8")
    assert refused("import", "no-target.csv", "--map-file", "map.toml").startswith(
        "error: map.toml:2: not valid TOML: Invalid value; fix the TOML at column 8; a mapping is [map] and lines"
    )
    (workdir / "typo.jsonl").write_text(
        '{"target": "industrial-output", "valu": 5, "date": "2025-03"}\n', encoding="utf-8"
    )
    assert refused("import", "typo.jsonl") == (
        "error: typo.jsonl: unknown key 'valu'; did you mean 'value'? rename it, or read it as that with --map 'valu=value'"
    )
    assert refused("export", "-o", "e.xlsx", "--format", "csv", code=ExitCode.USAGE).startswith(
        "error: Invalid value for '--output': e.xlsx says xlsx, but --format is csv"
    )
    assert not (workdir / "e.xlsx").exists()
    assert refused("void", "abc", code=ExitCode.USAGE) == (
        'error: missing --reason: give the reason, e.g. --reason "核实数"'
    )
    assert not (workdir / "progress.toml").exists()  # nothing written by any of them


def test_narrow_widths_keep_words_and_labels_whole(runner: CliRunner, workdir: Path) -> None:
    import tomllib

    plan = tomllib.loads((workdir / "targets.toml").read_text(encoding="utf-8"))
    words = {w for t in plan["target"] + plan["action"] for w in t["name_en"].split()}
    assert {"value-added", "comprehensive", "Semiconductor,"} <= words
    run(runner, "record", "innovation-space", "1.5", "-d", "2025-06")
    for columns in ("20", "40", "60"):
        for command in ("status", "targets"):
            out = run(runner, command, "--lang", "en", env={"COLUMNS": columns}).stdout
            # Every English word of every name is printed whole: wrapped between words, never inside one.
            assert words <= set(out.split()), (command, columns, words - set(out.split()))
    for columns in ("20", "30", "40", "50"):
        out = run(runner, "show", "innovation-space", "--lang", "en", "--as-of", "2025-06-30",
                  env={"COLUMNS": columns}).stdout  # fmt: skip
        lines = out.splitlines()
        pairs = [("Expected:", "50.0%"), ("Progress:", "3.0%"), ("Goal:", "500,000 m²")]
        if int(columns) >= 27:  # "needed per month: 80,833 m²" fits on a line (whole m²)
            pairs.append(("needed per month:", "80,833 m²"))
        for label, value in pairs:
            assert any(f"{label} {value}" in line for line in lines), (columns, label)
