"""A target's kind edited in the plan (a running total made an increment, or the reverse) while
the ledger holds entries recorded under the old kind: status would read them the new way (add up
running totals, or take one month's addition for the year's total), a silently wrong figure.
`tracker check` refuses such a ledger wherever an entry recorded what it meant: a month's own
figure beside it (only a running total has one), or a note that calls it a running total
(1—N月累计) or one month's addition (N月新增). Each problem names the target, the entry, its line
and what to do."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import ExitCode, app
from tests.conftest import SHIPPED_PLAN


def _kind(plan: Path, target: str, old: str, new: str) -> None:
    """The plan with ``target``'s kind edited from ``old`` to ``new`` (nothing else changed)."""
    text = plan.read_text(encoding="utf-8")
    start = text.index(f'id = "{target}"')
    at = text.index(f'kind = "{old}"', start)
    plan.write_text(text[:at] + f'kind = "{new}"' + text[at + len(f'kind = "{old}"') :], encoding="utf-8")


def _record(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, ["record", *args])
    assert result.exit_code == 0, result.output
    return result.stdout.split()[1].rstrip(":")  # recorded ID: …


def test_running_totals_with_month_figures_under_a_target_made_an_increment(runner: CliRunner, workdir: Path) -> None:
    first = _record(runner, "industrial-output", "318.6", "-d", "2025-03", "--month-value", "112.4")
    second = _record(runner, "industrial-output", "430.2", "-d", "2025-04", "--month-value", "111.6")
    _kind(workdir / "targets.toml", "industrial-output", "total", "increment")
    check = runner.invoke(app, ["check", "--as-of", "2025-04"])
    assert check.exit_code == ExitCode.ERROR
    lines = check.stderr.splitlines()
    assert [line.split(": ")[2] for line in lines] == [f"entry {first}", f"entry {second}"]
    assert lines[0] == (
        f"error: progress.toml:4: entry {first}: month_value goes with running totals, and 'industrial-output' is "
        "an increment: the entry was recorded as a running total (1—N月累计) beside its month's figure; if "
        "'industrial-output' is published as a running total, make it kind = \"total\" again in targets.toml; "
        f"else withdraw the entry (tracker void {first} --reason …) and record the month's own figure"
    )
    # status refuses too, rather than show 318.6 + 430.2 = 748.8 as the year's output
    status = runner.invoke(app, ["status", "--as-of", "2025-04", "--format", "json"])
    assert status.exit_code == ExitCode.ERROR and status.stdout == ""


def test_noted_running_totals_under_a_target_made_an_increment(runner: CliRunner, workdir: Path) -> None:
    first = _record(runner, "industrial-output", "318.6", "-d", "2025-03", "--note", "1—3月累计")
    second = _record(runner, "industrial-output", "430.2", "-d", "2025-04", "--note", "1—4月累计 初步")
    assert runner.invoke(app, ["check", "--as-of", "2025-04"]).exit_code == 0
    _kind(workdir / "targets.toml", "industrial-output", "total", "increment")
    check = runner.invoke(app, ["check", "--as-of", "2025-04"])
    assert check.exit_code == ExitCode.ERROR
    lines = check.stderr.splitlines()
    assert [line.split(": ")[2] for line in lines] == [f"entry {first}", f"entry {second}"]
    assert lines[0].startswith(
        f"error: progress.toml:4: entry {first}: 318.6 亿元 as of 2025-03-31 is noted as '1—3月累计', a running "
        "total, but 'industrial-output' adds up its entries (kind increment)"
    )
    assert 'or make the target kind = "total" if it is published as a running total' in lines[0]
    assert f"correct it: tracker amend {first} VALUE --reason …" in lines[0]


def test_noted_additions_under_a_target_made_a_running_total(runner: CliRunner, workdir: Path) -> None:
    # 2.5 then 3 万平方米 added: 5.5 in all; read as a running total, the year would stand at 3
    first = _record(runner, "innovation-space", "2.5", "-d", "2025-03", "--note", "3月新增")
    second = _record(runner, "innovation-space", "3", "-d", "2025-04", "--note", "4月新增")
    assert runner.invoke(app, ["check", "--as-of", "2025-04"]).exit_code == 0
    _kind(workdir / "targets.toml", "innovation-space", "increment", "total")
    check = runner.invoke(app, ["check", "--as-of", "2025-04"])
    assert check.exit_code == ExitCode.ERROR
    lines = check.stderr.splitlines()
    assert [line.split(": ")[2] for line in lines] == [f"entry {first}", f"entry {second}"]
    assert lines[1].startswith(
        f"error: progress.toml:15: entry {second}: 3 万平方米 as of 2025-04-30 is noted '4月新增', the month's own "
        "figure, but 'innovation-space' records the running total (1—N月累计)"
    )


@settings(max_examples=20)
@given(
    months=st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=4, unique=True),
    start=st.integers(min_value=100, max_value=400),
)
def test_every_noted_running_total_is_named_once_the_kind_is_an_increment(
    tmp_path_factory: object, months: list[int], start: int
) -> None:
    """Whatever months and (rising) figures, each entry noted 1—N月累计 is named once the target
    adds its entries up."""
    import os

    folder: Path = tmp_path_factory.mktemp("kind")  # type: ignore[attr-defined]
    (folder / "targets.toml").write_text(SHIPPED_PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    runner, here = CliRunner(), os.getcwd()
    os.chdir(folder)
    try:
        ids = [
            _record(runner, "industrial-output", str(start + 100 * m), "-d", f"2025-{m:02d}", "--note", f"1—{m}月累计")
            for m in sorted(months)
        ]
        _kind(folder / "targets.toml", "industrial-output", "total", "increment")
        check = runner.invoke(app, ["check", "--as-of", "2025-12"])
    finally:
        os.chdir(here)
    assert check.exit_code == ExitCode.ERROR
    named = [line.split(": ")[2] for line in check.stderr.splitlines() if "a running total, but" in line]
    assert named == [f"entry {i}" for i in ids]
