"""Choosing targets (``--owner``, ``--action``, ``--target``, ``--tag``, ``--status``) and
grouping a status report by responsible unit (``--by owner``).

Options of different kinds narrow together (a target must pass each one given); several values
of one option widen it (``--owner 科技局 --owner 商务局`` is either unit). ``--target`` takes ids
or shell-style patterns (``invest-*``). An owner or action the plan does not name is refused
with suggestions, so a typo never reads as "nothing is behind".
"""

import fnmatch
from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from .entries import Entry
from .errors import Problem, TrackerError, UnknownTarget, suggest
from .model import Action, Plan, Status, Target
from .names import key
from .progress import ActionProgress, StatusReport, TargetProgress, evaluate

NO_OWNER = Action("", "未明确责任单位", "No responsible unit")


class SelectionError(TrackerError):
    """A filter naming something the plan does not have: ``option`` is the option at fault
    (``"--owner"``), and the problem's fix suggests close names."""

    def __init__(self, option: str, problem: Problem) -> None:
        self.option = option
        super().__init__(problem)


class Selection(NamedTuple):
    """Which targets a command looks at; an empty tuple means "any"."""

    owners: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()  # ids or fnmatch patterns
    tags: tuple[str, ...] = ()
    statuses: tuple[Status, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.owners or self.actions or self.targets or self.tags or self.statuses)


def parse_status(text: str) -> Status:
    """A ``--status`` value: a status's key (``behind``, ``at_risk``; ``at-risk`` and ``at risk``
    too) or the label the table shows for it, in Chinese or English (``略滞后``, ``not met``:
    :data:`~ledger.render.labels.STATUS`, full or half width). Raises :class:`SelectionError`
    listing the choices."""
    word = _status_word(text)
    found = _status_words().get(word)
    if found is not None:
        return found
    choices = [s.value for s in Status]
    hint = suggest(word, choices)
    shown = "/".join(_status_labels("zh"))
    fix = f"did you mean {hint}?" if hint else "use " + ", ".join(choices) + f" (or as the table shows them: {shown})"
    raise SelectionError("--status", Problem(f"{text!r}: unknown status", fix=fix))


def _status_word(text: str) -> str:
    return key(text).replace("_", "").replace("-", "")  # names.key takes spaces off: at_risk, at-risk, at risk alike


def _status_labels(lang: str) -> list[str]:
    from .render.labels import STATUS

    return [STATUS[lang][s] for s in Status]


def _status_words() -> dict[str, Status]:
    """Every word ``--status`` takes, made alike (:func:`_status_word`): the keys and the labels shown."""
    from .render.labels import STATUS

    words = {_status_word(s.value): s for s in Status}
    for labels in STATUS.values():
        words.update({_status_word(label): s for s, label in labels.items()})
    return words


def selection(
    plan: Plan,
    *,
    owners: Iterable[str] = (),
    actions: Iterable[str] = (),
    targets: Iterable[str] = (),
    tags: Iterable[str] = (),
    statuses: Iterable[str] = (),
) -> Selection:
    """A :class:`Selection` from option values, checked against ``plan``.

    Raises :class:`SelectionError` for an owner, action or tag the plan does not name, or a
    target id or pattern that matches no target (with suggestions).
    """
    chosen = Selection(
        tuple(o.strip() for o in owners if o.strip()),
        tuple(a.strip() for a in actions if a.strip()),
        tuple(t.strip() for t in targets if t.strip()),
        tuple(t.strip() for t in tags if t.strip()),
        tuple(dict.fromkeys(parse_status(s) for s in statuses)),
    )
    known_owners = plan.owners()
    for owner in chosen.owners:
        if owner not in known_owners:
            _unknown("--owner", owner, known_owners, plan, 'add owner = "…" to its targets')
    action_ids = [a.id for a in plan.actions]
    for action in chosen.actions:
        if action not in action_ids:
            _unknown("--action", action, action_ids, plan, "")
    known_tags = list(dict.fromkeys(tag for t in plan.targets for tag in t.tags))
    for tag in chosen.tags:
        if tag not in known_tags:
            _unknown("--tag", tag, known_tags, plan, 'add tags = ["…"] to its targets')
    ids = [t.id for t in plan.targets]
    resolved = []
    for pattern in chosen.targets:
        resolved.append(pattern if fnmatch.filter(ids, pattern) else _target_id(plan, pattern))
    return chosen._replace(targets=tuple(dict.fromkeys(resolved)))


def _target_id(plan: Plan, given: str) -> str:
    """The id of the target ``--target`` names by its name or an alias (as ``record`` and
    ``import`` read them: :func:`~ledger.row_targets.named_target`); raises :class:`SelectionError`
    for a name of several targets or of none, naming the closest ids."""
    from .row_targets import named_target

    try:
        return named_target(plan, given).id
    except UnknownTarget as e:
        fix = e.fix if e.hint else _listed(plan.target_ids(), "`tracker targets` shows them all")
        raise SelectionError("--target", Problem(f"{given!r}: {plan.path} names no such target", fix=fix)) from None
    except TrackerError as e:  # a name of several targets: which ids it names
        raise SelectionError("--target", e.problems[0]) from None


def _listed(known: Sequence[str], where: str) -> str:
    """ "the plan has 'a', 'b', …": at most 12 of ``known``, saying how many more there are and ``where`` they are listed."""
    shown = ", ".join(repr(k) for k in known[:_LISTED])
    more = len(known) - _LISTED
    return f"the plan has {shown}" + (f" and {more} more ({where})" if more > 0 else "")


_LISTED = 12  # names listed in a refusal: more would not fit a line


def _unknown(option: str, value: str, known: Sequence[str], plan: Plan, when_none: str) -> None:
    if not known and when_none:
        # A plan with no owners (or tags) at all: say so, not "no such owner" beside an empty list
        raise SelectionError(option, Problem(f"{value!r}: {plan.path} names no {option[2:]} at all", fix=when_none))
    hint = suggest(value, known)
    fix = f"did you mean {hint}?" if hint else _listed(known, "`tracker targets` shows them all")
    raise SelectionError(option, Problem(f"{value!r}: {plan.path} names no such {option[2:]}", fix=fix))


def matches(target: Target, chosen: Selection) -> bool:
    """Whether ``target`` passes every filter of ``chosen`` but the status one."""
    return (
        (not chosen.owners or target.owner in chosen.owners)
        and (not chosen.actions or target.action in chosen.actions)
        and (not chosen.targets or any(fnmatch.fnmatchcase(target.id, p) for p in chosen.targets))
        and (not chosen.tags or any(tag in target.tags for tag in chosen.tags))
    )


def chosen_targets(plan: Plan, chosen: Selection) -> list[Target]:
    """The plan's targets that pass ``chosen`` (the status filter needs a report: see
    :func:`narrow`), in plan order."""
    return [t for t in plan.targets if matches(t, chosen)]


def narrow(report: StatusReport, chosen: Selection) -> StatusReport:
    """``report`` with only the targets ``chosen`` lets through; actions left empty are dropped.
    The summary counts what remains; ``expected`` (the plan's) is unchanged."""
    if not chosen:
        return report

    def keep(p: TargetProgress) -> bool:
        return matches(p.target, chosen) and (not chosen.statuses or p.status in chosen.statuses)

    actions = tuple(ActionProgress(a.action, tuple(filter(keep, a.targets))) for a in report.actions)
    return report._replace(actions=tuple(a for a in actions if a.targets))


def by_owner(report: StatusReport) -> StatusReport:
    """``report`` grouped by responsible unit instead of action: one group per owner in the
    order the plan first names them, targets in plan order, and the targets with no owner last
    under :data:`NO_OWNER`. Each group's ``action`` is an :class:`Action` whose id and name are
    the owner's name and whose ``lead`` is its lead official when its targets name only one."""
    groups: dict[str, list[TargetProgress]] = {}
    for p in report.targets:
        groups.setdefault(p.target.owner or "", []).append(p)
    out = []
    for owner in sorted(groups, key=lambda o: o == ""):  # stable: first appearance, no owner last
        members = groups[owner]
        leads = {p.target.lead for p in members if p.target.lead}
        lead = leads.pop() if len(leads) == 1 else None
        group = NO_OWNER if owner == "" else Action(owner, owner, owner, owner=owner, lead=lead)
        out.append(ActionProgress(group, tuple(members)))
    return report._replace(actions=tuple(out), grouping="owner")


def view(report: StatusReport, chosen: Selection, grouping: str = "action") -> StatusReport:
    """``report`` narrowed to ``chosen`` and grouped by ``grouping`` (``"action"`` or ``"owner"``)."""
    narrowed = narrow(report, chosen)
    return by_owner(narrowed) if grouping == "owner" else narrowed


def chosen_ids(plan: Plan, entries: Iterable[Entry], chosen: Selection, as_of: date | None) -> set[str] | None:
    """The ids of the targets ``chosen`` lets through, ``None`` when it lets every one through.
    The status filter judges each target as of ``as_of`` (required with ``--status``) from
    ``entries``."""
    if not chosen:
        return None
    ids = {t.id for t in chosen_targets(plan, chosen)}
    if chosen.statuses:
        if as_of is None:
            raise ValueError("a status filter needs an as-of date")
        known = [e for e in entries if e.target in ids]
        report = evaluate(plan, known, as_of)
        ids = {p.target.id for p in report.targets if p.target.id in ids and p.status in chosen.statuses}
    return ids
