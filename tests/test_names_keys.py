"""names.keys makes many names comparable at once, by one names.key of them all joined by NUL:
it must give each name's own key, whatever the names hold (full width, spaces, dashes, brackets,
combining marks and jamo that NFKC composes, a sigma that lower case makes final, NUL itself)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.names import _BRACKETS, _DASHES, _SPACE, key, keys

# Characters each step of key treats specially, at the edges of a name and inside it.
_PARTS = [
    "a", "Σ", "σ", "ς", "Å", "\u0301", "\u0327", "e", "\u1100", "\u1161", "\u11a8", "가", "ｆ", "４", "Ａ", "　",
    " ", "\t", "\n", "\x1c", "\x85", "—", "―", "-", "～", "至", "【", "】", "〔", "指", "标", "ﬁ", "㍿", "'", "\u00ad", "\x00",
    "İ", "ẞ", "〕", "–", "~", "到", "～",
]  # fmt: skip
names = st.text(alphabet=st.sampled_from(_PARTS), max_size=6) | st.text(max_size=6)


@settings(max_examples=500)
@given(st.lists(names, max_size=10))
def test_the_keys_of_many_names_are_each_names_key(texts: list[str]) -> None:
    assert keys(texts) == [key(t) for t in texts]


def test_a_plans_names_are_made_comparable_at_once() -> None:
    """By hand: widths, spaces, dashes and brackets as key makes them, a final sigma at each end."""
    assert keys(["规模以上 工业（总产值）", "１—６月", "ΟΔΟΣ", "【t1】", "ΣΑ", "1——8月", "1 ― ― 8月"]) == [
        "规模以上工业(总产值)", "1-6月", "οδος", "[t1]", "σα", "1-8月", "1-8月",
    ]  # fmt: skip


def _key_by_translate(text: str) -> str:
    """key as it read with str.translate, the general form its replacements stand for."""
    text = _SPACE.sub("", unicodedata.normalize("NFKC", text).translate(_BRACKETS))
    return (_DASHES.sub("-", text) if "--" in text else text).lower()


@settings(max_examples=500)
@given(names)
def test_a_names_key_replaces_dashes_and_brackets_as_translate_did(text: str) -> None:
    assert key(text) == _key_by_translate(text)
