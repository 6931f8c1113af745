"""The terminal tables (Rich): the status table grouped by action, and the target list.

User text (names, notes) is given to Rich as :class:`rich.text.Text`, never as markup, after
control characters are escaped. Only names wrap; figures, status words and owners never do.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..formats import RenderOptions
from ..model import Kind, Plan, Status
from ..progress import StatusReport, TargetProgress
from .cells import any_owner, cells, group_heading
from .labels import KIND, MILESTONE, STATUS, WORDS, name, plan_words, say, steps
from .text import amount, bar_share, literal, percent
from .wrapping import KeptUnits, wrap_keeping_units

if TYPE_CHECKING:
    from ..history import LogRow

STATUS_STYLE = {
    Status.DONE: "bold green",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "yellow",
    Status.BEHIND: "bold red",
    Status.NOT_ACHIEVED: "bold red",
    Status.NO_DATA: "dim",
}
BAR_WIDTH = 8
# Below this many columns for names, the bars are dropped to make room: English wraps by word,
# Chinese by character, so Chinese names read well narrower.
NAME_WIDTH = {"en": 20, "zh": 12}
# A console narrower than this that the table (bars dropped) does not fit gets the targets as a
# list (:func:`_listed`): a table wider than its console breaks every line in two, which cuts
# figures apart. At 80 and wider the table stays, running a column or two wider if its figures
# need (README, Outputs: readable at 80 columns when piped or mailed).
LIST_BELOW = 80


def longest_word(texts: list[str], cap: int) -> int:
    """The widest word (in cells) of ``texts`` written in narrow characters, at most ``cap``: a
    name column at least this wide wraps English between words and folds only a word longer than
    ``cap`` ("value-added" stays whole). Chinese has no spaces and wraps by character anyway."""
    words = (w for t in texts for w in t.split() if Text(w).cell_len == len(w))
    return min(cap, max((len(w) for w in words), default=0))


def widest_word(texts: list[str], cap: int) -> int:
    """The widest word of ``texts`` in cells, wide characters counting two, at most ``cap``: a
    column at least this wide breaks its texts only between words (经济发展局, 10 cells, stays
    whole); only a word wider than ``cap`` is folded."""
    return min(cap, max((cell_len(w) for t in texts for w in t.split()), default=0))


def _bar(share: Decimal, pct: str, bar: str) -> Text:
    """``pct`` after a bar drawn with ``bar`` ("█░", "#." or "" for no bar)."""
    if not bar:
        return Text(pct)
    filled = int(bar_share(share) * BAR_WIDTH)  # whole cells, down: never fuller than its label
    return Text.assemble((bar[0] * filled, "cyan"), (bar[1] * (BAR_WIDTH - filled), "dim"), f" {pct:>6}")


def _row(p: TargetProgress, lang: str, bar: str, owner: bool = False) -> list[Text | str]:
    """Cells: name, (owner,) goal, current, as-of, progress, expected, status, forecast."""
    c = cells(p, lang)
    progress: Text | str = c.progress
    if c.share is not None:
        progress = _bar(c.share, c.progress, bar)
    status = Text(c.status, style=STATUS_STYLE[p.status])
    # A stretch figure goes on a second line of the goal, so the figures still fit 80 columns.
    goal = c.goal.replace("（力争", "\n（力争").replace(" (stretch", "\n(stretch")
    # The month's own figure (本月) and 同比 go under the running total, so figures stay narrow.
    current = "\n".join(x for x in (c.current, c.month, c.yoy) if x)
    # A forecast at the target's own due names it on a second line, as the stretch figure.
    forecast = c.forecast.replace("（截至", "\n（截至").replace(" (by ", "\n(by ")
    row: list[Text | str] = [Text(c.name), goal, current, c.date, progress, c.expected, status, forecast]
    if owner:
        row.insert(1, Text(c.owner))
    return row


def status_table(
    report: StatusReport, lang: str, width: int = 80, unicode: bool = True, notes: Sequence[str] = ()
) -> tuple[Group, int]:
    """The progress table: a title line, then one table per action sharing column widths, the
    summary, what the marks mean, what changed (with ``report.since``) and ``notes`` (what to do next).

    ``width`` is the console's width in cells. Names wrap to fit it; figures never do: the bars
    are dropped when names would get too narrow, and the second value returned is the width the
    table needs at least (print at ``max(width, needed)`` so nothing is cut).
    """
    w = plan_words(report.plan, lang)
    keys = ["target", "goal", "current", "as_of_col", "progress", "expected", "status", "forecast"]
    # The owner gets a column when any target names one, unless the groups are the owners.
    owner = report.grouping != "owner" and any_owner(report)
    if owner:
        keys.insert(1, "owner")
    headers = [w[h] for h in keys]
    wrapping = (0, 1) if owner else (0,)  # names and owners wrap; figures never do
    for bar in ("█░" if unicode else "#.", ""):
        rows = {a.action.id: [_row(p, lang, bar, owner) for p in a.targets] for a in report.actions}
        every = [r for rs in rows.values() for r in rs]
        widths = [max([_cells(headers[i])] + [_cells(r[i]) for r in every]) for i in range(len(headers))]
        fixed = sum(x for i, x in enumerate(widths) if i not in wrapping) + len(headers) - 1
        owners = [r[1].plain if isinstance(r[1], Text) else r[1] for r in every] if owner else []
        # A unit's name is one word (经济发展局 has no spaces), never broken inside: the owner
        # column is as wide as its widest word, or its header.
        least = max(_cells(headers[1]), widest_word(owners, NAME_WIDTH["en"])) if owner else 0
        if width - fixed - least >= min(widths[0], NAME_WIDTH[lang]):
            break
    room = width - fixed
    if owner:
        # The owner gets what the names can spare beyond their comfortable width, and its words whole.
        widths[1] = min(widths[1], max(least, room - min(widths[0], NAME_WIDTH[lang])))
        room -= widths[1]
        fixed += widths[1]
    names = [r[0].plain if isinstance(r[0], Text) else r[0] for r in every]
    widths[0] = max(10, longest_word(names, NAME_WIDTH["en"]), min(widths[0], room))
    listed = width < LIST_BELOW and fixed + widths[0] > width
    # The title wraps at the width asked for, as the prose below does, even where the table's
    # figures and owners make it print wider.
    title = Text(
        "\n".join(
            wrap_keeping_units(
                f"{literal(name(report.plan, lang))} — {w['as_of']} {report.as_of.isoformat()}, "
                f"{w['expected_line']} {percent(report.expected)}",
                width,
            )
        ),
        style="bold",
    )
    parts: list[Text | Table | Padding] = [title]
    needed = 0 if listed else fixed + widths[0]
    for n, a in enumerate(report.actions):
        if listed:  # under its group's heading, indented: the names are told from the headings
            heading, _ = _heading(report, a, lang)
            body, needed = _listed(rows[a.action.id], headers, keys, width - 2, needed)
            parts += [heading, Padding(body, (0, 0, 0, 2))]
            continue
        table = _table(show_header=n == 0)
        for i, header in enumerate(headers):
            numeric = keys[i] in ("goal", "current", "expected", "forecast")
            table.add_column(
                header,
                width=widths[i],
                justify="right" if numeric else "left",
                no_wrap=i not in wrapping,
                overflow="fold",
            )
        heading, _ = _heading(report, a, lang)
        parts.append(heading)
        for row in rows[a.action.id]:
            table.add_row(*row)
        parts.append(table)
    # Each count stays with its status word ("滞后 1" never broken) where the line must wrap.
    counts = [Text(f"{STATUS[lang][s]} {k}") for s, k in report.summary().items()]
    counts[0] = Text(f"{w['summary']}: ").append_text(counts[0])
    parts.append(Text("\n").join(_pack(counts, width)))
    from .document import change_lines, legend

    # Prose wraps at the width asked for, even where the table's figures made it print wider.
    parts += [Text("\n".join(wrap_keeping_units(line, width)), style="dim") for line in legend(report, lang)]
    changes = change_lines(report, lang)
    if changes:
        parts.append(Text(changes[0], style="bold"))
        room = max(width, needed) - 2  # the table prints at least as wide as it needs
        # Wrapped lines stay indented, and a figure stays on one line with its unit.
        parts += [Padding(Text("\n".join(wrap_keeping_units(line, room))), (0, 0, 0, 2)) for line in changes[1:]]
    parts += [Text("\n".join(wrap_keeping_units(line, width)), style="bold") for line in notes]
    return Group(*parts), needed


def _heading(report: StatusReport, group: Any, lang: str) -> tuple[Text, str]:
    """A group's heading line (its name, then its counts) and its name alone."""
    title_text, counts = group_heading(report, group, lang)
    heading = Text(title_text, style="bold")
    if counts:
        heading.append("  " + counts, style="")
    return heading, title_text


def _listed(
    rows: list[list[Text | str]], headers: list[str], keys: list[str], width: int, needed: int
) -> tuple[Text, int]:
    """The targets of a group one below another, for a console too narrow for the table: each
    name on a line of its own (wrapped by Rich, between words), then its figures, each after its
    column's header (the status word alone, in its colour), as many to a line as fit in ``width``
    (indented two), never one broken: a figure cut to fit would be a wrong figure. The second value
    is the width the list needs, at least ``needed``: its widest figure's (with both indents),
    where that is wider."""
    out = Text()
    for row in rows:
        name = row[0] if isinstance(row[0], Text) else Text(row[0])
        out.append_text(name)
        out.append("\n")
        pieces: list[Text] = []
        for key, header, cell in zip(keys[1:], headers[1:], row[1:], strict=True):
            plain = (cell.plain if isinstance(cell, Text) else cell).replace("\n", " ").strip()
            if not plain:
                continue
            style = cell.style if isinstance(cell, Text) and key == "status" else ""
            pieces.append(Text(plain, style=style) if key == "status" else Text(f"{header} {plain}"))
        needed = max([needed, *(piece.cell_len + 4 for piece in pieces)])
        for line in _pack(pieces, width - 2):
            out.append("  ").append_text(line).append("\n")
    out.rstrip()
    return out, needed


def _pack(pieces: list[Text], width: int) -> list[Text]:
    """``pieces`` two spaces apart, as many to a line as fit in ``width`` cells, none broken (one
    wider than ``width`` gets a line of its own)."""
    lines: list[Text] = []
    for piece in pieces:
        if lines and lines[-1].cell_len + 2 + piece.cell_len <= width:
            lines[-1].append("  ").append_text(piece)
        else:
            lines.append(piece.copy())
    return lines


def _cells(value: Text | str) -> int:
    text = value.plain if isinstance(value, Text) else value
    return max(Text(line).cell_len for line in text.split("\n"))


def _table(show_header: bool = True) -> Table:
    # No padding: the box's blank divider leaves one space between columns, so that every
    # figure fits in 80 columns and only names wrap.
    return Table(box=box.SIMPLE_HEAD, show_header=show_header, padding=0, pad_edge=False, show_edge=False)


def targets_table(plan: Plan, lang: str) -> tuple[Table, int]:
    """The plan's targets: id, name, kind, goal and due date, grouped by action; and the width
    the table needs at least (print at ``max(width, needed)``): names wrap between words, the
    other columns never wrap or get cut."""
    w = WORDS[lang]
    rows: list[list[Text | str] | None] = []  # None: a line between actions
    for n, a in enumerate(plan.actions):
        if n:
            rows.append(None)
        rows.append([Text(a.id, style="bold"), Text(literal(name(a, lang)), style="bold"), "", "", ""])
        for t in plan.targets_of(a.id):
            if t.target is not None:
                goal = amount(t.target, t.unit, lang, t.kind is Kind.RANK)
            else:
                goal = steps(len(t.milestones) or 1, lang)
            rows.append([t.id, Text(literal(name(t, lang))), KIND[lang][t.kind.value], goal, t.due.isoformat()])
            for m in t.milestones:
                rows.append(
                    [
                        Text(f"  {m.id}", style="dim"),
                        Text(literal(name(m, lang)), style="dim"),
                        "",
                        "",
                        m.due.isoformat(),
                    ]
                )
    headers = [w["id"], w["target"], w["kind"], w["goal"], w["due"]]
    cells_ = [r for r in rows if r is not None]
    widths = [max([_cells(h)] + [_cells(r[i]) for r in cells_]) for i, h in enumerate(headers)]
    names = [r[1].plain if isinstance(r[1], Text) else r[1] for r in cells_]
    floor = max(10, longest_word(names, NAME_WIDTH["en"]))
    table = _table()
    for i, header in enumerate(headers):
        if i == 1:
            table.add_column(header, ratio=1, overflow="fold", min_width=floor)
        else:
            table.add_column(header, justify="right" if i == 3 else "left", no_wrap=True, min_width=widths[i])
    for row in rows:
        if row is None:
            table.add_section()
        else:
            table.add_row(*row)
    return table, sum(widths) - widths[1] + floor + len(headers) - 1


def print_to(console: Console, renderable: Group | Table, min_width: int = 0) -> None:
    """Print a renderable at the console's width, or ``min_width`` if wider, so no figure is cut.

    Off a terminal (pipes, files, cron mail) trailing spaces are stripped from every line.
    """
    width = console.width
    console.width = max(width, min_width)  # print(width=) alone cannot exceed the console's width
    try:
        if console.is_terminal:
            console.print(renderable)
            return
        with console.capture() as capture:
            console.print(renderable)
        console.file.write("".join(line.rstrip() + "\n" for line in capture.get().splitlines()))
        console.file.flush()
    finally:
        console.width = width


def log_table(rows: list[LogRow], lang: str) -> Group:
    """The history, one block per entry (like a register): the as-of date, target, value and id on
    the first line; note, source, who and when on the second; for corrections, the entry's state,
    the entry it corrects or that replaced it, and the reason on the third. Blocks read well at
    any width, which a nine-column table does not at 80."""
    from ..history import EntryState  # only `log` and `show` need it: status starts faster

    w = WORDS[lang]
    states = {
        EntryState.CURRENT: w["current_entry"],
        EntryState.SUPERSEDED: w["superseded"],
        EntryState.WITHDRAWN: w["withdrawn"],
        EntryState.WITHDRAWAL: w["withdrawal"],
    }
    # Each line wraps at the width printed at, never between a figure and its unit (318.6 亿元).
    blocks: list[KeptUnits | Padding] = []
    for r in rows:
        e = r.entry
        if e.value is not None:
            value = amount(e.value, e.unit)
            if e.period is not None:
                value += f" ({say(lang, 'assessed', year=e.period)})"
        elif e.status is not None:
            value = MILESTONE[lang][e.status] + (f" ({e.milestone})" if e.milestone else "")
        else:
            value = "—"
        faded = r.state in (EntryState.SUPERSEDED, EntryState.WITHDRAWN)
        head = Text(style="dim" if faded else "")
        head.append(e.date.isoformat(), style="bold" if not faded else "")
        head.append(f"  {e.target}  ")
        head.append(literal(value), style="cyan" if not faded else "")
        head.append(f"  {e.id}", style="dim")
        blocks.append(KeptUnits(head))
        details = [literal(x) for x in (e.note, e.source) if x]
        details.append(f"{literal(e.by or '?')} {e.recorded.strftime('%Y-%m-%d %H:%M%z')}")
        # Indented as a block, so that a long note wraps under itself, not under the date.
        blocks.append(Padding(KeptUnits(Text(" · ".join(details), style="dim" if faded else "")), (0, 0, 0, 4)))
        if r.state is not EntryState.CURRENT or e.corrects:
            links = [states[r.state]]
            if e.corrects:
                links.append(f"{w['corrects']} {e.corrects}")
            if r.replaced_by:
                links.append(f"{w['replaced_by']} {r.replaced_by}")
            if e.reason:
                links.append(f"{w['reason']}: {literal(e.reason)}")
            blocks.append(Padding(KeptUnits(Text(" · ".join(links), style="dim" if faded else "yellow")), (0, 0, 0, 4)))
    return Group(*blocks)


def status_text(report: StatusReport, options: RenderOptions) -> str:
    """The status table as plain text (no colour, trailing spaces stripped), for files."""
    import io

    buffer = io.StringIO()
    console = Console(file=buffer, width=options.width, color_system=None, force_terminal=False,
                      highlight=False, emoji=False, markup=False)  # fmt: skip
    table, needed = status_table(report, options.lang, options.width, unicode=options.unicode)
    print_to(console, table, needed)
    return buffer.getvalue()
