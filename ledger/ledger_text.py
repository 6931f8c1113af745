"""A fast reader for the ledger's own TOML layout, with ``tomllib`` as the reference.

``tomllib`` is exact but reads about 20,000 entries a second; a year of a large plan (100,000
entries) would take five seconds. The ledger is written by :func:`ledger.store.append_entries` in
one plain layout — ``[[entry]]`` headers, one ``key = value`` per line, basic strings, numbers,
dates and times — so that layout is read here line by line. Anything else (comments after values,
escapes, inline tables, CRLF, a duplicate key…) makes :func:`parse_fast` give up, and the caller
parses the whole text with ``tomllib`` instead, which also produces the error messages. The two
readers are checked against each other by property tests.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")
_NUMBER = re.compile(r"[+-]?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?\Z"
)


class _GiveUp(Exception):
    """The text is not in the plain layout; read it with tomllib."""


def _value(raw: str) -> Any:
    first = raw[:1]
    if first == '"':
        if len(raw) >= 2 and raw[-1] == '"' and "\\" not in raw and '"' not in raw[1:-1]:
            inner = raw[1:-1]
            if any((ord(c) < 0x20 and c != "\t") or c == "\x7f" for c in inner):
                raise _GiveUp
            return inner
        raise _GiveUp
    if raw == "true":
        return True
    if raw == "false":
        return False
    if _DATETIME.match(raw):
        return datetime.fromisoformat(raw.replace("Z", "+00:00"))
    if _DATE.match(raw):
        return date.fromisoformat(raw)
    m = _NUMBER.match(raw)
    if m:
        return Decimal(raw) if m.group(1) or m.group(2) else int(raw)
    raise _GiveUp


def parse_fast(text: str) -> list[tuple[int, dict[str, Any]]] | None:
    """The ``[[entry]]`` tables of ``text`` with the line each starts on, or ``None`` to say
    "not the plain layout: use tomllib". Values are as ``tomllib.loads(text,
    parse_float=Decimal)`` gives them (floats as Decimal). Raises nothing."""
    if "\r" in text:
        return None
    tables: list[tuple[int, dict[str, Any]]] = []
    current: dict[str, Any] | None = None
    try:
        for n, line in enumerate(text.split("\n"), 1):
            if not line or line[0] == "#":
                continue
            if line == "[[entry]]":
                current = {}
                tables.append((n, current))
                continue
            key, sep, raw = line.partition(" = ")
            if not sep or current is None or key in current or not _KEY.match(key):
                return None
            current[key] = _value(raw)
    except (_GiveUp, ValueError):
        return None
    return tables
