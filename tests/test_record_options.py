"""``record``, ``amend`` and ``void`` as the other commands are: ``--lang`` for the confirmation
(read as the reports read it), and an option they do not have named as Click names it for every
other command, with the options that were probably meant, though they take unknown options as
arguments so that a figure may be -4.6."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from cli import app
from cli_env import Environment


def _id(confirmation: str) -> str:
    found = re.search(r"[0-9a-f]{10}", confirmation)
    assert found, confirmation
    return found.group(0)


def test_record_amend_and_void_say_it_in_the_language_asked(runner: CliRunner, workdir: Path) -> None:
    zh = runner.invoke(app, ["record", "industrial-output", "318.6", "-d", "2025-03", "--lang", "中文"],
                       env={"TRACKER_LANG": "en"})  # fmt: skip
    assert zh.exit_code == 0, zh.output
    first = _id(zh.stdout)
    assert zh.stdout == f"已记录 {first}：industrial-output = 318.6 亿元，截至 2025-03-31（按指标单位）\n"
    en = runner.invoke(app, ["amend", first, "3186000", "-u", "万元", "-r", "核实数", "--lang", "en"],
                       env={"TRACKER_LANG": "zh"})  # fmt: skip
    assert en.exit_code == 0, en.output
    second = _id(en.stdout)
    assert (
        en.stdout
        == f"recorded {second}: industrial-output = 3186000 万元 as of 2025-03-31 (= 318.6 亿元) (corrects {first})\n"
    )
    void = runner.invoke(app, ["void", second, "-r", "重复录入", "--lang", "zh_CN"], env={"TRACKER_LANG": "en"})
    assert void.exit_code == 0, void.output
    assert void.stdout == f"已记录 {_id(void.stdout)}：industrial-output：撤销 {second}\n"


def test_the_note_on_a_future_date_follows_lang(runner: CliRunner, workdir: Path) -> None:
    june = Environment(environ={"TRACKER_LANG": "en"}, clock=lambda zone: datetime(2025, 6, 15, 9, tzinfo=UTC))
    result = runner.invoke(app, ["record", "industrial-output", "1000", "-d", "2025-09", "--lang", "zh"], obj=june)
    assert result.exit_code == 0, result.output
    assert result.stderr == "注意：2025-09-30 晚于今天；tracker status 自该日起计入这条记录\n"


def test_a_lang_record_does_not_know_is_a_usage_error(runner: CliRunner, workdir: Path) -> None:
    result = runner.invoke(app, ["record", "industrial-output", "318.6", "-d", "2025-03", "--lang", "fr"])
    assert result.exit_code == 2 and "'fr' is not a language tracker writes" in result.stderr
    assert not (workdir / "progress.toml").exists()


def test_an_option_record_lacks_is_named_as_status_names_one(runner: CliRunner, workdir: Path) -> None:
    """Wherever it stands: after VALUE, before it (where it was read as the figure), or before
    TARGET (read as the target), and with its value after an ``=``."""
    status = runner.invoke(app, ["status", "--dat", "2025-03"])
    assert status.exit_code == 2 and "Error: No such option: --dat" in status.stderr
    said = "Error: No such option: --dat (Possible options: --date, --id, --status)"
    for args in (
        ["industrial-output", "318.6", "--dat", "2025-03"],
        ["industrial-output", "--dat", "2025-03", "318.6"],
        ["--dat", "2025-03", "industrial-output", "318.6"],
        ["industrial-output", "--dat"],
        ["industrial-output", "318.6", "--dat=2025-03"],
    ):
        result = runner.invoke(app, ["record", *args])
        assert (result.exit_code, said in result.stderr) == (2, True), (args, result.stderr)
    short = runner.invoke(app, ["record", "industrial-output", "-x", "318.6"])
    assert short.exit_code == 2 and "Error: No such option: -x\n" in short.stderr
    amend = runner.invoke(app, ["amend", "0123456789", "--valu", "3", "-r", "核实数"])
    assert amend.exit_code == 2 and "Error: No such option: --valu (Possible options: --month-value)" in amend.stderr
    assert not (workdir / "progress.toml").exists()


def test_a_negative_figure_is_still_a_figure_and_other_words_extra(runner: CliRunner, workdir: Path) -> None:
    result = runner.invoke(app, ["record", "value-added-growth", "-4.6", "-d", "2025-03", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(": value-added-growth = -4.6% as of 2025-03-31 (in the target's unit)\n")
    extra = runner.invoke(app, ["record", "industrial-output", "318.6", "4"])
    assert extra.exit_code == 2 and "Error: Got unexpected extra argument(s) (4)" in extra.stderr
