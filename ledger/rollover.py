"""The next year's plan from this year's: ``tracker init --from targets.toml --year 2026``.

The new ``targets.toml`` is written as text (it carries comments for the planner): dates moved
by whole years, each target's ``previous`` (上年实绩) set from this year's final figure, the
goals left for the planner to write (a plan without them fails ``tracker check``, so last
year's goal can never pass for this year's), milestones not done carried with new due dates
and marked for review, a ledger of its own, and for each running total a proposed ``schedule``
from this year's own monthly profile, commented out. What does not change with the year is
carried as written: names (the year in them moved), aliases, units, kinds, directions, owners and
leads, release days, frequencies, tolerances, tags, baselines; each target's source and note
(of this year's plan) are carried as comments to review. Nothing here reads the clock or writes.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import tomli_w

from . import units
from .dates import month_end
from .dates import shift_years as shift
from .entries import Entry, effective
from .errors import TrackerError
from .model import Direction, Kind, MilestoneStatus, Plan, Target
from .numbers import from_fraction, plain, rounded, trim
from .plan_file import LAST_PLAN_DAY
from .plan_year import next_plan_name, next_year, plan_years, span_years
from .progress import TargetProgress, covers_period_end, evaluate


@dataclass(frozen=True, slots=True)
class NextPlan:
    """The next plan's file name (``targets-2026.toml``), its text, what the planner must still
    decide, one sentence each (also listed in the text's header), and the ``tracker init`` that
    writes it (without a folder)."""

    name: str
    text: str
    to_decide: tuple[str, ...]
    command: str = ""  # the init that wrote it, for a refusal to offer again into another folder


def _toml(value: str | Decimal | date | bool) -> str:
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, date):
        return value.isoformat()
    return tomli_w.dumps({"v": value})[4:-1]


def _commented(line: str, comment: str) -> str:
    return f"{line:<29} # {comment}"


# A four-digit year, and the two-digit year that may follow it after a dash, slash or tilde:
# 2025-26, 2025/26, 2025—26年度.
_YEAR = re.compile(r"(?<!\d)(\d{4})(?:([-/—–~～])(\d{2}))?(?!\d)")


def _renamed(text: str, old: int, new: int, last: int | None = None) -> str:
    """``text`` with each year from ``old`` to ``last`` (default ``old``) moved by ``new - old``,
    all at once: 2025—2026年度 moved a year is 2026—2027年度, not 2026—2026年度. Two digits after a
    moved year and a dash, slash or tilde that read as a year from ``old`` to ``last`` move too
    (2025-26 is 2026-27, not 2026-26); others (2025-09, a month) stay."""
    years = new - old
    top = old if last is None else last

    def moved(m: re.Match[str]) -> str:
        year = int(m[1])
        if not old <= year <= top:
            return m[0]
        if m[3] is None:
            return str(year + years)
        short = year // 100 * 100 + int(m[3])
        short += 100 if short < year else 0  # 2099-00
        if not old <= short <= top:
            return f"{year + years}{m[2]}{m[3]}"
        return f"{year + years}{m[2]}{(short + years) % 100:02d}"

    return _YEAR.sub(moved, text)


# Places a converted final figure keeps beyond those it is shown to: 1 亩 is shown as 0.07 万平方米,
# 5 % off the 0.0667 it is; as 0.066667 the next plan's 同比 starts from within a few millionths.
_PREVIOUS_PLACES = 4


def final_figure(plan: Plan, p: TargetProgress) -> Decimal | None:
    """A target's final figure for the year (上年实绩 of the next plan), in its unit: what was
    added in the year for an increment; the reading of a rank; the reading of a total or rate
    only if it is dated on the last day of the target's year (June's 1—6月 figure is not the year's,
    unless the target is due in June: :func:`last_day`; nor is a flash figure of 截至12月15日,
    which ``tracker due`` does not take for December's either).

    Never the figure as shown, rounded: a stored decimal as it is (319.0 stays 319.0), a sum or
    conversion that is a finite decimal exactly (42859 人 is 4.2859 万人, 1 万元 0.0001 亿元), and one
    that is not (亩 into 平方米, 万平方米 or 公顷) rounded half-up to :data:`_PREVIOUS_PLACES` more
    places than its figures are shown to (1 亩: 0.06666667 万平方米, not the 0.0667 shown)."""
    if not isinstance(p.current, Decimal) or p.current_date is None:
        return None
    if p.target.kind is Kind.INCREMENT:
        return _exactly(p, p.target.baseline or Decimal(0))
    if p.target.kind is not Kind.RANK and p.current_date < last_day(plan, p.target):
        return None
    return _exactly(p, Decimal(0))


def _exactly(p: TargetProgress, less: Decimal) -> Decimal:
    """``p``'s current figure less ``less`` (an increment's baseline), from its exact value
    (:attr:`~ledger.progress.TargetProgress.exact`) where it has one: see :func:`final_figure`."""
    assert isinstance(p.current, Decimal)
    if p.exact is None or Fraction(p.current) == p.exact:  # shown as it is: the digits stored
        return p.current - less
    value = p.exact - Fraction(less)
    scaled = value * 10 ** (p.places or 0)
    places = p.places or 0
    while scaled.denominator % 2 == 0 or scaled.denominator % 5 == 0:  # a finite decimal: exactly
        scaled *= 10
        places += 1
    if scaled.denominator == 1:
        return Decimal(scaled.numerator).scaleb(-places)
    return rounded(from_fraction(value), (p.places or 0) + _PREVIOUS_PLACES)


def _in_last_month(plan: Plan, target: Target, day: date) -> bool:
    """Whether ``day`` falls in the month of ``target``'s last day (:func:`last_day`)."""
    last = last_day(plan, target)
    return (day.year, day.month) == (last.year, last.month)


def last_day(plan: Plan, target: Target) -> date:
    """The last day of ``target``'s year: the plan's end, or its own ``due`` when that is earlier
    (上半年新增 due 2025-06-30 is final in June, and no figure may be dated after it)."""
    return min(plan.end, target.due)


def proposed_schedule(plan: Plan, target: Target, entries: Sequence[Entry], years: int) -> dict[str, Decimal]:
    """This year's monthly profile as next year's ``schedule``: at the end of each month that
    has a figure, the share (in %, one decimal) of the year's final progress reached by then,
    months moved by ``years``; the last month (always 100 %) is left out.

    Only for running totals (``total``) that made progress, as the README says (an increment's
    figure is each period's addition, not a year's curve); empty where the profile cannot be a
    schedule (an incomplete year, with no figure for the plan's last month; no figure before it;
    a share that falls back). Only readings dated at a month's end (or the plan's) count: a flash
    figure of 截至12月15日 is neither December's point nor the year's whole.
    """
    if target.kind is not Kind.TOTAL:
        return {}
    mine = sorted((e for e in effective(entries) if e.target == target.id and e.date <= plan.end), key=lambda e: e.date)
    if not mine:
        return {}
    # Exact figures, as progress counts them: a figure converted as shown (1 亩 is 0.07 万平方米)
    # would put a month's share off by as much as 5 %.
    running: dict[tuple[int, int], Fraction] = {}
    total = Fraction(0)
    for e in mine:
        # A reading inside a month (截至12月15日) is not that month's running total: a profile
        # from it would ask December for what the first half of it already brought.
        if e.value is None or e.date not in (month_end(e.date.year, e.date.month), plan.end):
            continue
        total = units.exact(e.value, e.unit, target.unit)
        running[(e.date.year, e.date.month)] = total
    last = (plan.end.year, plan.end.month)
    if not running or max(running) < last:  # the year's final figure is not in: its shares would be of a part
        return {}
    base = Fraction(target.baseline or 0)
    final = total - base
    if final == 0 or (final > 0) == target.lower_is_better:  # the year moved the wrong way: no profile
        return {}
    out: dict[str, Decimal] = {}
    previous = Decimal(0)
    for (year, month), value in sorted(running.items()):
        if (year, month) >= last:
            break
        share = rounded(from_fraction((value - base) / final * 100), 1)
        if not previous <= share <= 100:
            return {}
        out[f"{year + years}-{month:02d}"] = share
        previous = share
    return out


def next_plan(plan: Plan, entries: Sequence[Entry], year: int, ledger_name: str | None = None) -> NextPlan:
    """The plan for ``year`` from ``plan`` and its ledger's ``entries`` (all of them: corrections
    are applied here), as at the plan's last day.

    ``ledger_name`` is this plan's ledger as the new plan's folder sees it, for the header and
    the new plan's ``previous_ledger`` (year on year). ``year`` is the year the new
    plan starts in; it must be :func:`~ledger.plan_year.next_year`'s. Raises
    :class:`~ledger.errors.TrackerError` when it is earlier (the new plan would start before this one
    ends), would end the plan after :data:`~ledger.plan_file.LAST_PLAN_DAY`, or is later (this plan's
    final figures are the ``previous``, 上年实绩, of the plan right after it alone).
    """
    wanted = next_year(plan)
    years = year - plan.start.year
    if year < wanted:  # it would start before this plan ends
        raise TrackerError(
            f"--year {year}: the next plan must start after this one ends ({plan.end}); give --year {wanted}"
        )
    if plan.end.year + years > LAST_PLAN_DAY.year:
        last = LAST_PLAN_DAY.year - plan.end.year + plan.start.year
        raise TrackerError(f"--year {year}: the plan would end after {LAST_PLAN_DAY}; give a year up to {last}")
    if year > wanted:  # this plan's final figures would be written as 上年实绩 a year or more on
        raise TrackerError(
            f"--year {year}: {plan_years(plan)}'s final figures are the previous year's (上年实绩) of the plan "
            f"starting {shift(plan.start, wanted - plan.start.year)} alone; give --year {wanted}, and roll that plan "
            "over in its turn"
        )
    old = plan.start.year
    # The years as the comments name them: a July–June plan's are 2025—2026, not 2025 (its final
    # figure is of June 2026).
    these, next_years = plan_years(plan), span_years(shift(plan.start, years), shift(plan.end, years))
    report = evaluate(plan, entries, plan.end)
    progress = {p.target.id: p for p in report.targets}
    decide: list[str] = [
        f"the {next_years} goal of every target with a figure: each has a `# target = …` line to fill in "
        f"(tracker check refuses the plan until then)",
        f"source: where the {next_years} plan is published",
    ]
    carried: list[str] = []
    dropped: list[str] = []
    no_final: list[str] = []
    incomplete: list[str] = []  # increments whose last figure is from before the plan's last month
    body: list[str] = []

    plan_id = _renamed(plan.id, old, year, plan.end.year)
    if plan_id == plan.id:
        plan_id = f"{plan.id}-{year}"
    name = _renamed(plan.name, old, year, plan.end.year)
    if name == plan.name:
        decide.append(f"the plan's name (still {plan.name!r})")
    head = [
        "version = 1",
        "",
        "[plan]",
        f"id = {_toml(plan_id)}",
        f"name = {_toml(name)}",
    ]
    if plan.name_en:
        head.append(f"name_en = {_toml(_renamed(plan.name_en, old, year, plan.end.year))}")
    head += [
        f"start = {_toml(shift(plan.start, years))}",
        f"end = {_toml(shift(plan.end, years))}",
        _commented('# source = "…"', f"where the {next_years} plan is published"),
        f"ledger = {_toml(f'progress-{year}.toml')}",
    ]
    if ledger_name:
        head.append(_commented(f"previous_ledger = {_toml(ledger_name)}", f"{these}'s ledger, for 同比 (year on year)"))
    if plan.tolerance != 5:
        head.append(f"tolerance = {_toml(plan.tolerance)}")
    if plan.timezone:
        head.append(f"timezone = {_toml(plan.timezone)}")
    if plan.grace != 20:
        head.append(f"grace = {plan.grace}")
    if plan.release_day != 15:
        head.append(f"release_day = {plan.release_day}")
    for a in plan.actions:
        head += ["", "[[action]]", f"id = {_toml(a.id)}", f"name = {_toml(_renamed(a.name, old, year, plan.end.year))}"]
        if a.name_en:
            head.append(f"name_en = {_toml(_renamed(a.name_en, old, year, plan.end.year))}")
        if a.owner:
            head.append(f"owner = {_toml(a.owner)}")
        if a.lead:
            head.append(f"lead = {_toml(a.lead)}")

    for t in plan.targets:
        p = progress[t.id]
        lines = _target_lines(plan, t, p, entries, years, carried, dropped, no_final, incomplete)
        if lines:
            body += ["", *lines]

    if any(t.baseline is not None for t in plan.targets if t.kind.numeric):
        ids = ", ".join(t.id for t in plan.targets if t.kind.numeric and t.baseline is not None)
        decide.append(f"the baseline (起点) of {ids}: kept from {these}; say where progress starts in {next_years}")
    if carried:
        decide.append("the milestones carried from " + these + " (marked `carried`): keep, re-date or drop each")
    if any(line.startswith(("# source = ", "# note = ")) for line in body):
        decide.append(
            f"each target's source and note, carried from {these} as comments (they tell of {these}'s plan "
            "and figures): remove the `# ` to keep one, rewrite or delete it"
        )
    if any("# schedule = " in line for line in body):
        decide.append(
            f"each proposed `# schedule` from {these}'s monthly profile: remove the `# ` to use it, or delete it"
        )
    if no_final:
        decide.append(f"previous (上年实绩) of {', '.join(no_final)}: {these} has no figure for its last month")
    if incomplete:
        decide.append(
            f"previous (上年实绩) of {', '.join(incomplete)}: {these}'s figures stop before its last day, "
            "so the year is incomplete; put in the year's final figure"
        )

    header = [
        f"# targets.toml for {next_years}, written by `tracker init --from {plan.path.name} --year {year}` from the",
        f"# {these} plan {plan.id!r}"
        + (f" and its ledger {ledger_name}" if ledger_name else "")
        + f", as at {plan.end}.",
        f"# `previous` is {these}'s final figure (上年实绩): shown for 同比, never in progress; `baseline` keeps",
        "# its meaning (起点, where progress is measured from).",
        "#",
        "# Still to decide before the first `tracker record`:",
        *(f"# - {d}" for d in decide),
    ]
    if dropped:
        header += ["#", f"# Done in {these} and not carried: " + ", ".join(dropped) + "."]
    text = "\n".join([*header, "", *head, *body]) + "\n"
    command = f"tracker init --from {shlex.quote(str(plan.path))} --year {year}"
    return NextPlan(next_plan_name(year), text, tuple(decide), command)


def _target_lines(
    plan: Plan,
    t: Target,
    p: TargetProgress,
    entries: Sequence[Entry],
    years: int,
    carried: list[str],
    dropped: list[str],
    no_final: list[str],
    incomplete: list[str],
) -> list[str]:
    old = plan.start.year
    these, next_years = plan_years(plan), span_years(shift(plan.start, years), shift(plan.end, years))
    milestone_lines: list[str] = []
    if t.kind is Kind.MILESTONE:
        state = {m.id: m.status for m in p.milestones}
        if t.milestones:
            pending = [m for m in t.milestones if state.get(m.id) is not MilestoneStatus.DONE]
            dropped += [f"{t.id}/{m.id}" for m in t.milestones if m not in pending]
            if not pending:
                return []
            milestone_lines.append("milestones = [")
            for m in pending:
                was = state.get(m.id)
                english = f", name_en = {_toml(m.name_en)}" if m.name_en else ""
                milestone_lines.append(
                    f"  {{ id = {_toml(m.id)}, name = {_toml(m.name)}{english}, due = {_toml(shift(m.due, years))} }},"
                    f"  # carried: {was.value if was else 'no report'} in {these}; review"
                )
                carried.append(f"{t.id}/{m.id}")
            milestone_lines.append("]")
        elif p.milestones and p.milestones[0].status is MilestoneStatus.DONE:
            dropped.append(t.id)
            return []
        else:
            carried.append(t.id)
    lines = [
        "[[target]]",
        f"id = {_toml(t.id)}",
        f"action = {_toml(t.action)}",
        f"name = {_toml(_renamed(t.name, old, old + years, plan.end.year))}",
    ]
    if t.aliases:
        # The names bureau sheets give the target's row do not change with the year: without
        # them next year's sheet would not import as received.
        lines.append(
            "aliases = [" + ", ".join(_toml(_renamed(a, old, old + years, plan.end.year)) for a in t.aliases) + "]"
        )
    if t.name_en:
        lines.append(f"name_en = {_toml(_renamed(t.name_en, old, old + years, plan.end.year))}")
    lines.append(f"kind = {_toml(t.kind.value)}")
    if t.unit is not None and t.kind.numeric:
        lines.append(f"unit = {_toml(t.unit)}")
    if t.kind.numeric:
        assert t.target is not None
        reached = final_figure(plan, p)
        lines.append(
            _commented("# target = …", f"{these}'s goal was {_toml(t.target)}: write {next_years}'s, remove the #")
        )
        if t.stretch is not None:
            lines.append(_commented("# stretch = …", f"{these}'s was {_toml(t.stretch)}"))
        if t.baseline is not None:
            lines.append(f"baseline = {_toml(t.baseline)}")
        if reached is not None:
            when = p.current_date.isoformat() if p.current_date else str(plan.end)
            if t.kind is Kind.INCREMENT and not covers_period_end(t, p.current_date):
                # Without an addition for its last period (December's, Q4's) the sum is Jan–Nov's,
                # not the year's: offered commented out, as a running total's 1—11月 is, so that
                # next year's 同比 is never against an incomplete year by default.
                incomplete.append(f"{t.id} (as of {when})")
                lines.append(
                    _commented(
                        f"# previous = {_toml(reached)}",
                        f"{these}'s figure as of {when}, not its last day's ({last_day(plan, t)}): "
                        "the year is incomplete; write its final figure, remove the #",
                    )
                )
            else:
                lines.append(_commented(f"previous = {_toml(reached)}", f"{these}'s final figure (as of {when})"))
        elif p.current_date is not None and isinstance(p.current, Decimal) and _in_last_month(plan, t, p.current_date):
            # A reading inside the last month (截至12月15日) is not the year's: offered, commented
            # out, for the year's final figure to replace (December's 1—12月 is still to come).
            when = p.current_date.isoformat()
            incomplete.append(f"{t.id} (as of {when})")
            lines.append(
                _commented(
                    f"# previous = {_toml(_exactly(p, Decimal(0)))}",
                    f"{these}'s figure as of {when}, not its last day's ({last_day(plan, t)}): "
                    "the year is incomplete; write its final figure, remove the #",
                )
            )
        else:
            no_final.append(t.id)
        if t.kind is Kind.RATE and t.direction is not Direction.UP:
            lines.append(f"direction = {_toml(t.direction.value)}")
    # An action's owner and lead hold for its targets that name none: a target's own are written
    # only where they differ, so that next year a change made on the action reaches them all. A
    # target of another unit keeps its lead written even when it is the action's official, as it
    # would otherwise have none (a lead belongs to its owner, see plan_file._lead).
    action = next((a for a in plan.actions if a.id == t.action), None)
    own_owner = t.owner != (action.owner if action else None)
    if t.owner and own_owner:
        lines.append(f"owner = {_toml(t.owner)}")
    if t.lead and (own_owner or t.lead != (action.lead if action else None)):
        lines.append(f"lead = {_toml(t.lead)}")
    if t.release_day != plan.release_day:
        lines.append(f"release_day = {t.release_day}")
    if t.due != plan.end:
        lines.append(f"due = {_toml(shift(t.due, years))}")
    if t.tolerance != plan.tolerance:
        lines.append(f"tolerance = {_toml(t.tolerance)}")
    if t.frequency.value != ("yearly" if t.kind is Kind.RANK else "monthly"):
        lines.append(f"frequency = {_toml(t.frequency.value)}")
    if t.tags:
        lines.append("tags = [" + ", ".join(_toml(x) for x in t.tags) + "]")
    if t.schedule:
        kept = ", ".join(f'"{shift(d, years):%Y-%m}" = {trim(s * 100)}' for d, s in t.schedule)
        lines.append(f"schedule = {{ {kept} }}   # {these}'s, moved a year")
    proposal = proposed_schedule(plan, t, entries, years)
    if proposal:
        points = ", ".join(f'"{k}" = {trim(v)}' for k, v in proposal.items())
        lines.append(f"# proposed from {these}'s monthly profile (% of the year's final figure at each month end):")
        lines.append(("# " if not t.schedule else "# or ") + f"schedule = {{ {points} }}")
    # Where the goal was published and what was noted beside it are of this year's plan and
    # figures: offered for review, never carried as next year's facts.
    if t.source:
        lines.append(_commented(f"# source = {_toml(t.source)}", f"{these}'s: keep, rewrite or delete"))
    if t.note:
        lines.append(_commented(f"# note = {_toml(t.note)}", f"{these}'s: keep, rewrite or delete"))
    if t.kind is Kind.MILESTONE and not t.milestones:
        lines.append(f"# carried: {p.current or 'no report'} in {these}; review")
    return lines + milestone_lines


def write_next_plan(folder: Path, plan: NextPlan) -> Path:
    """Write ``plan`` as ``folder / plan.name``; raises :class:`~ledger.errors.TrackerError` if
    that file exists (it is never overwritten: the refusal offers the same init into a folder
    ``fresh/`` beside it, to compare) or cannot be written."""
    path = folder / plan.name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as f:
            f.write(plan.text)
    except FileExistsError:
        # A plan written before the year's last figures came (status offers init from the plan's
        # last day, December's figure comes mid-January) lacks their `previous`: it is redone
        # beside the planner's, never over it, as their goals are in it.
        fix = ""
        if plan.command:
            spares = (folder / ("fresh" if n == 1 else f"fresh-{n}") for n in range(1, 1000))
            spare = next(d for d in spares if not (d / plan.name).exists())
            fix = (
                f"; to write it again from the latest figures, write it into another folder and compare the two "
                f"(then carry over what changed, such as `previous`): {plan.command} {shlex.quote(str(spare))}/"
            )
        raise TrackerError(f"{path}: already exists; init never overwrites a plan{fix}") from None
    except OSError as e:
        raise TrackerError(f"{path}: cannot write: {e.strerror}") from None
    return path
