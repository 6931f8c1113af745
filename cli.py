"""The ``tracker`` command line: parses arguments, calls ``ledger``, prints. Nothing else.

Data goes to stdout, messages to stderr. Exit codes are :class:`ExitCode`.
"""

# No `from __future__ import annotations` here: Typer would then evaluate every parameter's
# annotation from text at each start-up, a fifth of what `tracker status` costs beyond its libraries.
import functools
import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

import ledger
from cli_env import (
    LANGUAGE_FORMS,
    LOOKALIKE,
    Environment,
    OutputFailed,
    ReaderGone,
    degrade_streams,
    fill_closed_streams,
    register_lookalikes,
    unshown_note,
)
from ledger.errors import ImportRefused, MissingFigure, TrackerError
from ledger.formats import DepartmentSheetFormat, OutputFormat, ReportFormat
from ledger.model import FailOn
from ledger.numbers import counted

if TYPE_CHECKING:
    from ledger.importing import ImportResult
    from ledger.previous_ledger import LastYear


class ExitCode(IntEnum):
    """What ``tracker`` exits with (README, "Exit codes")."""

    OK = 0
    ERROR = 1  # invalid data or a failed operation; one line on stderr says what and how to fix
    USAGE = 2  # wrong arguments or options
    CONDITION = 3  # `check --fail-on` found a target at or below the given status; `due --fail-on late` a late figure


class Format(StrEnum):
    """Output formats of ``status`` and ``targets``."""

    table = "table"
    json = "json"


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


def _lang_option(value: str | None) -> str | None:
    """--lang read as TRACKER_LANG is (:func:`cli_env.language`), in any of ``LANGUAGE_FORMS``."""
    if value is None:
        return None
    from cli_env import language

    found = language(value)
    if found is None:
        raise typer.BadParameter(f"{value!r} is not a language tracker writes: use {LANGUAGE_FORMS}")
    return found


LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        callback=_lang_option,
        metavar="zh|en",
        help=f"Language of the output: {LANGUAGE_FORMS} [default: TRACKER_LANG, then the locale].",
    ),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
SinceOpt = Annotated[
    str | None,
    typer.Option("--since", help="Show what changed since the report of this date (2025-05-31, 2025-05 or 2025Q2)."),
]
AsRecordedOpt = Annotated[
    bool,
    typer.Option(
        "--as-recorded",
        help="Use only entries recorded by the --as-of date: a past report's figures as they were issued, judged "
        "by the plan file as it is now (tracker keeps no history of the plan: give the plan of that date with "
        "--targets, and --ledger, for the report exactly as issued).",
    ),
]
PreviousLedgerOpt = Annotated[
    Path | None,
    typer.Option(
        "--previous-ledger", help="Last year's ledger, for year on year (同比) [default: the plan's previous_ledger]."
    ),
]
OwnerOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--owner", help="Only targets of this responsible unit (责任单位); repeat for several.", show_default=False
    ),
]
ActionOpt = Annotated[
    list[str] | None,
    typer.Option("--action", help="Only targets of this action id; repeat for several.", show_default=False),
]
TargetFilterOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--target",
        help="Only this target (its id, name or an alias), or an id pattern such as 'invest-*'; repeatable.",
        show_default=False,
    ),
]
TagOpt = Annotated[
    list[str] | None, typer.Option("--tag", help="Only targets with this tag; repeatable.", show_default=False)
]
StatusOpt = Annotated[
    list[str] | None,
    typer.Option("--status", help="Only targets at this status (done, on_track, at_risk, behind, not_achieved, no_data, or the table's label: 略滞后, not met…); repeatable.",
                 show_default=False),
]  # fmt: skip


class GroupBy(StrEnum):
    """What the status table's groups are."""

    action = "action"
    owner = "owner"


def _selection(
    plan: ledger.Plan,
    owner: list[str] | None,
    action: list[str] | None,
    target: list[str] | None,
    tag: list[str] | None,
    status: list[str] | None = None,
) -> Any:
    """The filter options checked against the plan; a name it lacks is a usage error with suggestions."""
    from ledger.filters import SelectionError, selection

    try:
        return selection(
            plan, owners=owner or (), actions=action or (), targets=target or (), tags=tag or (), statuses=status or ()
        )
    except SelectionError as e:
        raise typer.BadParameter(str(e), param_hint=f"'{e.option}'") from None


ForceOpt = Annotated[
    bool,
    typer.Option("--force", help="Keep a figure that the meaning checks refuse (e.g. 10 times the previous reading)."),
]
AllowDuplicatesOpt = Annotated[
    bool,
    typer.Option(
        "--allow-duplicates", help="Record it even if the same target, date and value is already in the ledger."
    ),
]


@app.callback()
def main_options(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Track a development plan's targets: record progress, see what is done, on schedule or behind."""
    if not isinstance(ctx.obj, Environment):  # a test may hand one in: CliRunner.invoke(..., obj=Environment(...))
        ctx.obj = Environment()


def _env() -> Environment:
    """This run's :class:`~cli_env.Environment`, built once by :func:`main_options`."""
    from typer._click.globals import get_current_context

    env = get_current_context().find_root().obj
    if not isinstance(env, Environment):  # a command called without the app's callback
        env = get_current_context().find_root().obj = Environment()
    return env


# The command line's own messages (English: they are for whoever runs the command, like errors).
SAY = {
    "no ledger": "no such ledger (named by --ledger or TRACKER_LEDGER)",
    "no ledger fix": "fix the path, or `tracker record` (or `tracker import`) starts a new ledger there",
    "no ledger folder": "folder {folder} does not exist",
    "fix ledger option": "fix --ledger or TRACKER_LEDGER",
    "outside period": "{day} is outside the plan period {start} to {end}",
    "outside fix": "figures are as at the period's edge",
    "stdout cannot": "stdout ({encoding}) cannot carry this text",
    "use --output": "write it to a file with --output FILE",
    "wrote": "wrote {path}",
    "replaced": "replaced {path}",
    "init from": "give --from this year's plan, e.g. --from targets.toml",
    "no entries": "no entries in {path}",
    "no entries filtered": "no entries in {path} for these filters",
    "repaired": "repaired: moved the incomplete end of {path} into {backup}",
    "upgraded": "upgraded: {path} is chained ({digests} written); the old file is {backup}",
    "upgraded comments": "upgraded: {path} is chained ({digests} written); left out: {comments} from inside "
    "entries, which the rewritten entries have no place for (kept in the old file, {backup})",
    "undigested": "the first {entries} were written before digests; `tracker check --upgrade` gives them one",
    "unpinned": "the first {entries} were written before digests, and the first digest does not "
    "cover them (a tracker older than {since} chained on without them), so an entry put before it by hand would "
    "not show; `tracker check --upgrade` gives them digests and pins them",
    "recorded before": "note: entry {id} was recorded before, at {at}; nothing new was written",
    "valid": "valid: {plan} ({targets}), {ledger} ({entries})",
    "chain_head": "chain: {entries}, last digest {digest}",
    "offender": "{status}: {id} ({name})",
    "imported": "imported {entries} from {name} into {path}",
    "started": "wrote {path}: edit it, then `tracker check` and `tracker record`",
    "next plan": "wrote {path}; still to decide:\n",
    "xlsx to file": "an Excel workbook goes to a file: give --output FILE.xlsx",
    "aborted": "aborted",
}


def _errors(func: F) -> F:
    """Turn the core's errors into one line per problem on stderr and exit 1 (a figure left out of
    the command line: a usage error, exit 2): no tracebacks for users."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except MissingFigure as e:
            # `record TARGET` without VALUE: a missing argument (exit 2), though only the target's kind says so.
            raise _usage(str(e.problems[0])) from None
        except TrackerError as e:
            for problem in e.problems:
                _err(f"error: {problem}")
            raise typer.Exit(ExitCode.ERROR) from None

    return wrapper  # type: ignore[return-value]


def _err(message: str) -> None:
    _env().error(message)


Notes = list[ledger.Problem] | None


def _note(problem: ledger.Problem, notes: Notes, word: str | None = "note") -> None:
    """Something the reader should know that is no error: one line on stderr (after ``word:``),
    or, for a JSON document (``notes`` given, a list that document carries as ``notes``), one
    more of its notes, so that stderr stays empty and a program reads it as data (README, JSON)."""
    if notes is not None:
        notes.append(problem)
    else:
        _err(f"{word}: {problem}" if word else str(problem))


def _write(text: str) -> None:
    _env().write(text)


def _lang(lang: str | None, to_file: bool = False) -> str:
    return _env().lang(lang, to_file)


def _target(plan: ledger.Plan, given: str) -> "ledger.Target":
    """The target a TARGET argument names: its id, name, English name or an alias, as import reads them."""
    from ledger.row_targets import named_target

    return named_target(plan, given.strip())


def _ledger_path(plan: ledger.Plan, option: Path | None) -> Path:
    return option if option is not None else plan.ledger


def _entries(
    plan: ledger.Plan,
    path: Path,
    whole: bool = False,
    against_plan: bool = True,
    creating: bool = False,
    remember: bool = False,
    notes: Notes = None,
) -> list[ledger.Entry]:
    """The ledger's entries, checked against the plan (not for amend, void and log: they are how
    a wrong entry is found and put right). A torn tail left by a crash is warned of (on stderr,
    or into ``notes``: :func:`_note`) and left out, or, with ``whole`` (for commands that must
    see everything), refused."""
    if not path.exists() and not creating and os.path.abspath(path) != os.path.abspath(plan.ledger):
        # A --ledger or TRACKER_LEDGER naming nothing is a typo until shown otherwise: an all-"no
        # data" report with exit 0 would pass unnoticed under cron. (The plan's own ledger not
        # there yet is a fresh plan.)
        if not path.parent.is_dir():
            message, fix = SAY["no ledger folder"].format(folder=path.parent), SAY["fix ledger option"]
        else:
            message, fix = SAY["no ledger"], SAY["no ledger fix"]
        raise ledger.LedgerError(ledger.Problem(message, file=str(path), fix=fix))
    contents = ledger.load_ledger(path, remember=remember)
    entries = contents.complete() if whole else contents.entries
    # The entries live until the command ends: keep the cycle collector from walking them again.
    gc.freeze()
    if (warning := contents.warning()) is not None and contents.torn is not None:
        if notes is None:
            _err(warning)
        else:
            torn = contents.torn.problem(path)
            notes.append(torn._replace(message=f"{torn.message}; it is left out"))
    if against_plan:
        ledger.validate_entries(plan, entries, path)
    return entries


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


def _report(
    plan: ledger.Plan,
    entries: list[ledger.Entry],
    day: date,
    since: str | None,
    as_recorded: bool,
    previous_ledger: Path | None,
    only: str | None = None,
    notes: Notes = None,
) -> "ledger.StatusReport":  # quoted: import needs no ledger.progress
    """The status report as of ``day`` with --since, --as-recorded and 同比 from last year's ledger;
    a note (:func:`_note`) for each ``previous`` that ledger contradicts (of the target ``only``, if given)."""
    from ledger import changes

    previous = previous_ledger or plan.previous_ledger
    before: list[ledger.Entry] = []
    if previous is not None:
        from ledger.previous_ledger import read_last_year

        _refuse_missing_previous(previous)
        before, broken = read_last_year(plan, previous, "同比")
        if broken is not None:  # none of its figures: no 同比, no note on previous
            _note(broken, notes)
        else:
            _note_stale_previous(plan, before, previous, only, notes)
    try:
        return changes.report(
            plan, entries, day, since=_parse_date(since, "--since"), recorded_by=as_recorded, previous_entries=before
        )
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="'--since'") from None


def _note_stale_previous(
    plan: ledger.Plan, before: list[ledger.Entry], previous: Path, only: str | None, notes: Notes = None
) -> None:
    """A note (:func:`_note`) for each ``previous`` (上年实绩) that last year's ledger now contradicts:
    the report shows both figures (上年实绩 and 同比's 上年同期), and says here why they differ."""
    from ledger.checking import stale_problems

    for problem in stale_problems(plan, before, previous):
        if only is None or problem.target == only:
            _note(problem, notes)


def _as_of(plan: ledger.Plan, as_of: str | None, notes: Notes = None) -> date:
    """--as-of, else today within the plan period; a date outside the period is noted (:func:`_note`)."""
    return _day(plan, _parse_date(as_of, "--as-of"), notes)


def _day(plan: ledger.Plan, day: date | None, notes: Notes = None) -> date:
    """An --as-of date already read, else today within the plan period; a date outside the
    period is noted, on stderr or into ``notes`` (:func:`_note`)."""
    if day is None:
        return plan.clamp(_env().today(plan.timezone))
    if not plan.start <= day <= plan.end:
        said = SAY["outside period"].format(day=day, start=plan.start, end=plan.end)
        _note(ledger.Problem(said, fix=SAY["outside fix"]), notes)
    return day


def _emit(text: str, output: Path | None, bom: bool = False, shown: str = "data") -> None:
    """Text to stdout, or whole to ``output``. Where stdout cannot carry the text (an ASCII
    locale), by what it is (``shown``): ``"text"`` for people (a table, Markdown; already in
    English) gets ``?`` for what cannot be shown, ``"html"`` character references, ``"json"``
    ``\\uXXXX`` escapes (the same document), and ``"data"`` (CSV, TOML, read back by programs) is
    refused rather than mangled."""
    env = _env()
    if output is None:
        if not env.can_encode(text):
            if shown == "data":
                message = SAY["stdout cannot"].format(encoding=env.encoding)
                raise ledger.TrackerError(ledger.Problem(message, fix=SAY["use --output"]))
            import codecs

            codecs.register_error("tracker-json", _json_escape)
            register_lookalikes()  # under a runner too, where main() has not registered them
            text = text.encode(env.encoding, _UNSHOWN[shown]).decode(env.encoding)
        env.write(text)
        return
    from ledger.atomic import write_atomic

    write_atomic(output, text, bom=bom)
    env.done(SAY["wrote"].format(path=output))


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    """A character JSON can carry as ``\\uXXXX`` (a surrogate pair beyond the BMP): in JSON text,
    characters beyond ASCII occur only inside strings, so the document stays the same."""
    assert isinstance(error, UnicodeEncodeError)
    out = []
    for ch in error.object[error.start : error.end]:
        code = ord(ch)
        if code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), error.end


# Text for people gets look-alikes (— as -) and ?, counted for the note on stderr, as the table does.
_UNSHOWN = {"text": LOOKALIKE, "html": "xmlcharrefreplace", "json": "tracker-json"}
_SHOWN = {OutputFormat.markdown: "text", OutputFormat.html: "html", OutputFormat.json: "json"}


def _emit_xlsx(report: "ledger.StatusReport", output: Path | None, lang: str) -> None:
    """The status workbook (traffic-light fills) to ``output``; a workbook never goes to stdout."""
    if output is None:
        raise typer.BadParameter(SAY["xlsx to file"], param_hint="'--output'")
    from ledger.atomic import write_atomic_bytes
    from ledger.render.xlsx import status_xlsx

    write_atomic_bytes(output, status_xlsx(report, lang))
    _env().done(SAY["wrote"].format(path=output))


def _output(output: Path | None, plan: ledger.Plan, ledger_file: Path, fmt: Any = None) -> Path | None:
    """--output checked: ``-`` means stdout; never the plan, the ledger or its lock; and a file
    name whose extension says another format than --format is refused."""
    if output is None or str(output) == "-":
        return None
    if not output.name or output.is_dir():
        raise typer.BadParameter(f"{str(output)!r} is not a file name", param_hint="'--output'")
    from ledger.atomic import refuse_device

    refuse_device(output)
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
    since: SinceOpt = None,
    as_recorded: AsRecordedOpt = False,
    previous_ledger: PreviousLedgerOpt = None,
    owner: OwnerOpt = None,
    action: ActionOpt = None,
    target: TargetFilterOpt = None,
    tag: TagOpt = None,
    state: StatusOpt = None,
    by: Annotated[
        GroupBy, typer.Option("--by", help="Group the table by action or by responsible unit.")
    ] = GroupBy.action,
) -> None:
    """The progress table, grouped by action: goal, current, progress, expected progress, status, forecast."""
    from ledger.filters import view

    plan, path, output, fmt = _document(targets, ledger_path, output, fmt, OutputFormat, OutputFormat.table)
    chosen = _selection(plan, owner, action, target, tag, state)
    notes: Notes = [] if fmt is OutputFormat.json else None  # a JSON document carries its notes
    entries = _entries(plan, path, notes=notes)
    day = _as_of(plan, as_of, notes)
    report = view(_report(plan, entries, day, since, as_recorded, previous_ledger, notes=notes), chosen, by.value)
    if fmt is OutputFormat.xlsx:
        _emit_xlsx(report, output, _lang(lang, to_file=True))
        return
    env = _env()
    if fmt is OutputFormat.table and output is None:
        from ledger.render.guidance import next_plan_path, next_steps
        from ledger.render.table import print_to, status_table

        console = env.console()
        language = _lang(lang)
        following = next_plan_path(plan)
        following_written = following if following.exists() else None
        steps = next_steps(plan, env.today(plan.timezone), as_of is not None, len(entries), language, following_written)
        table, needed = status_table(report, language, console.width, unicode=env.unicode, notes=steps)
        print_to(console, table, needed)
        return
    from ledger.formats import RenderOptions
    from ledger.render import render_status

    unicode = output is not None or env.unicode
    options = RenderOptions(lang=_lang(lang, to_file=output is not None), width=80, unicode=unicode)
    _emit(render_status(report, fmt, options, notes or ()), output, fmt is OutputFormat.csv, _SHOWN.get(fmt, "data"))


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
    since: SinceOpt = None,
    as_recorded: AsRecordedOpt = False,
    previous_ledger: PreviousLedgerOpt = None,
    owner: OwnerOpt = None,
    action: ActionOpt = None,
    target: TargetFilterOpt = None,
    tag: TagOpt = None,
    state: StatusOpt = None,
    by: Annotated[
        GroupBy, typer.Option("--by", help="Group the tables by action or by responsible unit.")
    ] = GroupBy.action,
) -> None:
    """The monthly report: summary, the targets behind schedule first with their gaps, then each action."""
    plan, path, output, fmt = _document(targets, ledger_path, output, fmt, ReportFormat, ReportFormat.markdown)
    from ledger.filters import view
    from ledger.formats import RenderOptions
    from ledger.render import render_report

    chosen = _selection(plan, owner, action, target, tag, state)
    options = RenderOptions(lang=_lang(lang, to_file=output is not None))
    entries = _entries(plan, path)
    day = _as_of(plan, as_of)
    report = view(_report(plan, entries, day, since, as_recorded, previous_ledger), chosen, by.value)
    if fmt is ReportFormat.xlsx:
        _emit_xlsx(report, output, options.lang)
        return
    if as_recorded:  # the chart too shows only what was recorded by then
        from ledger.changes import as_recorded as recorded_by
        from ledger.changes import plan_zone

        entries = recorded_by(entries, day, plan_zone(plan))
    series = {}
    if fmt is ReportFormat.html:  # the HTML report ends with a chart of each target with figures
        from ledger.series import report_series

        series = report_series(plan, report, entries)
    _emit(render_report(report, fmt, options, series), output, shown="html" if fmt is ReportFormat.html else "text")


class _TakesNegativeFigures(typer.core.TyperCommand):
    """``record`` and ``amend``: unknown options taken as arguments, so that a figure may be
    -4.6, and then, once the arguments are parsed, any of them (or of the words left over) that
    is an option they lack refused as Click refuses one for every other command
    (:func:`_no_stray_options`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        settings = kwargs.get("context_settings") or {}
        kwargs["context_settings"] = {**settings, "ignore_unknown_options": True, "allow_extra_args": True}
        super().__init__(*args, **kwargs)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        rest = super().parse_args(ctx, args)
        _no_stray_options(ctx, *(ctx.params.get(p.name) for p in self.params if p.param_type_name == "argument"))
        return rest


@app.command(cls=_TakesNegativeFigures)
@_errors
def record(
    target: Annotated[str, typer.Argument(help="The target: its id, name or an alias (see `tracker targets`).")],
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
    period: Annotated[
        str | None,
        typer.Option("--period", help="For a rank: the assessment year its result is for (2025年国考 → 2024)."),
    ] = None,
    force: ForceOpt = False,
    allow_duplicates: AllowDuplicatesOpt = False,
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
    lang: LangOpt = None,
) -> None:
    """Append an entry: a figure (or a milestone's status) for one target, as of a date."""
    from ledger.record import record as record_entry

    plan, env = ledger.load_plan(targets), _env()
    today = env.today(plan.timezone)
    entry = record_entry(
        plan,
        _ledger_path(plan, ledger_path),
        _target(plan, target).id,
        value,
        day=_parse_date(day, "--date") or today,
        recorded=env.now(plan.timezone),
        unit=unit,
        status=state,
        milestone=milestone,
        month_value=month_value,
        period=period,
        note=_text(note),
        source=_text(source),
        by=_text(by) or env.user,
        force=force,
        allow_duplicates=allow_duplicates,
        entry_id=_entry_id(entry_id),
    )
    _say_recorded(entry, plan, "given" if unit is not None else "target", lang)
    if entry.line:
        _err(SAY["recorded before"].format(id=entry.id, at=entry.recorded.isoformat()))
    if entry.date > today:
        from ledger.render.messages import future

        _err(future(entry.date.isoformat(), _lang(lang)))


def _no_stray_options(ctx: Any, *arguments: str | None) -> None:
    """Refuse, as a usage error, an option ``record`` or ``amend`` does not have, taken for one of
    its ``arguments`` or left over in ``ctx.args`` (they take unknown options as arguments, so
    that a figure may be -4.6): said as Click says it for every other command, with the options
    it may have meant (``No such option: --dat (Possible options: --date)``), rather than as a
    figure that is not a number or an extra argument. Other words left over are extra arguments."""
    import re  # loaded already by click; here, as only these two commands need it

    from typer._click.exceptions import NoSuchOption
    from typer._click.utils import _escape_control_characters

    for word in (*arguments, *ctx.args):
        if word is not None and re.fullmatch(r"--[A-Za-z][\w-]*(=.*)?|-[A-Za-z]", word, re.DOTALL):
            name = word.split("=", 1)[0]
            if name.startswith("--"):
                from difflib import get_close_matches

                params = ctx.command.get_params(ctx)
                options = [o for p in params for o in (*p.opts, *p.secondary_opts) if o.startswith("--")]
                raise NoSuchOption(name, possibilities=get_close_matches(name, options), ctx=ctx)
            raise NoSuchOption(name, ctx=ctx)
    if ctx.args:  # what Click says where extra arguments are not allowed
        ctx.fail(f"Got unexpected extra argument(s) ({' '.join(_escape_control_characters(a) for a in ctx.args)})")


def _usage(message: str) -> Exception:
    """A usage error (exit 2, naming the command's ``--help``) that says ``message``."""
    from typer._click.exceptions import UsageError
    from typer._click.globals import get_current_context

    return UsageError(message, get_current_context(silent=True))


def _reason(reason: str | None) -> str:
    if reason is None:
        # Not click's "Invalid value for '--reason'": nothing was given, so say it is missing.
        raise _usage('missing --reason: give the reason, e.g. --reason "核实数"')
    if not reason.strip():
        raise typer.BadParameter('give the reason, e.g. --reason "核实数"', param_hint="'--reason'")
    return reason.strip()


def _entry_id(given: str | None) -> str | None:
    """--id as given, or a usage error (exit 2) when it cannot be an entry id: it is what the
    option says that is wrong, not the data."""
    if given is None:
        return None
    from ledger.record import check_id

    try:
        return check_id(given)
    except TrackerError as e:
        raise typer.BadParameter(str(e.problems[0]), param_hint="'--id'") from None


def _say_recorded(
    entry: ledger.Entry, plan: ledger.Plan | None = None, origin: str | None = None, given: str | None = None
) -> None:
    """The confirmation, in Chinese where --lang (``given``), TRACKER_LANG or the locale says so,
    as the reports are."""
    from ledger.render.messages import recorded

    target_unit = plan.target(entry.target).unit if plan is not None else None
    _env().confirm(recorded(entry, _lang(given), target_unit, origin) + "\n")


ReasonOpt = Annotated[
    str | None,
    typer.Option("--reason", "-r", help="Why, for the record: e.g. 核实数 or 重复录入. Required.", show_default=False),
]


@app.command(cls=_TakesNegativeFigures)
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
    force: ForceOpt = False,
    allow_duplicates: AllowDuplicatesOpt = False,
    targets: TargetsOpt = Path("targets.toml"),
    ledger_path: LedgerOpt = None,
    lang: LangOpt = None,
) -> None:
    """Correct an entry: append one that replaces it in every report. The old one stays in the log.

    A bare VALUE is in the target's unit, as in `record`; --force alone confirms a figure that
    `tracker check` questions."""
    from ledger.corrections import amend as amend_entry
    from ledger.record import lock_checks

    plan, env = ledger.load_plan(targets), _env()
    path = _ledger_path(plan, ledger_path)
    entries = _entries(plan, path, whole=True, against_plan=False)
    _not_in_previous(plan, entries, entry_id, path, "amend")
    fresh = amend_entry(
        plan,
        entries,
        entry_id,
        reason=_reason(reason),
        recorded=env.now(plan.timezone),
        by=_text(by) or env.user,
        value=value,
        day=_parse_date(day, "--date"),
        unit=unit,
        note=_text(note),
        source=_text(source),
        status=state,
        milestone=milestone,
        month_value=month_value,
        ledger_path=str(path),
        force=force,
        allow_duplicates=allow_duplicates,
    )
    # The meaning checks again under the lock: another tracker may have added to the month since.
    under_lock = lock_checks(plan, force=force, allow_duplicates=allow_duplicates, command="amend")
    [written] = ledger.append_entries(path, [fresh], validate=under_lock)
    _say_recorded(written, plan, _amended_unit(unit, value), lang)


def _amended_unit(unit: str | None, value: str | None) -> str:
    """Where an amended figure's unit came from, for its confirmation: the user's --unit, the
    target's (a bare VALUE, as in `record`), or the corrected entry's (no new VALUE)."""
    return "given" if unit is not None else ("target" if value is not None else "corrected")


def _not_in_previous(plan: ledger.Plan, entries: list[ledger.Entry], entry_id: str, path: Path, verb: str) -> None:
    """Refuse, pointing at last year's plan, an id found in its ledger and not in this one."""
    from ledger.neighbour_plans import previous_entry_refusal

    if (refusal := previous_entry_refusal(plan, entries, entry_id, str(path), verb)) is not None:
        raise refusal


@app.command()
@_errors
def void(
    entry_id: Annotated[str, typer.Argument(help="The entry to withdraw (see `tracker log`).")],
    reason: ReasonOpt = None,
    by: Annotated[str | None, typer.Option("--by", help="Who withdraws it [default: your login name].")] = None,
    targets: TargetsOpt = Path("targets.toml"),
    ledger_path: LedgerOpt = None,
    lang: LangOpt = None,
) -> None:
    """Withdraw an entry: append one that voids it, so no report counts it. It stays in the log."""
    from ledger.corrections import void as void_entry

    plan, env = ledger.load_plan(targets), _env()
    path = _ledger_path(plan, ledger_path)
    entries = _entries(plan, path, whole=True, against_plan=False)
    _not_in_previous(plan, entries, entry_id, path, "void")
    withdrawal = void_entry(
        entries,
        entry_id,
        reason=_reason(reason),
        recorded=env.now(plan.timezone),
        by=_text(by) or env.user,
        ledger_path=str(path),
    )
    [written] = ledger.append_entries(path, [withdrawal])
    _say_recorded(written, given=lang)


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
        target = _target(plan, target).id  # an unknown one is an error, with suggestions, not an empty log
    path = _ledger_path(plan, ledger_path)
    start, end = _parse_date(since, "--since", first=True), _parse_date(until, "--until")
    if start and end and start > end:
        raise typer.BadParameter(f"--since {since} comes after --until {until}", param_hint="'--since'")
    notes: Notes = [] if fmt is Format.json else None  # a JSON document carries its notes
    rows = history(
        _entries(plan, path, against_plan=False, notes=notes),
        target=target,
        since=start,
        until=end,
        include_all=show_all,
    )
    if fmt is Format.json:
        from ledger.render.json_doc import dumps, log_document

        _write(dumps(log_document(str(path), rows, notes or ()), ascii_only=not _env().unicode))
        return
    if not rows:
        _err(SAY["no entries filtered" if target or since or until else "no entries"].format(path=path))
        return
    from ledger.render.table import log_table, print_to

    print_to(_env().console(), log_table(rows, _lang(lang)))


@app.command()
@_errors
def show(
    target: Annotated[str, typer.Argument(help="The target: its id, name or an alias (see `tracker targets`).")],
    targets: TargetsOpt = Path("targets.toml"),
    ledger_path: LedgerOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
    previous_ledger: PreviousLedgerOpt = None,
) -> None:
    """One target: its definition, progress, a month-by-month chart against expected progress, and its entries."""
    from ledger.history import history
    from ledger.series import monthly

    plan = ledger.load_plan(targets)
    chosen = _target(plan, target)
    path = _ledger_path(plan, ledger_path)
    notes: Notes = [] if fmt is Format.json else None  # a JSON document carries its notes
    entries = _entries(plan, path, notes=notes)
    day = _as_of(plan, as_of, notes)
    # The report status computes, 同比 included, so that both say the same of the target.
    report = _report(plan, entries, day, None, False, previous_ledger, chosen.id, notes)
    progress = next(t for t in report.targets if t.target.id == chosen.id)
    points = monthly(plan, chosen, entries, day)
    rows = history(entries, target=chosen.id, until=day)
    if fmt is Format.json:
        from ledger.render.json_doc import dumps
        from ledger.render.show import show_document

        document = show_document(progress, points, rows, str(path), as_of=day, notes=notes or ())
        _write(dumps(document, ascii_only=not _env().unicode))
        return
    from ledger.render.show import show_view
    from ledger.render.table import print_to

    print_to(_env().console(), show_view(plan, progress, points, rows, _lang(lang), _env().unicode))


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

        _write(dumps(targets_document(plan), ascii_only=not _env().unicode))
        return
    from ledger.render.table import print_to, targets_table

    table, needed = targets_table(plan, _lang(lang))
    print_to(_env().console(), table, needed)


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
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="table: problems one line each on stderr; json: a tracker.problems/1 document on stdout.",
        ),
    ] = Format.table,
    owner: OwnerOpt = None,
    action: ActionOpt = None,
    target: TargetFilterOpt = None,
    tag: TagOpt = None,
    state: StatusOpt = None,
) -> None:
    """Validate the plan and the ledger; with --fail-on, exit 3 if any target is at or below that status."""
    from ledger.checking import check as check_ledger

    known: dict[str, date] = {}  # the as-of day, once worked out, for a problems document
    notes: Notes = [] if fmt is Format.json else None  # the document's notes: stderr stays empty
    with _problems_as(fmt, fail_on, known, notes):
        plan, env = ledger.load_plan(targets), _env()
        # a day before the plan is refused before --repair or --upgrade writes
        day = _check_day(plan, as_of, known, notes)
        chosen = _selection(plan, owner, action, target, tag, state)
        path = _ledger_path(plan, ledger_path)
        _repair_and_upgrade(path, env.now(plan.timezone), repair, upgrade, notes)
        entries = _checked_entries(plan, path)
        last, before = _last_year(plan)
        # Without --as-of after the plan's end the targets are judged on its last day, but a figure
        # due since is late on the day itself, as `tracker due` counts it.
        late_day = env.today(plan.timezone) if as_of is None else None
        result = check_ledger(plan, path, entries, day, fail_on, chosen, before.entries, last, before.broken, late_day)
        _note_undigested(path, result, notes)
    if notes is None:  # a document says it is valid itself
        _say_valid(plan, path, result)
    code = ExitCode.CONDITION if result.offenders else ExitCode.OK
    with _verdict(code):
        _write_checked(fmt, fail_on, result, day, notes or [])
    if code:
        raise typer.Exit(code)


def _repair_and_upgrade(path: Path, now: datetime, repair: bool, upgrade: bool, notes: Notes) -> None:
    """``check --repair`` and ``--upgrade``: each done on the ledger at ``path`` when asked, and
    what it did noted (on stderr, or into the JSON document's ``notes``)."""
    from ledger.store import upgrade as upgrade_ledger

    if repair and (backup := ledger.repair(path, now)) is not None:
        _note(ledger.Problem(SAY["repaired"].format(path=path, backup=backup)), notes, None)
    if upgrade and (done := upgrade_ledger(path, now)) is not None:
        said = SAY["upgraded comments"] if done.comments_left_out else SAY["upgraded"]
        comments = counted(done.comments_left_out, "comment line")
        digests = counted(done.digests, "digest")
        message = said.format(path=path, digests=digests, comments=comments, backup=done.backup)
        _note(ledger.Problem(message), notes, None)


@contextmanager
def _verdict(code: int) -> Iterator[None]:
    """Write a verdict's output so that its exit ``code`` stands when the reader closes the pipe
    early: ``check --fail-on behind | head -1`` under ``set -o pipefail`` must not read a failed
    check as a pass. Any other command's early close ends with 0 (:func:`main`)."""
    try:
        yield
    except (ReaderGone, BrokenPipeError):
        _quiet_stdout()
        raise typer.Exit(code) from None


def _write_checked(fmt: Format, fail_on: FailOn | None, result: Any, day: date, notes: list[ledger.Problem]) -> None:
    """A valid ledger's ``check`` output: its offenders, and its questions (``notes``, which change
    no exit code), as a ``tracker.problems/1`` document or as lines (offenders on stdout, notes on
    stderr). The document's ``notes`` are the run's own (``notes``: :func:`_note`), then the questions."""
    if fmt is Format.json:
        _write_problems([], fail_on, result.offenders, day, [*notes, *result.notes])
        return
    from ledger.render.text import literal

    for question in result.notes:  # not a problem: the exit code stays the ledger's
        _err(f"note: {question}")
    for t in result.offenders:
        name = literal(t.target.name).replace("\n", " ")
        _write(SAY["offender"].format(status=t.status.value, id=t.target.id, name=name) + "\n")


def _check_day(plan: ledger.Plan, as_of: str | None, known: dict[str, date], notes: Notes = None) -> date:
    """``check``'s day, --as-of read once: :func:`_as_of`'s, kept in ``known`` for a problems
    document as soon as it is known, so that every refusal after the plan's own says the day it
    was checked at. A day before the plan starts (a pass that checked nothing) is refused, the
    day asked kept as the one the refusal is of:
    :func:`ledger.neighbour_plans.before_start_refusal`."""
    from ledger.neighbour_plans import before_start_refusal

    asked = _parse_date(as_of, "--as-of")
    if asked is not None and (problem := before_start_refusal(plan, asked)) is not None:
        known["as_of"] = asked
        raise ledger.LedgerError(problem)
    known["as_of"] = day = _day(plan, asked, notes)
    return day


def _refuse_missing_previous(previous: Path) -> None:
    """Refuse a previous ledger (``--previous-ledger`` or the plan's ``previous_ledger``) that is
    not there, in the one line ``status`` and ``check`` both give."""
    if not previous.exists():  # a device or pipe: load_ledger says which
        problem = ledger.Problem(
            f"{previous}: no such ledger", fix="fix --previous-ledger or the plan's previous_ledger"
        )
        raise ledger.LedgerError(problem)


def _last_year(plan: ledger.Plan) -> tuple[Path | None, "LastYear"]:
    """The plan's ``previous_ledger`` and its entries, for ``check`` to hold each ``previous``
    against, its chain verified (:func:`ledger.previous_ledger.read_last_year`: broken, none of
    its entries); ``None`` and no entries when it names none. A ledger named but not there is a
    problem of the plan, refused as ``status`` refuses it (a check that passes it would pass a
    plan whose 同比 no report can give)."""
    from ledger.previous_ledger import LastYear, read_last_year

    last = plan.previous_ledger
    if last is None:
        return None, LastYear([], None)
    _refuse_missing_previous(last)
    return last, read_last_year(plan, last, "同比 or to check each previous (上年实绩)")


def _checked_entries(plan: ledger.Plan, path: Path) -> list[ledger.Entry]:
    """The whole ledger for ``check``. When it cannot be read whole (an id used twice, a
    correction above what it corrects, an end that reads as torn), an entry that no longer
    matches its digest is named first: the hand edit shows in the chain before what it caused."""
    try:
        return _entries(plan, path, whole=True, against_plan=False)
    except ledger.LedgerError as error:
        from ledger.ledger_reader import chain_break

        if (broken := chain_break(path)) is None or broken in error.problems:
            raise
        raise ledger.LedgerError([broken, *error.problems]) from None


def _note_undigested(path: Path, result: Any, notes: Notes = None) -> None:
    """The note (:func:`_note`) on entries written before digests: covered by the first digest,
    or not (chained on by a tracker older than ``PREFIX_PINNED_SINCE``)."""
    if not result.undigested:
        return
    from ledger.chain import PREFIX_PINNED_SINCE

    key = "unpinned" if result.unpinned and result.head is not None else "undigested"
    since = f"{PREFIX_PINNED_SINCE:%Y-%m-%d}"
    said = SAY[key].format(entries=counted(result.undigested, "entry"), since=since)
    _note(ledger.Problem(said, file=str(path)), notes)


def _say_valid(plan: ledger.Plan, path: Path, result: Any) -> None:
    """On a terminal, that the plan and ledger are valid and the chain's last digest, to be noted
    elsewhere (pinning every entry up to it); quiet off one, as cron wants: the exit status says it all."""
    env = _env()
    targets_n, entries_n = counted(len(plan.targets), "target"), counted(result.entries, "entry")
    env.done(SAY["valid"].format(plan=plan.path, targets=targets_n, ledger=path, entries=entries_n))
    if result.head is not None:
        chained = counted(result.entries - result.undigested, "entry")
        env.done(SAY["chain_head"].format(entries=chained, digest=result.head))


@contextmanager
def _problems_as(fmt: Format, fail_on: FailOn | None, known: dict[str, date], notes: Notes = None) -> Iterator[None]:
    """With ``--format json``, the core's errors become a ``tracker.problems/1`` document on
    stdout (exit 1), its ``as_of`` the day in ``known`` if the run got that far and its ``notes``
    those the run gathered before (``notes``: :func:`_note`); with ``table`` they go to
    :func:`_errors`, one line each on stderr."""
    try:
        yield
    except TrackerError as e:
        if fmt is not Format.json:
            raise
        with _verdict(ExitCode.ERROR):
            _write_problems(e.problems, fail_on, [], known.get("as_of"), notes or [])
        raise typer.Exit(ExitCode.ERROR) from None


def _write_problems(
    problems: list[ledger.Problem],
    fail_on: FailOn | None,
    offenders: list[Any],
    as_of: date | None,
    notes: Sequence[ledger.Problem] = (),
) -> None:
    from ledger.checking import problems_document
    from ledger.render.json_doc import dumps

    doc = problems_document(problems, fail_on, offenders, as_of, notes)
    _write(dumps(doc, ascii_only=not _env().unicode))


@app.command()
@_errors
def init(
    folder: Annotated[
        Path | None,
        typer.Argument(
            help="Where to write the plan [default: with --from, the folder of that plan; else '.'].",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Start from this plan and its ledger: writes targets-YEAR.toml for --year beside it (or into folder).",
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", help="The year the new plan starts in [default and only: right after --from's end]."),
    ] = None,
    ledger_path: LedgerOpt = None,
) -> None:
    """Write a starter targets.toml (one target of each kind, every key explained), or with --from the
    next year's plan from this year's; never overwrites."""
    env = _env()
    if source is None:
        from ledger.starter import write_starter

        path = write_starter(folder or Path("."), year or env.today(None).year)
        # On stdout, off a terminal too, as `record`, `import` and `init --from` confirm what
        # they wrote (README, Outputs): a file by a name nobody gave is named wherever it runs.
        env.confirm(SAY["started"].format(path=path) + "\n")
        return
    from ledger.plan_year import next_year
    from ledger.rollover import next_plan, write_next_plan

    if not source.exists():  # load_plan's advice (--targets, TRACKER_TARGETS) is for the plan a report reads
        raise TrackerError(ledger.Problem("no such file", file=str(source), fix=SAY["init from"]))
    plan = ledger.load_plan(source)
    path = _ledger_path(plan, ledger_path)
    folder = source.parent if folder is None else folder  # beside the plan it follows, as its ledger is
    seen_from = os.path.relpath(path.resolve(), folder.resolve())
    entries = _entries(plan, path, whole=True)
    from ledger.neighbour_plans import targets_option
    from ledger.previous_ledger import chain_problem

    # The next plan's `previous` is this ledger's final figure: never one edited by hand.
    check_with = f"tracker check {targets_option(source)}"
    if (broken := chain_problem(path, entries, "the next plan's previous (上年实绩)", check_with)) is not None:
        raise ledger.LedgerError(broken)
    nxt = next_plan(plan, entries, year or next_year(plan), seen_from)
    written = write_next_plan(folder, nxt)
    _env().confirm(SAY["next plan"].format(path=written) + "".join(f"  - {d}\n" for d in nxt.to_decide))


@app.command("import")
@_errors
def import_(
    file: Annotated[str, typer.Argument(help="The sheet: .csv, .xlsx, .xls, .jsonl or .toml; - for stdin.")],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="csv, xlsx, xls, jsonl or toml [default: from the content, then the name].",
            show_default=False,
        ),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="The worksheet, by name or number [default: the active one].")
    ] = None,
    skip_unknown: Annotated[
        bool, typer.Option("--skip-unknown", help="Pass over rows naming no target (each listed on stderr).")
    ] = False,
    source: Annotated[str | None, typer.Option("--source", help="The source of every row that names none.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="The note of every row that has none.")] = None,
    target: Annotated[
        str | None,
        typer.Option(
            "--target",
            help="Every row is this target's (id or name): the rows' names are its carriers, kept as notes.",
            show_default=False,
        ),
    ] = None,
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
    force: ForceOpt = False,
    show_format: Annotated[Format, typer.Option("--show", help="How --dry-run shows the entries.")] = Format.table,
    by: Annotated[str | None, typer.Option("--by", help="Who records them [default: your login name].")] = None,
    targets: TargetsOpt = Path("targets.toml"),
    ledger_path: LedgerOpt = None,
    lang: LangOpt = None,
) -> None:
    """Record many entries at once from a sheet, all or nothing: every row is checked first."""
    from ledger import column_map, import_source, importing, sheets

    if fmt is not None and fmt not in sheets.FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(sheets.FORMATS)}", param_hint="'--format'")
    try:
        pairs = column_map.parse_mapping(mapping or [])
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="'--map'") from None
    plan, env = ledger.load_plan(targets), _env()
    path = _ledger_path(plan, ledger_path)
    with import_source.read_source(file, env.input) as data:
        result = importing.import_file(
            plan, path, file, data,
            existing=_entries(plan, path, whole=True, against_plan=False, creating=True, remember=True),
            recorded=env.now(plan.timezone), by=_text(by) or env.user, fmt=fmt, sheet=sheet, encoding=encoding,
            mapping=pairs, map_file=map_file, default_date=_parse_date(day, "--date"),
            allow_duplicates=allow_duplicates, force=force, dry_run=dry_run, skip_unknown=skip_unknown,
            source=_text(source), note=_text(note), progress=_progress, target=_text(target),
        )  # fmt: skip
    # --dry-run --show json: the notes go into the document (stderr stays empty), unless refused
    notes: Notes = [] if dry_run and show_format is Format.json and not result.problems else None
    for problem in result.note_problems():
        _note(problem, notes)
    if result.problems:
        raise ImportRefused(result.problems)
    if dry_run:
        _preview(result, path, show_format, lang, notes or [])
        return
    _env().confirm(_imported(result, path, _lang(lang)) + "\n")


def _imported(result: "ImportResult", path: Path, lang: str) -> str:
    """The success line of an import: how many entries, from which file (and sheet), and whose
    units the figures are in; in Chinese for a Chinese reader."""
    figures = sum(e.value is not None for e in result.entries)
    if lang != "en":
        from ledger.render.messages import imported

        given, headed = result.units_given, result.units_headed
        sheet = result.spreadsheet
        return imported(
            len(result.entries), result.label, str(path), lang, given, figures, headed, sheet=sheet,
            units_stated=result.units_stated, units_signed=result.units_signed,
        )  # fmt: skip
    units = []
    if result.units_given:
        # only a spreadsheet has a unit column; a JSONL file or an export gives a unit in each row
        where_given = "of the sheet's unit column" if result.spreadsheet else "given in each row"
        units.append(f"{result.units_given} in the unit {where_given}")
    if result.units_headed:
        units.append(f"{result.units_headed} in the unit its headers give")
    if result.units_stated:
        units.append(f"{result.units_stated} in the unit stated above the table")
    if result.units_signed:
        units.append(f"{result.units_signed} in % by the sign in the cell")
    if own := figures - result.units_given - result.units_headed - result.units_stated - result.units_signed:
        units.append(f"{own} in {'its' if own == 1 else 'their'} target's unit")
    where = f" ({', '.join(units)})" if units else ""
    return SAY["imported"].format(entries=counted(len(result.entries), "entry"), name=result.label, path=path) + where


def _preview(
    result: "ImportResult", path: Path, show_format: Format, lang: str | None, notes: list[ledger.Problem]
) -> None:
    """What a dry run would record, for a sheet of any format: how each figure was read, row by
    row (the figure's column, unit, date and target), then on stderr that nothing was written;
    ``--show json`` as ``tracker.dry-run/1``, which says that itself and carries the ``notes``."""
    from ledger.render.readings_text import readings_lines

    entries = result.entries
    if show_format is Format.json:
        from ledger.render.dry_run import dry_run_document
        from ledger.render.json_doc import dumps

        document = dry_run_document(str(path), result.label, entries, result.readings, result.restored, notes)
        _write(dumps(document, ascii_only=not _env().unicode))
        return  # its "written": false says that nothing was written
    _write("".join(f"{line}\n" for line in readings_lines(entries, result.readings, _lang(lang))))
    from ledger.render.messages import dry_run

    _err(dry_run(len(entries), str(path), _lang(lang)))


class _progress:
    """A progress bar on stderr for long imports, only on a terminal; a no-op otherwise."""

    def __init__(self, total: int, label: str) -> None:
        self.total, self.label = total, label
        self.bar: Any = None  # a rich.progress.Progress, imported only when shown

    def __enter__(self) -> Callable[[], None] | None:
        env = _env()
        if self.total < 500 or not env.stderr_isatty:
            return None
        from rich.console import Console
        from rich.progress import Progress

        bar = self.bar = Progress(console=Console(file=env.err), transient=True)
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
    target: TargetFilterOpt = None,
    owner: OwnerOpt = None,
    action: ActionOpt = None,
    tag: TagOpt = None,
    state: StatusOpt = None,
    as_of: AsOfOpt = None,
    since: Annotated[str | None, typer.Option("--since", help="Only entries as of this date or later.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Only entries as of this date or earlier.")] = None,
    targets: TargetsOpt = Path("targets.toml"),
    ledger_path: LedgerOpt = None,
) -> None:
    """Write the ledger's entries (corrections included) in the columns `tracker import` reads."""
    from ledger import exporting
    from ledger.history import select

    plan = ledger.load_plan(targets)
    chosen = _selection(plan, owner, action, target, tag, state)
    path = _ledger_path(plan, ledger_path)
    output = _output(output, plan, path)
    kind = _export_format(fmt, output)
    start, end = _parse_date(since, "--since", first=True), _parse_date(until, "--until")
    from ledger.filters import chosen_ids

    # As the reports: a torn end left by a crash is warned of and left out (that append never
    # reported success), so a backup can be exported before `check --repair`.
    everything = _entries(plan, path, against_plan=False)
    wanted = chosen_ids(plan, everything, chosen, _as_of(plan, as_of) if chosen.statuses else None)
    entries = select(everything, targets=wanted, since=start, until=end)
    if kind == "xlsx":
        if output is None:
            raise typer.BadParameter(SAY["xlsx to file"], param_hint="'--output'")
        from ledger.atomic import write_atomic_bytes

        write_atomic_bytes(output, exporting.to_xlsx(entries))
        _env().done(SAY["wrote"].format(path=output))
        return
    text = {"csv": exporting.to_csv, "jsonl": exporting.to_jsonl, "toml": exporting.to_toml}[kind](entries)
    _emit(text, output, bom=kind == "csv", shown="json" if kind == "jsonl" else "data")


def _export_format(fmt: str | None, output: Path | None) -> str:
    """--format, else what --output's name says, else csv; a name and a --format that disagree are refused."""
    from ledger import exporting
    from ledger.formats import EXPORT_EXTENSIONS, format_for

    said = format_for(output, EXPORT_EXTENSIONS) if output is not None else None
    if fmt is not None and said is not None and said.value != fmt and output is not None:
        raise typer.BadParameter(f"{output.name} says {said.value}, but --format is {fmt}", param_hint="'--output'")
    kind = fmt or (said.value if said else output.suffix.lstrip(".") if output is not None else "csv")
    if kind not in exporting.EXPORT_FORMATS:
        option = "'--format'" if fmt else "'--output'"
        raise typer.BadParameter(f"{kind!r} is not one of csv, jsonl, xlsx, toml", param_hint=option)
    return kind


@app.command()
@_errors
def sheet(
    owner: Annotated[
        list[str] | None,
        typer.Option(
            "--owner",
            help="The responsible unit whose sheet to write; repeat for several [default: one sheet per unit].",
            show_default=False,
        ),
    ] = None,
    action: ActionOpt = None,
    target: TargetFilterOpt = None,
    tag: TagOpt = None,
    every: Annotated[
        bool,
        typer.Option(
            "--all",
            help="One sheet of every target chosen, whoever answers for it (all-2025-06.xlsx); "
            "what a plan that names no owner gets anyway.",
        ),
    ] = False,
    month: Annotated[
        str | None,
        typer.Option(
            "--month", "-m", help="The month the figures are for: 2025-06 [default: last month].", show_default=False
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="The file to write (one owner, or --all), or a folder ending in / (every owner).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        DepartmentSheetFormat | None,
        typer.Option(
            "--format", "-f", help="xlsx or csv [default: --output's extension, else xlsx].", show_default=False
        ),
    ] = None,
    overwrite: Annotated[
        bool,
        typer.Option("--overwrite", help="Replace a sheet already there (it may be one filled in and returned)."),
    ] = False,
    targets: TargetsOpt = Path("targets.toml"),
    ledger_path: LedgerOpt = None,
    lang: LangOpt = None,
) -> None:
    """Write the sheet a department fills in for a month and returns; `tracker import` reads it back as is.

    One sheet per responsible unit (owner); with --all, or for a plan that names no owner, one
    sheet of every target: the office's own monthly template."""
    from ledger import department_sheet as sheets_
    from ledger.filters import chosen_targets
    from ledger.render.department import write_sheets

    _refuse_sheet_to_stdout(output)
    plan = ledger.load_plan(targets)
    chosen = _selection(plan, owner, action, target, tag)
    day = _parse_date(month, "--month") or _last_month(plan)
    entries = _entries(plan, _ledger_path(plan, ledger_path))
    fmt = _sheet_format(fmt, output)
    picked = chosen_targets(plan, chosen)
    planned = sheets_.sheet_files(plan, picked, chosen.owners, day, output, fmt.value, every=every)
    if planned.unowned:
        ids = ", ".join(t.id for t in planned.unowned)
        _err(f"note: no owner named, so in no unit's sheet: {ids} (`tracker sheet --all` writes one of every target)")
    language = _lang(lang, to_file=True)
    for path, rows, replaced in write_sheets(plan, entries, planned.files, picked, day, fmt.value, language, overwrite):
        said = SAY["replaced" if replaced else "wrote"].format(path=path) + f": {counted(rows, 'row')}"
        if output is None:  # into the current folder, by a name nobody gave: said off a terminal too
            _err(said)
        else:
            _env().done(said)


def _refuse_sheet_to_stdout(output: str | None) -> None:
    """Refuse ``sheet -o -``: ``status -o -`` writes stdout, but a sheet is a file to send, fill
    in and return (it wrote a file named ``-``)."""
    if output == "-":
        raise TrackerError(
            "-o -: a sheet is a file to send to the department, not output to read; give a file, e.g. "
            "-o sheet.xlsx, or a folder ending in /"
        )


def _sheet_format(fmt: DepartmentSheetFormat | None, output: str | None) -> DepartmentSheetFormat:
    """``sheet``'s format: ``--format``, else the ``--output`` file's extension (``.csv``), else
    xlsx. A file whose extension says the other format is refused (CSV text in ``sep.xlsx`` is a
    workbook no one can open), as ``status -o`` refuses it."""
    if output is None or output.endswith(("/", os.sep)):
        return fmt or DepartmentSheetFormat.xlsx
    name = Path(output).name
    said = {".csv": DepartmentSheetFormat.csv, ".xlsx": DepartmentSheetFormat.xlsx}.get(Path(name).suffix.lower())
    if fmt is not None and said is not None and said is not fmt:
        raise typer.BadParameter(f"{name} says {said.value}, but --format is {fmt.value}", param_hint="'--output'")
    return fmt or said or DepartmentSheetFormat.xlsx


def _last_month(plan: ledger.Plan) -> date:
    """The month before today's (the figures being collected), within the plan period."""
    today = _env().today(plan.timezone)
    return plan.clamp(today.replace(day=1) - timedelta(days=1))


class DueFailOn(StrEnum):
    """What makes ``due --fail-on`` exit 3."""

    late = "late"


@app.command()
@_errors
def due(
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="The day to count from: 2025-07-20 [default: today].", show_default=False),
    ] = None,
    owner: OwnerOpt = None,
    action: ActionOpt = None,
    target: TargetFilterOpt = None,
    tag: TagOpt = None,
    fmt: FormatOpt = Format.table,
    fail_on: Annotated[
        DueFailOn | None,
        typer.Option(
            "--fail-on",
            help="Exit 3 when any figure is late, last year's plan's too (for cron); exit 1 when the plan names "
            "a previous_ledger whose plan cannot be found (its figures were not checked).",
        ),
    ] = None,
    targets: TargetsOpt = Path("targets.toml"),
    ledger_path: LedgerOpt = None,
    lang: LangOpt = None,
) -> None:
    """Who still owes figures (催报): by owner, each figure awaited (due on the release day) or late by N days."""
    from ledger.due import owed
    from ledger.filters import chosen_targets

    plan = ledger.load_plan(targets)
    chosen = _selection(plan, owner, action, target, tag)
    day = _parse_date(as_of, "--as-of") or _env().today(plan.timezone)
    from ledger.neighbour_plans import owed_before

    notes: Notes = [] if fmt is Format.json else None  # a JSON document carries its notes
    entries = _entries(plan, _ledger_path(plan, ledger_path), notes=notes)
    items = owed(plan, entries, day, chosen_targets(plan, chosen))
    # Last year's plan still owes its December in January, and more if it is behind: the job
    # pointed at this year's plan must still see (and fail on) those.
    before = owed_before(plan, day, chosen)
    unchecked = before.unchecked(plan.path) if before is not None and fail_on else None
    code = _late_code([*items, *(before.items if before else ())], unchecked) if fail_on else ExitCode.OK
    with _verdict(code):
        if fmt is Format.json:
            from ledger.render.due_out import due_document
            from ledger.render.json_doc import dumps

            _write(dumps(due_document(plan, items, day, before, notes or ()), ascii_only=not _env().unicode))
        else:
            from ledger.render.due_out import due_text

            _emit(due_text(plan, items, day, _lang(lang), _env().width, before), None, shown="text")
    if unchecked is not None:
        _err(f"error: {unchecked}")
    if code:
        raise typer.Exit(code)


def _late_code(items: list[Any], unchecked: str | None) -> int:
    """``due --fail-on late``'s exit: 3 when any of ``items`` (this plan's and the previous
    plan's owed figures) is late; else 1 when the plan names a previous plan that cannot be found
    (``unchecked``, what to say of it): a check not made is not a pass, and a script must not read
    it as one; else 0."""
    from ledger.due import DueState

    if any(i.state is DueState.LATE for i in items):
        return ExitCode.CONDITION
    return ExitCode.ERROR if unchecked is not None else ExitCode.OK


def _app_for(args: list[str]) -> typer.Typer:
    """The app, holding only the command ``args`` name when they name one.

    Typer builds the options of every registered command on each run, a few milliseconds of
    start-up, while a run only needs its own (``tracker --help`` and unknown names still get the
    whole app, so that they list every command)."""
    if not args:
        return app
    wanted = [
        c
        for c in app.registered_commands
        if c.callback and (c.name or c.callback.__name__.replace("_", "-")) == args[0]
    ]
    if not wanted:
        return app
    import copy

    lean = copy.copy(app)
    lean.registered_commands = wanted
    return lean


def _quiet_stdout() -> None:
    """Point stdout's descriptor at /dev/null, so that what is still buffered for a stdout that
    failed goes nowhere at exit instead of failing again."""
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no descriptor to point anywhere: nothing will be flushed there
        pass


def main() -> None:
    """Console-script entry point: runs the app, turns a usage error into one line on stderr
    (exit 2), a stdout that cannot be written (a full disk, closed) into one line (exit 1), and
    ends quietly (exit 0) when the reader of a pipe closes it early."""
    # Typer (held below 0.29, see pyproject.toml) vendors click; its exceptions live here.
    from typer._click import exceptions as click_errors

    fill_closed_streams()
    degrade_streams()
    for n, arg in enumerate(sys.argv[1:], 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8 arrive as lone surrogates
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            sys.stderr.write(
                f"error: argument {n} ({shown}) is not UTF-8 text; type it again in a UTF-8 terminal or locale\n"
            )
            sys.exit(ExitCode.USAGE)
    env = Environment()
    try:
        code = _app_for(sys.argv[1:])(standalone_mode=False, obj=env)
    except click_errors.NoArgsIsHelpError as e:
        e.show()
        code = ExitCode.USAGE
    except click_errors.UsageError as e:
        where = e.ctx.command_path if e.ctx is not None else "tracker"
        env.error(f"error: {e.format_message().rstrip('.')}; see `{where} --help`")
        code = ExitCode.USAGE
    except typer.Abort:
        env.error(SAY["aborted"])
        code = 130
    except (ReaderGone, BrokenPipeError):
        # The reader closed the pipe (`| head -1`): it has what it wanted, so end quietly and with
        # 0, as README ("Outputs") says; every other exit but 0 explains itself on stderr. Python's
        # docs ("Note on SIGPIPE"): point stdout at devnull so that the exit flush is silent too.
        _quiet_stdout()
        code = ExitCode.OK
    except OutputFailed as e:  # a full disk, stdout closed: one line, not a traceback
        _quiet_stdout()
        env.error(e.message)
        code = ExitCode.ERROR
    if (note := unshown_note()) is not None:
        env.error(note)
    sys.exit(code if isinstance(code, int) else ExitCode.OK)


if __name__ == "__main__":
    main()
