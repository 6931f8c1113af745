"""Last year's ledger (``previous_ledger``) read for its figures: 同比 in the reports, each
``previous`` (上年实绩) held against its final figure by ``check``, ``init --from``'s
``previous``. Its digest chain is verified first, as ``check`` verifies this year's
(:func:`ledger.chain.verify`): after January only the new plan is checked, so an edit of last
year's ledger would otherwise reach this year's reports unseen. A broken chain is named (the
file, the line, the entry) and none of that ledger's figures is used until it is restored.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from .entries import Entry
from .errors import Problem
from .model import Plan


class LastYear(NamedTuple):
    """Last year's ledger as read for its figures: its ``entries`` (empty when its chain is
    broken, so that no figure of it is used) and ``broken``, the entry that no longer matches
    its digest as a problem naming the file, line and entry, or ``None``."""

    entries: list[Entry]
    broken: Problem | None


def chain_problem(path: Path, entries: Sequence[Entry], withheld: str, check_with: str | None = None) -> Problem | None:
    """The first entry of last year's ledger at ``path`` (its ``entries`` in file order) that
    no longer matches its digest, as a problem saying that ``withheld`` (what its figures were
    read for: ``"同比"``) is not given from it, and to restore it;
    ``check_with`` is the command that checks last year's plan, when known. ``None`` when its
    chain is whole."""
    from .chain import verify

    problem = verify(entries).problem(str(path))
    if problem is None:
        return None
    then = f", then `{check_with}`" if check_with else ", then check it with last year's plan"
    return problem._replace(
        message=f"{problem.message}; this is last year's ledger, none of whose figures is used for {withheld} "
        "until it is restored",
        fix=f"restore {path} from its backup or from git (git diff shows the edit){then}; never copy a figure "
        "from it into this plan meanwhile",
    )


def checked_with(plan: Plan, path: Path) -> str | None:
    """The command that checks last year's plan, whose ledger is ``path`` (``plan``'s
    ``previous_ledger``): ``tracker check --targets FILE``, when one plan file names it."""
    from .neighbour_plans import previous_plan_file, targets_option

    found = previous_plan_file(plan) if path == plan.previous_ledger else None
    return None if found is None else f"tracker check {targets_option(found)}"


def read_last_year(plan: Plan, path: Path, withheld: str) -> LastYear:
    """Last year's ledger at ``path`` (``plan``'s ``previous_ledger``, or the one given for it),
    read (:func:`ledger.load_ledger`) and its chain verified (:func:`chain_problem`). Raises
    :class:`~ledger.errors.LedgerError` when it cannot be read."""
    from .ledger_reader import load_ledger

    entries = load_ledger(path).entries
    broken = chain_problem(path, entries, withheld, checked_with(plan, path))
    return LastYear([] if broken is not None else entries, broken)
