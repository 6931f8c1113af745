"""What record, amend, void and import say when they succeed, in the reader's language
("recorded 115ede2cd7: industrial-output = 318.6 亿元 as of 2025-03-31" / "已记录 115ede2cd7：…")."""

from __future__ import annotations

from ..entries import Entry
from ..numbers import counted
from .labels import MILESTONE, say
from .text import amount


def describe(entry: Entry, lang: str) -> str:
    """One entry in a line: target, value (or status) in the unit stored, as-of date, what it corrects."""
    if entry.void:
        return say(lang, "entry_withdraws", target=entry.target, corrects=entry.corrects)
    if entry.value is not None:
        what = amount(entry.value, entry.unit)
    else:
        what = MILESTONE[lang][entry.status] if entry.status is not None else ""
    if entry.milestone:
        what += f" ({entry.milestone})"
    if entry.period is not None:
        what += f" ({say(lang, 'assessed', year=entry.period)})"
    text = say(lang, "entry_line", target=entry.target, what=what, when=entry.date.isoformat())
    return text + (say(lang, "entry_corrects", corrects=entry.corrects) if entry.corrects else "")


def recorded(entry: Entry, lang: str) -> str:
    """The confirmation of record, amend and void."""
    return say(lang, "recorded_entry", id=entry.id, what=describe(entry, lang))


def entries(n: int, lang: str) -> str:
    """ "3 entries" / "3 条"."""
    return counted(n, "entry") if lang == "en" else say(lang, "n_entries", n=n)


def imported(n: int, name: str, path: str, lang: str) -> str:
    """The confirmation of import."""
    return say(lang, "imported_entries", entries=entries(n, lang), name=name, path=path)


def dry_run(n: int, path: str, lang: str) -> str:
    """What a dry run of import says on stderr."""
    return say(lang, "dry_run", entries=entries(n, lang), path=path)


def future(day: str, lang: str) -> str:
    """The note on an entry dated after today."""
    return say(lang, "future_entry", day=day)
