"""The text ``tracker check --upgrade`` writes (:func:`~ledger.store.upgrade`): the ledger's
entries with their new digests, in the file's own line ends, with the comment lines a person
wrote between entries kept where they stood.

An upgrade changes entries' digests, so each entry's block is written anew
(:func:`~ledger.blocks.entry_blocks`); everything between two entries — comment lines, blank
lines — is copied as it was, and so is everything before the first. A comment line inside an
entry's block (between ``[[entry]]`` and its last ``key = value`` line) has no place in the block
written anew: those are counted, and left in the backup the upgrade keeps. A comment after a
value on its line (``value = 3  # checked``, ``[[entry]]  # typed by hand``) is kept on the line of
the same key written anew; one that has no such line (after the closing quotes of a note written
over several lines, which is written anew on one) is counted with them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from typing import NamedTuple

from .blocks import entry_blocks, line_end
from .entries import Entry

_BOM = "\ufeff"


class Upgraded(NamedTuple):
    """The upgraded ledger's bytes, and how many comment lines of the old one they leave out."""

    data: bytes
    comments_left_out: int


def upgraded_text(old: bytes, entries: Sequence[Entry], fresh: Sequence[Entry]) -> Upgraded:
    """The ledger ``old`` (its bytes, UTF-8) with each of its ``entries`` (as read from it, in
    file order, each with its ``line``) written as ``fresh`` (the same entries, digests new).

    Line ends: the whole file gets those an append to it would write (:func:`~ledger.blocks.line_end`:
    CRLF when its first 4096 bytes hold one, else LF), so a CRLF ledger stays CRLF and one that
    mixed them ends with one kind. A byte-order mark at the start stays. Lines before the first
    entry and after each entry's last ``key = value`` line (comments, blank lines) are kept,
    in place; comment lines inside a block are left out and counted. Raises ``ValueError`` when
    ``entries`` and ``fresh`` differ in length or an entry's ``line`` is not in ``old``.
    """
    if len(entries) != len(fresh):
        raise ValueError(f"{len(entries)} entries read but {len(fresh)} to write")
    text = old.decode("utf-8")
    bom = text.startswith(_BOM)
    lines = [line.removesuffix("\r") for line in text.removeprefix(_BOM).split("\n")]
    if lines and lines[-1] == "":
        lines.pop()  # the text after the last line end
    starts = [e.line - 1 for e in entries]  # each entry's `[[entry]]` line, from 0
    if any(not 0 <= s < len(lines) or _key(lines[s]) != "[[entry]]" for s in starts):
        raise ValueError("an entry's line is not an [[entry]] header")
    out = lines[: starts[0]] if starts else list(lines)
    left_out = 0
    for i, new in enumerate(fresh):
        block = lines[starts[i] : starts[i + 1] if i + 1 < len(starts) else len(lines)]
        # The block's last `key = value` line ends the entry; what follows it is between entries.
        last = max(n for n, line in enumerate(block) if _is_content(line))
        lost, after = _comments_inside(block[: last + 1])
        anew = entry_blocks([new]).removeprefix("\n").removesuffix("\n").split("\n")
        kept, unplaced = _with_comments(anew, after)
        left_out += lost + unplaced
        out += kept
        out += block[last + 1 :]
    end = line_end(old).decode("ascii")
    written = end.join(out) + end if out else ""
    return Upgraded(((_BOM if bom else "") + written).encode("utf-8"), left_out)


def comment_lines(data: bytes) -> int:
    """How many comments ledger bytes ``data`` hold: lines that are one (``# …`` alone on a
    line) and lines that end in one (``value = 3  # checked``), outside multi-line strings."""
    inside, after = _comments_inside(data.decode("utf-8").split("\n"))
    return inside + len(after)


def _comments_inside(lines: Sequence[str]) -> tuple[int, list[tuple[str, str]]]:
    """Of an entry's ``lines`` (``[[entry]]`` to its last ``key = value`` line): how many comments
    have no place in its block written anew — comment lines, and a comment after the closing
    quotes of a multi-line string (a note written by hand over several lines, whose lines belong
    to its value) — and each comment after a value on its line, with its key (``("value", "  # checked")``)."""
    count, quote = 0, ""
    after: list[tuple[str, str]] = []
    for line in lines:
        if not quote and _is_comment(line):
            count += 1
            continue
        opened = bool(quote)
        rest = line
        while True:  # each triple quote opens or closes a multi-line string
            found = [(rest.find(q), q) for q in (quote,) if q] or [
                (rest.find(q), q) for q in ('"""', "'''") if q in rest
            ]
            at, q = min(found) if found else (-1, "")
            if at < 0:
                break
            quote = "" if quote else q
            rest = rest[at + 3 :]
        if opened or quote:  # a line of a multi-line string: a comment after its close is left out
            count += opened and not quote and _closing_comment(rest)
        elif (tail := _trailing(line)) is not None:
            after.append((_key(line), tail))
    return count, after


def _closing_comment(rest: str) -> bool:
    """Whether what follows a multi-line string's closing quotes is a comment."""
    return rest.lstrip().startswith("#")


def _trailing(line: str) -> str | None:
    """The comment after the value on ``line`` (``value = 3  # checked`` → ``"  # checked"``, with
    the space before it), or ``None``. A # inside a string (``note = "第#3号"``) is no comment:
    the line without the comment must read as the same TOML as the whole line."""
    if "#" not in line:
        return None
    try:
        whole = tomllib.loads(line)
    except tomllib.TOMLDecodeError:
        return None
    at = line.find("#")
    while at >= 0:
        try:
            if tomllib.loads(line[:at]) == whole:
                return line[len(line[:at].rstrip()) :]
        except tomllib.TOMLDecodeError:
            pass
        at = line.find("#", at + 1)
    return None


def _key(line: str) -> str:
    """The key a ``key = value`` line gives, or ``[[entry]]`` for a block's header (with or
    without a comment after it)."""
    if line.lstrip().startswith("[["):
        return line.split("#", 1)[0].strip()
    return line.split("=", 1)[0].strip()


def _with_comments(block: list[str], after: list[tuple[str, str]]) -> tuple[list[str], int]:
    """``block`` (an entry written anew, one line per key) with each comment of ``after`` put
    back after the value of its key, and how many had no line to go on (a key not written)."""
    if not after:
        return block, 0
    tails = dict(after)  # keys are unique in a block that reads
    out = []
    for line in block:
        tail = tails.pop(_key(line), None)
        out.append(line if tail is None else line + tail)
    return out, len(tails)


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _is_content(line: str) -> bool:
    return bool(line.strip()) and not _is_comment(line)
