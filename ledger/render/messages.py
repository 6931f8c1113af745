"""What record, amend, void and import say when they succeed, in Chinese for a Chinese reader
("已记录 115ede2cd7：industrial-output = 318.6 亿元，截至 2025-03-31"); the English wording lives
with the command line. Like the English, a confirmation names the unit stored and, where it
differs from the target's, the figure in the target's unit."""

from __future__ import annotations

import contextlib

from .. import units
from ..entries import Entry
from .labels import MILESTONE, n_entries, say
from .text import amount


def unit_note(entry: Entry, target_unit: str | None, origin: str | None, lang: str) -> str:
    """Where the stored unit came from (``origin``: "target", "corrected", "column"; ``None`` or
    "given" for the user's own) and the figure in the target's unit when that differs:
    "（按指标单位）", "（= 318.6 亿元）"."""
    notes = []
    if entry.value is None or entry.unit is None:
        return ""
    if origin in ("target", "corrected", "column"):
        notes.append(say(lang, f"unit_from_{origin}"))
    if target_unit is not None and units.canonical(entry.unit) != target_unit:
        with contextlib.suppress(units.UnitError):
            notes.append("= " + amount(units.convert(entry.value, entry.unit, target_unit), target_unit))
    return say(lang, "unit_note", notes=say(lang, "clause_sep").join(notes)) if notes else ""


def describe(entry: Entry, lang: str, target_unit: str | None = None, origin: str | None = None) -> str:
    """One entry in a line: target, value (or status) in the unit stored, as-of date, what it corrects."""
    if entry.void:
        return say(lang, "entry_withdraws", target=entry.target, corrects=entry.corrects)
    if entry.value is not None:
        what = amount(entry.value, entry.unit)
    else:
        # In English the status as it is typed (--status in_progress), as the command line echoes it.
        what = "" if entry.status is None else entry.status.value if lang == "en" else MILESTONE[lang][entry.status]
    if entry.milestone:
        what += f" ({entry.milestone})"
    if entry.period is not None:
        what += f" ({say(lang, 'assessed', year=entry.period)})"
    text = say(lang, "entry_line", target=entry.target, what=what, when=entry.date.isoformat())
    text += unit_note(entry, target_unit, origin, lang)
    text += say(lang, "entry_corrects", corrects=entry.corrects) if entry.corrects else ""
    return text + (say(lang, "entry_forced") if entry.forced else "")


def recorded(entry: Entry, lang: str, target_unit: str | None = None, origin: str | None = None) -> str:
    """The confirmation of record, amend and void."""
    return say(lang, "recorded_entry", id=entry.id, what=describe(entry, lang, target_unit, origin))


def imported(
    n: int,
    name: str,
    path: str,
    lang: str,
    units_given: int = 0,
    figures: int = 0,
    units_headed: int = 0,
    *,
    sheet: bool = True,
    units_stated: int = 0,
    units_signed: int = 0,
) -> str:
    """The confirmation of import, with how many figures came in the sheet's unit column (or,
    for a file that is no sheet, ``sheet=False``: the unit given in each row), in the unit its
    headers give, in the unit stated above the table (a unit line, the title), in % by a sign
    in the cell, and in their target's unit."""
    parts = []
    if units_given:
        parts.append(say(lang, "n_in_column" if sheet else "n_in_row", n=units_given))
    if units_headed:
        parts.append(say(lang, "n_in_header_unit", n=units_headed))
    if units_stated:
        parts.append(say(lang, "n_in_stated_unit", n=units_stated))
    if units_signed:
        parts.append(say(lang, "n_in_percent_sign", n=units_signed))
    if own := figures - units_given - units_headed - units_stated - units_signed:
        parts.append(say(lang, "n_in_target_unit", n=own))
    text = say(lang, "imported_entries", entries=n_entries(n, lang), name=name, path=path)
    return text + (say(lang, "unit_note", notes=say(lang, "list_sep").join(parts)) if parts else "")


def dry_run(n: int, path: str, lang: str) -> str:
    """What a dry run of import says on stderr."""
    return say(lang, "dry_run", entries=n_entries(n, lang), path=path)


def future(day: str, lang: str) -> str:
    """The note on an entry dated after today."""
    return say(lang, "future_entry", day=day)
