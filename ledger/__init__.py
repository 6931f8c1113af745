"""tracker's core: plans, entries, the ledger, progress arithmetic and renderers (no CLI here).

Typical use::

    plan = load_plan("targets.toml")
    report = evaluate(plan, read_ledger(plan.ledger), as_of=date(2025, 6, 30))

Names are imported on first use (``ledger.evaluate`` loads :mod:`ledger.progress` then), so
that ``import ledger`` costs nothing at start-up. Appending one entry is
:func:`ledger.record.record`: ``ledger.record`` is that module, not the function.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .dates import parse_date
    from .entries import Entry, effective
    from .errors import EntryError, LedgerError, PlanError, Problem, TrackerError, UnknownTarget
    from .ledger_reader import LedgerContents, TornLedger, load_ledger, read_ledger
    from .model import Action, Kind, Milestone, MilestoneStatus, Plan, Status, Target
    from .plan_file import load_plan
    from .progress import StatusReport, TargetProgress, evaluate, evaluate_target
    from .record import build_entry
    from .schedule import expected_progress, months_left
    from .store import append_entries, repair
    from .validate import validate_entries

# Each public name and the module that holds it. Importing ``ledger`` imports none of them: a
# command loads only the modules it uses (start-up is most of a command's time).
_HOME = {
    "parse_date": "dates",
    "Entry": "entries",
    "effective": "entries",
    "EntryError": "errors",
    "LedgerError": "errors",
    "PlanError": "errors",
    "Problem": "errors",
    "TrackerError": "errors",
    "UnknownTarget": "errors",
    "LedgerContents": "ledger_reader",
    "TornLedger": "ledger_reader",
    "load_ledger": "ledger_reader",
    "read_ledger": "ledger_reader",
    "Action": "model",
    "Kind": "model",
    "Milestone": "model",
    "MilestoneStatus": "model",
    "Plan": "model",
    "Status": "model",
    "Target": "model",
    "load_plan": "plan_file",
    "StatusReport": "progress",
    "TargetProgress": "progress",
    "evaluate": "progress",
    "evaluate_target": "progress",
    "build_entry": "record",
    "expected_progress": "schedule",
    "months_left": "schedule",
    "append_entries": "store",
    "repair": "store",
    "validate_entries": "validate",
}


def __getattr__(name: str) -> object:
    """``ledger.NAME`` imports NAME's module on first use."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'ledger' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__version__ = "0.1.0"

__all__ = [
    "Action",
    "Entry",
    "EntryError",
    "Kind",
    "LedgerContents",
    "LedgerError",
    "Milestone",
    "MilestoneStatus",
    "Plan",
    "PlanError",
    "Problem",
    "Status",
    "StatusReport",
    "Target",
    "TargetProgress",
    "TornLedger",
    "TrackerError",
    "UnknownTarget",
    "append_entries",
    "build_entry",
    "effective",
    "evaluate",
    "evaluate_target",
    "expected_progress",
    "load_ledger",
    "load_plan",
    "months_left",
    "parse_date",
    "read_ledger",
    "repair",
    "validate_entries",
]  # fmt: skip
