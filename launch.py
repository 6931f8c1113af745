"""The ``tracker`` command: the cycle collector paused, then :func:`cli.main`.

A run is short and leaves little cyclic garbage, while its start-up creates a few hundred
thousand objects (Typer, Rich, the plan) that every automatic collection walks again: pausing
the collector saves about a twentieth of ``tracker status``'s start-up (``bench/startup.py``),
and peak memory stayed the same on the largest runs measured (``status`` on 100,000 entries,
``import`` of 20,000 rows). It is paused here, the console script's entry point, rather than in
:mod:`cli`, so that importing ``cli`` (as the tests do) leaves the importing process as it was.
"""

import gc


def main() -> None:
    """Run ``tracker`` (its arguments in ``sys.argv``) with the cycle collector paused."""
    gc.disable()
    from cli import main as run

    run()
