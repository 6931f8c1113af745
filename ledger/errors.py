"""Errors raised by the core library, and the :class:`Problem` they carry.

A problem is data: the file, line (or sheet row), the place inside the file, the target and entry
it concerns, what is wrong and how to fix it. ``str(problem)`` is the one line a person reads,
``FILE:LINE: where: message; fix``; ``tracker check --format json`` writes the fields as they are.
"""

import re
from collections.abc import Iterable, Sequence
from difflib import get_close_matches
from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with a plan, a ledger or a sheet.

    ``file`` is the path as given (``None`` for a problem with no file, e.g. an option);
    ``line`` is 1-based (``None`` when unknown); ``row`` is a sheet's row number (import only);
    ``where`` names the place inside the file as a person reads it (``"[plan]"``,
    ``"target 'output'"``, ``"entry 3f9a1c2e"``, ``"row 5"``); ``target`` and ``entry`` are ids
    when the problem concerns one; ``message`` says what is wrong and ``fix`` how to put it right.
    """

    message: str
    file: str | None = None
    line: int | None = None
    where: str | None = None
    target: str | None = None
    entry: str | None = None
    row: int | None = None
    fix: str | None = None

    def __str__(self) -> str:
        parts = []
        if self.file is not None:
            parts.append(f"{self.file}:{self.line}" if self.line else self.file)
        if self.where:
            parts.append(self.where)
        parts.append(self.message)
        return ": ".join(parts) + (f"; {self.fix}" if self.fix else "")

    def to_json(self) -> dict[str, object]:
        """The fields, in the order of ``tracker.problems/1`` (``docs/json.md``)."""
        return {
            "file": self.file,
            "line": self.line,
            "row": self.row,
            "where": self.where,
            "target": self.target,
            "entry": self.entry,
            "message": self.message,
            "fix": self.fix,
            "text": str(self),
        }


class TrackerError(Exception):
    """Base class of every user-facing error of ``ledger``.

    ``str(error)`` is one line per problem; ``problems`` holds them as :class:`Problem` data (one
    made of the message when the error was raised with text alone).
    """

    def __init__(self, message: str | Problem | Iterable[Problem] = "") -> None:
        if isinstance(message, str):
            self.problems = [Problem(message)] if message else []
        elif isinstance(message, Problem):
            self.problems = [message]
        else:
            self.problems = list(message)
        super().__init__("\n".join(str(p) for p in self.problems))


class PlanError(TrackerError):
    """``targets.toml`` is unreadable or invalid.

    ``problems`` holds every problem found, each naming the file, line and key, so a user can fix
    them all in one pass instead of one per run.
    """


class LedgerError(TrackerError):
    """The ledger (``progress.toml``) cannot be read or written, or an entry is invalid.

    ``problems`` holds one :class:`Problem` per entry at fault (file, line, entry id, target).
    """


class EntryError(TrackerError):
    """A new entry (from ``record``, ``amend`` or an imported row) is refused before anything is
    written.

    ``message`` says what is wrong; ``fix`` says how to put it right on the command line
    (``--date 2025-06``), ``sheet_fix`` in a sheet's columns (``None``: ``fix`` fits both).
    """

    def __init__(
        self,
        message: str,
        fix: str | None = None,
        sheet_fix: str | None = None,
        *,
        file: str | None = None,
        target: str | None = None,
    ) -> None:
        self.message, self.fix, self.sheet_fix = message, fix, sheet_fix
        self.file, self.target = file, target
        super().__init__(Problem(message, file=file, target=target, fix=fix))

    def in_sheet(self) -> Problem:
        """The problem as an imported row shows it: the sheet's fix instead of the command line's."""
        fix = self.sheet_fix if self.sheet_fix is not None else self.fix
        return Problem(self.message, file=self.file, target=self.target, fix=fix)


class MissingFigure(EntryError):
    """A figure (or status) the target needs was left out: on the command line, a usage error
    (``tracker record TARGET`` without VALUE), which the CLI reports with exit 2 as it does a
    missing argument; in an imported row, an ordinary refusal of that row."""


class UnknownTarget(EntryError):
    """A target the plan does not define; the message suggests close ids (``hint``, quoted ids
    joined with " or ", when the caller found them by name too; else those close to the id)."""

    def __init__(self, target_id: str, known: Sequence[str], plan_path: str, hint: str | None = None) -> None:
        self.target_id = target_id
        hint = self.hint = suggest(target_id, known) if hint is None else hint
        fix = f"did you mean {hint}?" if hint else "run `tracker targets` to list the ids"
        super().__init__(f"no target {target_id!r}", fix, file=plan_path, target=target_id)


class ImportRefused(TrackerError):
    """An import refused, nothing written: ``problems`` holds every problem found, each with its
    file and row where it has them."""


def toml_problem(error: ValueError, file: str, text: str, offset: int = 0) -> Problem:
    """A TOML syntax error (``TOMLDecodeError`` of tomllib or tomli) as ``FILE:LINE: not valid TOML: …; fix``.

    Both parsers put the place in their message, "(at line 74, column 15)" or "(at end of document)";
    it becomes ``line`` (plus ``offset`` lines that precede ``text`` in the file) and the fix
    names the column.
    """
    message = str(error)
    line: int | None = None
    fix = "fix the TOML syntax"
    if place := re.search(r"\s*\(at line (\d+), column (\d+)\)$", message):
        line, fix = int(place.group(1)) + offset, f"fix the TOML at column {place.group(2)}"
    elif place := re.search(r"\s*\(at end of document\)$", message):
        line, fix = offset + len(text.splitlines()) or None, "fix the TOML at the end of the file"
    if place is not None:
        message = message[: place.start()]
    return Problem(f"not valid TOML: {message}", file=file, line=line, fix=fix)


def suggest(word: str, choices: Sequence[str], n: int = 3, cutoff: float = 0.6) -> str:
    """Close matches of ``word`` among ``choices``, quoted and joined with " or "; "" if none."""
    matches = get_close_matches(word, list(choices), n=n, cutoff=cutoff)
    if not matches:
        # An id typed as a fragment ("output") still deserves a pointer to "industrial-output".
        matches = [c for c in choices if word and word.lower() in c.lower()][:n]
    return " or ".join(repr(m) for m in matches)
