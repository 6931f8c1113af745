"""A row named for a whole area (``全区规模以上工业总产值``: the district's output, of which the zone's
is a part) was refused with "did you mean '工业总产值'? … add it to the target's aliases": followed,
the district's figure is filed as the zone's. The refusal says whose figure it is and that the alias
is right only for a plan of that area; a name without such a word keeps the usual hint."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger import load_plan
from ledger.row_targets import Resolver
from tests.conftest import SHIPPED_PLAN
from tests.helpers import import_text as _import

_AREAS = ["全区", "全市", "全县", "全省", "全国", "全镇", "全街", "全街道", "全域"]


def test_the_district_row_is_not_offered_as_an_alias(runner: CliRunner, workdir: Path) -> None:
    result = _import(
        runner, workdir, "a.csv", "指标名称,1-8月累计\n全区规模以上工业总产值,842.7\n", "--date", "2025-08"
    )
    assert result.exit_code != 0
    assert result.stderr.strip().splitlines() == [
        "error: a.csv: row 2: no target '全区规模以上工业总产值': it gives 全区's figure, of a whole area; "
        "add it to the aliases of '工业总产值' only if the plan is 全区's own; or pass such rows over with --skip-unknown"
    ]


@given(st.sampled_from(_AREAS), st.sampled_from(["", " ", "　"]))
def test_no_whole_area_name_is_offered_plainly(area: str, gap: str) -> None:
    plan = load_plan(SHIPPED_PLAN)
    resolver = Resolver(plan)
    for t in plan.targets:
        message = resolver.unknown(f"{area}{gap}{t.name}")
        assert "did you mean" not in message
        if "add it to the aliases" in message:
            assert f"only if the plan is {area}'s own" in message


def test_a_name_without_an_area_keeps_the_usual_hint() -> None:
    resolver = Resolver(load_plan(SHIPPED_PLAN))
    assert resolver.unknown("工业总产出") == (
        "no target '工业总产出'; did you mean '工业总产值'? (write it exactly, or add it to the target's aliases)"
    )
