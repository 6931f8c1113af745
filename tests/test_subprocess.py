"""The installed `tracker` command in real processes: pipes that close early, locales, encodings."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHIPPED_PLAN

TRACKER = shutil.which("tracker", path=str(Path(sys.executable).parent)) or shutil.which("tracker")
pytestmark = pytest.mark.skipif(TRACKER is None, reason="the tracker console script is not installed")


def env(**extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TRACKER_", "LC_", "PYTHONIO"))}
    for var in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TERM"):
        base.pop(var, None)
    base["LANG"] = "C.UTF-8"
    base.update(extra)
    return base


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(SHIPPED_PLAN, tmp_path / "targets.toml")
    return tmp_path


def shell(command: str, cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    encoding = extra.get("PYTHONIOENCODING", "utf-8")
    done = subprocess.run(command, shell=True, cwd=cwd, env=env(**extra), capture_output=True, timeout=60, check=False)
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(encoding), done.stderr.decode(encoding, errors="replace")
    )


def test_json_into_a_pipe_that_closes_early_ends_quietly(folder: Path) -> None:
    for tail in ("head -c 10", "head -1"):
        result = shell(f'"{TRACKER}" status --format json | {tail}', folder)
        assert result.stderr == "", result.stderr
    result = shell(f'"{TRACKER}" status | head -1', folder)
    assert result.stderr == ""


def test_piped_table_is_80_columns_without_escape_codes(folder: Path) -> None:
    result = shell(f'"{TRACKER}" status --lang en | cat', folder, FORCE_COLOR="1")
    assert result.returncode == 0
    assert "\x1b" not in result.stdout
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) == 80
    assert "─" * 80 in lines  # the rule under the header spans exactly the 80 columns
    assert "Industrial output" in result.stdout


def test_prose_under_a_wider_table_wraps_at_the_width(folder: Path) -> None:
    """Figures never wrap, so a table may print wider than asked (English amounts at 80 columns ran
    it to 82); the legend and the plan's end note under it wrapped at the table's width too, where
    only the table may run wider. Below 80 columns the targets are listed instead (README,
    Outputs), and all of it keeps to the width."""
    assert shell(f'"{TRACKER}" record industrial-output 1341.05 --date 2025-12', folder).returncode == 0
    result = shell(f'"{TRACKER}" status --lang en --as-of 2025-12 | cat', folder, COLUMNS="60")
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 60  # the list, not a table of 72
    assert "    Goal CNY 136.0 bn  Current 134.105  As of 12-31" in lines
    summary = next(n for n, line in enumerate(lines) if line.startswith("summary: "))
    assert all(len(line) <= 60 for line in lines[summary + 1 :]), lines[summary + 1 :]
    assert "not met: the goal was not reached by its due" in " ".join(lines[summary + 1 :])


def test_ascii_stdout_gives_english_tables_and_escaped_json(folder: Path) -> None:
    """README: where the output cannot encode Chinese at all, the table is English and JSON uses
    \\uXXXX escapes, whatever the locale or --lang asks for."""
    for command in (f'"{TRACKER}" status', f'"{TRACKER}" status --lang zh'):
        table = shell(command, folder, PYTHONIOENCODING="ascii", LANG="zh_CN.UTF-8")
        assert table.returncode == 0, table.stderr
        lines = table.stdout.splitlines()
        # The em dash as ASCII writes it, not a "?" (cli_env's look-alikes)
        assert lines[0].startswith("Linping ETDZ 2025 Six Actions - as of ")
        assert "Industrial capacity upgrade" in lines and "No. 70" in table.stdout
        assert "no data" in table.stdout and "?" * 4 not in table.stdout  # not Chinese shown as ????
    doc = shell(f'"{TRACKER}" status --format json', folder, PYTHONIOENCODING="ascii")
    assert doc.stdout.isascii()
    assert '"name": "\\u4e34\\u5e73\\u7ecf\\u5f00\\u533a2025\\u5e74' in doc.stdout  # 临平经开区2025年
    assert json.loads(doc.stdout)["plan"]["name"] == "临平经开区2025年“六大行动”"
    assert doc.stderr == ""  # nothing was lost, so nothing to say
    # GBK can carry Chinese: it stays Chinese there.
    gbk = shell(f'"{TRACKER}" status', folder, PYTHONIOENCODING="gbk", LANG="zh_CN.UTF-8")
    assert "产业能级“提质”行动" in gbk.stdout.splitlines()


def test_characters_an_ascii_stdout_cannot_show_are_counted_on_stderr(folder: Path) -> None:
    """A unit printed as ?? would hide a figure's size (亿元 or 万元): the loss is never silent."""
    assert shell(f'"{TRACKER}" record industrial-output 500 --date 2025-05', folder).returncode == 0
    log = shell(f'"{TRACKER}" log', folder, PYTHONIOENCODING="ascii")
    assert log.returncode == 0 and "500 ??" in log.stdout
    assert log.stderr == (
        "note: stdout's encoding (ascii) cannot show 2 characters (Chinese names, notes or units), printed as ?;"
        " set a UTF-8 locale (LANG=C.UTF-8) or PYTHONIOENCODING=utf-8 to see them, or use --format json\n"
    )
    assert shell(f'"{TRACKER}" log --format json', folder, PYTHONIOENCODING="ascii").stderr == ""
    assert shell(f'"{TRACKER}" log', folder).stderr == ""


@pytest.mark.parametrize("command", ["report --as-of 2025-06", "status --format markdown --as-of 2025-06"])
def test_markdown_on_an_ascii_stdout_says_what_it_could_not_show(folder: Path, command: str) -> None:
    """The Markdown outputs wrote ? for what ASCII cannot carry without the note (and ? for a dash,
    which the table writes as -): the same look-alikes as the table, and the count on stderr."""
    assert shell(f'"{TRACKER}" record industrial-output 500 --date 2025-05', folder).returncode == 0
    out = shell(f'"{TRACKER}" {command}', folder, PYTHONIOENCODING="ascii")
    assert out.returncode == 0, out.stderr
    assert out.stdout.isascii() and "500,000 m?" in out.stdout  # m² as ASCII cannot write it, counted
    assert out.stderr.startswith("note: stdout's encoding (ascii) cannot show "), out.stderr
    assert out.stderr.endswith("or use --format json\n")


def test_due_on_an_ascii_stdout_writes_look_alikes(folder: Path) -> None:
    """`due`'s ellipsis between months (2025-01 … 2025-05) was a ?: it is ..., and nothing is lost."""
    out = shell(f'"{TRACKER}" due --as-of 2025-07-20', folder, PYTHONIOENCODING="ascii")
    assert out.returncode == 0, out.stderr
    assert "2025-01 ... 2025-06 (6)" in out.stdout and "?" not in out.stdout
    assert out.stderr == ""


@pytest.mark.parametrize("encoding", ["ascii", "gbk"])
def test_narrow_encodings_degrade_instead_of_crashing(folder: Path, encoding: str) -> None:
    table = shell(f'"{TRACKER}" status --lang zh', folder, PYTHONIOENCODING=encoding)
    assert table.returncode == 0, table.stderr
    assert "Traceback" not in table.stderr
    assert "2025-12-31" in table.stdout
    doc = shell(f'"{TRACKER}" status --format json', folder, PYTHONIOENCODING=encoding)
    assert json.loads(doc.stdout)["plan"]["name"] == "临平经开区2025年“六大行动”"


def test_c_locale_and_user_errors_have_no_traceback(folder: Path) -> None:
    ok = shell(f'"{TRACKER}" status', folder, LANG="C")
    assert ok.returncode == 0 and "Linping ETDZ" in ok.stdout
    bad = shell(f'"{TRACKER}" record no-such-target 1', folder, LANG="C")
    assert bad.returncode == 1
    assert bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and "no-such-target" in bad.stderr


def on_a_terminal(folder: Path, *args: str, **extra: str) -> bytes:
    """Run tracker with its stdout on a pseudo-terminal, as a person at a terminal would."""
    import pty

    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [str(TRACKER), *args], cwd=folder, env=env(TERM="xterm-256color", COLUMNS="100", **extra),
        stdout=secondary, stderr=subprocess.PIPE, close_fds=True,
    )  # fmt: skip
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # EIO: the other side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(primary)
    return b"".join(chunks)


def test_colour_only_on_a_terminal_and_never_with_no_color(folder: Path) -> None:
    assert b"\x1b[" in on_a_terminal(folder, "status", "--lang", "en")
    assert b"\x1b[" not in on_a_terminal(folder, "status", "--lang", "en", NO_COLOR="1")
    assert b"\x1b[" in on_a_terminal(folder, "status", "--lang", "en", NO_COLOR="")  # empty: not set
    piped = shell(f'"{TRACKER}" status --lang en | cat', folder, FORCE_COLOR="1", TERM="xterm-256color")
    assert "\x1b" not in piped.stdout


def test_widths_from_the_terminal_and_columns(folder: Path) -> None:
    wide = on_a_terminal(folder, "status", "--lang", "en", NO_COLOR="1").decode()
    assert max(len(line) for line in wide.splitlines()) > 80  # COLUMNS=100 on the terminal
    for columns in ("0", "abc", "-5"):
        out = shell(f'"{TRACKER}" status --lang zh | cat', folder, COLUMNS=columns).stdout
        assert "1360 亿元" in out and max(len(line) for line in out.splitlines()) <= 80, columns


def test_usage_errors_are_one_line_with_exit_2(folder: Path) -> None:
    usage = ("status --as-of nope", "amend", "record industrial-output 1 --bogus", "status --format xml")
    # VALUE left out is a missing argument too, though only the target's kind says it is needed.
    for args in (*usage, "record industrial-output", "record cluster-zones"):
        result = shell(f'"{TRACKER}" {args}', folder)
        assert result.returncode == 2, args
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), (args, result.stderr)
        assert "--help`" in result.stderr
    missing = shell(f'"{TRACKER}" record industrial-output', folder).stderr
    assert missing == (
        "error: industrial-output: no figure; give the figure, e.g. `tracker record industrial-output 318.6`;"
        " see `tracker record --help`\n"
    )
    assert "takes a status" in shell(f'"{TRACKER}" record cluster-zones', folder).stderr
    assert not (folder / "progress.toml").exists()
    check = shell(f'"{TRACKER}" check', folder)
    assert (check.returncode, check.stdout, check.stderr) == (0, "", "")  # quiet success, as cron wants


def test_check_on_a_terminal_prints_the_last_digest_and_is_quiet_off_one(folder: Path) -> None:
    import pty

    shell(f'"{TRACKER}" record industrial-output 318.6 --date 2025-03', folder)
    shell(f'"{TRACKER}" record industrial-output 425.3 --date 2025-04', folder)
    lines = (folder / "progress.toml").read_text(encoding="utf-8").splitlines()
    digests = [line.split('"')[1] for line in lines if line.startswith("digest")]
    main, tty = pty.openpty()
    done = subprocess.run(
        [TRACKER, "check"], cwd=folder, env=env(), stdout=subprocess.PIPE, stderr=tty, timeout=60, check=False
    )  # type: ignore[list-item]
    os.close(tty)
    said = os.read(main, 65536).decode("utf-8")
    os.close(main)
    assert done.returncode == 0 and "valid: " in said
    assert f"chain: 2 entries, last digest {digests[-1]}" in said
    quiet = shell(f'"{TRACKER}" check', folder)
    assert quiet.returncode == 0 and quiet.stderr == "" and quiet.stdout == ""


def test_an_as_of_outside_the_plan_is_noted_off_a_terminal_too(folder: Path) -> None:
    note = "note: 2026-10-31 is outside the plan period 2025-01-01 to 2025-12-31"
    for command in ("report --as-of 2026-10 -o x.html", "status --as-of 2026-10", "check --as-of 2026-10"):
        done = shell(f'"{TRACKER}" {command}', folder)
        assert done.returncode == 0 and note in done.stderr, (command, done.stderr)
    assert (folder / "x.html").exists()


def test_an_ascii_stdout_gets_english_and_question_marks_json_escapes_data_refused(folder: Path) -> None:
    assert shell(f'"{TRACKER}" record industrial-output 318.6 --date 2025-03 --note 初步', folder).returncode == 0
    ascii_ = {"PYTHONIOENCODING": "ascii"}
    for lang in ("", " --lang en", " --lang zh"):
        report = shell(f'"{TRACKER}" report --as-of 2025-08{lang}', folder, **ascii_)
        assert report.returncode == 0, report.stderr
        assert "progress report as of 2025-08-31" in report.stdout and "Industrial output value" in report.stdout
        assert "?" in report.stdout  # the note 初步 cannot be shown
    due = shell(f'"{TRACKER}" due --as-of 2025-08', folder, **ascii_)
    assert due.returncode == 0 and "Industrial output value [industrial-output]" in due.stdout
    jsonl = shell(f'"{TRACKER}" export --format jsonl', folder, **ascii_)
    assert jsonl.returncode == 0 and json.loads(jsonl.stdout)["unit"] == "亿元" and "\\u4ebf\\u5143" in jsonl.stdout
    for command in ("show industrial-output", "targets", "log", "status --as-of 2025-08"):
        done = shell(f'"{TRACKER}" {command}', folder, **ascii_)
        assert done.returncode == 0 and done.stdout.isascii(), (command, done.stderr)
    for command in ("export", "status --format csv"):  # data read back by programs is never mangled
        refused = shell(f'"{TRACKER}" {command}', folder, **ascii_)
        assert refused.returncode == 1 and "write it to a file with --output FILE" in refused.stderr


def test_the_piped_table_fits_80_columns_in_august_with_a_milestone_in_progress(folder: Path) -> None:
    from rich.cells import cell_len

    examples = Path(__file__).parent.parent / "examples"
    for sheet in ("monthly-2025-06-illustrative.csv", "monthly-2025-07-illustrative.xlsx"):
        assert shell(f'"{TRACKER}" import "{examples / sheet}"', folder).returncode == 0
    bureau = examples / "bureau-2025-08-illustrative.xlsx"
    assert shell(f'"{TRACKER}" import "{bureau}" --skip-unknown', folder).returncode == 0
    for month in (8, 9):  # a milestone "in progress" (June, July: still to do)
        for lang in ("en", "zh"):
            done = shell(f'"{TRACKER}" status --as-of 2025-{month:02d} --lang {lang} | cat', folder)
            assert done.returncode == 0, done.stderr
            widest = max(done.stdout.splitlines(), key=cell_len)
            # Only names wrap: "in progress" stays whole on its target's line, and the English
            # table runs two columns wider for it (README, Commands: 81–82 in English).
            assert cell_len(widest) <= (82 if lang == "en" else 80), (month, lang, widest)
            if lang == "en":
                line = "New round of         1 step in progress 06-30! 0.0%              on track"
                assert line in done.stdout.splitlines()


def test_ascii_lookalikes_stand_in_for_punctuation_and_question_marks_for_the_rest() -> None:
    import codecs

    from cli_env import lookalike_or_replace

    codecs.register_error("tracker-test-lookalike", lookalike_or_replace)
    text = "甲 — b–c · d… “e” ‘f’ 2×3 ≥4"
    assert text.encode("ascii", "tracker-test-lookalike") == b"? - b-c . d... \"e\" 'f' 2x3 >=4"


def test_an_ascii_stderr_names_chinese_by_escapes_and_punctuation_by_look_alikes(folder: Path) -> None:
    """An error names what it could not read: ``\\u6307`` can still be looked up, ``?`` cannot;
    a full-width colon reads as ``:`` rather than ``\\uff1a``."""
    (folder / "s.csv").write_text("说明：见附件\n", encoding="utf-8")
    result = shell(f'"{TRACKER}" import s.csv', folder, PYTHONIOENCODING="ascii")
    assert result.returncode == 1
    assert result.stderr == (
        "error: s.csv: no column names the target (\\u6307\\u6807\\u540d\\u79f0, \\u91cd\\u70b9\\u4efb\\u52a1, "
        "target...); its first row has '\\u8bf4\\u660e:\\u89c1\\u9644\\u4ef6'; name it with --map 'HEADER=target'\n"
    )


def test_an_option_record_does_not_have_is_named_as_such(folder: Path) -> None:
    """record takes unknown options as arguments (a figure may be -4.6): Click then calls
    --dry-run an "unexpected extra argument", which reads as if the figure were wrong."""
    result = shell(f'"{TRACKER}" record industrial-output 950 -d 2025-09 --dry-run', folder)
    assert (result.returncode, result.stderr) == (2, "error: No such option: --dry-run; see `tracker record --help`\n")
    extra = shell(f'"{TRACKER}" record industrial-output 950 -d 2025-09 x', folder)
    assert extra.stderr == "error: Got unexpected extra argument(s) (x); see `tracker record --help`\n"
    assert not (folder / "progress.toml").exists()


def test_the_starter_init_names_what_it_wrote_off_a_terminal(tmp_path: Path) -> None:
    """Under cron or a pipe (no terminal anywhere) the starter plan is still named: a quiet
    success would leave nobody knowing where. On stdout, as `record`, `import` and `init --from`
    confirm what they wrote (the next year's plan's confirmation below), stderr left empty."""
    result = shell(f'"{TRACKER}" init plans --year 2025 | cat', tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "wrote plans/targets.toml: edit it, then `tracker check` and `tracker record`\n"
    assert (tmp_path / "plans" / "targets.toml").is_file()
    nxt = shell(f'"{TRACKER}" init --from plans/targets.toml | cat', tmp_path)
    assert (nxt.returncode, nxt.stderr) == (0, "")
    assert nxt.stdout.startswith("wrote plans/targets-2026.toml; still to decide:\n")
    # a stdout that cannot be written: the confirmation goes to stderr after a warning, exit 0
    full = shell(f'"{TRACKER}" init again > /dev/full', tmp_path)
    said = "wrote again/targets.toml: edit it, then `tracker check` and `tracker record`\n"
    assert (full.returncode, full.stderr.startswith("warning: "), full.stderr.endswith(said)) == (0, True, True)
