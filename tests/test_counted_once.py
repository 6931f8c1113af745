"""An addition is counted once (the n12 trial's double counts): a sheet imported again is refused
and --allow-duplicates is no way round it for its additions; a carrier list's total row, however
labelled, is refused; so is a carrier beside its own parts (其中：一期); a quarterly target's
quarter and months of it from two sheets; and a carrier's own running total (累计) is held with
its list's, never against the whole target, so a back-fill offered is what the carriers say."""

from __future__ import annotations

import json
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import read_ledger
from ledger.target_parts import is_part_label
from ledger.total_labels import is_total_row
from tests.conftest import ROOT

TITLE = "临平经开区科技局2025年4月新增创新空间面积情况\n"
JUNE = ROOT / "examples" / "monthly-2025-06-illustrative.csv"
DEPARTMENTS = ROOT / "examples" / "departments" / "targets.toml"
SLOW = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def _current(runner: CliRunner, target: str, as_of: str, *ledger: str) -> float | None:
    out = runner.invoke(app, ["status", "--as-of", as_of, "--format", "json", *ledger]).stdout
    [t] = [t for a in json.loads(out)["actions"] for t in a["targets"] if t["id"] == target]
    return t["current"]


# --- a sheet imported again ---------------------------------------------------------------------

AGAIN = "; nothing was imported; was this file imported before? its additions are counted already\n"


def test_the_readme_june_sheet_imported_again_never_offers_allow_duplicates(runner: CliRunner, workdir: Path) -> None:
    """The c07 case: the refusal offered --allow-duplicates, which recorded every row again
    (innovation-space 5 万平方米 for the sheet's 2.5). It is not offered beside an addition, and
    given all the same it keeps the readings' repeats but never the addition's."""
    shutil.copy(JUNE, workdir / "m.csv")
    assert runner.invoke(app, ["import", "m.csv"]).exit_code == 0
    before = (workdir / "progress.toml").read_bytes()
    again = runner.invoke(app, ["import", "m.csv"])
    assert again.exit_code == 1 and again.stderr.endswith(AGAIN)
    assert "--allow-duplicates" not in again.stderr
    allowed = runner.invoke(app, ["import", "m.csv", "--allow-duplicates"])
    assert allowed.exit_code == 1
    assert "row 5: innovation-space 2.5 万平方米 as of 2025-06-30 is already in the ledger" in allowed.stderr
    assert allowed.stderr.endswith(AGAIN)  # no "rows … are not in the ledger yet": they are, kept or not
    assert (workdir / "progress.toml").read_bytes() == before
    assert _current(runner, "innovation-space", "2025-06") == 2.5


def test_an_equal_addition_named_apart_is_imported_with_force(runner: CliRunner, workdir: Path) -> None:
    """The way out the refusal names: another carrier's equal 3000, named in a 备注 column."""
    head = "指标名称,本月新增（平方米）,截至日期\n"
    (workdir / "m.csv").write_text(head + "新增创新空间面积,3000,2025-08\n", encoding="utf-8")
    assert runner.invoke(app, ["import", "m.csv"]).exit_code == 0
    assert runner.invoke(app, ["import", "m.csv"]).stderr.endswith(AGAIN)
    (workdir / "n.csv").write_text(
        "指标名称,本月新增（平方米）,截至日期,备注\n新增创新空间面积,3000,2025-08,临平科创中心\n"
    )
    assert runner.invoke(app, ["import", "n.csv"]).exit_code == 1  # an addition to August from another sheet
    assert runner.invoke(app, ["import", "n.csv", "--force"]).exit_code == 0
    assert _current(runner, "innovation-space", "2025-08") == 0.6


# --- total rows ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "label", ["新增创新空间面积（合计）", "合计：新增创新空间面积", "共计2个载体", "全区新增", "合计新增创新空间面积"]
)
def test_a_carrier_lists_total_row_is_refused_however_labelled(runner: CliRunner, workdir: Path, label: str) -> None:
    """The c12 case: each was imported as a third carrier (1.6 万平方米 for 0.8)."""
    (workdir / "s.csv").write_text(
        TITLE + f"载体名称,新增面积（平方米）\n东湖孵化园,3000\n临平科创中心,5000\n{label},8000\n", encoding="utf-8"
    )
    refused = runner.invoke(app, ["import", "s.csv", "--target", "innovation-space"])
    assert (refused.exit_code, refused.stderr) == (
        1,
        f"error: s.csv: row 5: {label!r} is a total row, the sum of rows that tracker reads and adds up itself; delete it, or pass it over with --skip-unknown: the rows it totals are imported all the same\n",
    )
    assert not (workdir / "progress.toml").exists()
    assert runner.invoke(app, ["import", "s.csv", "--target", "innovation-space", "--skip-unknown"]).exit_code == 0
    assert _current(runner, "innovation-space", "2025-04") == 0.8


@pytest.mark.parametrize(
    "label", ["新增创新空间面积（合计）", "合计：新增创新空间面积", "共计2个载体", "全区新增创新空间面积"]
)
def test_a_total_in_the_carrier_column_is_refused(runner: CliRunner, workdir: Path, label: str) -> None:
    head = "临平经开区科技局2025年4月重点任务\n指标名称,载体名称,本月新增（平方米）\n"
    rows = f"新增创新空间面积,东湖孵化园,3000\n新增创新空间面积,临平科创中心,5000\n新增创新空间面积,{label},8000\n"
    (workdir / "b.csv").write_text(head + rows, encoding="utf-8")
    refused = runner.invoke(app, ["import", "b.csv"])
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[-1] == (
        f"error: b.csv: row 5: {label!r} in column '载体名称' (B5) marks a total row, the sum of rows that tracker reads and adds up itself; delete it, or pass it over with --skip-unknown: the rows it totals are imported all the same"
    )


@pytest.mark.parametrize("how", ["skip", "delete"])
def test_the_total_rows_hint_reaches_the_sum_it_says(runner: CliRunner, workdir: Path, how: str) -> None:
    # The refusal said the 合计 row "would be counted with its parts": followed, its hint imports the carriers,
    # 3000 + 5000 = 8000 平方米, the total the row gives; the wording says so.
    head = "临平经开区科技局2025年4月重点任务\n指标名称,载体名称,本月新增（平方米）\n"
    rows = "新增创新空间面积,东湖孵化园,3000\n新增创新空间面积,临平科创中心,5000\n"
    total = "新增创新空间面积,合计,8000\n"
    (workdir / "b.csv").write_text(head + rows + ("" if how == "delete" else total), encoding="utf-8")
    result = runner.invoke(app, ["import", "b.csv", *(["--skip-unknown"] if how == "skip" else [])])
    assert result.exit_code == 0, result.output
    assert _current(runner, "innovation-space", "2025-04-30") == 0.8


TOTAL_WORDS = ["合计", "总计", "共计", "小计", "汇总", "合  计", "小　计"]
SCOPES = ["全区", "全部", "全园区", "全市", "全县"]
NAMES = ["新增创新空间面积", "innovation-space", "创新空间"]
COUNTS = ["", "（2个）", "(3个载体)"]


@given(
    st.sampled_from(TOTAL_WORDS),
    st.sampled_from(["", *SCOPES]),
    st.sampled_from(NAMES),
    st.sampled_from(["before", "after", "bracket", "alone", "count", "scope"]),
    st.sampled_from(COUNTS),
    st.sampled_from(["", "：", ":"]),
)
def test_every_form_of_a_total_rows_label_is_one(
    word: str, scope: str, name: str, form: str, count: str, colon: str
) -> None:
    """A total word before or after the target's name (with a colon, a count in brackets), in
    brackets after it, alone, as a count (共N个), or a scope naming the whole with what is summed."""
    label = {
        "before": f"{scope}{word}{colon}{name}",
        "after": f"{name}{word}{count}{colon}",
        "bracket": f"{name}（{scope}{word}）",
        "alone": f"{scope}{word}{count}{colon}",
        "count": f"{word.replace(' ', '')[:1] if word.startswith('共') else '共'}{len(count) + 2}个载体",
        "scope": f"{scope or '全区'}新增{name if name != 'innovation-space' else ''}",
    }[form]
    assert is_total_row(label, ("新增创新空间面积", "innovation-space", "创新空间"))


CARRIERS = ["汇总中心大楼", "合计科技园", "东湖孵化园", "临平科创中心", "红丰创新带孵化器", "临平新城科创园", "共享办公中心", "全民健身中心",
            "总部经济园", "含山路孵化器", "东湖孵化园一期", "二期科创园", "小微企业园", "汇智大厦"]  # fmt: skip


@pytest.mark.parametrize("name", CARRIERS)
def test_a_carriers_name_is_no_total(name: str) -> None:
    assert not is_total_row(name, ("新增创新空间面积", "innovation-space"))


# --- a carrier and its parts ----------------------------------------------------------------------

PARTS = (
    "error: {f}: row 3: carrier '东湖孵化园' is followed by its parts in rows 4–5 ({a!r}, {b!r}): 5000 = 3000 + "
    "2000; the carrier and its parts counted together, its addition would be counted twice; delete rows 4–5 to "
    "import the carrier whole, or row 3 to import its parts"
)


def test_a_carrier_beside_its_phases_is_refused_in_both_layouts(runner: CliRunner, workdir: Path) -> None:
    """The c11 case: 东湖孵化园 5000 and its 其中：一期 3000, 其中：二期 2000 made 1.4 万 for 0.9."""
    (workdir / "a.csv").write_text(
        TITLE + "载体名称,新增面积（平方米）\n东湖孵化园,5000\n其中：一期,3000\n其中：二期,2000\n临平科创中心,4000\n",
        encoding="utf-8",
    )
    refused = runner.invoke(app, ["import", "a.csv", "--target", "innovation-space"])
    assert (refused.exit_code, refused.stderr) == (
        1,
        PARTS.format(f="a.csv", a="其中：一期", b="其中：二期") + "\n",
    )
    rows = "".join(
        f"新增创新空间面积,{c},{v}\n"
        for c, v in (("东湖孵化园", 5000), ("其中：一期", 3000), ("其中：二期", 2000), ("临平科创中心", 4000))
    )
    (workdir / "b.csv").write_text("临平经开区科技局2025年4月重点任务\n指标名称,载体名称,本月新增（平方米）\n" + rows)
    other = runner.invoke(app, ["import", "b.csv"])
    assert other.exit_code == 1
    assert PARTS.format(f="b.csv", a="其中：一期", b="其中：二期") in other.stderr
    assert not (workdir / "progress.toml").exists()
    # Doing as told: the parts deleted, the whole counts once.
    (workdir / "a.csv").write_text(TITLE + "载体名称,新增面积（平方米）\n东湖孵化园,5000\n临平科创中心,4000\n")
    assert runner.invoke(app, ["import", "a.csv", "--target", "innovation-space"]).exit_code == 0
    assert _current(runner, "innovation-space", "2025-04") == 0.9


def test_parts_under_a_heading_without_a_figure_are_the_carriers(runner: CliRunner, workdir: Path) -> None:
    (workdir / "a.csv").write_text(
        TITLE + "载体名称,新增面积（平方米）\n东湖孵化园,\n其中：一期,3000\n其中：二期,2000\n临平科创中心,4000\n",
        encoding="utf-8",
    )
    assert runner.invoke(app, ["import", "a.csv", "--target", "innovation-space"]).exit_code == 0
    assert _current(runner, "innovation-space", "2025-04") == 0.9


MARKS = ["其中：{}", "其中:{}", "其中{}", "含：{}", "含{}", "{}", "  {}", "　{}", "（{}）", "其中：第{}"]
PHASES = ["一期", "二期", "三期", "1期", "二期工程", "一期项目"]


@SLOW
@given(st.sampled_from(MARKS), st.lists(st.sampled_from(PHASES), min_size=1, max_size=3, unique=True))
def test_every_way_of_marking_a_carriers_parts_refuses_the_sheet(
    runner: CliRunner, tmp_path: Path, mark: str, phases: list[str]
) -> None:
    """其中, 含, a phase alone, indentation: each marks the rows below a carrier its parts."""
    shutil.copy(ROOT / "targets.toml", tmp_path / "targets.toml")
    labels = [mark.format(p.removeprefix("第") if mark.endswith("第{}") else p) for p in phases]
    parts = "".join(f"{label},1000\n" for label in labels)
    sheet = tmp_path / "p.csv"
    sheet.write_text(
        TITLE + f"载体名称,新增面积（平方米）\n东湖孵化园,{1000 * len(phases)}\n{parts}临平科创中心,4000\n"
    )
    ledger = tmp_path / "p.toml"
    plan = ["--targets", str(tmp_path / "targets.toml"), "--ledger", str(ledger)]
    refused = runner.invoke(app, ["import", str(sheet), "--target", "innovation-space", *plan])
    assert refused.exit_code == 1
    shown = "row 4" if len(phases) == 1 else f"rows 4–{3 + len(phases)}"
    assert f"row 3: carrier '东湖孵化园' is followed by its parts in {shown} (" in refused.stderr
    assert not ledger.exists()
    assert all(is_part_label(label) for label in labels if label.strip() == label)


@pytest.mark.parametrize("name", ["东湖孵化园一期", "临平科创中心", "含山路孵化器", "二期科创园", "一期二号楼"])
def test_a_carrier_named_with_its_phase_is_no_part(name: str) -> None:
    assert not is_part_label(name)


# --- a quarter and its months ---------------------------------------------------------------------

Q2 = "临平经开区2025年第二季度新认定高新技术企业\n指标名称,二季度新增（家）\n新认定高新技术企业,9\n"
LIST = "临平经开区科技局高新技术企业认定台账\n载体名称,认定月份,新增（家）\n{rows}"


def test_a_quarters_addition_and_its_months_from_another_sheet_are_refused(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The c22 case: Q2's 9 家 (as of 06-30) then 甲 (April) 2 and 乙 (May) 3 made 14 for 9."""
    shutil.copy(DEPARTMENTS, tmp_path / "targets.toml")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "q2.csv").write_text(Q2, encoding="utf-8")
    assert runner.invoke(app, ["import", "q2.csv"]).exit_code == 0
    (q2,) = read_ledger(tmp_path / "progress.toml")
    (tmp_path / "tz.csv").write_text(LIST.format(rows="甲公司,2025年4月,2\n乙公司,2025年5月,3\n"), encoding="utf-8")
    refused = runner.invoke(app, ["import", "tz.csv", "--target", "high-tech-firms"])
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[:2] == [
        f"error: tz.csv: row 3: high-tech-firms 2 家 as of 2025-04-30 would add to the 9 家 already added in 2025Q2 "
        f"by an earlier import or record (entry {q2.id}): both would count",
        f"error: tz.csv: row 4: high-tech-firms 3 家 as of 2025-05-31 would add to the 9 家 already added in 2025Q2 "
        f"by an earlier import or record (entry {q2.id}): both would count; nothing was imported; if this sheet "
        f"corrects the earlier figures, withdraw the ones it replaces (tracker void {q2.id} --reason 更正), then import "
        "it; if both add up (two carriers' sheets), import with --force",
    ]
    assert _current(runner, "high-tech-firms", "2025-06") == 9
    assert runner.invoke(app, ["check"]).exit_code == 0


@SLOW
@given(st.integers(1, 12), st.integers(1, 12), st.booleans())
def test_a_quarterly_targets_additions_from_two_sheets_count_apart_only_in_two_quarters(
    runner: CliRunner, tmp_path: Path, first: int, second: int, quarter_first: bool
) -> None:
    """Two appends of a quarterly target's additions: refused when one quarter holds both, in
    either order, whatever their months; imported when the quarters differ."""
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # an example may come again
    shutil.copy(DEPARTMENTS, folder / "targets.toml")
    plan = ["--targets", str(folder / "targets.toml"), "--ledger", str(folder / "p.toml")]
    days = {m: f"2025-{m:02d}" for m in (first, second)}
    assert runner.invoke(app, ["record", "high-tech-firms", "4", "--date", days[first], *plan]).exit_code == 0
    (folder / "l.csv").write_text(LIST.format(rows=f"甲公司,2025年{second}月,3\n"), encoding="utf-8")
    got = runner.invoke(app, ["import", str(folder / "l.csv"), "--target", "high-tech-firms", *plan])
    same = (first - 1) // 3 == (second - 1) // 3
    assert got.exit_code == (1 if same else 0), got.stderr
    if same:
        assert f"already added in 2025Q{(first - 1) // 3 + 1} by an earlier import or record" in got.stderr
    assert len(read_ledger(folder / "p.toml")) == (1 if same else 2)


def test_a_monthly_targets_months_stay_apart(runner: CliRunner, workdir: Path) -> None:
    """新增创新空间面积 is reported monthly: April's and May's additions from two sheets both count."""
    assert runner.invoke(app, ["record", "innovation-space", "0.3", "--date", "2025-04"]).exit_code == 0
    assert runner.invoke(app, ["record", "innovation-space", "0.5", "--date", "2025-05"]).exit_code == 0
    assert _current(runner, "innovation-space", "2025-05") == 0.8


# --- a carrier's own running total ----------------------------------------------------------------

RUNNING = TITLE + "序号,载体名称,本月新增（平方米）,累计新增（平方米）\n{rows}"


def test_each_carriers_running_total_is_its_own(runner: CliRunner, workdir: Path) -> None:
    """The c24 case: 东湖孵化园 3000 / 3000 and 临平科创中心 5000 / 9000 were each held to the whole
    target, and the back-fill offered was 0.1 (9000 − 8000); the carriers added 0.4 before April."""
    (workdir / "s.csv").write_text(RUNNING.format(rows="1,东湖孵化园,3000,3000\n2,临平科创中心,5000,9000\n"))
    refused = runner.invoke(app, ["import", "s.csv", "--target", "innovation-space"])
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[1] == (
        "error: s.csv: row 3: innovation-space: the carriers' own running totals through 2025-04-30 under "
        "'累计新增（平方米）' (D3) make 1.2 万平方米, but the ledger holds no addition before 2025-04: the 0.4 万平方米 "
        "these carriers added before it (临平科创中心 9000 − 5000) would be missing, and the year's progress would "
        "read 0.8 万平方米; record the months before first, then import again: tracker record innovation-space 0.4 "
        '--date 2025-03 --note "1—3月新增（补记）"; nothing was imported; if these figures are right, import with --force'
    )
    back = ["record", "innovation-space", "0.4", "--date", "2025-03", "--note", "1—3月新增（补记）"]
    assert runner.invoke(app, back).exit_code == 0
    assert runner.invoke(app, ["import", "s.csv", "--target", "innovation-space"]).exit_code == 0  # no --force
    assert _current(runner, "innovation-space", "2025-04") == 1.2
    assert runner.invoke(app, ["check"]).exit_code == 0


def test_carriers_running_totals_above_the_ledgers_are_refused_without_a_figure(
    runner: CliRunner, workdir: Path
) -> None:
    """With March's 0.1 in the ledger, the carriers' 1.2 through April is more than 0.1 + 0.8: a
    figure is missing, but which months', only the department knows."""
    assert runner.invoke(app, ["record", "innovation-space", "0.1", "--date", "2025-03"]).exit_code == 0
    (workdir / "s.csv").write_text(RUNNING.format(rows="1,东湖孵化园,3000,3000\n2,临平科创中心,5000,9000\n"))
    refused = runner.invoke(app, ["import", "s.csv", "--target", "innovation-space"])
    assert refused.exit_code == 1
    assert "make 1.2 万平方米, more than the ledger's additions through that date with this sheet's, 0.9 万平方米" in (
        refused.stderr
    )
    assert "tracker record" not in refused.stderr


@SLOW
@given(
    st.lists(
        st.tuples(st.integers(100, 9000), st.sampled_from([0, 100, 4000]) | st.integers(100, 9000)),
        min_size=1,
        max_size=4,
    )
)
def test_the_back_fill_offered_is_what_the_carriers_added_before_the_month(
    runner: CliRunner, tmp_path: Path, carriers: list[tuple[int, int]]
) -> None:
    """Each carrier's (addition, added before): the record offered is exactly the sum of what
    they added before, in 万平方米 or 平方米; following it, the sheet imports without --force and the
    year holds every carrier's running total."""
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # an example may come again
    shutil.copy(ROOT / "targets.toml", folder / "targets.toml")
    plan = ["--targets", str(folder / "targets.toml"), "--ledger", str(folder / "p.toml")]
    rows = "".join(f"{i},载体{i},{a},{a + b}\n" for i, (a, b) in enumerate(carriers, 1))
    (folder / "s.csv").write_text(RUNNING.format(rows=rows), encoding="utf-8")
    args = ["import", str(folder / "s.csv"), "--target", "innovation-space", *plan]
    got = runner.invoke(app, args)
    before = sum(b for _, b in carriers)
    if before == 0:
        assert got.exit_code == 0, got.stderr
    else:
        assert got.exit_code == 1
        [command] = [line.split(": tracker ", 1)[1] for line in got.stderr.splitlines() if ": tracker record" in line]
        words = command.split()
        unit = words[words.index("--unit") + 1] if "--unit" in words else "万平方米"
        assert Decimal(words[2]) * (10000 if unit == "万平方米" else 1) == before
        day = words[words.index("--date") + 1]
        back = ["record", "innovation-space", words[2], "--unit", unit, "--date", day, "--note", "1—3月新增（补记）"]
        assert runner.invoke(app, [*back, *plan]).exit_code == 0
        assert runner.invoke(app, args).exit_code == 0
    total = Decimal(sum(a + b for a, b in carriers)) / 10000
    assert Decimal(str(_current(runner, "innovation-space", "2025-04", *plan))) == total
