"""A rate that records falls as positive figures (单位工业增加值能耗下降率, target 3.5) given only a
bureau's signed growth (同比增长% −4.0, a fall of 4 %) reads the fall it states, 4.0, and says so in
--dry-run: as it stood, −4.0 was judged 7.5 points behind a goal it beat by 0.5. A figure below 0 of
such a target (recorded, or a sheet's rise read so) is refused as the sign slip it nearly always is,
with --force to keep a real rise."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from tests.helpers import exported, import_text
from tests.test_decline_columns import TITLE, _with_falls


def test_signed_growth_is_read_as_the_fall_it_states(runner: CliRunner, workdir: Path) -> None:
    _with_falls(workdir)
    sheet = f"{TITLE}\n指标名称,1-8月同比增长%\n单位工业增加值能耗,-4.0\n规模以上工业增加值,6.2\n能耗下降,-3.2\n"
    (workdir / "s.csv").write_text(sheet, encoding="utf-8")
    shown = runner.invoke(app, ["import", "s.csv", "--dry-run"])
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.splitlines()[0] == (
        "row 3: energy-fall = 4.0% as of 2025-08-31 — figure: column '1-8月同比增长%' (B3); unit: the header of "
        "'1-8月同比增长%'; -4.0% growth read as the fall it states, 4.0% (energy-fall records a fall as a positive "
        "figure); date: the title '临平经开区2025年1-8月主要经济指标'; target: alias '单位工业增加值能耗' in column '指标名称' (A3)"
    )
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 0, result.output
    # the growth target and the signed-growth one (能耗下降, target −3, down) keep their figures as written
    assert exported(runner) == [
        ("energy-fall", "2025-08-31", 4.0, "%"),
        ("value-added-growth", "2025-08-31", 6.2, "%"),
        ("energy-growth", "2025-08-31", -3.2, "%"),
    ]
    status = runner.invoke(app, ["show", "energy-fall", "--as-of", "2025-08-31", "--format", "json"])
    assert '"gap": 0.5' in status.stdout  # 4.0 against 3.5: half a point ahead, not 7.5 behind


def test_a_rise_in_the_growth_column_is_refused_as_a_sign_slip(runner: CliRunner, workdir: Path) -> None:
    _with_falls(workdir)
    result = import_text(runner, workdir, "s.csv", f"{TITLE}\n指标名称,1-8月同比增长%\n单位工业增加值能耗,4.0\n")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: s.csv: row 3: -4.0 % as of 2025-08-31 is below 0, a rise of 4.0 %, but 'energy-fall' "
        "(单位工业增加值能耗下降率) records a fall as a positive figure (a fall of 4.0 % is 4.0; a sheet's signed "
        "growth under 同比增长% is read as the fall it states); if it fell by 4.0 %, give 4.0; nothing was "
        "imported; if these figures are right, import with --force"
    )
    assert exported(runner) == []


def test_record_refuses_a_fall_below_0_and_force_keeps_a_real_rise(runner: CliRunner, workdir: Path) -> None:
    _with_falls(workdir)
    refused = runner.invoke(app, ["record", "energy-fall", "-4", "--date", "2025-06"])
    assert refused.exit_code == 1
    assert refused.stderr == (
        "error: energy-fall: -4 % as of 2025-06-30 is below 0, a rise of 4 %, but 'energy-fall' (单位工业增加值能耗"
        "下降率) records a fall as a positive figure (a fall of 4 % is 4; a sheet's signed growth under 同比增长% is "
        "read as the fall it states); if it fell by 4 %, give 4; nothing was recorded; if the figure is right, keep "
        "it with --force\n"
    )
    assert runner.invoke(app, ["record", "energy-fall", "-1.2", "--date", "2025-06", "--force"]).exit_code == 0
    assert runner.invoke(app, ["record", "energy-growth", "-3.2", "--date", "2025-06"]).exit_code == 0  # signed
    assert exported(runner) == [("energy-fall", "2025-06-30", -1.2, "%"), ("energy-growth", "2025-06-30", -3.2, "%")]
    assert runner.invoke(app, ["check"]).exit_code == 0  # the rise kept with --force is not reported again


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=25)
@given(fall=st.decimals(min_value="0.1", max_value="15", places=1), percent=st.booleans())
def test_any_fall_given_as_signed_growth_is_recorded_as_the_fall(
    runner: CliRunner, workdir: Path, fall: Decimal, percent: bool
) -> None:
    if not (workdir / "targets.toml").read_text(encoding="utf-8").count("energy-fall"):
        _with_falls(workdir)
    (workdir / "progress.toml").unlink(missing_ok=True)
    cell = f"-{fall}%" if percent else f"-{fall}"
    result = import_text(
        runner, workdir, "s.csv", f"{TITLE}\n指标名称,1-8月同比增长%\n单位工业增加值能耗下降率,{cell}\n"
    )
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("energy-fall", "2025-08-31", float(fall), "%")]
