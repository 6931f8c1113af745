"""What ``tracker import --dry-run --show json`` writes: the ``tracker.dry-run/1`` document, the
entries an import would record, each with the row it came from and how it was read. Nothing was
written, so no entry has an id or a time recorded yet."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..entries import Entry
from ..errors import Problem
from ..readings import Reading
from .json_doc import _json_fields, notes_json
from .readings_text import how_read

DRY_RUN_SCHEMA = "tracker.dry-run/1"


def dry_run_document(
    ledger: str,
    file: str,
    entries: list[Entry],
    readings: Sequence[Reading],
    restored: bool = False,
    notes: Sequence[Problem] = (),
) -> dict[str, Any]:
    """The ``tracker.dry-run/1`` document: ``ledger`` (the path the entries would go to), ``file``
    (the sheet as named, ``<stdin>`` for ``-``), ``written`` (always ``false``) and ``entries[]``
    in the sheet's order, each with the ledger's fields (``id`` and ``recorded`` ``null``: given
    when written, unless ``restored``: the rows carried their own, as an export's do), then ``row`` (the sheet's
    row, ``null`` when unknown) and ``read`` (how it was read, as the English text lines say it:
    data for programs, whatever the language); last, ``notes``: what the import notes of the sheet
    (columns not used, rows passed over), which ``--show json`` carries instead of stderr."""
    read = readings if len(readings) == len(entries) else [None] * len(entries)
    out = []
    for e, r in zip(entries, read, strict=True):
        fields = _json_fields(e)
        if not restored:
            fields["id"] = fields["recorded"] = None
        out.append(
            {**fields, "row": r.row if r is not None else None, "read": how_read(e, r) if r is not None else None}
        )
    return {"schema": DRY_RUN_SCHEMA, "ledger": ledger, "file": file, "written": False, "entries": out,
            "notes": notes_json(notes)}  # fmt: skip
