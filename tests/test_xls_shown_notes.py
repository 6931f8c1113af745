"""An .xls's figures read as their formats show them are noted as an .xlsx's are
(number_shapes.rounded_notes): of the rows shown alone (a hidden row's cell is no figure read), six
named at most, the rest counted ("N more")."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.sheets import read_xls
from ledger.xlsx import read


def _both(folder: Path, figures: list[float], hidden: set[int]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The notes of an .xls and an .xlsx holding ``figures`` in B1… under 0.0, rows ``hidden`` (1-based) hidden."""
    import openpyxl
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("Sheet")
    style = xlwt.easyxf(num_format_str="0.0")
    wb = openpyxl.Workbook()
    wx = wb.active
    assert wx is not None
    wx.title = "Sheet"
    for r, figure in enumerate(figures):
        ws.write(r, 0, f"x{r}")
        ws.write(r, 1, figure, style)
        wx.cell(r + 1, 1, f"x{r}")
        wx.cell(r + 1, 2, figure).number_format = "0.0"
        if r + 1 in hidden:
            ws.row(r).hidden = True
            wx.row_dimensions[r + 1].hidden = True
    book.save(str(folder / "s.xls"))
    wb.save(folder / "s.xlsx")
    xls = read_xls("s.xls", (folder / "s.xls").read_bytes(), None).hidden
    xlsx = read("s.xlsx", (folder / "s.xlsx").read_bytes(), None).hidden
    return xls, xlsx


def test_an_xls_names_six_cells_and_counts_the_rest_of_the_rows_shown(tmp_path: Path) -> None:
    xls, xlsx = _both(tmp_path, [5.96781234] * 9, {2})
    rounded = [n for n in xls if "read as shown" in n or "more cells" in n]
    assert rounded == [
        "B1 shows '6.0' (it stores 5.96781234) by its number format '0.0': read as shown",
        *[f"B{r} shows '6.0' (it stores 5.96781234) by its number format '0.0': read as shown" for r in (3, 4, 5, 6)],
        "B7 shows '6.0' (it stores 5.96781234) by its number format '0.0': read as shown; 2 more cells read as "
        "their formats show them",
    ]
    assert xls == xlsx


@settings(max_examples=15, deadline=None)
@given(
    st.lists(st.sampled_from([5.96781234, 6.0, 1.25, 3.04]), min_size=1, max_size=10),
    st.sets(st.integers(1, 10), max_size=4),
)
def test_an_xls_notes_what_an_xlsx_notes(figures: list[float], hidden: set[int]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        xls, xlsx = _both(Path(folder), figures, hidden)
    assert xls == xlsx
