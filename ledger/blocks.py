"""The ledger's text as tracker writes it: the header of a new ledger, each entry's ``[[entry]]``
block of TOML, and an append's blocks with their digests (:mod:`ledger.chain`) worked out in the
same pass.
"""

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from operator import itemgetter
from typing import Any, NamedTuple

from .entries import KEYS, Entry
from .model import MilestoneStatus

HEADER = (
    "# tracker ledger: append-only. Do not edit or delete entries; correct one with\n"
    "# `tracker amend ID` or `tracker void ID`, which append an entry that names it.\n"
)


def line_end(data: bytes) -> bytes:
    """The line end tracker writes into a ledger whose bytes are ``data``: ``b"\\r\\n"`` when its
    first 4096 bytes hold one (a ledger kept in git with core.autocrlf), else ``b"\\n"``. Appends
    and ``check --upgrade`` both follow it, so the file does not come to mix them."""
    return b"\r\n" if b"\r\n" in data[:4096] else b"\n"


def entry_blocks(entries: Iterable[Entry]) -> str:
    """Entries as the ledger stores them: a blank line, ``[[entry]]``, then ``key = value`` lines
    in :data:`~ledger.entries.KEYS` order (``recorded`` last), each value exactly as tomli-w
    writes it (tests hold the two to each other). Written here for speed: an import of 20,000
    rows spent more time in tomli-w's general writer than in reading the sheet."""
    # Entry.to_toml's rules, applied field by field without building a dict for each entry.
    out: list[str] = []
    dates: dict[date, str] = {}  # an import's entries share a few as-of dates
    when, when_text = None, ""  # and, as one object, the time they were recorded
    for e in entries:
        out.append("\n[[entry]]\n")
        for index, prefix in _WRITTEN:
            value: Any = e[index]
            if value is None or value is False:
                continue
            kind = type(value)
            if kind is str and not _TOML_ESCAPE.search(value):
                text = f'"{value}"'
            elif kind is Decimal:
                text = _decimal_toml(str(value))
            elif kind is date:
                text = dates.get(value) or dates.setdefault(value, str(value))
            elif value is when:
                text = when_text
            elif kind is datetime:
                when, when_text = value, str(value)
                text = when_text
            else:
                text = _toml_value(value.value if isinstance(value, MilestoneStatus) else value)
            out += (prefix, text, "\n")
    return "".join(out)


# Each key the ledger writes, in order: its place in an Entry and how its line starts.
_WRITTEN = tuple((Entry._fields.index(k), f"{k} = ") for k in KEYS)


@lru_cache(maxsize=8192)
def _decimal_toml(text: str) -> str:
    """A figure (as ``str`` of its Decimal, which gives back the same Decimal, exponent and all)
    as Entry.to_toml and tomli-w write it: a whole number with no places as an integer (680
    stays 680), else tomli-w's form. A sheet repeats its figures, so each is worked out once."""
    value = Decimal(text)
    if value.as_tuple().exponent >= 0:  # type: ignore[operator]
        return str(int(value))
    return _toml_value(value)


# What a TOML basic string cannot hold as itself: quote, backslash, control characters but tab.
_TOML_ESCAPE = re.compile(r'["\\\x00-\x08\x0a-\x1f\x7f]')


def _toml_value(value: object) -> str:
    if type(value) is str and not _TOML_ESCAPE.search(value):
        return f'"{value}"'
    if type(value) is int or type(value) is date or type(value) is datetime:
        return str(value)
    if type(value) is Decimal and value.is_finite():
        text = str(value).lower()  # as tomli-w writes a Decimal
        return text if "." in text or "e" in text else text + ".0"
    import tomli_w  # escapes, Decimals, booleans: tomli-w's own formatting

    return tomli_w.dumps({"v": value})[4:-1]


def _toml_text(value: object) -> str:
    """One value (not ``None`` or ``False``) as :func:`entry_blocks` writes it."""
    kind = type(value)
    if kind is Decimal:
        return _decimal_toml(str(value))
    if kind is date or kind is datetime:
        return str(value)
    return _toml_value(value.value if isinstance(value, MilestoneStatus) else value)


# A field's share of an entry's digest and of its block: its piece of the digested JSON array
# (`,"key","text"`) and its line of TOML (`key = value\n`); ("", "") for a field not set.
_Pieces = tuple[str, str]


class _Slot(NamedTuple):
    """A field the digest covers: its place in an Entry, how its pieces start, and the pieces of
    the values seen so far in it (texts, dates and whole numbers by value; figures by their
    text, since 680 and 680.0 are equal but written apart)."""

    at: int
    json_key: str
    toml_key: str
    seen: dict[object, _Pieces]
    figures: dict[str, _Pieces]


# The fields an import's entries take from a few combinations (about one per target: its unit,
# who records it …), in the order written: the target, written before the as-of date and the
# figures, then the others after them but for void and forced.
_SHARED = ("target", "unit", "status", "milestone", "note", "source", "by", "corrects", "reason")
_ID, _DATE, _VALUE, _MONTH, _VOID, _FORCED, _PERIOD, _BATCH, _RESTORED, _RECORDED = (
    Entry._fields.index(k)
    for k in ("id", "date", "value", "month_value", "void", "forced", "period", "batch", "restored", "recorded")
)
_ORDER = ("id", "target", "date", "value", "month_value", *_SHARED[1:7], "corrects", "void", "reason", "forced", "period",
          "batch", "restored", "digest", "recorded")  # fmt: skip
if KEYS != _ORDER or Entry._fields[-1] != "digest":
    raise ImportError(
        "chained_blocks writes id, target, date, the figures, unit … reason (void and forced among them), period, "
        "batch, restored, digest and recorded in that order, and gives an entry its digest as its last field"
    )
# The kinds of value a combination of those fields is looked up by (==, as a dict finds it):
# none of them equals a value of another kind written apart (a text and the str-enum member
# that is that text are written alike), as a number would (1 == True == 1.0, 680 == 680.0).
_SHARED_KINDS = frozenset({str, MilestoneStatus, type(None)})


def chained_blocks(previous: str, entries: Iterable[Entry]) -> tuple[list[Entry], str]:
    """``entries`` chained after an entry whose digest is ``previous``, and their blocks as the
    ledger stores them: ``(chained(previous, entries), entry_blocks(that))`` in one pass, which
    is what an append writes (tests hold the two forms to each other, and to json.dumps and tomli-w).

    Why: an import writes 20,000 entries, and digesting them and writing them apart turned each
    value into text twice and looked at every one of an entry's 19 fields twice. Here each
    distinct value's JSON and TOML texts (its *pieces*) are worked out once (an import's entries
    share their targets, dates, units, figures and ``recorded`` time); and the fields an
    import's entries take from a few combinations (target, unit, ``by`` …: about one per
    target) are looked up as one, by a tuple of their values, their pieces joined once. An
    entry is then put together from six ready pieces and its id, by one format for its digested
    text and one for its block (a sixth fewer instructions than looking up each of its fields,
    SHA-256 aside; the digests themselves are a fifth of the time).
    An entry that sets void, forced, batch or restored (the first of an import), or a shared field of
    another kind than :data:`_SHARED_KINDS`, is written by the general rules, field by field.
    """
    import hashlib
    from json.encoder import encode_basestring as _json_string  # as ledger.chain digests a text
    from operator import itemgetter

    from .chain import _COVERED, _FIELDS, _text

    def pieces(value: object, json_key: str, toml_key: str) -> _Pieces:
        """``value``'s pieces by the general rules: :func:`ledger.chain._text` and :func:`_toml_text`."""
        if type(value) is str:
            quoted = _json_string(value)
            # JSON escapes quote, backslash and every control character (tab too); TOML the same
            # but tab, and DEL as well: a text neither escapes is the same quoted text in both.
            if len(quoted) == len(value) + 2 and "\x7f" not in value:
                return json_key + quoted, toml_key + quoted + "\n"
            return json_key + quoted, toml_key + _toml_value(value) + "\n"
        return json_key + _json_string(_text(value)), toml_key + _toml_text(value) + "\n"

    unset: _Pieces = ("", "")

    def piece(slot: _Slot, value: Any) -> _Pieces:
        """``value``'s pieces in ``slot``, each distinct value's worked out once."""
        if value is None or value is False:
            return unset
        kind = type(value)
        if kind is MilestoneStatus:
            value, kind = value._value_, str  # written as its text; _value_ skips enum's slow property
        if kind is str or kind is date or kind is int:  # no value of one of these equals one of another
            got = slot.seen.get(value)
            if got is None:
                got = slot.seen[value] = pieces(value, slot.json_key, slot.toml_key)
            return got
        if kind is Decimal:
            text = str(value)  # gives back the same Decimal, exponent and all
            got = slot.figures.get(text)
            if got is None:
                got = slot.figures[text] = pieces(value, slot.json_key, slot.toml_key)
            return got
        return pieces(value, slot.json_key, slot.toml_key)

    slots = [_Slot(i, f",{quoted},", f"{key} = ", {}, {}) for key, (i, quoted) in zip(_COVERED, _FIELDS, strict=True)]
    by_key = dict(zip(_COVERED, slots, strict=True))
    before_recorded = slots[:-1]  # recorded is written after the digest, so apart

    def field_by_field(e: Entry) -> _Pieces:
        """``e``'s pieces from its id to its batch, by the general rules, field after field."""
        got = [piece(slot, e[slot.at]) for slot in before_recorded]
        return "".join(g[0] for g in got), "".join(g[1] for g in got)

    # Each combination of _SHARED's values seen: the target's pieces, and the others' joined.
    shared: dict[tuple[object, ...], tuple[str, str, str, str]] = {}

    def joined(values: tuple[object, ...]) -> tuple[str, str, str, str] | None:
        """The pieces of a combination of _SHARED's values, kept for the next entry that has it:
        the target's JSON, the others' JSON, the target's TOML and the others' TOML; ``None`` (and
        not kept) when one is of another kind than :data:`_SHARED_KINDS`."""
        if not all(type(v) in _SHARED_KINDS for v in values):
            return None
        got = [piece(by_key[k], v) for k, v in zip(_SHARED, values, strict=True)]
        shared[values] = found = (
            got[0][0], "".join(g[0] for g in got[1:]), got[0][1], "".join(g[1] for g in got[1:])
        )  # fmt: skip
        return found

    shared_of = itemgetter(*(Entry._fields.index(k) for k in _SHARED))
    date_slot, value_slot = by_key["date"], by_key["value"]
    month_slot, period_slot, recorded_slot = by_key["month_value"], by_key["period"], by_key["recorded"]
    id_json, id_toml = by_key["id"].json_key, by_key["id"].toml_key
    dates, figures = date_slot.seen, value_slot.figures
    sha256 = hashlib.sha256
    out: list[str] = []
    done: list[Entry] = []
    when: object = None  # the last `recorded` seen, by identity: equal times may differ in offset
    when_pieces = unset
    for e in entries:
        value: Any = e[_RECORDED]
        if value is not when:
            when, when_pieces = value, piece(recorded_slot, value)
        common = None
        # The common shape: void, forced, batch and restored not set (by identity: 0 == False),
        # and an id that JSON and TOML quote alike (new in each entry, so not looked up but
        # quoted here).
        if e[_VOID] is False and e[_FORCED] is False and e[_BATCH] is None and e[_RESTORED] is False:
            value = e[_ID]
            if type(value) is str and len(quoted := _json_string(value)) == len(value) + 2 and "\x7f" not in value:
                common = shared.get(value := shared_of(e)) or joined(value)
        if common is None:
            blob, block = field_by_field(e)
            text = f"[{_json_string(previous)}{blob}{when_pieces[0]}]"
            previous = sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
            out.append(f'\n[[entry]]\n{block}digest = "{previous}"\n{when_pieces[1]}')
            done.append(tuple.__new__(Entry, e[:-1] + (previous,)))  # noqa: RUF005 (a third faster than unpacking)
            continue
        # The other fields, each by the lookup piece() makes, without the call: the as-of date,
        # the figures (by their text), the period.
        value = e[_DATE]
        day = (dates.get(value) if type(value) is date else None) or piece(date_slot, value)
        value = e[_VALUE]
        if value is None:
            figure = unset
        else:
            figure = (figures.get(str(value)) if type(value) is Decimal else None) or piece(value_slot, value)
        value = e[_MONTH]
        month = unset if value is None else piece(month_slot, value)
        value = e[_PERIOD]
        period = unset if value is None else piece(period_slot, value)
        text = (
            f"[{_json_string(previous)}{id_json}{quoted}{common[0]}{day[0]}{figure[0]}{month[0]}{common[1]}{period[0]}"
            f"{when_pieces[0]}]"
        )
        previous = sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        out.append(
            f"\n[[entry]]\n{id_toml}{quoted}\n{common[2]}{day[1]}{figure[1]}{month[1]}{common[3]}{period[1]}"
            f'digest = "{previous}"\n{when_pieces[1]}'
        )
        done.append(tuple.__new__(Entry, e[:-1] + (previous,)))  # noqa: RUF005 (a third faster than unpacking)
    return done, "".join(out)


def chained_bytes(
    previous: str,
    entries: Sequence[Entry],
    *,
    header: bytes = b"",
    chained: bool = True,
    columns: Sequence[Sequence[Any]] | None = None,
) -> tuple[list[Entry], bytes]:
    """``chained_blocks(previous, entries)`` with its text encoded as an append writes it, as
    UTF-8 (a lone surrogate raises :class:`UnicodeEncodeError`, as encoding that text does),
    after ``header`` (a new ledger's first lines). Tests hold the two to each other. With
    ``chained`` false the list is empty: the chained entries are not built. ``columns``: the
    entries' fields as ``list(zip(*entries))`` gives them, when the caller has taken them apart
    already (the first entry's are not read from it: an append marks that entry as its batch's).

    Why: for an import's 20,000 entries, :func:`_column_blocks` costs about half the
    instructions of :func:`chained_blocks`, which puts each entry together in Python; what it
    does not write (an id that needs escaping) is written by :func:`chained_blocks`. The header
    is joined with the blocks rather than the blocks copied after it (3.6 MB for 20,000 entries),
    and an import, which reports only how many entries it wrote, does not have 20,000 entries
    made anew with their digests (2 % of its instructions).
    """
    if len(entries) > 1:
        fast = _column_blocks(previous, entries, header=header, chained=chained, columns=columns)
        if fast is not None:
            return fast
    done, text = chained_blocks(previous, entries)
    return done if chained else [], header + text.encode("utf-8")


# The bytes of a text the digest's JSON and TOML both write as itself, in quotes: printable
# ASCII but quote and backslash.
_PLAIN = bytes(c for c in range(0x20, 0x7F) if c not in b'"\\')


# The fields whose varying values the column-wise path looks up by value, and the kinds of value
# it looks up so: equal values of these kinds are written alike (a text and the status member
# that is that text too), as equal numbers are not (680 and 680.0, 1 and True); any other field
# or kind is looked up by identity (a value object is always written alike).
_TEXT_FIELDS = frozenset({*_SHARED, "date"})
_BY_VALUE = frozenset({str, MilestoneStatus, type(None), date})


def _value_pieces(value: object, json_key: str, toml_key: str) -> tuple[bytes, bytes]:
    """``value``'s pieces in :func:`_column_blocks` (its JSON for the digest, after ``json_key``,
    and its TOML line, after ``toml_key``), as :func:`chained_blocks` writes them."""
    # Not at the top: a report that reads the ledger needs neither.
    from json.encoder import encode_basestring as _json_string  # as ledger.chain digests a text

    from .chain import _text

    if value is None or value is False:
        return b"", b""
    if isinstance(value, MilestoneStatus):
        value = value.value
    if type(value) is str:
        texts = _json_string(value), _toml_value(value)
    else:
        texts = _json_string(_text(value)), _toml_text(value)
    return (json_key + texts[0]).encode("utf-8", "surrogatepass"), (toml_key + texts[1] + "\n").encode("utf-8")


# What makes a text other than itself in quotes, in the digest's JSON or a TOML line: a quote, a
# backslash, a control character or DEL (a NUL, too, which _joined splits at), or a lone
# surrogate (which only the digest's JSON encodes).
_NOT_AS_IT_IS = r'["\\\x00-\x1f\x7f\ud800-\udfff]'  # compiled where used (re keeps it): only appends need it
# A figure's str that both write as it is, with the digest's text its normalized str: a whole
# number, or one with a point (no exponent, no NaN), not zero (the digest writes -0 as 0).
_AS_WRITTEN = r"-?(?=[0-9.]*[1-9])[0-9]+(?:\.[0-9]+)?"


def _pieces_of(values: Sequence[object], json_key: str, toml_key: str) -> tuple[list[bytes], list[bytes]]:
    """:func:`_value_pieces` of each of ``values`` (a column's distinct values): their JSON pieces
    and their TOML pieces, in order. Tests hold the two to each other.

    Why: an import's targets and figures are mostly distinct (the bench's 20,000 rows name 1,000
    targets with about 1,000 figures), and working out each one's pieces by a call in Python was
    about a quarter of writing the append, outside the digests. The common kinds are written by
    one join, replace, encode and split of all of them: texts that both formats write as they are
    (no quote, backslash, control character or lone surrogate), and figures whose ``str`` both
    write as it is (a whole number or one with a point, not zero: no exponent, no NaN), the
    digest's text their normalized ``str``, worked out by ``map`` without a call in Python.
    Anything else (None, zeros, exponents, dates, statuses …) by :func:`_value_pieces`.
    """
    json_out: list[bytes | None] = [None] * len(values)
    toml_out: list[bytes | None] = [None] * len(values)
    texts = [(n, v) for n, v in enumerate(values) if type(v) is str]
    if len(texts) > 1:
        places, plain = zip(*texts, strict=True)
        if not re.search(_NOT_AS_IT_IS, "".join(plain)):
            for n, j, t in zip(
                places, _joined(plain, json_key + '"', '"'), _joined(plain, toml_key + '"', '"\n'), strict=True
            ):
                json_out[n], toml_out[n] = j, t
    written = re.compile(_AS_WRITTEN).fullmatch
    figures = [(n, v, text) for n, v in enumerate(values) if type(v) is Decimal and written(text := str(v))]
    if len(figures) > 1:
        places, numbers, shown = zip(*figures, strict=True)
        digested = list(map(str, map(Decimal.normalize, numbers)))
        for n, j, t in zip(places, _joined(digested, json_key + '"', '"'), _joined(shown, toml_key, "\n"), strict=True):
            json_out[n], toml_out[n] = j, t
    for n, v in enumerate(values):
        if json_out[n] is None:
            json_out[n], toml_out[n] = _value_pieces(v, json_key, toml_key)
    return json_out, toml_out  # type: ignore[return-value]  # every place filled above


def _joined(texts: Sequence[str], before: str, after: str) -> list[bytes]:
    """``before + text + after`` for each of ``texts`` (none holding a NUL) as UTF-8, made by one
    join, replace, encode and split of them all rather than a concatenation each."""
    joined = "\0".join(texts).replace("\0", after + "\0" + before)
    return (before + joined + after).encode("utf-8").split(b"\0")


def _looked_up(
    keys: Sequence[Any], json_of: dict[Any, bytes], toml_of: dict[Any, bytes]
) -> tuple[Sequence[bytes], Sequence[bytes]]:
    """Each of ``keys``' JSON and TOML piece, in order. One :func:`operator.itemgetter` of all the
    keys looks them up in both, in C without a call per key: about half the cost of a ``map``
    of each dict's ``__getitem__`` over 20,000 entries."""
    if len(keys) < 2:  # an itemgetter of one key gives the value, not a tuple of it
        return [json_of[k] for k in keys], [toml_of[k] for k in keys]
    get = itemgetter(*keys)
    return get(json_of), get(toml_of)


def _column_blocks(
    previous: str,
    entries: Sequence[Entry],
    chunk: int = 1024,
    *,
    header: bytes = b"",
    chained: bool = True,
    columns: Sequence[Sequence[Any]] | None = None,
) -> tuple[list[Entry], bytes] | None:
    """What :func:`chained_bytes` returns, worked out a column (one field of every entry) at a
    time, by operations that loop in C, leaving only the digest chain itself a loop in Python.

    The first entry (an import's carries ``batch``) is written by :func:`chained_blocks`. Then,
    field by field: a value the other entries all share (the same object, or an equal text,
    date or None) is joined into the constant text between the fields that vary; a field that
    varies is looked up, entry by entry, among its distinct values' pieces (its JSON and TOML
    text, worked out by the rules of :func:`chained_blocks`). Each entry's digested text is
    joined from those pieces as bytes, and the blocks are joined ``chunk`` entries at a time,
    then the chunks at once, so nothing is encoded twice. ``None`` when an id is not plain (see
    :data:`_PLAIN`) or a text field's value cannot be hashed. ``header``, ``chained`` and
    ``columns`` as for :func:`chained_bytes`.
    """
    import hashlib
    from binascii import hexlify
    from itertools import repeat
    from operator import is_

    from .chain import _FIELDS

    count = len(entries) - 1
    if columns is None:
        columns = list(zip(*entries, strict=True))
    # Each column is read without its first value (that entry is written apart, below), a
    # column at a time, so that only one such copy is held at once.
    try:
        all_ids = "\0".join(columns[_ID][1:]).encode()
    except (TypeError, UnicodeEncodeError):
        return None  # an id that is not text, or holds a lone surrogate
    if all_ids.translate(None, _PLAIN) != b"\0" * (count - 1):
        return None  # an id that needs escaping, or is not ASCII (a NUL in one would split it below)
    ids = all_ids.split(b"\0")  # each id as bytes, for both the digested texts and the blocks

    # Each field after the id, in written order: the pieces every entry shares, or a piece per entry.
    fields: list[tuple[bytes, bytes] | tuple[Iterable[bytes], Iterable[bytes]]] = []
    for at, json_key in _FIELDS[1:]:
        column = columns[at][1:]
        value = column[0]
        json_key, toml_key = f",{json_key},", f"{Entry._fields[at]} = "
        # Shared by every entry: equal values of a kind written alike by its value, else the same
        # object (asked first: comparing 20,000 figures, or a figure with None, costs more). A
        # column whose last value differs from its first varies: told without counting the rest.
        if type(value) in _BY_VALUE:
            shared = column[-1] == value and column.count(value) == count
        else:
            shared = all(map(is_, column, repeat(value)))
        if shared:
            fields.append(_value_pieces(value, json_key, toml_key))
            continue
        try:
            found: dict[Any, Any] = dict.fromkeys(column) if Entry._fields[at] in _TEXT_FIELDS else {}
        except TypeError:
            return None  # a value that cannot be hashed
        keys: Sequence[Any]
        values: Iterable[tuple[Any, Any]] | tuple[Any, ...]
        if found and all(type(v) in _BY_VALUE for v in found):
            keys, values = column, zip(found, found, strict=True)
        else:
            keys = list(map(id, column))  # by identity: the same object is written alike
            values = dict(zip(keys, column, strict=True)).items()
        distinct, values = zip(*values, strict=True)
        json_texts, toml_texts = _pieces_of(values, json_key, toml_key)
        json_of, toml_of = dict(zip(distinct, json_texts, strict=True)), dict(zip(distinct, toml_texts, strict=True))
        fields.append(_looked_up(keys, json_of, toml_of))
    *before, (recorded_json, recorded_toml) = fields

    def texts_of(parts: list[bytes | Iterable[bytes]], order: list[bytes | Iterable[bytes]]) -> None:
        """``order``'s pieces into ``parts``, the texts that all entries share joined into one
        (none where they are empty: a field no entry sets, between two that vary)."""
        shared: list[bytes] = []
        for piece in order:
            if isinstance(piece, bytes):
                shared.append(piece)
            else:
                if any(shared):
                    parts.append(b"".join(shared))
                parts.append(piece)
                shared = []
        parts.append(b"".join(shared))

    # Each entry's digested text after `["<previous>`: its id, in quotes, then its fields.
    json_parts: list[bytes | Iterable[bytes]] = []
    texts_of(json_parts, [b'","id","', ids, b'"', *(f[0] for f in before), recorded_json, b"]"])
    toml_parts: list[bytes | Iterable[bytes]] = []
    texts_of(toml_parts, [b'\n[[entry]]\nid = "', ids, b'"\n', *(f[1] for f in before), b'digest = "'])
    if isinstance(recorded_toml, bytes):
        toml_parts.append(b'"\n' + recorded_toml)
    else:
        toml_parts.append(map(b'"\n'.__add__, recorded_toml))

    done, text = chained_blocks(previous, entries[:1])
    sha256 = hashlib.sha256
    json_columns = [repeat(p) if isinstance(p, bytes) else p for p in json_parts]
    # The chain: each digest is of `["`, the digest before it and the entry's pieces, joined as
    # the loop reaches the entry and dropped once digested (all the texts held at once were a
    # sixth of the append's memory). The digest before is read by an iterator over the list each
    # digest is appended to, so it is joined in with the pieces rather than put in front of them
    # by two more copies of the text (2 % of the append's instructions).
    digests = [done[0].digest.encode()]  # type: ignore[union-attr]
    for digested in map(b"".join, zip(repeat(b'["'), iter(digests), *json_columns, strict=False)):  # repeat() runs on
        digests.append(hexlify(sha256(digested).digest()[:16]))
    del digests[0]  # the first entry's, written above
    # The blocks: the parts before the digest, it, the rest, joined ``chunk`` entries at a time
    # (bytes.join keeps an 80-byte buffer record per piece it joins: for every piece of 20,000
    # entries at once, 18 MB, five times the text), then the chunks joined.
    toml_parts.insert(-1, digests)
    width = len(toml_parts)
    parts = [part if isinstance(part, bytes | list | tuple) else list(part) for part in toml_parts]  # sliced below
    chunks = [header, text.encode("utf-8")]
    for first in range(0, count, chunk):
        size = min(chunk, count - first)
        blocks: list[bytes] = [b""] * (width * size)
        for n, part in enumerate(parts):
            blocks[n::width] = [part] * size if isinstance(part, bytes) else part[first : first + size]
        chunks.append(b"".join(blocks))
    if not chained:
        return [], b"".join(chunks)
    # Each entry as chain.chained makes it: its fields, its digest last, by the tuple's own
    # constructor (what _make does, without a call in Python per entry).
    rest = (column[1:] for column in columns[:-1])
    done += map(tuple.__new__, repeat(Entry), zip(*rest, map(bytes.decode, digests), strict=True))
    return done, b"".join(chunks)
