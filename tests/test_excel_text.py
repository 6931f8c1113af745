"""The CSV tracker writes for Excel: cells reach Excel meaning what they say (text Excel would turn
into a number, a date or a time, ``1/3``, ``3-1``, ``1234e56789``, ``00123``, ``1月3日``, is
kept text, and a milestone target's count of steps is written ``1 of 3``; import reads every
guarded cell back unchanged), and its columns are what a script can rely on: the same in every
language but ``status_label``, the as-of day on every row, a gap rounded as JSON's."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.exporting import to_toml
from ledger.formulas import for_csv, reads_as_number_or_date, restore
from tests.helpers import entry


def out(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def rows_of(text: str) -> dict[str, dict[str, str]]:
    return {r["id"]: r for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))}


def test_a_milestone_count_in_status_csv_is_not_a_date(runner: CliRunner, workdir: Path) -> None:
    """One of cluster-zones' three steps done: JSON keeps "1/3"; the CSV, which Excel would read
    as 3 January (1月3日 on a Chinese Windows), says "1 of 3"."""
    done = ["record", "cluster-zones", "done", "--milestone", "semiconductor", "--date", "2025-07"]
    assert runner.invoke(app, done).exit_code == 0
    assert runner.invoke(app, ["status", "--as-of", "2025-08", "-o", "status.csv", "--lang", "zh"]).exit_code == 0
    row = rows_of((workdir / "status.csv").read_text(encoding="utf-8"))["cluster-zones"]
    assert (row["current"], row["progress"], row["status"]) == ("1 of 3", "0.3333", "on_track")
    doc = json.loads(runner.invoke(app, ["status", "--as-of", "2025-08", "--format", "json"]).stdout)
    zones = next(t for a in doc["actions"] for t in a["targets"] if t["id"] == "cluster-zones")
    assert zones["current"] == "1/3"


def test_status_csv_keeps_number_and_date_like_text_text(runner: CliRunner, workdir: Path) -> None:
    plan = workdir / "targets.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('name = "工业总产值"', 'name = "00123"', 1), encoding="utf-8"
    )
    record = ["record", "industrial-output", "628.32", "-d", "2025-06", "-n", "3-1"]
    assert runner.invoke(app, record).exit_code == 0
    row = rows_of(runner.invoke(app, ["status", "--as-of", "2025-06", "--format", "csv"]).stdout)["industrial-output"]
    assert (row["name"], row["note"], row["current"], row["current_date"]) == ("'00123", "'3-1", "628.32", "2025-06-30")


def test_export_csv_keeps_fragile_ids_text_and_reads_back(runner: CliRunner, workdir: Path) -> None:
    """Entry ids are ten hex digits: 1234e56789 is 1.23E+59 to Excel and 0123456789 loses its 0;
    a note 1/3 is a date. The CSV guards each; import takes the apostrophe off again."""
    entries = [
        entry("innovation-space", date(2025, 4, 30), "12.5", note="1/3")._replace(id="1234e56789"),
        entry("innovation-space", date(2025, 5, 31), "3", n=1)._replace(id="0123456789"),
    ]
    (workdir / "progress.toml").write_text(to_toml(entries), encoding="utf-8")
    assert runner.invoke(app, ["export", "--format", "csv", "-o", "backup.csv"]).exit_code == 0
    rows = list(csv.DictReader(io.StringIO((workdir / "backup.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert [(r["id"], r["note"], r["date"], r["value"]) for r in rows] == [
        ("'1234e56789", "'1/3", "2025-04-30", "12.5"),
        ("'0123456789", "", "2025-05-31", "3"),
    ]
    result = runner.invoke(app, ["import", "backup.csv", "--ledger", "restored.toml"])
    assert result.exit_code == 0, result.output
    back = runner.invoke(app, ["export", "--format", "jsonl", "--ledger", "restored.toml"]).stdout.splitlines()
    assert [(json.loads(line)["id"], json.loads(line)["note"]) for line in back] == [
        ("1234e56789", "1/3"),
        ("0123456789", None),
    ]


def test_department_csv_guards_text_cells(runner: CliRunner, workdir: Path) -> None:
    plan = workdir / "targets.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('name = "工业总产值"', 'name = "1/3"', 1), encoding="utf-8"
    )
    result = runner.invoke(
        app, ["sheet", "--all", "--month", "2025-06", "--format", "csv", "-o", "s.csv", "--lang", "zh"]
    )
    assert result.exit_code == 0, result.output
    lines = (workdir / "s.csv").read_text(encoding="utf-8-sig").splitlines()
    assert any(line.startswith("'1/3,") and ",industrial-output," in line for line in lines)


def test_csv_columns_but_status_label_do_not_follow_the_language(runner: CliRunner, workdir: Path) -> None:
    """docs/json.md: only status_label is in the report's language. action_name was the English
    name where the locale was not Chinese (cron's bare environment) while name stayed Chinese."""
    out(runner, "record", "industrial-output", "628.32", "--date", "2025-06")
    at = ("status", "--as-of", "2025-06", "--format", "csv")
    zh = list(csv.reader(io.StringIO(out(runner, *at, "--lang", "zh"), newline="")))
    en = list(csv.reader(io.StringIO(out(runner, *at, "--lang", "en"), newline="")))
    bare = list(csv.reader(io.StringIO(out(runner, *at, env={"LANG": "C", "TRACKER_LANG": ""}), newline="")))
    label = zh[0].index("status_label")
    assert bare == en
    assert [[c for i, c in enumerate(r) if i != label] for r in zh] == [
        [c for i, c in enumerate(r) if i != label] for r in en
    ]
    assert (zh[2][label], en[2][label]) == ("略滞后", "at risk")
    doc = json.loads(out(runner, "status", "--as-of", "2025-06", "--format", "json"))
    assert {r[1] for r in en[1:] if r[0] == "industry"} == {doc["actions"][0]["name"]} == {"产业能级“提质”行动"}


def test_status_csv_says_its_as_of_day_on_every_row(runner: CliRunner, workdir: Path) -> None:
    rows = list(csv.reader(io.StringIO(out(runner, "status", "--as-of", "2025-08-15", "--format", "csv"))))
    assert rows[0][-1] == "as_of" and len(rows) == 20
    assert {r[-1] for r in rows[1:]} == {"2025-08-15"}


def test_status_csv_gap_is_rounded_as_json_at_the_tolerance(runner: CliRunner, workdir: Path) -> None:
    """611.99 of 1360 at the end of June: −0.050007 behind schedule, behind (tolerance 5)."""
    out(runner, "record", "industrial-output", "611.99", "--date", "2025-06")
    row = rows_of(out(runner, "status", "--as-of", "2025-06", "--format", "csv"))["industrial-output"]
    assert (row["gap"], row["status"]) == ("-0.0501", "behind")


EXCEL_READS = [
    "1/3", "3-1", "2025-06", "1234e56789", "1E5", "00123", "0123456789", "1,200", "12:30", "5%", "(5)",
    "1.5", "2025", "1月3日", "2025年1月", "Jan-25", "1-Jan", "Mar 2025", " 7 ",
]  # fmt: skip
STAYS_TEXT = [
    "2025年",
    "1 of 3",
    "industrial-output",
    "工业总产值",
    "1—6月累计",
    "3月15日前报送",
    "in_progress",
    "亿元",
    "1/3 个",
]


def test_what_excel_would_turn_into_a_number_or_date() -> None:
    assert [t for t in EXCEL_READS if not reads_as_number_or_date(t)] == []
    assert [t for t in STAYS_TEXT if reads_as_number_or_date(t)] == []
    assert [for_csv(t) for t in ("1/3", "=1+1", "-5", "/", "x")] == ["'1/3", "'=1+1", "'-5", "'/", "x"]


# The family: numbers and dates as people write them, with separators, signs, zeros and exponents.
_digits = st.text(alphabet="0123456789", min_size=1, max_size=6)
number_or_date = st.one_of(
    st.tuples(_digits, st.sampled_from("/-.:"), _digits).map("".join),
    st.tuples(_digits, st.sampled_from("/-"), _digits, st.sampled_from("/-"), _digits).map("".join),
    st.tuples(_digits, st.sampled_from("eE"), _digits).map("".join),
    st.tuples(st.just("0"), _digits).map("".join),
    st.tuples(_digits, st.just("%")).map("".join),
    st.tuples(st.integers(1, 12), st.integers(1, 31)).map(lambda md: f"{md[0]}月{md[1]}日"),
    st.tuples(st.integers(1990, 2100), st.integers(1, 12)).map(lambda ym: f"{ym[0]}年{ym[1]}月"),
)


@given(number_or_date)
def test_every_number_or_date_form_reaches_excel_as_text(text: str) -> None:
    guarded = for_csv(text)
    assert guarded == "'" + text and restore(guarded) == text


@given(st.text(max_size=20))
def test_import_reads_every_guarded_text_back(text: str) -> None:
    assert restore(for_csv(text)) == text
