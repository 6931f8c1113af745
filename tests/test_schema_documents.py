"""docs/json.md promises that real output validates against the shipped JSON Schemas. Every
`$ref` in every schema resolves, and the documents of every command that writes JSON validate,
with notes and without, with problems and without: a `$ref` only followed for a non-empty array
(`notes`) is otherwise never exercised. Commands without a schema of their own (show, due, log,
targets, import --dry-run) carry notes of the same shape, a problem of `tracker.problems/1`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from referencing import Registry
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012
from typer.testing import CliRunner

from cli import app
from tests.conftest import ROOT

SCHEMAS = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "docs" / "schema").glob("*.json"))}
BY_ID = {schema["$id"]: schema for schema in SCHEMAS.values()}
REGISTRY = Registry().with_resources((i, DRAFT202012.create_resource(s)) for i, s in BY_ID.items())
# A note of any document: a problem of tracker.problems/1 (docs/json.md, "notes").
NOTE = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": "tracker.problems/1#/$defs/problem"}
OUTSIDE = "9999-12-31 is outside the plan period 2025-01-01 to 2025-12-31"
TORN = "the last entry is incomplete (a write was cut short); it is left out"


def refs(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def validate(doc: dict[str, Any]) -> None:
    """``doc`` against the schema its ``schema`` key names, where one is shipped; its notes
    against a problem's shape in any case."""
    name = doc["schema"]
    if name in BY_ID:
        jsonschema.Draft202012Validator(BY_ID[name], registry=REGISTRY).validate(doc)
    notes = jsonschema.Draft202012Validator(NOTE, registry=REGISTRY)
    for note in doc["notes"]:
        notes.validate(note)


def document(runner: CliRunner, *args: str, code: int = 0) -> dict[str, Any]:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (args, result.output)
    doc: dict[str, Any] = json.loads(result.stdout)
    validate(doc)
    return doc


@pytest.fixture
def recorded(runner: CliRunner, workdir: Path) -> Path:
    for args in (["industrial-output", "318.6", "-d", "2025-03"], ["national-rank", "75", "-d", "2025-06"]):
        assert runner.invoke(app, ["record", *args]).exit_code == 0
    return workdir


def tear(folder: Path) -> None:
    """The ledger ends in an entry a crash cut short (no `recorded`)."""
    ledger = folder / "progress.toml"
    text = ledger.read_text(encoding="utf-8")
    ledger.write_text(text + '\n[[entry]]\nid = "cut0000001"\ntarget = "industrial-output"\n', encoding="utf-8")


def dangling(schema: dict[str, Any], registry: Registry[Any]) -> list[str]:
    """The ``$ref`` values of ``schema`` that lead nowhere (``$id`` its base, ``registry`` the other schemas)."""
    resolver = registry.resolver(base_uri=schema["$id"])
    missing = []
    for ref in refs(schema):
        try:
            resolver.lookup(ref)
        except Unresolvable:  # PointerToNowhere among them
            missing.append(ref)
    return missing


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_ref_of_every_schema_resolves(name: str) -> None:
    schema = SCHEMAS[name]
    jsonschema.Draft202012Validator.check_schema(schema)
    assert any(True for _ in refs(schema)), name
    assert dangling(schema, REGISTRY) == []


def test_a_dangling_ref_is_caught() -> None:
    """The check above fails on the defect it guards against: a $defs entry referred to, never defined."""
    schema = {"$id": "broken/1", "$defs": {"note": {"properties": {"file": {"$ref": "#/$defs/text"}}}}}
    registry: Registry[Any] = Registry().with_resource("broken/1", DRAFT202012.create_resource(schema))
    assert dangling(schema, registry) == ["#/$defs/text"]


def test_status_documents_validate_with_and_without_notes(runner: CliRunner, recorded: Path) -> None:
    plain = document(runner, "status", "--format", "json", "--as-of", "2025-06-30")
    assert plain["notes"] == [] and plain["summary"]["no_data"] == 17  # 19 targets, two with a figure
    outside = document(runner, "status", "--format", "json", "--as-of", "9999-12-31")
    assert [n["message"] for n in outside["notes"]] == [OUTSIDE]
    grouped = document(runner, "status", "--format", "json", "--as-of", "9999-12-31", "--by", "owner")
    assert grouped["owners"] is not None and len(grouped["notes"]) == 1
    since = document(runner, "status", "--format", "json", "--as-of", "2025-06-30", "--since", "2025-04-30")
    assert since["since"] == "2025-04-30"
    tear(recorded)
    torn = document(runner, "status", "--format", "json", "--as-of", "2025-06-30")
    [note] = torn["notes"]
    assert (note["file"], note["entry"], note["message"]) == ("progress.toml", "cut0000001", TORN)
    assert isinstance(note["line"], int) and note["line"] > 1


def test_check_documents_validate_with_and_without_problems_and_notes(runner: CliRunner, recorded: Path) -> None:
    clean = document(runner, "check", "--format", "json", "--as-of", "2025-06-30")
    assert (clean["valid"], clean["problems"], clean["notes"]) == (True, [], [])
    noted = document(runner, "check", "--format", "json", "--as-of", "9999-12-31")
    assert (noted["valid"], [n["message"] for n in noted["notes"]]) == (True, [OUTSIDE])
    # 318.6 of 1360 亿元 is 0.2343 against 0.25 at its date, 2025-03-31; both at risk, in plan order
    failing = document(runner, "check", "--format", "json", "--as-of", "2025-06-30", "--fail-on", "at_risk", code=3)
    assert [(o["id"], o["status"]) for o in failing["offenders"]] == [
        ("national-rank", "at_risk"),
        ("industrial-output", "at_risk"),
    ]
    tear(recorded)
    broken = document(runner, "check", "--format", "json", "--as-of", "2025-06-30", code=1)
    assert (broken["valid"], [p["entry"] for p in broken["problems"]], broken["notes"]) == (False, ["cut0000001"], [])
    both = document(runner, "check", "--format", "json", "--as-of", "9999-12-31", code=1)
    assert (len(both["problems"]), [n["message"] for n in both["notes"]]) == (1, [OUTSIDE])
    (recorded / "targets.toml").write_text("version = 1\n[plan]\n", encoding="utf-8")  # stops at the plan
    plan = document(runner, "check", "--format", "json", code=1)
    assert (plan["as_of"], plan["valid"], plan["problems"][0]["file"]) == (None, False, "targets.toml")


@pytest.mark.parametrize(
    ("args", "schema", "notes"),
    [
        (("show", "industrial-output", "--format", "json", "--as-of", "{as_of}"), "tracker.show/2", [OUTSIDE, TORN]),
        (("due", "--format", "json", "--as-of", "{as_of}"), "tracker.due/3", [TORN]),  # due counts to any day
        (("log", "--format", "json"), "tracker.log/1", [TORN]),
    ],
)
def test_other_documents_carry_notes_of_a_problems_shape(
    runner: CliRunner, recorded: Path, args: tuple[str, ...], schema: str, notes: list[str]
) -> None:
    """No notes, then a torn ledger end (with an --as-of outside the plan where the command takes one)."""
    inside = document(runner, *(a.format(as_of="2025-06-30") for a in args))
    assert (inside["schema"], inside["notes"]) == (schema, [])
    tear(recorded)
    noted = document(runner, *(a.format(as_of="9999-12-31") for a in args))
    assert sorted(n["message"] for n in noted["notes"]) == sorted(notes)


def test_a_dry_runs_and_the_targets_documents_validate(runner: CliRunner, workdir: Path) -> None:
    sheet = ROOT / "examples" / "department-2025-08-illustrative.csv"
    dry = document(runner, "import", str(sheet), "--encoding", "gb18030", "--dry-run", "--show", "json")
    assert (dry["schema"], [n["text"] for n in dry["notes"]]) == (
        "tracker.dry-run/1",
        [f"{sheet}: columns not used: 序号"],
    )
    targets = runner.invoke(app, ["targets", "--format", "json"])
    assert targets.exit_code == 0 and json.loads(targets.stdout)["schema"] == "tracker.targets/2"


def objects(node: object) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if "properties" in node:
            yield node
        for value in node.values():
            yield from objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from objects(value)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_key_a_schema_lists_is_required(name: str) -> None:
    """A field that does not apply is null, never missing (docs/json.md): a schema that lists a
    key as optional would let a document drop it unnoticed."""
    for node in objects(SCHEMAS[name]):
        assert node.get("required") == list(node["properties"]), node.get("title", node["properties"].keys())
