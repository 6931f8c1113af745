"""Docs that cannot drift: every command and every option is in the README, the README's test
command is the one CI runs (after sqlite-utils' tests/test_docs.py), and every relative link of
the README and docs/ leads to a file and heading that exist."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from cli import app
from ledger.filters import parse_status
from ledger.model import Status
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
TABLE = README[README.index("\n## Commands\n") :].split("\n## ")[1]  # the section holding the command table
COMMANDS: dict[str, Any] = get_command(app).commands  # type: ignore[attr-defined]
# Options every command (or every command that reads the ledger) takes: the README names them once,
# in the paragraph after the command table, rather than in each row.
COMMON = ("--targets", "--ledger", "--lang", "--help")


def row(name: str) -> str:
    """The README command table's row for ``tracker NAME``."""
    found = re.search(rf"^\| `tracker {name}\b.*$", TABLE, re.MULTILINE)
    assert found, f"{name} is not in the README's command table"
    return found.group(0)


def test_the_commands_are_the_documented_ones() -> None:
    table = re.findall(r"^\| `tracker (\w+)", TABLE, re.MULTILINE)
    assert sorted(table) == sorted(COMMANDS)
    assert set(COMMANDS) >= {"status", "record", "amend", "void", "log", "targets", "check", "init", "import"}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_is_in_its_commands_row_and_has_help(name: str) -> None:
    command = COMMANDS[name]
    assert command.help, f"{name} has no help"
    line = row(name)
    for param in command.params:
        if param.param_type_name != "option":
            continue
        assert param.help, f"{name} {param.opts} has no help"
        for option in (o for o in param.opts if o.startswith("--") and o not in COMMON):
            assert f"`{option}" in line, f"tracker {name} {option} is not in its row of the README's command table"


def test_the_common_options_are_documented_after_the_table() -> None:
    paragraph = README[README.index("Every command takes `--targets PATH`") :].split("\n\n")[0]
    for option in ("--targets PATH", "--ledger PATH", "--lang", "TRACKER_TARGETS", "TRACKER_LEDGER", "TRACKER_LANG"):
        assert f"`{option}" in paragraph, option
    used = {o for c in COMMANDS.values() for p in c.params for o in p.opts if o in COMMON}
    assert used == set(COMMON) - {"--help"}  # a new common option needs a sentence there


def test_readme_test_command_is_what_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    extraction = re.search(r"^test_command=\$\(awk '([^']+)' README\.md\)$", ci, re.MULTILINE)
    assert extraction, ".ci/run no longer extracts its test command from README.md with awk"
    assert 'bash -c "$test_command"' in ci
    awk = shutil.which("awk")
    if awk is None:
        pytest.skip("awk is not installed")
    extracted = subprocess.run(
        [awk, extraction.group(1), "README.md"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    block = README[README.index("<!-- test-command") :].split("```")[1]
    assert block == "sh\n" + extracted + "\n"
    assert extracted == "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest"


def _anchors(markdown: str) -> set[str]:
    """The ``#anchor`` of every heading of ``markdown`` as GitHub makes them: the text lowercased,
    punctuation (anything but letters, digits, ``_``, ``-`` and spaces) dropped, spaces as ``-``,
    and ``-1``, ``-2`` … after a repeated one. Headings inside fenced blocks are none."""
    anchors: set[str] = set()
    fence = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fence = not fence
            continue
        heading = re.match(r"#{1,6} +(.+?) *#* *$", line)
        if fence or not heading:
            continue
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading.group(1))  # a link's text only
        slug = re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")
        anchor, n = slug, 0
        while anchor in anchors:
            n += 1
            anchor = f"{slug}-{n}"
        anchors.add(anchor)
    return anchors


def _links(markdown: str) -> list[str]:
    """The targets of the inline links ``[text](target)`` of ``markdown``, outside code."""
    prose = re.sub(r"```.*?```", "", markdown, flags=re.DOTALL)
    prose = re.sub(r"`[^`\n]*`", "", prose)
    return re.findall(r"\]\(([^)\s]+)\)", prose)


DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("page", DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_points_at_a_file_and_heading_that_exist(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    links = [link for link in _links(text) if not re.match(r"[a-z]+:", link)]
    for link in links:
        path, _, anchor = link.partition("#")
        target = (page.parent / path).resolve() if path else page
        assert target.exists(), f"{page.name}: [{link}] names {path}, which does not exist"
        if anchor:
            assert target.suffix == ".md", f"{page.name}: [{link}]: an anchor in a file that is not Markdown"
            assert anchor in _anchors(target.read_text(encoding="utf-8")), f"{page.name}: [{link}]: no such heading"


def test_anchors_are_made_as_github_makes_them() -> None:
    page = "# How `tracker import` reads a sheet\n## A running list (台账) sent again\n## Units\n## Units\n"
    page += "```\n# not a heading\n```\n### The year's end and the next year\n"
    assert _anchors(page) == {
        "how-tracker-import-reads-a-sheet",
        "a-running-list-台账-sent-again",
        "units",
        "units-1",
        "the-years-end-and-the-next-year",
    }
    assert _links("see [JSON](#json), `[not](a-link)` and [docs](docs/json.md)") == ["#json", "docs/json.md"]


def test_the_misspelt_key_example_is_what_check_prints(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's and docs/json.md's example problem is the one `tracker check` reports when
    `unit` of the shipped plan's industrial-output is misspelt `unti`: its line is derived from
    targets.toml, so moving that key moves the expected line too."""
    plan = (ROOT / "targets.toml").read_text(encoding="utf-8").splitlines(keepends=True)
    start = plan.index('id = "industrial-output"\n')
    line = next(n for n in range(start, len(plan)) if plan[n].startswith("unit = "))
    plan[line] = "unti" + plan[line][len("unit") :]
    (tmp_path / "targets.toml").write_text("".join(plan), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", "--format", "json"])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    assert [p["line"] for p in problems] == [line + 1]
    text = problems[0]["text"]
    assert text == f"targets.toml:{line + 1}: target 'industrial-output': unknown key 'unti'; did you mean 'unit'?"
    assert f"`{text}`" in README
    docs = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    shown = docs[docs.index('"schema": "tracker.problems/1"') :].split("```")[0]
    assert f'"line": {line + 1},' in shown and json.dumps(text, ensure_ascii=False) in shown
    for key in ("file", "row", "where", "target", "entry", "message", "fix"):
        assert f'"{key}": {json.dumps(problems[0][key], ensure_ascii=False)}' in shown, key


def test_the_targets_json_keys_are_documented_in_their_order(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/json.md lists `tracker.targets/1`'s keys of `actions[]` and `targets[]` in the order
    the output has them (the schema is versioned: that order is part of the contract)."""
    docs = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    paragraph = docs[docs.index("## `tracker targets --format json`") :].split("\n\n")[1]
    actions, targets = paragraph.split("`targets[]`")
    action_keys = re.findall(r"`(\w+)`", actions[actions.index("`actions[]` (") :].split(")")[0])
    target_keys = re.findall(r"`(\w+)`", re.sub(r"\([^()]*\)", "", targets))
    shutil.copy(ROOT / "targets.toml", tmp_path / "targets.toml")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["targets", "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert all(list(a) == action_keys for a in out["actions"])
    assert all(list(t) == target_keys for t in out["targets"])
    # direction is on every target: the rates' own, null for the other kinds
    assert all(t["direction"] is None for t in out["targets"] if t["kind"] != "rate")
    assert {t["direction"] for t in out["targets"] if t["kind"] == "rate"} == {"up"}


def test_the_status_filter_values_are_the_statuses() -> None:
    """README's "Filters and grouping" lists every value `--status` takes, best first, and each is accepted."""
    paragraph = README[README.index("**Filters and grouping.**") :].split("\n\n")[0]
    listed = re.findall(r"`(\w+)`", paragraph[paragraph.index("`--status STATUS` (") :].split(")")[0])
    assert listed == [s.value for s in Status]
    assert parse_status("not_achieved") is Status.NOT_ACHIEVED


def test_the_readme_names_the_time_zone_default_dates_are_taken_in() -> None:
    """Default dates are today in the plan's time zone: the README says so, naming the shipped plan's."""
    zone = re.search(r'^timezone = "([^"]+)"', (ROOT / "targets.toml").read_text(encoding="utf-8"), re.MULTILINE)
    assert zone
    paragraph = README[README.index("Without `--date` (`record`) or `--as-of`") :].split("\n\n")[0]
    assert f'`timezone = "{zone.group(1)}"`' in paragraph and "today in the plan's time" in paragraph
