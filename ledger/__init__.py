"""tracker's core: plans, entries, the ledger, progress arithmetic and renderers (no CLI here).

Typical use::

    plan = load_plan("targets.toml")
    report = evaluate(plan, read_ledger(plan.ledger), as_of=date(2025, 6, 30))
"""

from .dates import parse_date
from .entries import Entry, effective
from .errors import EntryError, LedgerError, PlanError, Problem, TrackerError, UnknownTarget
from .model import Action, Kind, Milestone, MilestoneStatus, Plan, Status, Target
from .plan_file import load_plan
from .progress import StatusReport, TargetProgress, evaluate, evaluate_target
from .record import build_entry, record
from .schedule import expected_progress, months_left
from .store import LedgerContents, TornLedger, append_entries, load_ledger, read_ledger, repair
from .validate import validate_entries

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
    "record",
    "repair",
    "validate_entries",
]  # fmt: skip
