"""Which target a sheet's row names. A target cell holds a target id, its Chinese or English name,
one of its ``aliases`` or a milestone's name, with full-width and half-width forms, spaces and
brackets made alike; a name that is merely close is never taken for it (:class:`Resolver`).
``import --target`` gives every row to one target (:class:`OneTarget`); :func:`named_target` is
the target a person names on the command line, by the same rule.
"""

import functools
import unicodedata
from typing import NamedTuple

from . import units
from .errors import EntryError, suggest
from .model import Plan, Target
from .names import key, keys
from .numbers import MARK_SYMBOLS
from .patterns import LazyPattern
from .readings import _INCREMENT, _RATE
from .total_labels import is_total_row

# A rate's quantity named with a growth word after it (规上工业增加值增速, 规模以上工业增加值同比增长), as
# names.key writes it: the rate itself, as bureaus name its row in a vertical 指标 | 单位 | 数值 list.
_GROWTH_AFTER = LazyPattern(r"^(.+?)(?:同比增长率|同比增长|同比增速|比上年增长|增长率|增速|增幅|增长)$")
_ROW_PREFIX = LazyPattern(  # compiled on first use: about 5 ms
    r"^(其中[:：]|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、．](?!\d)|\d+\.(?!\d))\s*"
)


# A row name ending in its unit in brackets: 新增创新空间面积（平方米）, 工业总产值(单位:亿元).
_NAME_UNIT = LazyPattern(r"^(.*?\S)\s*[(（]\s*(?:单位\s*[:：]\s*)?([^()（）]+?)\s*[)）]\s*$")


# A footnote mark after a row's name, pointing at a note below the table (注：①为初步数): circled,
# parenthesised or superscript numbers (Unicode category No), the symbols statistics offices use,
# or a bracketed 注 (（注1）, (注)). Taken off the raw text, before names.key, whose NFKC would make
# 产值① 产值1: a mark must never make two names equal.
NAME_MARK_SYMBOLS = MARK_SYMBOLS  # the same marks a figure may end in
_CLOSING = frozenset(")）]】")  # what a text _NOTE_MARK finds in ends with: any other is not searched
_NOTE_MARK = LazyPattern(r"\s*[(（\[【]\s*注\s*[\d①-⑩]*\s*[)）\]】]\s*$")

# A row name that opens with a whole area (全区规模以上工业总产值, 全市…): a district's or a city's
# figure, which a zone's plan must not take for its own by an alias (area_columns says it of columns).
_WHOLE_AREA_NAME = LazyPattern(r"^(全区|全市|全县|全省|全国|全镇|全街道?|全域)")


def name_mark(cell: str) -> tuple[str, str]:
    """``cell`` without a footnote mark after the name, and the mark (``""`` when none):
    ``规模以上工业总产值①`` → (``规模以上工业总产值``, ``①``), ``固定资产投资△`` → (``固定资产投资``,
    ``△``), ``工业总产值¹`` → (``工业总产值``, ``¹``), ``固定资产投资（注1）`` → (``固定资产投资``,
    ``（注1）``). A text that is only marks is left as it is."""
    body = cell.rstrip()
    last = body[-1:]
    if last in _CLOSING and (m := _NOTE_MARK.search(body)) is not None and body[: m.start()].strip():
        return body[: m.start()].rstrip(), body[m.start() :].strip()
    if not last or (last not in NAME_MARK_SYMBOLS and unicodedata.category(last) != "No"):
        return cell, ""  # as the loop below finds: no mark at the end
    end = len(body)
    while end and (body[end - 1] in NAME_MARK_SYMBOLS or unicodedata.category(body[end - 1]) == "No"):
        end -= 1
    head = body[:end].rstrip()
    if end == len(body) or not head:
        return cell, ""
    return head, body[end:]


class Named(NamedTuple):
    """What a row's name cell names: a ``target``, the ``milestone`` id when it names one of
    the target's milestones, ``via``: how it was matched (for ``--dry-run``), and the ``unit``
    the name carries in brackets (``新增创新空间面积（平方米）``: 平方米), the row's own unit. A named
    tuple, not a frozen dataclass: made when the module is imported, at every import's start-up."""

    target: Target
    milestone: str | None
    via: str
    unit: str | None = None
    carrier: bool = False  # a carrier's name, given to the target `import --target` names (OneTarget)


class Resolver:
    """Finds the target a cell names: its id, name, English name, one of its ``aliases``, or the
    name of one of its milestones, all made alike (full/half width, spaces, dashes); then the
    same with a row's numbering taken off (``一、``, ``（二）``, ``其中：``)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.seen: dict[str, Named | None] = {}
        self.keys: dict[str, set[tuple[str, str | None, str]]] = {}
        texts: list[str] = []
        named: list[tuple[str, str | None, str]] = []
        for t in plan.targets:
            names = [(t.id, "id"), (t.name, "name"), (t.name_en or "", "English name")]
            names += [(a, f"alias {a!r}") for a in t.aliases]
            for text, via in names:
                if text:
                    texts.append(text)
                    named.append((t.id, None, via))
            for m in t.milestones:
                texts.append(m.name)
                named.append((t.id, m.id, f"milestone name {m.name!r}"))
        made = keys(texts)
        for k, item in zip(made, named, strict=True):  # made comparable at once: see names.keys
            self.keys.setdefault(k, set()).add(item)
        self._texts = texts
        # A cell as the plan writes one of its names (指标名称 of a sheet made from the plan): what
        # its key names, found without making the cell's key (a tenth of reading a name) or looking
        # for a footnote mark (a plan's own name is read whole, marked or not: see _find).
        self.exact = dict(zip(texts, map(self.keys.__getitem__, made), strict=True))

    @functools.cached_property
    def marked(self) -> frozenset[str]:
        """The plan's own names that end in what would be a mark (一期①): a row naming one so is
        read whole. Found when a row's name first carries a mark: most sheets' names carry none,
        and looking at each of a 1,000-target plan's names was half of making the resolver."""
        return frozenset(key(t) for t in self._texts if name_mark(t)[1])

    def find(self, cell: str) -> Named | None:
        """The target ``cell`` names, or ``None``. Raises :class:`EntryError` when it names
        several."""
        if cell in self.seen:  # a sheet names the same few targets on many rows
            return self.seen[cell]
        found = self.seen[cell] = self._find(cell)
        return found

    def _find(self, cell: str) -> Named | None:
        if (exact := self.plan.find(cell)) is not None:
            return Named(exact, None, "id")
        if (matches := self.exact.get(cell)) is not None:
            return self._matched(cell, matches)
        bare, mark = name_mark(cell)
        if mark and key(cell) not in self.marked:  # 工业总产值①: the name, marked for a note below
            found = self._named(bare)
            if found is None:
                return None
            return found._replace(via=f"{found.via} (footnote mark {mark!r} taken off)")
        return self._named(cell)

    def _named(self, cell: str) -> Named | None:
        if (exact := self.plan.find(cell)) is not None:
            return Named(exact, None, "id")
        k = key(cell)
        matches = self.keys.get(k)
        if not matches:
            stripped = cell.strip()
            while m := _ROW_PREFIX.match(stripped):
                stripped = stripped[m.end() :]
            matches = self.keys.get(key(stripped)) if stripped != cell.strip() else None
        if not matches:
            return self._with_unit(cell) or self._growth_of(k)
        return self._matched(cell, matches)

    def _matched(self, cell: str, matches: set[tuple[str, str | None, str]]) -> Named:
        """What ``cell`` names, given the plan's names its key matches (``matches``: target id,
        milestone id, how). Raises :class:`EntryError` when they are of several targets."""
        if len(matches) == 1:  # as a sheet's names nearly all are: one target by one of its names
            ((tid, milestone, via),) = matches
            return Named(self.plan.target(tid), milestone, via)
        ids = sorted({tid for tid, _, _ in matches})
        if len(ids) > 1:
            raise EntryError(f"{cell!r} names {len(ids)} targets ({', '.join(ids)}); use the target id")
        tid, milestone, via = sorted(matches, key=lambda x: (x[1] is not None, x[2]))[0]
        return Named(self.plan.target(tid), milestone, via)

    def _with_unit(self, cell: str) -> Named | None:
        """What a name carrying its unit in brackets names (``新增创新空间面积（平方米）``), with
        that unit; ``None`` when the brackets hold no unit or the rest names no target."""
        m = _NAME_UNIT.match(unicodedata.normalize("NFKC", cell).strip())
        if m is None:
            return None
        try:
            unit = units.canonical(m.group(2))
        except units.UnitError:
            return None
        found = self._named(m.group(1))
        return None if found is None or found.unit is not None else found._replace(unit=unit)

    def _growth_of(self, k: str) -> Named | None:
        """The rate target whose quantity ``k`` (a name's key) names with a growth word after it
        (``规上工业增加值增速``: value-added-growth, whose alias is 规上工业增加值); ``None`` when the
        rest names no target, several, or one that is no rate (规上工业总产值增速 is the output's
        growth, which no target records)."""
        m = _GROWTH_AFTER.match(k)
        if m is None or not (matches := self.keys.get(m.group(1))):
            return None
        ids = {tid for tid, milestone, _ in matches if milestone is None}
        if len(ids) != 1 or (target := self.plan.target(next(iter(ids)))).kind is not _RATE:
            return None
        via = sorted(v for _, milestone, v in matches if milestone is None)[0]
        return Named(target, None, f"{via} with its growth word {k[m.end(1) :]!r}")

    def __call__(self, cell: str) -> Target:
        """The target ``cell`` names; raises :class:`EntryError` (with a suggestion) if none."""
        found = self.find(cell)
        if found is None:
            raise EntryError(self.unknown(cell))
        return found.target

    def unknown(self, cell: str) -> str:
        """The message for a cell that names no target."""
        names = [t.id for t in self.plan.targets] + [t.name for t in self.plan.targets]
        hint = suggest(cell, names)
        area = _WHOLE_AREA_NAME.match(key(cell))
        if hint and area:
            return (
                f"no target {cell!r}: it gives {area.group(1)}'s figure, of a whole area; "
                f"add it to the aliases of {hint} only if the plan is {area.group(1)}'s own"
            )
        return f"no target {cell!r}" + (
            f"; did you mean {hint}? (write it exactly, or add it to the target's aliases)" if hint else ""
        )


class OneTarget(Resolver):
    """A :class:`Resolver` for ``import --target``: every row is ``target``'s. A name cell that
    names ``target`` (its id, name, alias or milestone) is read as always; one that names no
    target of the plan names a carrier (载体, 项目) of ``target``'s (:attr:`Named.carrier`); a total row's label (合计, 小计) is no carrier and names nothing, to be
    refused as a total row is. Raises :class:`EntryError` for a cell naming another target, and
    for a carrier of a target that is no ``increment``: a total's, rate's, rank's or milestone's
    figure is one reading of the whole, and a carrier's is a part of it, never the whole."""

    def __init__(self, plan: Plan, target: Target) -> None:
        super().__init__(plan)
        self.target = target
        # What a total row may name beside its word for a total (合计：新增创新空间面积): the target.
        self.names = tuple(n for n in (target.id, target.name, target.name_en, *target.aliases) if n)

    def _find(self, cell: str) -> Named | None:
        named = super()._find(cell)
        if named is None:
            if is_total_row(cell, self.names):
                return None
            if self.target.kind is not _INCREMENT:  # a carrier's running total, rate or status is a part
                kind = self.target.kind.value
                raise EntryError(
                    f"{cell.strip()!r} names no target, so --target reads it as a carrier of {self.target.id!r}; "
                    f"but {self.target.id} (kind {kind}) keeps one figure of the whole, never a sum of its "
                    "carriers': give the whole's figure in a row naming the target, or record it with `tracker record`"
                )
            return Named(self.target, None, f"carrier {cell.strip()!r} (--target; kept as the note)", carrier=True)
        if named.target is not self.target:
            raise EntryError(
                f"{cell.strip()!r} names target {named.target.id!r}, but --target gives every row to "
                f"{self.target.id!r}; import a sheet of one target's rows, or this one without --target"
            )
        return named

    def unknown(self, cell: str) -> str:
        """Never asked of a carrier; a total row's label is refused as such."""
        return f"{cell.strip()!r} is a total row, {TOTAL_ROW_IS}"


# What a total row (合计, 小计 in a name or carrier column) is, and what to do: its figure is the sum of
# rows tracker reads and adds up itself, so deleting it or passing it over loses nothing.
TOTAL_ROW_IS = "the sum of rows that tracker reads and adds up itself"
TOTAL_ROW = (
    f"{TOTAL_ROW_IS}; delete it, or pass it over with --skip-unknown: the rows it totals are imported all the same"
)


def _titled(plan: Plan, above: tuple[str, ...]) -> str | None:
    """The fix for a carrier sheet refused for want of ``--target`` when the texts ``above`` its
    header (the title) name one target of the plan alone, by its name or an alias, and it is an
    ``increment``: the ``--target`` to give, said as a question for a person to answer, never
    taken for them (a title may name more than its rows hold). Only an increment adds its
    carriers' figures up, so no other kind is offered. ``None`` when none or several are named."""
    said = [key(t) for t in above]
    found = {t.id: n for t in plan.targets for n in (t.name, *t.aliases) if n and any(key(n) in s for s in said)}
    if len(found) != 1:
        return None
    ((tid, named),) = found.items()
    if plan.target(tid).kind is not _INCREMENT:
        return None
    return f"if every row is {tid}'s, as the title's {named!r} says, import with --target {tid}; else add a 指标名称 column"


def named_target(plan: Plan, given: str) -> Target:
    """The target ``given`` names wherever a person types one (``record``, ``show``, ``log``,
    ``--target``, ``import --target``): its id, else its name, English name or an alias, made
    alike as a sheet's row is (full/half width, spaces, dashes: :class:`Resolver`); a milestone's
    name is no target's. Raises :class:`~ledger.errors.EntryError` naming the candidates' ids
    when the text names several targets, and :class:`~ledger.errors.UnknownTarget` (naming the
    closest ids, by id or name: :func:`closest_ids`) when it names none."""
    if (found := plan.find(given)) is not None:
        return found
    named = Resolver(plan).find(given)  # raises EntryError for a name of several targets
    if named is not None and named.milestone is None:
        return named.target
    from .errors import UnknownTarget

    raise UnknownTarget(given, plan.target_ids(), str(plan.path), hint=closest_ids(plan, given))


def closest_ids(plan: Plan, given: str, n: int = 3) -> str:
    """The ids of the targets whose id, name, English name, alias or milestone's name is closest to ``given``
    (difflib, on the names made alike), quoted and joined with " or " (``'industrial-output'``);
    ``""`` when none is close."""
    from difflib import get_close_matches

    by_key: dict[str, list[str]] = {}
    for t in plan.targets:
        for text in (t.id, t.name, t.name_en or "", *t.aliases, *(m.name for m in t.milestones)):
            if text:
                by_key.setdefault(key(text), []).append(t.id)
    wanted = key(given)
    close = get_close_matches(wanted, list(by_key), n=n * 2, cutoff=0.6)
    if not close:  # an id typed as a fragment ("output") still deserves a pointer to "industrial-output"
        close = [k for k in by_key if wanted and wanted in k]
    ids = list(dict.fromkeys(tid for k in close for tid in by_key[k]))[:n]
    return " or ".join(repr(i) for i in ids)
