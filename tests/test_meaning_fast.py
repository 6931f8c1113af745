"""The meaning and duplicate checks of an import, and its fresh ids, held to the forms before.

``meaning.check_new`` looks at each target of the new entries once (``meaning._Seen``), works out
a fingerprint only for an entry that shares its target and date with another, gives an increment
no neighbours (its checks read none), and builds the entries by id only when a correction needs
them. ``entries.fresh_ids`` hands out ids from the pool ``new_id`` draws from, sliced from one hex
text. Each must give what the plain form gives: the same findings, in the same order, with the
same messages; ids of the same form and rule.
"""

from __future__ import annotations

import os
import re
import tempfile
from bisect import bisect_right
from datetime import date, timedelta
from decimal import Decimal, localcontext
from fractions import Fraction
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import entries as entries_module
from ledger.additions import _batches, _moved, added_to
from ledger.duplicates import _duplicate_message, fingerprint, rival_message
from ledger.entries import Entry, effective, fresh_ids, new_id
from ledger.findings import Finding, _value
from ledger.meaning import _chain, _neighbours, _Seen, check_new, earlier_than, next_month_problem
from ledger.model import Kind, MilestoneStatus, Plan, Target
from ledger.quick_verdicts import _clear_increment, _clear_total, _Floats, _Shares
from ledger.schedule import elapsed
from ledger.slips import PAST_TARGET, RATIO, SMALL_OF_TARGET, _too_small, judge, note_month, zero_revision
from tests.helpers import RECORDED, write_plan

TARGETS = """
[[target]]
id = "output"
action = "a"
name = "工业总产值"
kind = "total"
unit = "亿元"
target = 1360

[[target]]
id = "stock"
action = "a"
name = "存量"
kind = "total"
unit = "万平方米"
baseline = 100
target = 200

[[target]]
id = "area"
action = "a"
name = "新增面积"
kind = "increment"
unit = "万平方米"
target = 50

[[target]]
id = "growth"
action = "a"
name = "增速"
kind = "rate"
unit = "%"
target = 6

[[target]]
id = "park"
action = "a"
name = "园区建设"
kind = "milestone"
"""

PLAN = write_plan(Path(tempfile.mkdtemp(prefix="tracker-meaning-")), TARGETS)


def _with_withdrawn(plan: Plan, existing: list[Entry], withdrawn: set[str], e: Entry, r: Entry) -> bool:
    """Whether the month's addition ``r`` came in the same append (one batch, else one recorded
    stamp) as an addition for ``e``'s place (target, date, milestone, note) that a void has
    withdrawn since: a corrected sheet sent again, whose other rows belong with ``e`` (resent)."""
    batch_of = _batches(existing)

    def append(x: Entry) -> object:
        return batch_of.get(x.id, x.recorded)

    return any(
        w.id in withdrawn
        and not w.void
        and (t := plan.find(w.target)) is not None
        and t.kind is Kind.INCREMENT
        and (w.target, w.date, w.milestone, w.note) == (e.target, e.date, e.milestone, e.note)
        and append(w) == append(r)
        for w in existing
    )


def check_new_before(
    plan: Plan, existing: list[Entry], new: list[Entry], *, duplicates: bool = True, meaning: bool = True
) -> list[Finding]:
    """``check_new`` as it was written before it was made quick: every entry's fingerprint kept,
    every judged entry's neighbours looked up by bisection, the entries by id always built."""
    findings: list[Finding] = []
    targets = {tid: plan.find(tid) for tid in {e.target for e in new}}
    by_id = {e.id: e for e in existing}
    have: dict[tuple[Any, ...], Entry] = {}
    readings_of: dict[str, list[Entry]] = {}
    withdrawn = {e.corrects for e in existing if e.void}
    for e in existing:
        if not e.void and e.target in targets and e.id not in withdrawn:
            have.setdefault(fingerprint(targets[e.target], e), e)
    for e in effective(existing) if meaning else ():
        if e.target in targets:
            readings_of.setdefault(e.target, []).append(e)
    for mine in readings_of.values():
        mine.sort(key=lambda r: r.date)
    replaced = {e.corrects for e in new if e.corrects is not None}
    smallest: dict[str, Fraction] = {}  # an addition's smallest before it, not itself too small

    def smaller(target: Target, e: Entry, kept: bool) -> None:
        value = _value(e, target)
        if kept and value is not None and value > 0 and (e.target not in smallest or value < smallest[e.target]):
            smallest[e.target] = value

    for e in effective(existing) if meaning else ():
        if (t := targets.get(e.target)) is not None and t.kind is Kind.INCREMENT and e.value is not None:
            smaller(t, e, e.forced or _too_small(t, e, _value(e, t), smallest.get(e.target)) is None)
    for e in new:
        target = targets[e.target]
        by_id[e.id] = e
        if target is None or e.void:
            continue
        skip = _chain(by_id, e.corrects) if e.corrects else frozenset()
        mark = fingerprint(target, e)
        twin = have.get(mark)
        if duplicates and not e.forced and twin is not None and twin.id not in skip:
            message = _duplicate_message(target, e, twin)
            findings.append(Finding(e, target, message, duplicate=True, against=(twin.id,)))
        if twin is None and meaning:
            rival = _rival_before(target, [r for r in new[: new.index(e)] if r.id not in replaced], e)
            if rival is not None:
                findings.append(Finding(e, target, rival_message(target, e, rival), against=(rival.id,), rival=True))
        if meaning and e.id not in replaced and (noted := note_month(plan, target, e)) is not None:
            findings.append(noted)
        have.setdefault(mark, e)
        if not meaning or target.kind not in (Kind.TOTAL, Kind.INCREMENT, Kind.RATE) or e.id in replaced:
            continue  # an entry a later one of the append withdraws or corrects is not judged, nor judged against
        repeat = twin is not None and twin.id not in skip  # a duplicate, not an addition to its month too
        moved = e.corrects is None or _moved(by_id, e, target)  # a new addition, or one amend --date moved
        if target.kind is Kind.INCREMENT and not repeat and not e.forced and moved and e.value is not None:
            month = (e.date.year, e.date.month)
            there = [r for r in effective(existing) if r.target == e.target and r.value is not None
                     and (r.date.year, r.date.month) == month and r.id not in skip]  # fmt: skip
            if there and withdrawn:
                there = [r for r in there if not _with_withdrawn(plan, existing, withdrawn, e, r)]
            if there:
                findings.append(added_to(target, e, there))
        mine = readings_of.setdefault(e.target, [])
        readings = [r for r in mine if r.id not in skip] if skip else mine
        nearest, prior = _neighbours(readings, e.date)
        earlier = None
        if nearest is not None and nearest.date == e.date:
            earlier = next((r for r in reversed(readings) if r.date < e.date), None)
        later = next((r for r in readings if r.date > e.date), None)
        if target.kind is Kind.RATE:  # against the latest reading of an earlier date
            nearest, prior, earlier, later = earlier_than(readings, e.date), None, None, None
        judged = judge(plan, target, nearest, prior, e, earlier, later, smallest.get(e.target))
        if target.kind is Kind.INCREMENT and e.value is not None:
            smaller(target, e, e.forced or not judged)
        if not judged and later is not None and (broken := next_month_problem(plan, target, readings, e)):
            judged = [broken]
        if not judged and e.corrects is not None and target.kind is Kind.TOTAL:  # a correction to 0
            zeroed = zero_revision(target, by_id.get(e.corrects), e)
            judged = [zeroed] if zeroed is not None else []
        findings.extend(judged)
        mine.insert(bisect_right(mine, e.date, key=lambda r: r.date), e)
    return findings


def _rival_before(target: Any, before: list[Entry], e: Entry) -> Entry | None:
    """The first earlier new entry giving ``e``'s target, date and milestone another figure at
    the same moment, where neither is forced, void, a correction or an addition."""
    if target.kind is Kind.INCREMENT or e.forced or e.void or e.corrects is not None:
        return None
    for r in before:
        same = (r.target, r.date, r.milestone, r.recorded) == (e.target, e.date, e.milestone, e.recorded)
        if same and not r.void and r.corrects is None and (r.value is not None or r.status is not None):
            return r
    return None


VALUES = ("110", "120", "1.2", "0", "-5", "60", "3.5", "1100000", "0.0008", "6900", "35")
DAYS = [date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 15), date(2025, 3, 31), date(2025, 6, 30)]


@st.composite
def ledgers(draw: st.DrawFn) -> tuple[list[Entry], list[Entry]]:
    """Entries already in a ledger and new ones: a few targets (one not in the plan), dates that
    repeat and go back, figures that repeat exactly or in another unit, or slip by 10 000; month
    figures, notes that say 累计, statuses; forced, void and correcting entries (of earlier ones,
    of the ledger's or the new ones')."""
    count = draw(st.integers(1, 14))
    together = draw(st.booleans())  # recorded at one moment, as a sheet's rows are
    made: list[Entry] = []
    for n in range(count):
        target = draw(st.sampled_from(["output", "output", "stock", "area", "area", "growth", "park", "gone"]))
        day = draw(st.one_of(st.sampled_from(DAYS[:2]), st.sampled_from(DAYS)))  # twins of a date often
        kw: dict[str, Any] = {}
        if target == "park":
            kw["status"] = draw(st.sampled_from(list(MilestoneStatus)))
        else:
            kw["value"] = draw(st.one_of(st.just(Decimal(110)), st.sampled_from([Decimal(v) for v in VALUES])))
            kw["unit"] = draw(st.one_of(st.none(), st.sampled_from(["亿元", "万元", "万平方米", "平方米", "亩", "吨"])))
            if target == "output" and draw(st.booleans()):
                kw["month_value"] = draw(st.sampled_from([Decimal("10"), Decimal("110")]))
            if draw(st.integers(0, 4)) == 0:
                kw["note"] = draw(st.sampled_from(["1-6月累计", "本月", "1月新增", "2月"]))
        kw["forced"] = draw(st.integers(0, 6)) == 0
        if made and draw(st.integers(0, 4)) == 0:
            kw["corrects"] = draw(st.sampled_from([e.id for e in made]))
            kw["void"] = draw(st.booleans())
            kw["reason"] = "更正"
            if kw["void"]:
                kw.pop("value", None), kw.pop("status", None), kw.pop("unit", None)
        recorded = RECORDED if together else RECORDED + timedelta(minutes=n)
        made.append(Entry(f"e{n}", target, day, recorded, by=draw(st.sampled_from([None, "张三"])), **kw))
    cut = draw(st.integers(0, count))
    return made[:cut], made[cut:]


@settings(max_examples=500, deadline=None)
@given(ledgers(), st.booleans(), st.booleans())
def test_check_new_finds_what_the_form_before_found(
    books: tuple[list[Entry], list[Entry]], duplicates: bool, meaning: bool
) -> None:
    """The same findings (entry, message, kind, what each was judged against), in the same order;
    or the same error, for entries no command writes (a month figure in a unit that does not
    convert)."""
    existing, new = books
    assert _outcome(check_new, existing, new, duplicates, meaning) == _outcome(
        check_new_before, existing, new, duplicates, meaning
    )


def _outcome(check: Any, existing: list[Entry], new: list[Entry], duplicates: bool, meaning: bool) -> object:
    try:
        return check(PLAN, existing, new, duplicates=duplicates, meaning=meaning)
    except Exception as e:
        return type(e), str(e)


def test_an_entry_alone_on_its_date_is_judged_and_a_second_is_a_duplicate() -> None:
    """Hand-made: March's 1.2 亿元 after January's 110 is a slip of scale (judged against January's,
    though no fingerprint of either was worked out); the same figure again on January's date, as
    1,100,000 万元, is January's duplicate."""
    jan = Entry("e1", "output", date(2025, 1, 31), RECORDED, value=Decimal("110"), unit="亿元")
    mar = Entry("e2", "output", date(2025, 3, 31), RECORDED, value=Decimal("1.2"), unit="亿元")
    again = Entry("e3", "output", date(2025, 1, 31), RECORDED, value=Decimal("1100000"), unit="万元")
    found = check_new(PLAN, [jan], [mar, again])
    assert [(f.entry.id if f.entry else None, f.duplicate, f.against) for f in found] == [
        ("e2", False, ("e1",)),
        ("e3", True, ("e1",)),
        ("e3", False, ("e2",)),  # and more than March's later 1.2: a running total never falls
    ]
    assert found == check_new_before(PLAN, [jan], [mar, again])


@given(st.binary(max_size=64).map(lambda b: b[: len(b) - len(b) % 5]))
def test_ids_sliced_from_one_hex_text_are_each_five_bytes_in_hex(raw: bytes) -> None:
    """``_ids_of`` gives exactly ``raw[i:i + 5].hex()`` for each 5 bytes, the form before."""
    assert entries_module._ids_of(raw) == [raw[i : i + 5].hex() for i in range(0, len(raw), 5)]


def test_fresh_ids_are_new_ids_never_taken() -> None:
    """Ids from ``fresh_ids`` have ``new_id``'s form and avoid every id taken when each is drawn,
    including the pool's own next ids (planted as taken) and the ids handed out before it."""
    taken: set[str] = set()
    entries_module._POOL[:] = entries_module._ids_of(os.urandom(5 * 8))
    taken.update(entries_module._POOL[-3:])  # the next three the pool would give: skipped
    fresh = fresh_ids(taken)
    drawn = []
    for _ in range(600):  # past the pool's end: refilled from the OS
        candidate = next(fresh)
        assert candidate not in taken
        taken.add(candidate)
        drawn.append(candidate)
    assert all(re.fullmatch(r"[0-9a-f]{10}", i) for i in drawn)
    assert len(set(drawn)) == len(drawn)
    assert new_id(taken) not in taken


# The quick verdicts (quick_verdicts._clear_total, _clear_increment): floats with a margin that clear a
# figure far from every threshold, the exact checks for the rest. A quick "nothing to find" must
# never hide a finding: figures are put on each threshold, a float's rounding either side of it,
# and well clear of it, at magnitudes inside and beyond the floats' range.

OUTPUT, STOCK, AREA = (PLAN.find(tid) for tid in ("output", "stock", "area"))
assert OUTPUT is not None and STOCK is not None and AREA is not None
# On the threshold; off it by 1e-30 … 1e-6 of it (a float is off its number by up to 1.1e-16);
# clear of it by half.
NUDGES = [Fraction(0), *(sign * Fraction(1, 10**k) for k in (30, 17, 16, 15, 12, 9, 6) for sign in (1, -1))]
NUDGES += [Fraction(1, 2), Fraction(-1, 2)]
MAGNITUDES = ["1", "110", "0.0035", "123456789.123456789", "1e-88", "1e88", "1e-95", "1e95", "1e-400", "1e400"]
# Month ends and mid-month days; a day before the period (it covers none of it) and one after.
QUICK_DAYS = [date(2024, 12, 31), date(2025, 1, 1), date(2025, 1, 31), date(2025, 2, 14), date(2025, 6, 30),
              date(2025, 12, 31), date(2026, 1, 31)]  # fmt: skip
FACTORS = {
    None: Fraction(1),
    "亿元": Fraction(1),
    "万元": Fraction(1, 10**4),
    "万平方米": Fraction(1),
    "平方米": Fraction(1, 10**4),
}


def _decimal(exact: Fraction) -> Decimal:
    """``exact`` to 80 significant digits: a figure a hair's breadth from a threshold."""
    with localcontext() as context:
        context.prec = 80
        return Decimal(exact.numerator) / Decimal(exact.denominator)


def _share(day: date) -> Fraction:
    return elapsed(PLAN.start, PLAN.end, day)


@st.composite
def near_thresholds(draw: st.DrawFn) -> tuple[Target, Entry | None, Entry]:
    """A target, the reading before (``None``: a first reading) and a new figure put near one of
    the thresholds the meaning checks draw for it, in the target's unit or another."""
    shape = draw(st.sampled_from(["running", "stock", "first running", "first stock", "increment", "pace",
                                  "past target", "small increment"]))  # fmt: skip
    nudge = 1 + draw(st.sampled_from(NUDGES))
    day = draw(st.sampled_from(QUICK_DAYS))
    magnitude = Fraction(Decimal(draw(st.sampled_from(MAGNITUDES))))
    units = ["亿元", "万元", None] if "increment" not in shape else ["万平方米", "平方米", None]
    unit, before_unit = draw(st.sampled_from(units)), draw(st.sampled_from(units))
    target = OUTPUT if "running" in shape else STOCK if "stock" in shape else AREA
    if target is STOCK:
        target = target._replace(unit="亿元")  # a stock in money, so that the units above convert
    before = None
    if shape == "pace":  # the later of two running totals RATIO times the earlier, or 1 + RATIO × months/months
        target = OUTPUT._replace(target=_decimal(magnitude))
        before_day = draw(st.sampled_from(QUICK_DAYS))
        before = Entry("b", target.id, before_day, RECORDED, value=_decimal(magnitude / FACTORS[before_unit]),
                       unit=before_unit)  # fmt: skip
        early, late = sorted((_share(day), _share(before_day)))
        times = Fraction(RATIO)
        if early > 0 and late > early and draw(st.booleans()):
            times = 1 + RATIO * (late - early) / early
        threshold = magnitude * (times if day >= before_day else 1 / times)
    elif shape == "past target":
        target = OUTPUT._replace(target=_decimal(magnitude))
        threshold = magnitude * PAST_TARGET
        if draw(st.booleans()):
            before = Entry("b", target.id, draw(st.sampled_from(QUICK_DAYS)), RECORDED,
                           value=_decimal(threshold / draw(st.sampled_from([2, 3, 12]))))  # fmt: skip
    elif shape == "small increment":
        target = AREA._replace(target=_decimal(magnitude), baseline=draw(st.sampled_from([None, Decimal(0)])))
        threshold = magnitude / SMALL_OF_TARGET
    elif shape in ("running", "stock"):
        previous = magnitude * draw(st.sampled_from([1, 1, -1, 0]))
        before_day = draw(st.sampled_from(QUICK_DAYS))
        before = Entry(
            "b", target.id, before_day, RECORDED, value=_decimal(previous / FACTORS[before_unit]), unit=before_unit
        )
        scale = Fraction(1)
        if shape == "running" and _share(day) and _share(before_day):
            scale = _share(day) / _share(before_day)
        threshold = previous * scale * draw(st.sampled_from([RATIO, Fraction(1, RATIO)]))
    elif shape.startswith("first"):
        target = target._replace(target=_decimal(magnitude))
        covered = _share(day) if shape == "first running" and _share(day) else Fraction(1)
        threshold = magnitude * covered * draw(st.sampled_from([RATIO, Fraction(1, RATIO * RATIO)]))
    else:
        baseline = draw(st.sampled_from([None, Decimal(0), Decimal(20), _decimal(magnitude / 3)]))
        target = target._replace(target=_decimal(magnitude), baseline=baseline)
        threshold = abs(magnitude - Fraction(baseline or 0)) * draw(st.sampled_from([1, -1]))
    value = _decimal(threshold * nudge / FACTORS[unit])
    return target, before, Entry("e", target.id, day, RECORDED, value=value, unit=unit)


@settings(max_examples=3000, deadline=None)
@given(near_thresholds())
def test_a_quick_verdict_never_hides_what_the_exact_checks_find(case: tuple[Target, Entry | None, Entry]) -> None:
    """Whenever the floats clear a figure, the exact checks (judge) find nothing in it (and so
    raise nothing either: only wording a finding about a figure of 29 digits or more can fail)."""
    target, before, e = case
    if _quick(target, before, e):
        assert judge(PLAN, target, before, None, e) == []


def _quick(target: Target, before: Entry | None, e: Entry) -> bool:
    of = _Seen(target, True)
    if target.kind is Kind.TOTAL:
        return _clear_total(of, _Floats(), _Shares(PLAN), e, before)
    return _clear_increment(of, _Floats(), e)


def _reading(day: date, value: str, unit: str | None = None, target: str = "output", **kw: Any) -> Entry:
    return Entry(f"r{day}{value}", target, day, RECORDED, value=Decimal(value), unit=unit, **kw)


def test_figures_clear_of_every_threshold_are_cleared_by_the_floats() -> None:
    """Hand-made, the shapes of an import: each is cleared without the exact checks. March's 320
    亿元 after January's 110 (scaled to 330: 0.97 of it); 3,200,000 万元 (320 亿元) the same; a
    first reading of 110 as of January (1,320 by December, 0.97 of the target); a stock of 150 after
    140; a figure below 0; an increment of 49.9 of 50, and of -30 (a fall)."""
    jan, mar = date(2025, 1, 31), date(2025, 3, 31)
    assert OUTPUT is not None and STOCK is not None and AREA is not None
    assert _quick(OUTPUT, _reading(jan, "110"), _reading(mar, "320"))
    assert _quick(OUTPUT, _reading(jan, "110", "亿元"), _reading(mar, "3200000", "万元"))
    assert _quick(OUTPUT, None, _reading(jan, "110"))
    assert _quick(STOCK, _reading(jan, "140", target="stock"), _reading(mar, "150", target="stock"))
    assert _quick(OUTPUT, _reading(jan, "110"), _reading(mar, "-0.5"))
    assert _quick(OUTPUT, _reading(jan, "-5"), _reading(mar, "320"))
    assert _quick(AREA, None, _reading(mar, "49.9", target="area"))
    assert _quick(AREA, None, _reading(mar, "-30", target="area"))


def test_figures_near_a_threshold_or_unusual_go_to_the_exact_checks() -> None:
    """Hand-made: each is left to the exact checks, which judge it as they always did. March's
    figure a hair (1e-20) under and over 10 times what January's 110 implies (3,300): nothing, then
    a finding; a first reading; a month figure; an increment with a note, or of exactly its
    target, or beyond it; a figure beyond the floats' range (1e400); a date before the period."""
    jan, mar = date(2025, 1, 31), date(2025, 3, 31)
    assert OUTPUT is not None and AREA is not None
    # 2,310 is 21 times January's 110: February and March would each bring in 10 times January (_pace).
    below, at = _reading(mar, "2309.99999999999999999997"), _reading(mar, "2310")
    assert (
        not _quick(OUTPUT, _reading(jan, "110"), below) and judge(PLAN, OUTPUT, _reading(jan, "110"), None, below) == []
    )
    assert not _quick(OUTPUT, _reading(jan, "110"), at)
    assert [f.message for f in judge(PLAN, OUTPUT, _reading(jan, "110"), None, at)] == [
        "2310 as of 2025-03-31 is 21 times 110 as of 2025-01-31: the months from 2025-01-31 to 2025-03-31 would "
        "have brought in 10 times as much a month as the 1 months before them; a 1—N月 running total grows only by "
        "its months' own figures, so one of the two is probably typed in another unit (万 for 亿) or with a slipped "
        "decimal point"
    ]
    under, over = _reading(mar, "3299.99999999999999999997"), _reading(mar, "3300.00000000000000000003")
    assert not _quick(OUTPUT, _reading(jan, "110"), under)
    assert not _quick(OUTPUT, _reading(jan, "110"), over)
    assert [f.message for f in judge(PLAN, OUTPUT, _reading(jan, "110"), None, over)] == [
        "3300.00000000000000000003 as of 2025-03-31 is 10 times what the previous reading implies "
        "(110 as of 2025-01-31, over 1 months, scaled to 3 months: 330 亿元); probably typed in another "
        "unit (万 for 亿) or with a slipped decimal point"
    ]
    assert not _quick(
        OUTPUT, None, _reading(jan, "1.1")
    )  # a hundredth of the pace of the target, exactly: judged exactly
    assert not _quick(OUTPUT, _reading(jan, "110"), _reading(mar, "320", month_value=Decimal(210)))
    assert not _quick(AREA, None, _reading(mar, "20", target="area", note="1-3月累计"))
    assert _quick(AREA, None, _reading(mar, "49.99999995", target="area"))
    assert not _quick(AREA, None, _reading(mar, "50", target="area"))
    assert not _quick(AREA, None, _reading(mar, "50.01", target="area"))
    assert not _quick(OUTPUT, _reading(jan, "1e400"), _reading(mar, "3e400"))
    assert not _quick(OUTPUT, _reading(jan, "110"), _reading(date(2024, 12, 31), "320"))
    assert not _quick(OUTPUT, _reading(jan, "110"), _reading(mar, "0"))  # 0 after 110: a fall (_falling)


@settings(max_examples=1000, deadline=None)
@given(near_thresholds(), st.booleans())
def test_check_new_near_thresholds_finds_what_the_form_before_found(
    case: tuple[Target, Entry | None, Entry], in_ledger: bool
) -> None:
    """The same findings as check_new before the quick verdicts, for figures near the thresholds
    of the plan's own targets, the reading before in the ledger or in the same batch."""
    target, before, e = case
    if PLAN.find(target.id) != target:
        return  # a target made for the verdicts above; the plan holds another
    existing, new = ([before], [e]) if in_ledger and before is not None else ([], [b for b in (before, e) if b])
    new = [n._replace(id=f"{n.id}{i}") for i, n in enumerate(new)]
    assert _outcome(check_new, existing, new, True, True) == _outcome(check_new_before, existing, new, True, True)


def test_a_revision_after_a_zero_reading_is_still_held_to_the_month_before() -> None:
    """Found by the property test above: January's 1—1月 120 亿元, then a 0 forced in for
    February, then February's 110 typed again. The 0 on February's own date implies nothing, but
    110 still falls below January's 120, so a 1—N月 running total that falls is found, against
    January's entry, by the quick form as by the form before."""
    jan = Entry("e1", "output", date(2025, 1, 31), RECORDED, value=Decimal("120"))
    zero = Entry("e2", "output", date(2025, 2, 28), RECORDED + timedelta(minutes=1), value=Decimal("0"), forced=True)
    again = Entry("e3", "output", date(2025, 2, 28), RECORDED + timedelta(minutes=2), value=Decimal("110"))
    found = check_new(PLAN, [jan, zero], [again])
    assert [(f.entry.id if f.entry else None, f.against) for f in found] == [("e3", ("e1",))]
    assert "110 as of 2025-02-28 is less than 120 as of 2025-01-31" in found[0].message
    assert found == check_new_before(PLAN, [jan, zero], [again])


@given(st.lists(st.integers(0, 40), max_size=12).map(sorted), st.integers(-2, 42))
def test_the_reading_before_a_date_is_the_latest_dated_before_it(days: list[int], day: int) -> None:
    # earlier_than takes the last reading at once when it is dated before day (rows in date
    # order); otherwise it bisects. Both must give what a scan from the end gives.
    start = date(2025, 1, 1)
    readings = [_reading(start + timedelta(days=d), str(n + 1)) for n, d in enumerate(days)]
    when = start + timedelta(days=day)
    assert earlier_than(readings, when) is next((r for r in reversed(readings) if r.date < when), None)
