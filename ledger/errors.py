"""Errors raised by the core library.

Every error carries a message meant for a person: it names the file (and line, target or key
where known) and says how to fix the problem. The command line prints ``str(error)`` as one line
on stderr and exits 1; no traceback is shown for these.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import get_close_matches


class TrackerError(Exception):
    """Base class of every user-facing error of ``ledger``.

    ``str(error)`` is one line (or, for :class:`PlanError`, one line per problem).
    """


class PlanError(TrackerError):
    """``targets.toml`` is unreadable or invalid.

    ``problems`` holds one message per problem found, each naming the file, line and key, so a
    user can fix them all in one pass instead of one per run.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class LedgerError(TrackerError):
    """The ledger (``progress.toml``) cannot be read or written, or an entry is invalid."""


class EntryError(TrackerError):
    """A new entry (from ``record``) is refused before anything is written."""


class UnknownTarget(EntryError):
    """A target id that the plan does not define; the message suggests close ids."""

    def __init__(self, target_id: str, known: Sequence[str], plan_path: str) -> None:
        self.target_id = target_id
        hint = suggest(target_id, known)
        fix = f"did you mean {hint}?" if hint else "run `tracker targets` to list the ids"
        super().__init__(f"{plan_path}: no target {target_id!r}; {fix}")


def suggest(word: str, choices: Sequence[str], n: int = 3, cutoff: float = 0.6) -> str:
    """Close matches of ``word`` among ``choices``, quoted and joined with " or "; "" if none."""
    matches = get_close_matches(word, list(choices), n=n, cutoff=cutoff)
    if not matches:
        # An id typed as a fragment ("output") still deserves a pointer to "industrial-output".
        matches = [c for c in choices if word and word.lower() in c.lower()][:n]
    return " or ".join(repr(m) for m in matches)
