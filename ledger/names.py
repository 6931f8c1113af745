"""Names made comparable, as a person reads them: the same name typed in a sheet, a plan or a
command line compares equal whatever its width, spacing, dashes or brackets."""

from __future__ import annotations

import re
import unicodedata

_BRACKETS = str.maketrans(
    {"【": "[", "】": "]", "〔": "(", "〕": ")", "—": "-", "–": "-", "～": "-", "~": "-", "至": "-", "到": "-"}
)
_SPACE = re.compile(r"\s+")


def key(text: str) -> str:
    """Text made comparable: full-width → half-width (NFKC), no spaces, alike dashes and brackets,
    lower case. ``（工业 总产值）`` and ``(工业总产值)`` compare equal, as do ``1—6月`` and ``1-6月``."""
    text = unicodedata.normalize("NFKC", text).translate(_BRACKETS)
    return _SPACE.sub("", text).lower()
