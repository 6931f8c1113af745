"""A carriers' list holding the zone's own row (临平经开区 8000 over 东湖孵化园 3000 and 临平科创中心
5000) or districts' rows grouping the carriers (东区 5000 over 3000 and 2000): each such row is
the others' whole, refused, never counted as one more carrier (1.6 万平方米 where the sheet says
0.8). Two honest carriers whose figures add up to a third's stay three carriers.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger.carrier_wholes import names_zone, wholes, zone_of
from tests.helpers import exported, import_text

TITLE = "临平经开区科技局2025年4月新增创新空间面积情况\n"
HEAD = TITLE + "载体名称,新增面积（平方米）\n"
PLAN_NAME = "临平经开区2025年“六大行动”"


def _rows(*rows: tuple[str, int]) -> str:
    return "".join(f"{c},{v}\n" for c, v in rows)


def test_the_zones_row_above_its_carriers_is_refused(runner: CliRunner, workdir: Path) -> None:
    result = import_text(
        runner, workdir, "apr.csv", HEAD + _rows(("临平经开区", 8000), ("东湖孵化园", 3000), ("临平科创中心", 5000)),
        "--target", "innovation-space",
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == (
        "error: apr.csv: row 3: '临平经开区' names the zone itself, never one of its carriers, beside the carriers' "
        "rows 4–5 below it ('东湖孵化园', '临平科创中心'): 8000 = 3000 + 5000; counted with them, the month's "
        "addition would be counted twice; delete rows 4–5 to import the zone's whole, or row 3 to import its "
        "carriers\n"
    )
    assert not (workdir / "progress.toml").exists()


def test_the_zones_row_below_its_carriers_is_refused(runner: CliRunner, workdir: Path) -> None:
    result = import_text(
        runner, workdir, "apr.csv", HEAD + _rows(("东湖孵化园", 3000), ("临平科创中心", 5000), ("临平经开区", 8000)),
        "--target", "innovation-space",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "row 5: '临平经开区' names the zone itself" in result.stderr
    assert "beside the carriers' rows 3–4 above it ('东湖孵化园', '临平科创中心'): 8000 = 3000 + 5000" in result.stderr


def test_districts_grouping_the_carriers_are_refused(runner: CliRunner, workdir: Path) -> None:
    rows = _rows(("东区", 5000), ("东湖孵化园", 3000), ("未来园", 2000), ("西区", 3000), ("临平科创中心", 3000))
    result = import_text(runner, workdir, "d.csv", HEAD + rows, "--target", "innovation-space")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: d.csv: row 3: '东区' 5000 = 3000 + 2000, the carriers' rows 4–5 below it ('东湖孵化园', '未来园'): it "
        "is their total (a district's or the zone's row), and counted with them the month's addition would be "
        "counted twice; delete row 3 to import its carriers, or rows 4–5 to import it whole",
        "error: d.csv: row 6: '西区' 3000 = 3000, the carriers' row 7 below it ('临平科创中心'): it is their total (a "
        "district's or the zone's row), and counted with them the month's addition would be counted twice; delete "
        "row 6 to import its carriers, or row 7 to import it whole",
    ]


def test_the_zones_row_beside_a_target_column_is_refused(runner: CliRunner, workdir: Path) -> None:
    """No --target: 指标名称 | 载体名称 | 本月新增, every row naming the target."""
    text = (
        TITLE
        + "指标名称,载体名称,本月新增（平方米）\n"
        + "".join(
            f"新增创新空间面积,{c},{v}\n"
            for c, v in (("临平经开区", 8000), ("东湖孵化园", 3000), ("临平科创中心", 5000))
        )
    )
    result = import_text(runner, workdir, "n.csv", text)
    assert result.exit_code == 1
    assert "error: n.csv: row 3: '临平经开区' names the zone itself" in result.stderr
    assert not (workdir / "progress.toml").exists()


def test_the_carriers_alone_import(runner: CliRunner, workdir: Path) -> None:
    """Once the zone's row is deleted, as the refusal says: 0.8 万平方米, two carriers."""
    result = import_text(
        runner,
        workdir,
        "apr.csv",
        HEAD + _rows(("东湖孵化园", 3000), ("临平科创中心", 5000)),
        "--target",
        "innovation-space",
    )
    assert result.exit_code == 0, result.stderr
    assert [v for _, _, v, _ in exported(runner)] == [3000, 5000]


@pytest.mark.parametrize(
    "label", ["临平经开区", "经开区", "开发区", "本区", "园区", "临平经济技术开发区", "国家级经开区"]
)
def test_every_name_of_the_zone_is_no_carrier(label: str) -> None:
    assert names_zone(label, PLAN_NAME)
    assert wholes([label, "东湖孵化园", "临平科创中心"], [Decimal(8000), Decimal(3000), Decimal(5000)], PLAN_NAME) == [
        (0, [1, 2], "zone")
    ]


@pytest.mark.parametrize("label", ["东湖孵化园", "临平科创中心", "东湖产业园区", "临平", "经开区科创大厦", "C孵化器"])
def test_a_carriers_name_is_no_zones(label: str) -> None:
    assert not names_zone(label, PLAN_NAME)


def test_the_zone_is_what_the_plans_name_begins_with() -> None:
    assert zone_of(PLAN_NAME) == "临平经开区"
    assert zone_of("2025年重点指标") == ""


FIGURE = st.integers(1, 99_999)
CARRIER = st.text(alphabet="东湖孵化园临平科创中心未来大厦一二三号楼", min_size=3, max_size=8)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(CARRIER, FIGURE), min_size=1, max_size=6, unique_by=lambda r: r[0]),
    st.sampled_from(["临平经开区", "经开区", "开发区", "本区"]),
    st.booleans(),
)
def test_the_zones_row_is_a_whole_wherever_it_stands(rows: list[tuple[str, int]], zone: str, top: bool) -> None:
    """The zone's row, above or below any carriers, with the sum of their figures: refused as their
    whole, its parts being every carrier."""
    labels = [c for c, _ in rows]
    values = [Decimal(v) for _, v in rows]
    total = sum(values, Decimal(0))
    at = 0 if top else len(rows)
    labels.insert(at, zone)
    values.insert(at, total)
    found = [(i, parts) for i, parts, why in wholes(labels, values, PLAN_NAME) if why == "zone"]
    assert found == [(at, [i for i in range(len(labels)) if i != at])]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["东区", "西区", "北片区", "南苑街道", "城东板块"]),
            st.lists(FIGURE, min_size=1, max_size=4),
        ),
        min_size=1,
        max_size=4,
    ),
    st.booleans(),
)
def test_a_districts_row_over_its_carriers_is_a_whole(groups: list[tuple[str, list[int]]], first: bool) -> None:
    """Each district's row, above (or below) its carriers, holding their sum: refused as their whole,
    once one district holds several carriers (a district of one carrier alone is one row equal to
    the next, no sum: test_a_district_beside_one_carrier_of_its_figure_is_no_whole)."""
    assume(any(len(figures) > 1 for _, figures in groups))
    labels: list[str] = []
    values: list[Decimal] = []
    heads: list[int] = []
    for n, (district, figures) in enumerate(groups):
        carriers = [(f"载体{n}{i}号楼", Decimal(f)) for i, f in enumerate(figures)]
        head = (district, sum((v for _, v in carriers), Decimal(0)))
        block = [head, *carriers] if first else [*carriers, head]
        heads.append(len(labels) + (0 if first else len(carriers)))
        labels += [t for t, _ in block]
        values += [v for _, v in block]
    assert heads == sorted({i for i, _, _ in wholes(labels, values, PLAN_NAME)} & set(heads))


@settings(max_examples=200, deadline=None)
@given(FIGURE, FIGURE, st.permutations([0, 1, 2]))
def test_carriers_whose_figures_add_up_by_chance_stay_carriers(a: int, b: int, order: list[int]) -> None:
    """A孵化器 3000, B孵化器 5000, C孵化器 8000 in any order: three carriers, none the others' whole."""
    rows = [("A孵化器", Decimal(a)), ("B孵化器", Decimal(b)), ("C孵化器", Decimal(a + b))]
    rows = [rows[i] for i in order]
    assert wholes([t for t, _ in rows], [v for _, v in rows], PLAN_NAME) == []


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(st.sampled_from(["临平经开区", "经开区", "开发区", "本区"]), st.booleans())
def test_no_name_of_the_zone_is_ever_added_to_its_carriers(
    runner: CliRunner, workdir: Path, zone: str, top: bool
) -> None:
    rows = [("东湖孵化园", 3000), ("临平科创中心", 5000)]
    rows.insert(0 if top else 2, (zone, 8000))
    (workdir / "progress.toml").unlink(missing_ok=True)
    result = import_text(runner, workdir, "z.csv", HEAD + _rows(*rows), "--target", "innovation-space")
    assert result.exit_code == 1
    assert f"{zone!r} names the zone itself" in result.stderr
    assert not (workdir / "progress.toml").exists()


def test_carriers_whose_figures_add_up_in_blocks_import(runner: CliRunner, workdir: Path) -> None:
    """东湖孵化园 3000, 未来园 2000, 临平科创中心 5000, 甲孵化器 1000, 乙孵化器 1000: the rows fall
    into blocks each closed by their sum, but no row names the zone or a district: five carriers,
    1.2 万平方米 in all."""
    rows = (("东湖孵化园", 3000), ("未来园", 2000), ("临平科创中心", 5000), ("甲孵化器", 1000), ("乙孵化器", 1000))
    result = import_text(runner, workdir, "car.csv", HEAD + _rows(*rows), "--target", "innovation-space")
    assert result.exit_code == 0, result.stderr
    assert exported(runner) == [("innovation-space", "2025-04-30", v, "平方米") for _, v in rows]


# Carriers' names as departments write them: none names the zone or a district.
CARRIER_NAME = st.builds(
    lambda place, kind: place + kind,
    st.sampled_from(["东湖", "未来", "临平", "星桥", "乔司", "科技", "甲", "乙", "东区"]),
    st.sampled_from(["孵化园", "孵化器", "科创中心", "园区", "产业园区", "众创空间", "大厦", "科技园"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(CARRIER_NAME, FIGURE, st.booleans()), min_size=2, max_size=8, unique_by=lambda r: r[0]))
def test_carriers_whose_figures_happen_to_sum_are_no_wholes(rows: list[tuple[str, int, bool]]) -> None:
    """Any carriers, with rows made to hold the sum of the rows above them (so that the list falls
    into blocks each closed by its sum, or holds a row equal to its neighbour): no row is a whole."""
    labels: list[str] = []
    values: list[Decimal] = []
    for name, figure, sums in rows:
        labels.append(name)
        values.append(sum(values[-2:], Decimal(0)) if sums and values else Decimal(figure))
    assert wholes(labels, values, PLAN_NAME) == []


def test_a_park_beside_a_carrier_of_its_figure_imports(runner: CliRunner, workdir: Path) -> None:
    """东湖孵化园 3000, 科技园区 3000: a 园区 is a carrier, and one row equal to the next is no
    district's sum. Two carriers, 6000 平方米."""
    rows = (("东湖孵化园", 3000), ("科技园区", 3000))
    result = import_text(runner, workdir, "p.csv", HEAD + _rows(*rows), "--target", "innovation-space")
    assert result.exit_code == 0, result.stderr
    assert exported(runner) == [("innovation-space", "2025-04-30", 3000, "平方米")] * 2


@pytest.mark.parametrize("label", ["东区", "北片区", "临平街道"])
def test_a_district_beside_one_carrier_of_its_figure_is_no_whole(label: str) -> None:
    """A district's row equal to the one carrier beside it, with no other district's block around:
    no sum of carriers, so no whole."""
    assert wholes(["东湖孵化园", label], [Decimal(3000), Decimal(3000)], PLAN_NAME) == []
    assert wholes([label, "东湖孵化园", "未来园"], [Decimal(5000), Decimal(3000), Decimal(2000)], PLAN_NAME) == [
        (0, [1, 2], "sum")
    ]


@pytest.mark.parametrize("label", ["科技园区", "东湖园区", "乔司园区"])
def test_a_park_is_no_district(label: str) -> None:
    assert wholes([label, "东湖孵化园", "未来园"], [Decimal(5000), Decimal(3000), Decimal(2000)], PLAN_NAME) == []


def test_carrier_wholes_reads_the_sheet_by_public_names_only() -> None:
    """carrier_wholes takes any sheet giving fields, texts and figure (FigureCells), and imports no
    other module's private name: a sheet reader's inside may change without it."""
    import ast

    import ledger.carrier_wholes as module
    from ledger.carrier_wholes import carrier_wholes
    from ledger.sheets import Row
    from ledger.table import Column

    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    private = [a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names if a.name[0] == "_"]
    assert private == []

    class Cells:
        def __init__(self) -> None:
            self.fields = {"value": Column(2, "新增面积", "value")}

        def texts(self, row: Row) -> dict[str, str]:
            return {"value": row.cells[1]}

        def figure(self, text: str | None, col: Column | None, row: Row) -> str | None:
            return text

    rows = [Row(3, ["东区", "5000"]), Row(4, ["东湖孵化园", "3000"]), Row(5, ["未来园", "2000"])]
    found = carrier_wholes(Cells(), rows, lambda row: row.cells[0], PLAN_NAME)
    assert [(p.row, p.message.split(",")[0]) for p in found] == [(3, "'东区' 5000 = 3000 + 2000")]


@pytest.mark.parametrize("district", ["临平新城", "未来科技城", "星桥产业园", "东湖新区"])
def test_a_district_named_as_a_town_over_its_carriers_is_refused(
    runner: CliRunner, workdir: Path, district: str
) -> None:
    """临平新城 8000 over 东湖孵化园 3000 and 临平科创中心 5000: the district's whole, not a third carrier
    (1.6 万平方米 where the sheet says 0.8)."""
    rows = _rows((district, 8000), ("东湖孵化园", 3000), ("临平科创中心", 5000))
    result = import_text(runner, workdir, "t.csv", HEAD + rows, "--target", "innovation-space")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: t.csv: row 3: '{district}' 8000 = 3000 + 5000, the carriers' rows 4–5 below it ('东湖孵化园', "
        "'临平科创中心'): it is their total (a district's or the zone's row), and counted with them the month's "
        "addition would be counted twice; delete row 3 to import its carriers, or rows 4–5 to import it whole"
    ]
    assert not (workdir / "progress.toml").exists()


def test_a_place_alone_is_a_whole_only_over_rows_named_after_it() -> None:
    """东湖 5000 over 东湖孵化园 3000 and 东湖科创中心 2000: its parts are named after it, so it is their
    whole; over 东湖孵化园 and 未来园 nothing says it is one, and it is a carrier."""
    five = [Decimal(5000), Decimal(3000), Decimal(2000)]
    assert wholes(["东湖", "东湖孵化园", "东湖科创中心"], five, PLAN_NAME) == [(0, [1, 2], "parts")]
    assert wholes(["东湖", "东湖孵化园", "未来园"], five, PLAN_NAME) == []


@pytest.mark.parametrize("label", ["东湖未来社区", "未来社区", "星桥小区", "临平科创中心", "3号楼", "东湖项目"])
def test_a_project_or_building_holding_the_sum_below_it_stays_a_carrier(label: str) -> None:
    """A 未来社区 is a project (Zhejiang's), not a district; a 中心, a 楼, a 项目 is a carrier: whatever
    its figure, it is one more carrier."""
    assert wholes([label, "东湖孵化园", "未来园"], [Decimal(5000), Decimal(3000), Decimal(2000)], PLAN_NAME) == []


# Districts named as towns, new areas and industrial parks are (临平新城, 未来科技城, 东湖新区, 星桥产业园)
TOWN_DISTRICT = st.builds(
    lambda place, kind: place + kind,
    st.sampled_from(["临平", "未来", "东湖", "星桥", "紫金港", "钱塘"]),
    st.sampled_from(["新城", "科技城", "新区", "产业园", "工业园", "片区", "街道"]),
)
# Carriers, projects and buildings as departments name them, 未来社区 among them
ANY_CARRIER = st.builds(
    lambda place, kind: place + kind,
    st.sampled_from(["东湖", "未来", "临平", "星桥", "乔司", "科技", "甲", "乙", "东区", "A"]),
    st.sampled_from(
        ["孵化园", "孵化器", "科创中心", "园区", "产业园区", "众创空间", "大厦", "科技园", "1号楼", "项目", "基地",
         "标准厂房", "未来社区", "产业综合体", "（一期）", "有限公司", "实验室", "理工大学", "创新工场", "研究院",
         "海康威视", "大华", "宇视科技", "医院", "学院", "股份", "生物医药", "智能制造"]
    ),
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(TOWN_DISTRICT, st.lists(FIGURE, min_size=2, max_size=5), st.booleans())
def test_a_district_of_any_name_holding_its_carriers_sum_is_a_whole(
    district: str, figures: list[int], top: bool
) -> None:
    labels = [f"载体{i}号楼" for i in range(len(figures))]
    values = [Decimal(f) for f in figures]
    at = 0 if top else len(labels)
    labels.insert(at, district)
    values.insert(at, sum(values, Decimal(0)))
    parts = [i for i in range(len(labels)) if i != at]
    assert (at, parts, "sum") in wholes(labels, values, PLAN_NAME)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        # counts (家, 个: 2, 1, 1) add up by chance far more often than areas
        st.tuples(ANY_CARRIER, st.one_of(st.integers(1, 3), FIGURE), st.booleans()),
        min_size=2,
        max_size=8,
        unique_by=lambda r: r[0],
    )
)
def test_carriers_projects_and_buildings_whose_figures_sum_are_no_wholes(rows: list[tuple[str, int, bool]]) -> None:
    """Any carriers, projects, buildings, labs, universities or companies (named with a carrier's word
    or not), rows made to hold the sum of the two above or below them, as areas or as counts: no row
    is a whole, so an honest list imports."""
    labels: list[str] = []
    values: list[Decimal] = []
    for name, figure, sums in rows:
        labels.append(name)
        values.append(sum(values[-2:], Decimal(0)) if sums and values else Decimal(figure))
    assert wholes(labels, values, PLAN_NAME) == []
    assert wholes(labels[::-1], values[::-1], PLAN_NAME) == []


def test_a_community_over_its_phases_is_refused(runner: CliRunner, workdir: Path) -> None:
    """东湖社区 5000 over 东湖社区一期 3000 and 东湖社区二期 2000: one 社区 and its phases, 0.5 万平方米
    added, never 1.0 as three carriers."""
    rows = _rows(("东湖社区", 5000), ("东湖社区一期", 3000), ("东湖社区二期", 2000))
    result = import_text(runner, workdir, "c.csv", HEAD + rows, "--target", "innovation-space")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: c.csv: row 3: '东湖社区' 5000 = 3000 + 2000, its parts' rows 4–5 below it ('东湖社区一期', "
        "'东湖社区二期'), named after it: it is their whole, and counted with them the month's addition would be "
        "counted twice; delete row 3 to import its parts, or rows 4–5 to import it whole"
    ]
    assert not (workdir / "progress.toml").exists()


def test_a_project_under_its_phases_is_refused(runner: CliRunner, workdir: Path) -> None:
    """临平科创中心一期 3000, 临平科创中心二期 2000, then 临平科创中心 5000: the project's whole below its
    phases, refused as such though a 中心 is a carrier's name."""
    rows = _rows(("临平科创中心一期", 3000), ("临平科创中心二期", 2000), ("临平科创中心", 5000))
    result = import_text(runner, workdir, "p.csv", HEAD + rows, "--target", "innovation-space")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: p.csv: row 5: '临平科创中心' 5000 = 3000 + 2000, its parts' rows 3–4 above it ('临平科创中心一期', "
        "'临平科创中心二期'), named after it: it is their whole, and counted with them the month's addition would "
        "be counted twice; delete row 5 to import its parts, or rows 3–4 to import it whole"
    ]


def test_labs_universities_and_firms_whose_figures_add_up_import(runner: CliRunner, workdir: Path) -> None:
    """湘湖实验室 5000, 浙江理工大学 2000, 临平创新工场 3000: carriers, none named as a district, a total
    or the others' whole: three carriers, 1.0 万平方米."""
    rows = (("湘湖实验室", 5000), ("浙江理工大学", 2000), ("临平创新工场", 3000))
    result = import_text(runner, workdir, "l.csv", HEAD + _rows(*rows), "--target", "innovation-space")
    assert result.exit_code == 0, result.stderr
    assert exported(runner) == [("innovation-space", "2025-04-30", v, "平方米") for _, v in rows]


@pytest.mark.parametrize(
    ("labels", "values"),
    [
        (["湘湖实验室", "浙江理工大学", "之江实验室"], [2, 1, 1]),
        (["杭州海康威视", "浙江大华", "宇视科技"], [3, 1, 2]),
        (["临平创新工场", "浙江理工大学", "湘湖实验室"], [3, 2, 5]),
    ],
)
def test_institutions_and_companies_counted_are_no_wholes(labels: list[str], values: list[int]) -> None:
    assert wholes(labels, [Decimal(v) for v in values], PLAN_NAME) == []


@pytest.mark.parametrize("district", ["临平新城", "东区", "临平街道", "合计"])
def test_a_district_or_total_over_labs_is_still_a_whole(district: str) -> None:
    assert wholes([district, "湘湖实验室", "浙江理工大学"], [Decimal(5), Decimal(3), Decimal(2)], PLAN_NAME) == [
        (0, [1, 2], "sum")
    ]


NAME = st.text(alphabet="东湖临平科创中心实验室大学海康威视社区未来园孵化器公司新城", min_size=1, max_size=8)
PHASE = st.sampled_from(
    ["一期", "二期", "三期", "（一期）", "A座", "B座", "1号楼", "2号楼", "东区块", "北地块", "二期工程", "3幢", "南楼"]
)


@settings(max_examples=300, deadline=None)
@given(
    NAME,
    st.lists(st.tuples(PHASE, FIGURE), min_size=2, max_size=4, unique_by=lambda r: r[0]),
    st.booleans(),
    st.integers(0, 3),
)
def test_a_row_over_rows_named_after_it_is_their_whole(
    name: str, phases: list[tuple[str, int]], top: bool, off: int
) -> None:
    """Any name over (or under) rows named after it with a part's suffix: their whole when its figure
    is their sum; more than their sum (a figure less may be the sum of the nearest of them), one more
    carrier, never refused (the zone's own name, 园区, is refused
    wherever it stands: test_the_zones_row_is_a_whole_wherever_it_stands)."""
    assume(not names_zone(name, PLAN_NAME))
    labels = [name + p for p, _ in phases]
    values = [Decimal(v) for _, v in phases]
    total = sum(values, Decimal(0)) + off
    at = 0 if top else len(labels)
    labels.insert(at, name)
    values.insert(at, total)
    found = [(i, parts) for i, parts, _ in wholes(labels, values, PLAN_NAME) if i == at]
    if off == 0:
        assert found == [(at, [i for i in range(len(labels)) if i != at])]
    else:
        assert found == []
