"""The README's walkthrough (a fresh checkout, the short session, the monthly sheets, the
correction, the year's end and the next plan) run in order in a fresh folder: every output the
README shows is what the command prints (a pipe into `jq` is run when jq is installed). `…` in
the README stands for lines (or, inside a line, text) it leaves out; ids are random, so the
README's are read as the ones the run gave, and the recording times in `log` as any time (the
README shows an office's, not the test's)."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from tests.conftest import ROOT

# The sections of the one session, in the README's order; the others use ledgers of their own.
SESSION = ("## The two commands", "## A short session", "### The monthly sheet", "### Correcting a figure",
           "### The year's end and the next year")  # fmt: skip
STAMP = r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}\+0800"


def _steps(sections: tuple[str, ...] = SESSION) -> list[tuple[str, list[str]]]:
    """``(command, lines shown)`` of the console blocks of ``sections`` (the session's by default), in order."""
    steps: list[tuple[str, list[str]]] = []
    heading, fence = "", ""
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fence = "" if fence else line
        elif not fence and line.startswith("#"):
            heading = line
        elif fence == "```console" and heading in sections:
            if line.startswith("$ "):
                steps.append((line[2:], []))
            else:
                steps[-1][1].append(line)
    return steps


def _pattern(expected: list[str]) -> str:
    """A regular expression for the output ``expected`` shows: `…` lines as any lines, `…` in a
    line as any text, a recording time as any time."""
    out = ""
    for line in expected:
        if line.strip() == "…":
            out += r"(?:[^\n]*\n)*?"
            continue
        parts = [re.escape(p).replace("…", r"[^\n]*?") for p in re.split(STAMP, line)]
        out += STAMP.join(parts) + r"\n"
    return out


def test_the_readme_session_prints_what_the_readme_shows(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(ROOT / "targets.toml", tmp_path / "targets.toml")
    shutil.copytree(ROOT / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns("progress.toml*"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("USER", "wang")
    monkeypatch.setenv("LOGNAME", "wang")
    steps = _steps()
    assert steps[0][0] == "tracker status --lang en" and steps[-1][0] == "tracker init --from targets.toml --year 2026"
    ids: dict[str, str] = {}
    for command, expected in steps:
        for shown, real in ids.items():
            command = command.replace(shown, real)
        words = shlex.split(command.split(" | ")[0], comments=True)
        assert words[0] == "tracker"
        result = runner.invoke(app, words[1:])
        assert result.exit_code == (3 if "--fail-on" in words else 0), f"{command}: {result.output}"
        output = result.output
        if " | jq " in command:
            if shutil.which("jq") is None:
                continue
            jq = shlex.split(command.split(" | ", 1)[1])
            output = subprocess.run(jq, input=output, capture_output=True, text=True, check=True).stdout
        if not expected:  # the README shows no output only where there is none (`…` marks output left out)
            assert output == "", f"$ {command} prints output the README does not show:\n{output}"
            continue
        for shown_line, got in zip(expected, output.splitlines(), strict=False):
            a, b = re.match(r"recorded (\w{10})", shown_line), re.match(r"recorded (\w{10})", got)
            if a and b:
                ids[a.group(1)] = b.group(1)
        wanted = [_replace(line, ids) for line in expected]
        assert re.fullmatch(_pattern(wanted), output), f"$ {command}\n{output}"

    # The next plan's proposed schedule, as the README shows it: 2025's running totals over its
    # final 1341.05 (320.1 → 23.87 %, 628.32 → 46.85 %, 735.6 → 54.85 %, 842.70 → 62.84 %).
    line = '# schedule = { "2026-03" = 23.9, "2026-06" = 46.9, "2026-07" = 54.9, "2026-08" = 62.8 }'
    assert line in (tmp_path / "targets-2026.toml").read_text(encoding="utf-8")
    assert line in (ROOT / "README.md").read_text(encoding="utf-8")

    # Once the next plan is written, status points at it, not at the `init` that would now refuse.
    assert runner.invoke(app, ["init", "--from", "targets.toml", "--year", "2026"]).exit_code != 0
    en = " ".join(runner.invoke(app, ["status", "--lang", "en"]).stdout.split())
    assert "The 2026 plan is in targets-2026.toml: use it with --targets targets-2026.toml or" in en
    assert "TRACKER_TARGETS=targets-2026.toml" in en and "tracker init" not in en
    zh = "".join(runner.invoke(app, ["status", "--lang", "zh"]).stdout.split())
    assert "2026年计划在targets-2026.toml：用--targetstargets-2026.toml或TRACKER_TARGETS=targets-2026.toml使用它" in zh
    assert "trackerinit" not in zh


def _replace(line: str, ids: dict[str, str]) -> str:
    for shown, real in ids.items():
        line = line.replace(shown, real)
    return line


def test_what_changed_since_runs_from_the_shipped_example_as_the_readme_shows(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ``--since`` walkthrough's ledger is one a reader can build: the shipped export
    (recorded times kept) imported into a ledger of its own prints the changes the README shows."""
    shutil.copy(ROOT / "targets.toml", tmp_path / "targets.toml")
    shutil.copytree(ROOT / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns("progress.toml*"))
    monkeypatch.chdir(tmp_path)
    steps = _steps(("### What changed since the last report",))
    assert [c.split()[1] for c, _ in steps] == ["import", "status"]
    for command, expected in steps:
        result = runner.invoke(app, shlex.split(command)[1:])
        assert result.exit_code == 0, f"{command}: {result.output}"
        assert expected or result.output == "", f"$ {command} prints output the README does not show"
        assert re.fullmatch(_pattern(expected), result.output), f"$ {command}\n{result.output}"
    assert "国考排名：75 位 → 72 位，进 3 位，略滞后；新报 1 条" in result.output
