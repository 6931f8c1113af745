"""The ``tracker`` command: the cycle collector paused, then :func:`cli.main`, then a quick exit.

A run is short and leaves little cyclic garbage, while its start-up creates a few hundred
thousand objects (Typer, Rich, the plan) that every automatic collection walks again: pausing
the collector saves about a twentieth of ``tracker status``'s start-up (``bench/startup.py``),
and peak memory stayed the same on the largest runs measured (``status`` on 100,000 entries,
``import`` of 20,000 rows). It is paused here, the console script's entry point, rather than in
:mod:`cli`, so that importing ``cli`` (as the tests do) leaves the importing process as it was.

Once the command has finished, everything it wrote is on disk (the ledger and every file are
written, flushed and synced, and the lock released, before :func:`cli.main` returns): what is
left is to free every object one by one, which for an import of 20,000 rows was about a
twentieth of the run. The standard streams are flushed and the process ends there, as the
operating system frees the memory whole. An uncaught exception is not a finished command: it
goes to Python's usual handling (its traceback, its exit).
"""

import gc
import os
import sys


def main() -> None:
    """Run ``tracker`` (its arguments in ``sys.argv``) with the cycle collector paused, and end
    the process when it has finished, with its exit status."""
    gc.disable()
    from cli import main as run

    try:
        run()
    except SystemExit as done:
        _leave(done.code)
    _leave(0)


def _leave(code: object) -> None:
    """Flush stdout and stderr and end the process with ``code`` as :func:`sys.exit` would
    read it (``None`` is 0; a text is printed on stderr and is 1), without freeing objects."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started with it closed (>&-): nothing was written to it
            continue
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # a reader that went away (quiet, as cli.main), or closed already
            pass
        except OSError as e:  # what the command wrote did not all arrive: say so, as cli.main does
            if stream is sys.stdout and sys.stderr is not None:
                from cli_env import OutputFailed, output_failure

                failure = output_failure(e)
                if isinstance(failure, OutputFailed):
                    sys.stderr.write(failure.message + "\n")  # flushed next, as stderr's turn
            status = status or 1
    os._exit(status)
