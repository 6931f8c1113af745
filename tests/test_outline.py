"""Outline numbering marks a row's sub-items (序号 1 over 1.1, 1.2; 1.东湖孵化园 over （1）A座; 一、 over
1.): a carrier and its numbered parts, or a target's row and its numbered sub-item, are never
counted together (c05: 5000 = 3000 + 2000 counted twice made 1.4 万平方米 for 0.9)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger.outline import outline_kind, outline_levels
from tests.helpers import exported, import_text

TITLE = "临平经开区科技局2025年4月新增创新空间面积情况"
CN = "一二三四五六七八九十"


def _full_width(text: str) -> str:
    """``text`` with its ASCII written full width, as Chinese sheets type it."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


# Each form of a number: how the n-th item (1-based) of its kind is written, under the item `parent`.
FORMS = {
    "一、": lambda n, parent: f"{CN[n - 1]}、",
    "一.": lambda n, parent: f"{CN[n - 1]}.",
    "（一）": lambda n, parent: f"（{CN[n - 1]}）",
    "1.": lambda n, parent: f"{n}.",
    "1、": lambda n, parent: f"{n}、",
    "（1）": lambda n, parent: f"（{n}）",
    "1)": lambda n, parent: f"{n})",
    "①": lambda n, parent: chr(0x2460 + n - 1),
    "1.1": lambda n, parent: f"{parent}.{n}",
}
# The pairs (outer, inner) a sheet nests: the usual order 一、 › （一） › 1. › （1） › ①, or dotted.
PAIRS = [
    ("一、", "1."),
    ("一、", "（一）"),
    ("一.", "1、"),
    ("（一）", "1."),
    ("1.", "（1）"),
    ("1、", "1)"),
    ("1.", "①"),
    ("（1）", "①"),
    ("1.", "1.1"),
]


@given(
    st.sampled_from(PAIRS),
    st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=4),
    st.booleans(),
    st.sampled_from(("", " ")),
)
def test_every_numbered_outline_nests_its_sub_items(
    pair: tuple[str, str], children: list[int], wide: bool, space: str
) -> None:
    """Items of the outer form with 0–3 sub-items of the inner form each, names after them: the
    outer items are level 0, their sub-items level 1, whatever the width or spacing."""
    outer, inner = pair
    texts: list[tuple[int, str | None]] = []
    want: dict[int, int] = {}
    for i, count in enumerate(children, 1):
        head = FORMS[outer](i, None) + space + f"载体{i}"
        texts.append((len(texts) + 3, _full_width(head) if wide else head))
        want[len(texts) + 2] = 0
        for j in range(1, count + 1):
            part = FORMS[inner](j, str(i)) + space + f"{'ABC'[j - 1]}座"
            texts.append((len(texts) + 3, _full_width(part) if wide else part))
            want[len(texts) + 2] = 1
    assert outline_levels(texts) == (want if any(children) else {})


@given(st.integers(min_value=1, max_value=99), st.sampled_from(("号楼", "期", "栋", "号地块", "层")))
def test_a_name_beginning_with_a_number_is_no_outline_number(n: int, end: str) -> None:
    """1号楼, 3期, 12栋: a number that belongs to the name, with no mark, numbers nothing."""
    assert outline_kind(f"{n}{end}") is None
    assert outline_kind(f"{n}.5万平方米厂房") is None
    assert outline_kind(f"{CN[n % 10]}期") is None


def test_a_flat_numbering_nests_nothing() -> None:
    assert outline_levels([(3, "1"), (4, "2"), (5, "3")]) == {}
    assert outline_levels([(3, "1.东湖孵化园"), (4, "2.临平科创中心")]) == {}


def test_a_dotted_number_is_deeper_than_the_one_it_extends_wherever_it_first_appears() -> None:
    assert outline_levels([(3, "1.1"), (4, "1.2"), (5, "2"), (6, "2.1")]) == {3: 1, 4: 1, 5: 0, 6: 1}


SHEETS = {
    "序号": "序号,载体名称,新增面积（平方米）\n1,东湖孵化园,5000\n1.1,A座,3000\n1.2,B座,2000\n2,临平科创中心,4000\n",
    "in-name": "载体名称,新增面积（平方米）\n1.东湖孵化园,5000\n（1）A座,3000\n（2）B座,2000\n2.临平科创中心,4000\n",
    "chinese": "载体名称,新增面积（平方米）\n一、东湖孵化园,5000\n1.A座,3000\n2.B座,2000\n二、临平科创中心,4000\n",
}
NAMES = {"序号": ("东湖孵化园", "A座", "B座"), "in-name": ("1.东湖孵化园", "（1）A座", "（2）B座")}
NAMES["chinese"] = ("一、东湖孵化园", "1.A座", "2.B座")


@pytest.mark.parametrize("form", list(SHEETS))
def test_c05_a_carrier_and_its_numbered_parts_are_refused(form: str, runner: CliRunner, workdir: Path) -> None:
    done = import_text(runner, workdir, "s.csv", f"{TITLE}\n{SHEETS[form]}", "--target", "innovation-space")
    whole, a, b = NAMES[form]
    assert done.exit_code == 1
    assert done.stderr.splitlines()[-1] == (
        f"error: s.csv: row 3: carrier {whole!r} is followed by its parts in rows 4–5 ({a!r}, {b!r}): "
        "5000 = 3000 + 2000; the carrier and its parts counted together, its addition would be counted twice; "
        "delete rows 4–5 to import the carrier whole, or row 3 to import its parts"
    )
    assert not (workdir / "progress.toml").exists()


def test_c05_the_parts_alone_are_imported_once_the_carrier_row_is_deleted(runner: CliRunner, workdir: Path) -> None:
    sheet = f"{TITLE}\n序号,载体名称,新增面积（平方米）\n1.1,A座,3000\n1.2,B座,2000\n2,临平科创中心,4000\n"
    done = import_text(runner, workdir, "s.csv", sheet, "--target", "innovation-space")
    assert done.exit_code == 0, done.stderr
    assert [v for _, _, v, _ in exported(runner)] == [3000, 2000, 4000]


def test_numbered_carriers_side_by_side_are_each_imported(runner: CliRunner, workdir: Path) -> None:
    """1., 2., 3. is a list, not an outline: each carrier counts."""
    sheet = f"{TITLE}\n载体名称,新增面积（平方米）\n1.东湖孵化园,3000\n2.临平科创中心,5000\n3.1号楼,2000\n"
    done = import_text(runner, workdir, "s.csv", sheet, "--target", "innovation-space")
    assert done.exit_code == 0, done.stderr
    assert [v for _, _, v, _ in exported(runner)] == [3000, 5000, 2000]


def test_a_targets_numbered_sub_item_is_refused(runner: CliRunner, workdir: Path) -> None:
    """序号 1 over 1.1 naming the same target: the sub-item is a part, never a second figure."""
    sheet = (
        "临平经开区科技局2025年4月指标情况\n序号,指标名称,本月完成\n1,新增创新空间面积,0.5\n1.1,新增创新空间面积,0.3\n"
    )
    done = import_text(runner, workdir, "s.csv", sheet)
    assert done.exit_code == 1
    assert done.stderr.splitlines()[-1] == (
        "error: s.csv: row 4: '新增创新空间面积' names innovation-space as row 3 ('新增创新空间面积') does, and its "
        "outline number makes it a part of row 3, never a second figure of the target (counted with it, the "
        "figure would be counted twice or replace the whole); delete row 4 to import the whole (row 3)"
    )
    assert not (workdir / "progress.toml").exists()


def _kind_asking_every_pattern(text: str) -> tuple[str, int] | None:
    """outline_kind as the patterns alone answer it, without the first-character test before them."""
    import unicodedata

    from ledger import outline

    bare = text.lstrip(" \t\u3000\u00a0")
    if outline._CIRCLED.match(bare):
        return ("①", 1)
    said = unicodedata.normalize("NFKC", bare)
    if outline._CN_MARK.match(said):
        return ("一、", 1)
    if outline._CN_PAREN.match(said):
        return ("（一）", 1)
    if outline._PAREN.match(said):
        return ("（1）", 1)
    if (m := outline._DOTTED.match(said)) is not None:
        return ("1.", m.group(1).count(".") + 1)
    if outline._NUMBER.match(said):
        return ("1.", 1)
    return None


_STARTS = st.sampled_from(
    [
        *CN,
        *"0123456789",
        *"０１２３４５６７８９",
        "(",
        "（",
        "⑴",
        "①",
        "⑳",
        "¹",
        "东",
        "指",
        "A",
        " ",
        "\u3000",
        "、",
        ".",
    ]
)


@given(st.lists(_STARTS, min_size=1, max_size=6).map("".join), st.text(max_size=4))
def test_the_first_character_test_never_changes_a_kind(head: str, tail: str) -> None:
    # A name beginning with no digit, bracket, 一…十 or circled number is answered before any pattern
    # is asked (a sheet of names like 指标1 compiles none): the answer is the patterns' own.
    assert outline_kind(head + tail) == _kind_asking_every_pattern(head + tail)
