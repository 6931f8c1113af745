"""The ``tracker`` command line: parses arguments, calls ``ledger``, prints. Nothing else.

Data goes to stdout, messages to stderr. Exit codes are :class:`ExitCode`.
"""

# No `from __future__ import annotations` here: Typer would then evaluate every parameter's
# annotation from text at each start-up, a fifth of what `tracker status` costs beyond its libraries.
import functools
import gc
import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

import ledger
from ledger.errors import PlanError, TrackerError
from ledger.formats import OutputFormat, ReportFormat


class ExitCode(IntEnum):
    """What ``tracker`` exits with (README, "Exit codes")."""

    OK = 0
    ERROR = 1  # invalid data or a failed operation; one line on stderr says what and how to fix
    USAGE = 2  # wrong arguments or options
    CONDITION = 3  # `check --fail-on` found a target at or below the given status


class Format(StrEnum):
    """Output formats of ``status`` and ``targets``."""

    table = "table"
    json = "json"


class Lang(StrEnum):
    """Language of headers, statuses and names."""

    zh = "zh"
    en = "en"


class FailOn(StrEnum):
    """Status at or below which ``check --fail-on`` exits 3."""

    at_risk = "at_risk"
    behind = "behind"


app = typer.Typer(
    name="tracker",
    help="Track a development plan's targets: record progress, see what is done, on schedule or behind.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., Any])


def _parse_date(text: str | None, option: str, first: bool = False) -> date | None:
    if text is None:
        return None
    try:
        return ledger.parse_date(text, first)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint=f"'{option}'") from None


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"


def _text(value: str | None) -> str | None:
    """An option's text, with an empty one meaning "not given"."""
    return value.strip() or None if value is not None else None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tracker {ledger.__version__}")
        raise typer.Exit()


TargetsOpt = Annotated[
    Path,
    typer.Option("--targets", envvar="TRACKER_TARGETS", help="The plan file.", show_default=True),
]
LedgerOpt = Annotated[
    Path | None,
    typer.Option(
        "--ledger", envvar="TRACKER_LEDGER", help="The ledger file [default: the plan's, or progress.toml beside it]."
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="Date to report at: 2025-06-30, 2025-06 or 2025Q2 [default: today, within the plan period]."
    ),
]
LangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", help="Language of the output [default: TRACKER_LANG, then the locale]."),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Track a development plan's targets: record progress, see what is done, on schedule or behind."""


def _errors(func: F) -> F:
    """Turn the core's errors into one line each on stderr and exit 1: no tracebacks for users."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PlanError as e:
            for problem in e.problems:
                _err(f"error: {problem}")
            raise typer.Exit(ExitCode.ERROR) from None
        except TrackerError as e:
            for line in str(e).splitlines():
                _err(f"error: {line}")
            raise typer.Exit(ExitCode.ERROR) from None

    return wrapper  # type: ignore[return-value]


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _lang(lang: Lang | None, to_file: bool = False) -> str:
    """--lang, else TRACKER_LANG, else the locale (zh* is Chinese, anything else English); and
    English where stdout cannot encode Chinese at all (PYTHONIOENCODING=ascii) unless the output
    goes to a file, which is always UTF-8."""
    if lang is not None:
        chosen = lang.value
    else:
        chosen = "en"
        for var in ("TRACKER_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
            value = os.environ.get(var, "").strip().lower()
            if value[:2] in ("zh", "en"):
                chosen = value[:2]
                break
            if value and var != "TRACKER_LANG":
                break
    if chosen == "zh" and not to_file and not _can_encode("中文"):
        return "en"
    return chosen


def _can_encode(text: str) -> bool:
    try:
        text.encode(getattr(sys.stdout, "encoding", None) or "utf-8")
        return True
    except (UnicodeEncodeError, LookupError):
        return False


def _today(plan: ledger.Plan) -> date:
    return _now(plan).date()


def _now(plan: ledger.Plan) -> datetime:
    if plan.timezone:
        from zoneinfo import ZoneInfo

        return datetime.now(ZoneInfo(plan.timezone)).replace(microsecond=0)
    return datetime.now().astimezone().replace(microsecond=0)


def _ledger_path(plan: ledger.Plan, option: Path | None) -> Path:
    return option if option is not None else plan.ledger


def _console() -> Any:
    """A Rich console on stdout: colour only on a terminal and never with NO_COLOR; 80 columns in pipes."""
    from rich.console import Console

    tty = sys.stdout.isatty()
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and 20 <= int(columns) <= 1000:
        width = int(columns)
    elif tty:
        try:
            width = os.get_terminal_size(sys.stdout.fileno()).columns or 80
        except OSError:
            width = 80
    else:
        width = 80  # cron mail and pipes: readable at 80 columns
    return Console(
        file=sys.stdout,
        force_terminal=tty,
        # NO_COLOR (no-color.org) set and not empty: no styling at all, bold included.
        color_system="auto" if tty and not os.environ.get("NO_COLOR") else None,
        width=width,
        highlight=False,
        emoji=False,
        markup=False,
    )


def _unicode_ok() -> bool:
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    return encoding.startswith("utf")


def _entries(
    plan: ledger.Plan,
    path: Path,
    whole: bool = False,
    against_plan: bool = True,
    creating: bool = False,
    remember: bool = False,
) -> list[ledger.Entry]:
    """The ledger's entries, checked against the plan (not for amend, void and log: they are how
    a wrong entry is found and put right). A torn tail left by a crash is reported and left out,
    or, with ``whole`` (for commands that must see everything), refused."""
    if not path.exists() and path != plan.ledger and not creating:  # a --ledger or TRACKER_LEDGER naming nothing
        if not path.parent.is_dir():
            raise ledger.LedgerError(f"{path}: folder {path.parent} does not exist; fix --ledger or TRACKER_LEDGER")
        _err(f"note: no ledger at {path} yet; `tracker record` starts one")
    contents = ledger.load_ledger(path, remember=remember)
    entries = contents.complete() if whole else contents.entries
    # The entries live until the command ends: keep the cycle collector from walking them again.
    gc.freeze()
    if (warning := contents.warning()) is not None:
        _err(warning)
    if against_plan:
        ledger.validate_entries(plan, entries, path)
    return entries


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file instead of stdout, whole or not at all; its extension sets the format "
        "when --format is not given; - is stdout.",
        show_default=False,
    ),
]


def _report(plan: ledger.Plan, path: Path, as_of: str | None) -> ledger.StatusReport:
    return ledger.evaluate(plan, _entries(plan, path), _as_of(plan, as_of))


def _as_of(plan: ledger.Plan, as_of: str | None) -> date:
    """--as-of, else today within the plan period; a date outside the period is noted."""
    day = _parse_date(as_of, "--as-of")
    if day is None:
        return plan.clamp(_today(plan))
    if not plan.start <= day <= plan.end:
        _err(f"note: {day} is outside the plan period {plan.start} to {plan.end}; figures are as at the period's edge")
    return day


def _emit(text: str, output: Path | None, bom: bool = False, html: bool = False) -> None:
    """Text to stdout, or whole to ``output``. Where stdout cannot carry the text (an ASCII
    locale), HTML uses character references and anything else is refused rather than mangled."""
    if output is None:
        if not _can_encode(text):
            if not html:
                encoding = getattr(sys.stdout, "encoding", "?")
                raise ledger.TrackerError(
                    f"stdout ({encoding}) cannot carry this text; write it to a file with --output FILE"
                )
            text = text.encode("ascii", "xmlcharrefreplace").decode("ascii")
        _write(text)
        return
    from ledger.output import write_atomic

    write_atomic(output, text, bom=bom)
    _done(f"wrote {output}")


def _done(message: str) -> None:
    """A success note for a person at a terminal; cron mails only what goes wrong."""
    if sys.stderr.isatty():
        _err(message)


def _output(output: Path | None, plan: ledger.Plan, ledger_file: Path, fmt: Any = None) -> Path | None:
    """--output checked: ``-`` means stdout; never the plan, the ledger or its lock; and a file
    name whose extension says another format than --format is refused."""
    if output is None or str(output) == "-":
        return None
    if not output.name or output.is_dir():
        raise typer.BadParameter(f"{str(output)!r} is not a file name", param_hint="'--output'")
    target = output.resolve()
    protected = {plan.path.resolve(): "the plan", ledger_file.resolve(): "the ledger"}
    protected[Path(str(ledger_file.resolve()) + ".lock")] = "the ledger's lock"
    if target in protected:
        raise typer.BadParameter(
            f"{output} is {protected[target]}; write the output elsewhere", param_hint="'--output'"
        )
    if fmt is not None:
        from ledger.formats import OUTPUT_EXTENSIONS, format_for

        said = format_for(output, OUTPUT_EXTENSIONS)
        if said is not None and said.value != getattr(fmt, "value", fmt):
            raise typer.BadParameter(
                f"{output.name} says {said.value}, but --format is {getattr(fmt, 'value', fmt)}",
                param_hint="'--output'",
            )
    return output


def _format(fmt: Any, output: Path | None, choices: type[Any], default: Any) -> Any:
    """--format, else the --output file's extension, else ``default``."""
    if fmt is not None:
        return fmt
    if output is not None:
        from ledger.formats import OUTPUT_EXTENSIONS, format_for

        found = format_for(output, OUTPUT_EXTENSIONS)
        if found is not None and found.value in choices.__members__:
            return choices(found.value)
        if found is not None:
            names = ", ".join(sorted(x for x, f in OUTPUT_EXTENSIONS.items() if f.value in choices.__members__))
            raise typer.BadParameter(f"this command writes {names} files, not {output.suffix}", param_hint="'--output'")
        raise typer.BadParameter(f"cannot tell the format from {output.name!r}; give --format", param_hint="'--output'")
    return default


def _document(
    targets: Path, ledger_path: Path | None, output: Path | None, fmt: Any, choices: type[Any], default: Any
) -> tuple[ledger.Plan, Path, Path | None, Any]:
    """The plan, its ledger, the checked --output and the format, for commands that write a document."""
    plan = ledger.load_plan(targets)
    path = _ledger_path(plan, ledger_path)
    output = _output(output, plan, path, fmt)
    return plan, path, output, _format(fmt, output, choices, default)


@app.command()
@_errors
def status(
    targets: TargetsOpt = Path("targets.toml"),
    ledger_path: LedgerOpt = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format", "-f", help="Output format [default: table, or --output's extension].", show_default=False
        ),
    ] = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """The progress table, grouped by action: goal, current, progress, expected progress, status, forecast."""
    plan, path, output, fmt = _document(targets, ledger_path, output, fmt, OutputFormat, OutputFormat.table)
    report = _report(plan, path, as_of)
    if fmt is OutputFormat.table and output is None:
        from ledger.render.table import print_to, status_table

        console = _console()
        table, needed = status_table(report, _lang(lang), console.width, unicode=_unicode_ok())
        print_to(console, table, needed)
        return
    from ledger.formats import RenderOptions
    from ledger.render import render_status

    unicode = output is not None or _unicode_ok()
    options = RenderOptions(lang=_lang(lang, to_file=output is not None), width=80, unicode=unicode)
    _emit(render_status(report, fmt, options), output, bom=fmt is OutputFormat.csv, html=fmt is OutputFormat.html)


@app.command()
@_errors
def report(
    targets: TargetsOpt = Path("targets.toml"),
    ledger_path: LedgerOpt = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format", "-f", help="Document format [default: markdown, or --output's extension].", show_default=False
        ),
    ] = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """The monthly report: summary, the targets behind schedule first with their gaps, then each action."""
    plan, path, output, fmt = _document(targets, ledger_path, output, fmt, ReportFormat, ReportFormat.markdown)
    from ledger.formats import RenderOptions
    from ledger.render import render_report

    options = RenderOptions(lang=_lang(lang, to_file=output is not None))
    entries = _entries(plan, path)
    day = _as_of(plan, as_of)
    report = ledger.evaluate(plan, entries, day)
    series = {}
    if fmt is ReportFormat.html:  # the HTML report ends with a chart of each target with figures
        from ledger.series import monthly

        by_target: dict[str, list[ledger.Entry]] = {}
        for e in ledger.effective(entries):
            by_target.setdefault(e.target, []).append(e)
        series = {
            t.target.id: monthly(plan, t.target, by_target[t.target.id], day)
            for t in report.targets
            if t.entries and t.target.kind in (ledger.Kind.TOTAL, ledger.Kind.INCREMENT)
        }
    _emit(render_report(report, fmt, options, series), output, html=fmt is ReportFormat.html)


@app.command(context_settings={"ignore_unknown_options": True})
@_errors
def record(
    target: Annotated[str, typer.Argument(help="Target id (see `tracker targets`).")],
    value: Annotated[
        str | None,
        typer.Argument(help="The figure, e.g. 318.6 or -4.6; for a milestone, its status.", show_default=False),
    ] = None,
    day: Annotated[
        str | None,
        typer.Option("--date", "-d", help="As-of date of the figure: 2025-03-31, 2025-03 or 2025Q1 [default: today]."),
    ] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="Unit the figure is in [default: the target's].")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", "-n", help="A note, e.g. 1—3月累计.")] = None,
    source: Annotated[str | None, typer.Option("--source", "-s", help="Where the figure comes from.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who records it [default: your login name].")] = None,
    state: Annotated[
        str | None,
        typer.Option("--status", help="Milestone status: not_started, in_progress, done or blocked."),
    ] = None,
    milestone: Annotated[
        str | None, typer.Option("--milestone", "-m", help="Which milestone the status is for.")
    ] = None,
    month_value: Annotated[
        str | None,
        typer.Option(
            "--month-value",
            help="With a running total (1–N月累计): the month's own figure (当月); `tracker check` adds them up.",
        ),
    ] = None,
    entry_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            help="The entry's id, as an idempotency key for scripts: run again with the same --id after a "
            "timeout and the entry is recorded once.",
        ),
    ] = None,
    targets: TargetsOpt = Path("targets.toml"),
    ledger_path: LedgerOpt = None,
) -> None:
    """Append an entry: a figure (or a milestone's status) for one target, as of a date."""
    from ledger.record import record as record_entry

    plan = ledger.load_plan(targets)
    entry = record_entry(
        plan,
        _ledger_path(plan, ledger_path),
        target,
        value,
        entry_id=entry_id,
        day=_parse_date(day, "--date") or _today(plan),
        recorded=_now(plan),
        unit=unit,
        status=state,
        milestone=milestone,
        month_value=month_value,
        note=_text(note),
        source=_text(source),
        by=_text(by) or _login(),
    )
    _write(f"recorded {entry.id}: {_describe(entry)}\n")
    if entry.line:
        _err(f"note: entry {entry.id} was recorded before, at {entry.recorded.isoformat()}; nothing new was written")
    if entry.date > _today(plan):
        _err(f"note: {entry.date} is after today; `tracker status` counts this entry from that date on")


def _reason(reason: str | None) -> str:
    if reason is None or not reason.strip():
        raise typer.BadParameter('give the reason, e.g. --reason "核实数"', param_hint="'--reason'")
    return reason.strip()


def _describe(entry: ledger.Entry) -> str:
    from ledger.render.text import amount

    if entry.void:
        return f"{entry.target}: withdraws {entry.corrects}"
    what = amount(entry.value, entry.unit) if entry.value is not None else str(entry.status and entry.status.value)
    if entry.milestone:
        what += f" ({entry.milestone})"
    fixes = f" (corrects {entry.corrects})" if entry.corrects else ""
    return f"{entry.target} = {what} as of {entry.date.isoformat()}{fixes}"


ReasonOpt = Annotated[
    str | None,
    typer.Option("--reason", "-r", help="Why, for the record: e.g. 核实数 or 重复录入. Required.", show_default=False),
]


@app.command(context_settings={"ignore_unknown_options": True})
@_errors
def amend(
    entry_id: Annotated[str, typer.Argument(help="The entry to correct (see `tracker log`).")],
    value: Annotated[str | None, typer.Argument(help="The corrected figure (or status).", show_default=False)] = None,
    reason: ReasonOpt = None,
    day: Annotated[str | None, typer.Option("--date", "-d", help="A corrected as-of date.")] = None,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="The unit of the corrected figure.")] = None,
    note: Annotated[str | None, typer.Option("--note", "-n", help="A new note.")] = None,
    source: Annotated[str | None, typer.Option("--source", "-s", help="A new source.")] = None,
    state: Annotated[str | None, typer.Option("--status", help="A corrected milestone status.")] = None,
    milestone: Annotated[str | None, typer.Option("--milestone", "-m", help="A corrected milestone.")] = None,
    month_value: Annotated[
        str | None, typer.Option("--month-value", help="A corrected month's own figure (当月).")
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who corrects it [default: your login name].")] = None,
    targets: TargetsOpt = Path("targets.toml"),
    ledger_path: LedgerOpt = None,
) -> None:
    """Correct an entry: append one that replaces it in every report. The old one stays in the log."""
    from ledger.corrections import amend as amend_entry

    plan = ledger.load_plan(targets)
    path = _ledger_path(plan, ledger_path)
    fresh = amend_entry(
        plan,
        _entries(plan, path, whole=True, against_plan=False),
        entry_id,
        reason=_reason(reason),
        recorded=_now(plan),
        by=_text(by) or _login(),
        value=value,
        day=_parse_date(day, "--date"),
        unit=unit,
        note=_text(note),
        source=_text(source),
        status=state,
        milestone=milestone,
        month_value=month_value,
        ledger=str(path),
    )
    [written] = ledger.append_entries(path, [fresh])
    _write(f"recorded {written.id}: {_describe(written)}\n")


@app.command()
@_errors
def void(
    entry_id: Annotated[str, typer.Argument(help="The entry to withdraw (see `tracker log`).")],
    reason: ReasonOpt = None,
    by: Annotated[str | None, typer.Option("--by", help="Who withdraws it [default: your login name].")] = None,
    targets: TargetsOpt = Path("targets.toml"),
    ledger_path: LedgerOpt = None,
) -> None:
    """Withdraw an entry: append one that voids it, so no report counts it. It stays in the log."""
    from ledger.corrections import void as void_entry

    plan = ledger.load_plan(targets)
    path = _ledger_path(plan, ledger_path)
    entries = _entries(plan, path, whole=True, against_plan=False)
    withdrawal = void_entry(
        entries, entry_id, reason=_reason(reason), recorded=_now(plan), by=_text(by) or _login(), ledger=str(path)
    )
    [written] = ledger.append_entries(path, [withdrawal])
    _write(f"recorded {written.id}: {_describe(written)}\n")


@app.command()
@_errors
def log(
    target: Annotated[str | None, typer.Argument(help="Only this target's entries.", show_default=False)] = None,
    since: Annotated[str | None, typer.Option("--since", help="Only entries as of this date or later.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Only entries as of this date or earlier.")] = None,
    show_all: Annotated[
        bool, typer.Option("--all", "-a", help="Also superseded and withdrawn entries, with their corrections.")
    ] = False,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
    targets: TargetsOpt = Path("targets.toml"),
    ledger_path: LedgerOpt = None,
) -> None:
    """The entries in as-of order: value, note, source, who recorded it and when."""
    from ledger.history import history

    plan = ledger.load_plan(targets)
    if target is not None:
        plan.target(target)  # an unknown id is an error, with suggestions, not an empty log
    path = _ledger_path(plan, ledger_path)
    start, end = _parse_date(since, "--since", first=True), _parse_date(until, "--until")
    if start and end and start > end:
        raise typer.BadParameter(f"--since {since} comes after --until {until}", param_hint="'--since'")
    rows = history(
        _entries(plan, path, against_plan=False),
        target=target,
        since=start,
        until=end,
        include_all=show_all,
    )
    if fmt is Format.json:
        from ledger.render.json_doc import dumps, log_document

        _write(dumps(log_document(str(path), rows), ascii_only=not _unicode_ok()))
        return
    if not rows:
        _err(f"no entries in {path}" + (" for these filters" if target or since or until else ""))
        return
    from ledger.render.table import log_table, print_to

    print_to(_console(), log_table(rows, _lang(lang)))


def _login() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers and services
        return "unknown"


@app.command()
@_errors
def show(
    target: Annotated[str, typer.Argument(help="Target id (see `tracker targets`).")],
    targets: TargetsOpt = Path("targets.toml"),
    ledger_path: LedgerOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
) -> None:
    """One target: its definition, progress, a month-by-month chart against expected progress, and its entries."""
    from ledger.history import history
    from ledger.series import monthly

    plan = ledger.load_plan(targets)
    chosen = plan.target(target)
    path = _ledger_path(plan, ledger_path)
    entries = _entries(plan, path)
    day = _as_of(plan, as_of)
    progress = next(t for t in ledger.evaluate(plan, entries, day).targets if t.target.id == chosen.id)
    points = monthly(plan, chosen, entries, day)
    rows = history(entries, target=chosen.id, until=day)
    if fmt is Format.json:
        from ledger.render.json_doc import dumps
        from ledger.render.show import show_document

        _write(dumps(show_document(progress, points, rows, str(path)), ascii_only=not _unicode_ok()))
        return
    from ledger.render.show import show_view
    from ledger.render.table import print_to

    print_to(_console(), show_view(plan, progress, points, rows, _lang(lang), _unicode_ok()))


@app.command()
@_errors
def targets(
    targets: TargetsOpt = Path("targets.toml"),
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
) -> None:
    """The plan's targets: id, name, kind, goal and due date, grouped by action."""
    plan = ledger.load_plan(targets)
    if fmt is Format.json:
        from ledger.render.json_doc import dumps, targets_document

        _write(dumps(targets_document(plan), ascii_only=not _unicode_ok()))
        return
    from ledger.render.table import print_to, targets_table

    print_to(_console(), targets_table(plan, _lang(lang)))


@app.command()
@_errors
def check(
    targets: TargetsOpt = Path("targets.toml"),
    ledger_path: LedgerOpt = None,
    as_of: AsOfOpt = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", help="Exit 3 when any target is at this status or worse (for cron)."),
    ] = None,
    repair: Annotated[
        bool,
        typer.Option(
            "--repair", help="Move an incomplete end (an entry or an import cut short by a crash) into a backup file."
        ),
    ] = False,
    upgrade: Annotated[
        bool,
        typer.Option(
            "--upgrade",
            help="Give every entry a digest, chaining the ledger as it is now (for a ledger written before "
            "digests, or after a change known to be right); the old file stays beside it.",
        ),
    ] = False,
) -> None:
    """Validate the plan and the ledger; with --fail-on, exit 3 if any target is at or below that status."""
    from ledger.chain import verify
    from ledger.store import upgrade as upgrade_ledger

    plan = ledger.load_plan(targets)
    path = _ledger_path(plan, ledger_path)
    if repair and (backup := ledger.repair(path, _now(plan))) is not None:
        _err(f"repaired: moved the incomplete end of {path} into {backup}")
    if upgrade and (done := upgrade_ledger(path, _now(plan))) is not None:
        _err(f"upgraded: {path} is chained ({_count(done[1], 'digest')} written); the old file is {done[0]}")
    entries = _entries(plan, path, whole=True)
    chain = verify(entries)
    if (broken := chain.problem(str(path))) is not None:
        raise ledger.LedgerError(broken)
    if chain.undigested:
        _err(
            f"note: {path}: the first {_count(chain.undigested, 'entry')} were written before digests; "
            "`tracker check --upgrade` gives them one"
        )
    from ledger.consistency import running_total_problems

    sums = running_total_problems(plan, entries)
    if sums:
        raise ledger.LedgerError("\n".join(f"{path}:{e.line}: entry {e.id}: {problem}" for e, problem in sums))
    day = _as_of(plan, as_of)
    report = ledger.evaluate(plan, entries, day)
    # Quiet on success off a terminal, as cron wants; the exit status says it all.
    head = f"; last digest {chain.head}" if chain.head else ""
    _done(f"valid: {plan.path} ({_count(len(plan.targets), 'target')}), {path} ({_count(len(entries), 'entry')}{head})")
    if fail_on is None:
        return
    bad = {ledger.Status.BEHIND} | ({ledger.Status.AT_RISK} if fail_on is FailOn.at_risk else set())
    offending = [t for t in report.targets if t.status in bad]
    from ledger.render.text import literal

    for t in offending:
        name = literal(t.target.name).replace("\n", " ")
        _write(f"{t.status.value}: {t.target.id} ({name})\n")
    if offending:
        raise typer.Exit(ExitCode.CONDITION)


@app.command()
@_errors
def init(
    folder: Annotated[Path, typer.Argument(help="Where to write targets.toml.")] = Path("."),
) -> None:
    """Write a starter targets.toml (one target of each kind, every key explained); never overwrites."""
    from ledger.starter import write_starter

    path = write_starter(folder, date.today().year)
    _done(f"wrote {path}: edit it, then `tracker check` and `tracker record`")


@app.command("import")
@_errors
def import_(
    file: Annotated[str, typer.Argument(help="The sheet: .csv, .xlsx, .jsonl or .toml; - for stdin.")],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="csv, xlsx, jsonl or toml [default: from the file name].", show_default=False
        ),
    ] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="The worksheet of an .xlsx, by name or number.")] = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="The CSV's encoding, e.g. gb18030 as Chinese Excel saves it.")
    ] = None,
    day: Annotated[
        str | None, typer.Option("--date", "-d", help="As-of date for rows without one: 2025-03-31, 2025-03, 2025Q1.")
    ] = None,
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="Name a column: 'HEADER=FIELD' (target, value, month_value, unit, date, note…).",
            show_default=False,
        ),
    ] = None,
    map_file: Annotated[
        Path | None, typer.Option("--map-file", help="A TOML file whose [map] table gives HEADER = FIELD pairs.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and show what would be recorded; write nothing.")
    ] = False,
    allow_duplicates: Annotated[
        bool, typer.Option("--allow-duplicates", help="Record rows the ledger already has (normally refused).")
    ] = False,
    show_format: Annotated[Format, typer.Option("--show", help="How --dry-run shows the entries.")] = Format.table,
    by: Annotated[str | None, typer.Option("--by", help="Who records them [default: your login name].")] = None,
    targets: TargetsOpt = Path("targets.toml"),
    ledger_path: LedgerOpt = None,
    lang: LangOpt = None,
) -> None:
    """Record many entries at once from a sheet, all or nothing: every row is checked first."""
    from ledger import importing, sheets

    if fmt is not None and fmt not in sheets.FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(sheets.FORMATS)}", param_hint="'--format'")
    try:
        pairs = dict(importing.parse_mapping(mapping or []))
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="'--map'") from None
    plan = ledger.load_plan(targets)
    path = _ledger_path(plan, ledger_path)
    name = "<stdin>" if file == "-" else file
    data = _read_input(file)
    kind = sheets.sniff(data) if file == "-" and fmt is None else sheets.format_of(name, fmt)
    if map_file is not None:
        pairs = importing.read_mapping(map_file) | pairs
    existing = _entries(plan, path, whole=True, against_plan=False, creating=True, remember=True)
    is_header = importing.header_test(pairs)
    if kind == "toml":
        from ledger.store import _parse

        parsed = _parse(Path(name), data, whole=False)
        rows = [sheets.Row(e.line, importing.entry_cells(e)) for e in parsed]
        found = {c: c for c in importing.COLUMNS}
    else:
        if kind == "xlsx":
            rows = sheets.read_xlsx(name, data, sheet, is_header)
        elif kind == "jsonl":
            rows = sheets.read_jsonl(name, sheets.decode(name, data, encoding))
        else:
            rows = sheets.read_csv(name, sheets.decode(name, data, encoding), is_header)
        headers = list(dict.fromkeys(h for r in rows for h in r.cells))
        found, ignored = importing.columns(headers, pairs)
        if ignored:
            _err(f"note: {name}: columns not used: {', '.join(ignored)}")
    if not rows:
        raise ledger.TrackerError(f"{name}: no rows of figures under the header")
    with _progress(len(rows), f"checking {name}") as tick:
        outcome = importing.rows_to_entries(
            plan,
            rows,
            found,
            existing=existing,
            default_date=_parse_date(day, "--date"),
            recorded=_now(plan),
            by=_text(by) or _login(),
            spreadsheet=kind in ("csv", "xlsx"),
            progress=tick,
        )
    entries, problems = outcome.entries, outcome.problems
    if outcome.skipped:
        shown = ", ".join(outcome.skipped[:8]) + (" …" if len(outcome.skipped) > 8 else "")
        _err(f"note: {name}: {_count(len(outcome.skipped), 'row')} without a figure passed over: {shown}")
    if not allow_duplicates and not problems:
        problems = importing.duplicates(plan, existing, outcome)
        if problems:
            shown_problems = problems[:20] + ([f"… and {len(problems) - 20} more"] if len(problems) > 20 else [])
            problems = [
                *shown_problems,
                "nothing was imported; was this file imported before? --allow-duplicates records them anyway",
            ]
    if problems:
        if len(problems) > 20 and not problems[-1].startswith("nothing"):
            problems = [*problems[:20], f"… and {len(problems) - 20} more rows with problems"]
        raise importing.ImportError_([f"{name}: {p}" for p in problems])
    if not entries:
        raise ledger.TrackerError(f"{name}: no row has a figure; nothing to import")
    if dry_run:
        from ledger.history import EntryState, LogRow

        preview = [LogRow(e, EntryState.CURRENT) for e in entries]
        if show_format is Format.json:
            from ledger.render.json_doc import dumps, log_document

            _write(dumps(log_document(str(path), preview), ascii_only=not _unicode_ok()))
        else:
            from ledger.render.table import log_table, print_to

            print_to(_console(), log_table(preview, _lang(lang)))
        _err(f"dry run: {_count(len(entries), 'entry')} would be recorded in {path}; nothing was written")
        return
    from ledger.validate import entry_problem

    written = ledger.append_entries(
        path,
        entries,
        check=lambda last: None if last.void else entry_problem(plan, last),
        validate=None if allow_duplicates else importing.refuse_duplicates(plan, outcome.numbers, name),
    )
    _write(f"imported {_count(len(written), 'entry')} from {name} into {path}\n")


def _read_input(file: str) -> bytes:
    if file == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(file).read_bytes()
        except FileNotFoundError:
            raise ledger.TrackerError(f"{file}: no such file") from None
        except OSError as e:
            raise ledger.TrackerError(f"{file}: cannot read: {e.strerror}") from None
    if not data.strip():
        raise ledger.TrackerError(f"{'<stdin>' if file == '-' else file}: the input is empty")
    return data


class _progress:
    """A progress bar on stderr for long imports, only on a terminal; a no-op otherwise."""

    def __init__(self, total: int, label: str) -> None:
        self.total, self.label = total, label
        self.bar: Any = None  # a rich.progress.Progress, imported only when shown

    def __enter__(self) -> Callable[[], None] | None:
        if self.total < 500 or not sys.stderr.isatty():
            return None
        from rich.console import Console
        from rich.progress import Progress

        bar = self.bar = Progress(console=Console(stderr=True), transient=True)
        bar.start()
        task = bar.add_task(self.label, total=self.total)
        return lambda: bar.advance(task)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


@app.command()
@_errors
def export(
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="csv, jsonl, xlsx or toml [default: csv, or --output's extension].",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
    target: Annotated[str | None, typer.Option("--target", help="Only this target's entries.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Only entries as of this date or later.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Only entries as of this date or earlier.")] = None,
    targets: TargetsOpt = Path("targets.toml"),
    ledger_path: LedgerOpt = None,
) -> None:
    """Write the ledger's entries (corrections included) in the columns `tracker import` reads."""
    from ledger import exporting

    plan = ledger.load_plan(targets)
    if target is not None:
        plan.target(target)
    path = _ledger_path(plan, ledger_path)
    output = _output(output, plan, path)
    from ledger.formats import EXPORT_EXTENSIONS, format_for

    said = format_for(output, EXPORT_EXTENSIONS) if output is not None else None
    kind = fmt or (said.value if said else output.suffix.lstrip(".") if output is not None else "csv")
    if kind not in exporting.EXPORT_FORMATS:
        option = "'--format'" if fmt else "'--output'"
        raise typer.BadParameter(f"{kind!r} is not one of csv, jsonl, xlsx, toml", param_hint=option)
    start, end = _parse_date(since, "--since", first=True), _parse_date(until, "--until")
    entries = [
        e
        for e in _entries(plan, path, whole=True, against_plan=False)
        if (target is None or e.target == target)
        and (start is None or e.date >= start)
        and (end is None or e.date <= end)
    ]
    if kind == "xlsx":
        if output is None:
            raise typer.BadParameter(
                "an Excel workbook goes to a file: give --output FILE.xlsx", param_hint="'--output'"
            )
        from ledger.output import write_atomic_bytes

        write_atomic_bytes(output, exporting.to_xlsx(entries))
        _done(f"wrote {output}")
        return
    text = {"csv": exporting.to_csv, "jsonl": exporting.to_jsonl, "toml": exporting.to_toml}[kind](entries)
    _emit(text, output, bom=kind == "csv")


def _degrade_streams() -> None:
    """On a stream that cannot encode Chinese (PYTHONIOENCODING=ascii, a GBK console meeting
    other scripts), show replacement characters instead of dying with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and not (stream.encoding or "").lower().replace("-", "").startswith("utf"):
            stream.reconfigure(errors="replace" if stream is sys.stdout else "backslashreplace")


def main() -> None:
    """Console-script entry point: runs the app, turns a usage error into one line on stderr
    (exit 2), and ends quietly when a pipe closes early."""
    # Typer (held below 0.29, see pyproject.toml) vendors click; its exceptions live here.
    from typer._click import exceptions as click_errors

    _degrade_streams()
    for n, arg in enumerate(sys.argv[1:], 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8 arrive as lone surrogates
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            _err(f"error: argument {n} ({shown}) is not UTF-8 text; type it again in a UTF-8 terminal or locale")
            sys.exit(ExitCode.USAGE)
    try:
        code = app(standalone_mode=False)
    except click_errors.NoArgsIsHelpError as e:
        e.show()
        code = ExitCode.USAGE
    except click_errors.UsageError as e:
        where = e.ctx.command_path if e.ctx is not None else "tracker"
        _err(f"error: {e.format_message().rstrip('.')}; see `{where} --help`")
        code = ExitCode.USAGE
    except typer.Abort:
        _err("aborted")
        code = 130
    except BrokenPipeError:
        # Python's docs ("Note on SIGPIPE"): point stdout at devnull so the exit flush is silent.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = ExitCode.ERROR
    sys.exit(code if isinstance(code, int) else ExitCode.OK)


if __name__ == "__main__":
    main()
