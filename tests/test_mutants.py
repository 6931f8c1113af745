"""Hand-computed values that kill the mutants `mutmut` found surviving in the arithmetic
(ledger/progress.py, schedule.py, units.py, numbers.py; see README, "Development")."""

from __future__ import annotations
