"""The text ``tracker check --upgrade`` writes (:func:`~ledger.store.upgrade`): the ledger's
entries with their new digests, in the file's own line ends, with the comment lines a person
wrote between entries kept where they stood.

An upgrade changes entries' digests, so each entry's block is written anew
(:func:`~ledger.blocks.entry_blocks`); everything between two entries — comment lines, blank
lines — is copied as it was, and so is everything before the first. A comment line inside an
entry's block (between ``[[entry]]`` and its last ``key = value`` line) has no place in the block
written anew: those are counted, and left in the backup the upgrade keeps.
"""

from __future__ import annotations

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
    if any(not 0 <= s < len(lines) or lines[s].strip() != "[[entry]]" for s in starts):
        raise ValueError("an entry's line is not an [[entry]] header")
    out = lines[: starts[0]] if starts else list(lines)
    left_out = 0
    for i, new in enumerate(fresh):
        block = lines[starts[i] : starts[i + 1] if i + 1 < len(starts) else len(lines)]
        # The block's last `key = value` line ends the entry; what follows it is between entries.
        last = max(n for n, line in enumerate(block) if _is_content(line))
        left_out += _comments_inside(block[1:last])
        out += entry_blocks([new]).removeprefix("\n").removesuffix("\n").split("\n")
        out += block[last + 1 :]
    end = line_end(old).decode("ascii")
    written = end.join(out) + end if out else ""
    return Upgraded(((_BOM if bom else "") + written).encode("utf-8"), left_out)


def comment_lines(data: bytes) -> int:
    """How many comment lines (``# …`` alone on a line) ledger bytes ``data`` hold."""
    return sum(_is_comment(line) for line in data.decode("utf-8").split("\n"))


def _comments_inside(lines: Sequence[str]) -> int:
    """How many of an entry's ``lines`` are comments, leaving out the lines of a multi-line
    string (a note written by hand over several lines), which belong to its value."""
    count, quote = 0, ""
    for line in lines:
        if not quote and _is_comment(line):
            count += 1
            continue
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
    return count


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _is_content(line: str) -> bool:
    return bool(line.strip()) and not _is_comment(line)
