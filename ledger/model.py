"""The plan's model: plan, action, target, milestone, and the vocabularies they use."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple


class Kind(StrEnum):
    """How a target's entries are read (README, "How progress is counted")."""

    TOTAL = "total"  # readings of a running total or stock (1–N月累计, 存量)
    INCREMENT = "increment"  # additions (新增 …), summed
    RATE = "rate"  # rates in % (增速, 同比), judged by threshold
    RANK = "rank"  # positions, 1 = best (排名, 国考位次)
    MILESTONE = "milestone"  # status updates of a qualitative task

    @property
    def numeric(self) -> bool:
        """Whether the target carries a figure (everything but milestones)."""
        return self is not Kind.MILESTONE

    @property
    def article(self) -> str:
        """The kind with its English article, for messages: "a total", "an increment"."""
        return f"{'an' if self.value[0] in 'aeiou' else 'a'} {self.value}"


class Direction(StrEnum):
    """Which way a rate should move: ``UP`` (higher is better, e.g. growth) or ``DOWN``."""

    UP = "up"
    DOWN = "down"


def lower_is_better(kind: Kind, direction: Direction, target: Decimal | None, baseline: Decimal | None) -> bool:
    """Whether a smaller figure is the better one for a target of this ``kind``: a rank (1 is
    best), a rate that should fall, or a total or increment whose target is below its baseline
    (a falling stock). Milestones carry no figure: ``False``."""
    if kind is Kind.RANK:
        return True
    if kind is Kind.RATE:
        return direction is Direction.DOWN
    if kind in (Kind.TOTAL, Kind.INCREMENT):
        return target is not None and target < (baseline or Decimal(0))
    return False


def is_rank(number: Decimal) -> bool:
    """Whether ``number`` is a rank: a whole number from 1 (1 is best)."""
    return number >= 1 and number == number.to_integral_value()


class Status(StrEnum):
    """A target's standing (README, "How progress is counted"); the order is best first."""

    DONE = "done"  # 已完成
    ON_TRACK = "on_track"  # 达序时
    AT_RISK = "at_risk"  # 略滞后
    BEHIND = "behind"  # 滞后 (亮灯)
    NOT_ACHIEVED = "not_achieved"  # 未完成: from the plan's last day on, a target not met
    NO_DATA = "no_data"  # 无数据


class FailOn(StrEnum):
    """The status at or below which ``check --fail-on`` reports a target (and exits 3)."""

    at_risk = "at_risk"
    behind = "behind"

    def statuses(self) -> frozenset[Status]:
        """The statuses that count as failing: ``behind`` alone, or ``at_risk`` and ``behind``;
        from the plan's last day on, ``not_achieved`` with either."""
        if self is FailOn.at_risk:
            return frozenset({Status.AT_RISK, Status.BEHIND, Status.NOT_ACHIEVED})
        return frozenset({Status.BEHIND, Status.NOT_ACHIEVED})


class MilestoneStatus(StrEnum):
    """The status an entry of a ``milestone`` target reports."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    BLOCKED = "blocked"


# How people write a milestone's status in Chinese, by status: the first is how tracker shows
# it; the others are read too (from sheets and `tracker record`).
MILESTONE_WORDS = {
    MilestoneStatus.NOT_STARTED: ("未启动", "未开始", "尚未启动"),
    MilestoneStatus.IN_PROGRESS: ("推进中", "进行中", "正在推进"),
    MilestoneStatus.DONE: ("已完成", "完成"),
    MilestoneStatus.BLOCKED: ("受阻", "滞后受阻"),
}


class Frequency(StrEnum):
    """How often a target's figures are reported: a figure older than one period plus the
    plan's grace days is stale."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"

    @property
    def months(self) -> int:
        """The period's length in months."""
        return {"monthly": 1, "quarterly": 3, "yearly": 12}[self.value]


class Milestone(NamedTuple):
    """One dated step of a ``milestone`` target; ``name_en`` its English name, if given."""

    id: str
    name: str
    due: date
    name_en: str | None = None


class Action(NamedTuple):
    """A group of targets (行动)."""

    id: str
    name: str
    name_en: str | None = None
    owner: str | None = None  # 责任单位, inherited by the action's targets that name none
    lead: str | None = None  # 牵头领导, likewise


class Target(NamedTuple):
    """One thing to reach by ``due`` (指标/任务).

    ``target``, ``stretch`` (力争, the figure beyond the floor 确保), ``baseline`` and
    ``previous`` are in ``unit`` (``None`` for milestones). ``baseline`` is where progress is
    measured from (起点, the stock at the start; ``None`` when not given, counted as 0 by the
    arithmetic of totals and increments); ``previous`` is last year's figure (上年实绩), shown
    for reference and year-on-year comparison and never used in the progress arithmetic. ``frequency`` is how often figures arrive, for telling
    stale data. ``owner`` is the responsible unit (责任单位) and ``lead`` its lead official
    (牵头领导), the action's where the target names none. ``release_day`` is the day of the month
    after a period by which that period's figure is due (the plan's where not given). ``tolerance`` is in
    percentage points behind schedule still counted ``at_risk``. ``schedule`` holds
    ``(month end, planned share 0–1)`` pairs in date order; empty means the even monthly line.
    """

    id: str
    action: str
    name: str
    kind: Kind
    due: date
    tolerance: Decimal
    unit: str | None = None
    target: Decimal | None = None
    baseline: Decimal | None = None
    previous: Decimal | None = None
    name_en: str | None = None
    direction: Direction = Direction.UP
    owner: str | None = None
    schedule: tuple[tuple[date, Decimal], ...] = ()
    tags: tuple[str, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    source: str | None = None
    note: str | None = None
    stretch: Decimal | None = None
    frequency: Frequency = Frequency.MONTHLY
    lead: str | None = None
    release_day: int = 15
    aliases: tuple[str, ...] = ()  # other names sheets give it (规模以上工业总产值), matched as names are

    @property
    def lower_is_better(self) -> bool:
        """Whether a smaller figure is better for this target (see :func:`lower_is_better`)."""
        return lower_is_better(self.kind, self.direction, self.target, self.baseline)


class Plan(NamedTuple):
    """One ``targets.toml``: the period ``start``–``end`` (inclusive), actions and targets in file order.

    ``path`` is the file it was read from; ``ledger`` the ledger path it names (default
    ``progress.toml`` beside it); ``timezone`` an IANA name or ``None`` for the machine's zone.
    """

    path: Path
    id: str
    name: str
    start: date
    end: date
    ledger: Path
    actions: tuple[Action, ...]
    targets: tuple[Target, ...]
    name_en: str | None = None
    source: str | None = None
    tolerance: Decimal = Decimal(5)
    timezone: str | None = None
    grace: int = 20  # days after a period ends before its figure counts as late
    release_day: int = 15  # day of the following month by which a period's figure is due
    previous_ledger: Path | None = None  # last year's ledger, for year on year (同比)
    # Each target by id, for lookups: :func:`~ledger.plan_file.load_plan` fills it in; a plan
    # built without it still finds its targets, by going through them.
    by_id: Mapping[str, Target] = {}  # never changed: read only

    def find(self, target_id: str) -> Target | None:
        """The target with this id, or ``None``."""
        if self.by_id:
            return self.by_id.get(target_id)
        return next((t for t in self.targets if t.id == target_id), None)

    def target(self, target_id: str) -> Target:
        """The target with this id; raises :class:`~ledger.errors.UnknownTarget` with suggestions."""
        found = self.find(target_id)
        if found is None:
            from .errors import UnknownTarget

            raise UnknownTarget(target_id, self.target_ids(), str(self.path))
        return found

    def target_ids(self) -> list[str]:
        """Every target's id, in file order."""
        return [t.id for t in self.targets]

    def owners(self) -> list[str]:
        """The responsible units (责任单位) the targets name, in order of first appearance."""
        return list(dict.fromkeys(t.owner for t in self.targets if t.owner))

    def targets_of(self, action_id: str) -> list[Target]:
        """The targets of one action, in file order."""
        return [t for t in self.targets if t.action == action_id]

    def clamp(self, day: date) -> date:
        """``day`` moved into the plan period (what "today" means for a finished or future plan)."""
        return min(max(day, self.start), self.end)
