"""Docs that cannot drift: every command has help and a line in the README's command table."""

from __future__ import annotations

import re

from typer.main import get_command

from cli import app
from tests.conftest import ROOT


def test_every_command_is_documented_and_has_help() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = get_command(app).commands  # type: ignore[attr-defined]
    assert set(commands) >= {"status", "record", "amend", "void", "log", "targets", "check", "init"}
    for name, command in commands.items():
        assert command.help, f"{name} has no help"
        assert re.search(rf"^\| `tracker {name}\b", readme, re.MULTILINE), f"{name} is not in the README's table"
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, f"{name} {param.opts} has no help"


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "<!-- test-command" in readme
    assert "README.md" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
