"""Names made comparable, as a person reads them: the same name typed in a sheet, a plan or a
command line compares equal whatever its width, spacing, dashes or brackets."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_BRACKETS = str.maketrans(
    {
        "【": "[",
        "】": "]",
        "〔": "(",
        "〕": ")",
        "—": "-",
        "–": "-",
        "―": "-",
        "～": "-",
        "~": "-",
        "至": "-",
        "到": "-",
    }
)
# Each replaced where it occurs: str.translate looks every character up in the table (about half a
# microsecond each, a plan's names keyed at every import), a search of a string for one is in C.
_REPLACED = tuple((chr(a), b) for a, b in _BRACKETS.items())
_SPACE = re.compile(r"\s+")
_DASHES = re.compile(r"-{2,}")  # 1——8月 (a double dash, as Chinese typing gives 破折号) is 1-8月


def key(text: str) -> str:
    """Text made comparable: full-width → half-width (NFKC), no spaces, alike dashes and brackets,
    lower case. ``（工业 总产值）`` and ``(工业总产值)`` compare equal, as do ``1—6月``, ``1——6月`` and
    ``1-6月``."""
    text = unicodedata.normalize("NFKC", text)
    for old, new in _REPLACED:  # as .translate(_BRACKETS): no character replaced is one replaced with
        if old in text:
            text = text.replace(old, new)
    text = _SPACE.sub("", text)
    return (_DASHES.sub("-", text) if "--" in text else text).lower()


def keys(texts: Sequence[str]) -> list[str]:
    """``[key(t) for t in texts]``, worked out by one :func:`key` of them all joined by NUL
    (when none holds one), then split there.

    Why: a plan's 1,000 targets give 2,000 names and ids, each made comparable when an import
    starts, and a call of :func:`key` each was most of it. NUL splits alike before and after:
    NFKC neither composes nor decomposes across it, it is no space, no dash or bracket, and
    lower case reads it as the end of a word (a final sigma stays final). Tests hold the two
    forms to each other."""
    joined = "\0".join(texts)
    if len(texts) < 2 or joined.count("\0") != len(texts) - 1:
        return [key(t) for t in texts]
    return key(joined).split("\0")
