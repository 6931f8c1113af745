"""Last year's ledger is read for figures (同比, each ``previous`` held against its final
figure, ``init --from``'s ``previous``) only once its digest chain verifies, as ``check``
verifies this year's: an edit of 2025's ledger is named by 2026's ``check`` and reports, and none
of its figures is used (ledger.previous_ledger; docs/files.md, "Evidence that nobody edited
history")."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger import Entry
from ledger.blocks import HEADER, entry_blocks
from ledger.chain import chained
from ledger.model import Plan
from ledger.previous_ledger import read_last_year
from tests.test_corrections import recorded_id, run

CST = timezone(timedelta(hours=8))
PLAN_2026 = ("--targets", "targets-2026.toml")


def next_year(runner: CliRunner, workdir: Path) -> tuple[str, str]:
    """2025's ledger (March 318.6, December 1341.05), 2026's plan from it (goals as 2025's) with
    March 2026's 330; the ids of 2025's two entries."""
    march = recorded_id(run(runner, "record", "industrial-output", "318.6", "--date", "2025-03"))
    december = recorded_id(run(runner, "record", "industrial-output", "1341.05", "--date", "2025-12"))
    assert run(runner, "init", "--from", "targets.toml", "--year", "2026").exit_code == 0
    plan = workdir / "targets-2026.toml"
    text = re.sub(r"# target = … +# 2025.s goal was ([0-9.]+).*", r"target = \1", plan.read_text(encoding="utf-8"))
    plan.write_text(re.sub(r"(?m)^source = .*", 'source = "test"', text), encoding="utf-8")
    recorded_id(run(runner, "record", "industrial-output", "330", "--date", "2026-03", *PLAN_2026))
    assert run(runner, "check", *PLAN_2026).exit_code == 0
    return march, december


def yoy(runner: CliRunner) -> tuple[object, list[str]]:
    doc = json.loads(run(runner, "status", *PLAN_2026, "--as-of", "2026-03", "--format", "json").stdout)
    [target] = [t for t in doc["actions"][0]["targets"] if t["id"] == "industrial-output"]
    return target["yoy"], [n["entry"] for n in doc["notes"]]


def test_an_edit_of_last_years_march_is_named_and_no_yoy_given(runner: CliRunner, workdir: Path) -> None:
    march, _ = next_year(runner, workdir)
    before, notes = yoy(runner)
    assert isinstance(before, dict) and before["previous"] == 318.6 and notes == []
    ledger = workdir / "progress.toml"
    genuine = ledger.read_text(encoding="utf-8")
    ledger.write_text(genuine.replace("value = 318.6\n", "value = 290\n"), encoding="utf-8")
    checked = run(runner, "check", *PLAN_2026)
    assert checked.exit_code == 1
    assert checked.stderr == (
        f"error: progress.toml:4: entry {march}: no longer matches its digest: it, or the entry before it, was "
        "changed, inserted, removed or moved since tracker wrote it; this is last year's ledger, none of whose "
        "figures is used for 同比 or to check each previous (上年实绩) until it is restored; restore progress.toml "
        "from its backup or from git (git diff shows the edit), then `tracker check --targets targets.toml`; "
        "never copy a figure from it into this plan meanwhile\n"
    )
    assert yoy(runner) == (None, [march])  # 同比 against 290 would read +13.8 % where it is +3.6 %
    ledger.write_text(genuine, encoding="utf-8")
    assert run(runner, "check", *PLAN_2026).exit_code == 0 and yoy(runner) == (before, [])


def test_an_edit_of_last_years_december_is_never_advised_into_the_plan(runner: CliRunner, workdir: Path) -> None:
    _, december = next_year(runner, workdir)
    ledger = workdir / "progress.toml"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("value = 1341.05\n", "value = 1300\n"), "utf-8")
    checked = run(runner, "check", *PLAN_2026)
    assert checked.exit_code == 1
    [line] = checked.stderr.splitlines()
    assert line.startswith(f"error: progress.toml:14: entry {december}: no longer matches its digest")
    assert "write previous" not in line and "tracker amend" not in line
    # nor is the next year's plan written from it
    (workdir / "targets-2026.toml").unlink()
    refused = run(runner, "init", "--from", "targets.toml", "--year", "2026")
    assert refused.exit_code == 1 and f"entry {december}: no longer matches its digest" in refused.stderr
    assert not (workdir / "targets-2026.toml").exists()


PLAN = Plan(Path("targets-2026.toml"), "p", "p", date(2026, 1, 1), date(2026, 12, 31), Path("p.toml"), (), ())


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 8), st.data())
def test_any_changed_figure_of_last_year_withholds_all_of_it(n: int, data: st.DataObject) -> None:
    """Whichever entry of last year's ledger is changed, and to whatever figure, that entry is
    named and no entry of the ledger is given for figures; unchanged, every one is."""
    import tempfile

    when = datetime(2026, 1, 5, 9, 0, tzinfo=CST)
    entries = chained(
        "",
        [
            Entry(f"e{i:09d}", "industrial-output", date(2025, 1 + i, 28), when, value=Decimal(100 + i), unit="亿元")
            for i in range(n)
        ],
    )
    at = data.draw(st.integers(0, n - 1))
    figure = data.draw(st.integers(0, 10_000).filter(lambda v: v != 100 + at))
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "progress.toml"
        path.write_text(HEADER + entry_blocks(entries), encoding="utf-8")
        whole = read_last_year(PLAN, path, "同比")
        assert whole.broken is None and [e.id for e in whole.entries] == [e.id for e in entries]
        text = path.read_text(encoding="utf-8").replace(f"value = {100 + at}\n", f"value = {figure}\n")
        path.write_text(text, encoding="utf-8")
        edited = read_last_year(PLAN, path, "同比")
        assert edited.entries == [] and edited.broken is not None
        assert edited.broken.entry == f"e{at:09d}" and edited.broken.file == str(path)
