"""The words a person types for a status and a language: `--status` takes the labels the table
shows (略滞后, not met) as well as the keys; `--lang` and TRACKER_LANG take the same forms of a
language (zh_CN, zh-CN, cn, chinese …), and a TRACKER_LANG that is none is said on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import ExitCode, app
from cli_env import language
from ledger.filters import SelectionError, parse_status
from ledger.model import Status
from ledger.render.labels import STATUS

ZH_HEADING = "产业能级“提质”行动"
EN_HEADING = "Industrial capacity upgrade"
SUMMARY_AT_RISK = "summary: done 0  on track 0  at risk 1  behind 0  not met 0  no data 0"
SUMMARY_NONE = "summary: done 0  on track 0  at risk 0  behind 0  not met 0  no data 0"


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


@pytest.mark.parametrize(
    ("word", "summary"),
    [
        ("略滞后", SUMMARY_AT_RISK),
        ("at risk", SUMMARY_AT_RISK),
        ("at_risk", SUMMARY_AT_RISK),
        ("AT-RISK", SUMMARY_AT_RISK),
        ("滞后", SUMMARY_NONE),  # 滞后 is behind, never 略滞后 by a part of its word
        ("未完成", SUMMARY_NONE),
        ("not met", SUMMARY_NONE),
    ],
)
def test_status_filter_takes_the_tables_labels(runner: CliRunner, workdir: Path, word: str, summary: str) -> None:
    # 318.6 of 1360 is 23.4 % at 2025-03-31, expected 25.0 %: 1.6 points behind, within the 5 of at_risk.
    assert run(runner, "record", "industrial-output", "318.6", "--date", "2025-03").exit_code == 0
    shown = run(runner, "status", "--status", word, "--as-of", "2025-03", "--lang", "en")
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout.splitlines()[-1] == summary


def test_an_unknown_status_word_lists_the_keys_and_the_labels(runner: CliRunner, workdir: Path) -> None:
    refused = run(runner, "status", "--status", "慢")
    assert refused.exit_code == ExitCode.USAGE
    assert refused.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--status': '慢': unknown status; use done, on_track, at_risk, behind, "
        "not_achieved, no_data (or as the table shows them: 已完成/达序时/略滞后/滞后/未完成/无数据)"
    )


@given(st.sampled_from(list(Status)), st.sampled_from(["zh", "en", "key"]), st.booleans(), st.booleans())
def test_every_status_is_found_by_its_key_and_each_label(status: Status, form: str, wide: bool, spaced: bool) -> None:
    word = status.value if form == "key" else STATUS[form][status]
    if wide:  # as a Chinese input method types it
        word = "".join(chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) < 0x7F else c for c in word)
    if spaced:
        word = f" {word}\u3000"
    assert parse_status(word) is status


def test_status_labels_name_one_status_each() -> None:
    """A label shared by two statuses would make the filter pick one of them silently."""
    for lang in STATUS:
        assert len(set(STATUS[lang].values())) == len(Status)
    with pytest.raises(SelectionError):
        parse_status("late")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("zh", "zh"), ("ZH", "zh"), ("zh_CN", "zh"), ("zh-CN", "zh"), ("zh_Hans", "zh"), ("zh-Hans-CN", "zh"),
        ("zh_CN.UTF-8", "zh"), ("zh_TW", "zh"), ("cn", "zh"), ("CN", "zh"), ("chinese", "zh"), ("Chinese", "zh"),
        ("中文", "zh"), ("ｚｈ", "zh"), (" zh ", "zh"),
        ("en", "en"), ("en_US", "en"), ("en-GB", "en"), ("en_US.UTF-8", "en"), ("English", "en"),
        ("fr", None), ("C", None), ("C.UTF-8", None), ("POSIX", None), ("chn", None), ("zhx", None), ("", None),
    ],
)  # fmt: skip
def test_language_forms(text: str, lang: str | None) -> None:
    assert language(text) == lang


@pytest.mark.parametrize("form", ["zh_CN", "zh-CN", "cn", "chinese", "中文"])
def test_lang_flag_and_variable_take_the_same_forms(runner: CliRunner, workdir: Path, form: str) -> None:
    flag = run(runner, "status", "--lang", form)
    variable = run(runner, "status", env={"TRACKER_LANG": form})
    assert flag.exit_code == variable.exit_code == 0, flag.stderr + variable.stderr
    assert ZH_HEADING in flag.stdout.splitlines() and flag.stdout == variable.stdout
    assert flag.stderr == variable.stderr == ""


def test_an_unknown_tracker_lang_is_said_once_and_the_locale_decides(runner: CliRunner, workdir: Path) -> None:
    for locale, heading, chosen in (("C.UTF-8", EN_HEADING, "en"), ("zh_CN.UTF-8", ZH_HEADING, "zh")):
        result = run(runner, "status", env={"TRACKER_LANG": "chn", "LANG": locale})
        assert result.exit_code == 0
        assert heading in result.stdout.splitlines()
        assert result.stderr == (
            "note: TRACKER_LANG='chn' is not a language tracker writes: use zh or en (zh_CN, zh-CN, zh_Hans, cn, "
            f"chinese, 中文; en_US, english); went by the locale instead ({chosen})\n"
        )
    given_flag = run(runner, "status", "--lang", "en", env={"TRACKER_LANG": "chn"})  # not read: nothing to say
    assert given_flag.stderr == ""


def test_an_unknown_lang_flag_is_a_usage_error_naming_the_forms(runner: CliRunner, workdir: Path) -> None:
    refused = run(runner, "status", "--lang", "fr")
    assert refused.exit_code == ExitCode.USAGE
    assert refused.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--lang': 'fr' is not a language tracker writes: use zh or en (zh_CN, zh-CN, "
        "zh_Hans, cn, chinese, 中文; en_US, english)"
    )


def test_the_lang_help_lists_the_forms_the_refusal_lists() -> None:
    # Typed by hand, the help said "zh_CN, zh-CN, cn, chinese… too" while the refusal listed
    # zh_Hans, 中文, en_US and english as well: one list now feeds both.
    from typing import get_args

    import cli
    from cli_env import LANGUAGE_FORMS

    assert LANGUAGE_FORMS == "zh or en (zh_CN, zh-CN, zh_Hans, cn, chinese, 中文; en_US, english)"
    assert get_args(cli.LangOpt)[1].help == (
        "Language of the output: zh or en (zh_CN, zh-CN, zh_Hans, cn, chinese, 中文; en_US, english) "
        "[default: TRACKER_LANG, then the locale]."
    )
    refused = CliRunner().invoke(cli.app, ["status", "--lang", "fr"])
    assert f"'fr' is not a language tracker writes: use {LANGUAGE_FORMS}" in refused.stderr
