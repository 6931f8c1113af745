"""How computed figures, 同比 and English amounts are written (README, "How progress is
counted"): a forecast and the pace needed keep two places, or the current's if it shows more; a
year-on-year change keeps one decimal whichever way it went; English `show` names the unit of
every amount, which is not the plan's (CNY bn for 亿元, m² for 万平方米)."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import append_entries
from ledger.numbers import rounded
from ledger.render.cells import cells, yoy_phrase
from ledger.units import places_of
from ledger.yoy import YearOnYear
from tests.helpers import entry, progress_of, write_plan

INVEST = (
    '\n[[target]]\nid = "invest"\naction = "a"\nname = "固定资产投资"\nkind = "total"\nunit = "亿元"\ntarget = 120\n'
)
SPACE = '\n[[target]]\nid = "space"\naction = "a"\nname = "新增创新空间面积"\nkind = "increment"\nunit = "万平方米"\ntarget = 50\n'


def ok(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_a_forecast_keeps_two_places_beside_a_current_of_one(workdir: Path, runner: CliRunner) -> None:
    # 12.5 + 3 (30,000 m²) + 10 (150 亩) + 2 + 5 = 32.5 万平方米 by September, 65 % at 75 % of
    # the year: 32.5 / 0.75 = 43.333… forecast, (50 − 32.5) / 3 = 5.833… a month. The 亩 entry is
    # counted finely enough for 4 places, but the current shows one: the forecast shows two.
    for value, month, unit in (("12.5", "04", None), ("30000", "05", "平方米"), ("150", "06", "亩"),
                               ("2", "07", None), ("5", "09", None)):  # fmt: skip
        ok(runner, "record", "innovation-space", value, "--date", f"2025-{month}", *(["--unit", unit] if unit else []))
    show = ok(runner, "show", "innovation-space", "--as-of", "2025-09", "--lang", "zh")
    assert "当前: 32.5 (截至 2025-09-30)" in show and "全年预计: 43.33  尚需每月 5.83" in show
    table = ok(runner, "status", "--as-of", "2025-09", "--lang", "zh")
    assert re.search(r"新增创新空间面积 .* 32\.5 .* 滞后 +43\.33\n", table)
    document = json.loads(ok(runner, "status", "--as-of", "2025-09", "--format", "json"))
    space = next(t for a in document["actions"] for t in a["targets"] if t["id"] == "innovation-space")
    assert (space["current"], space["forecast"], space["needed_per_month"]) == (32.5, 43.33, 5.83)
    english = ok(runner, "show", "innovation-space", "--as-of", "2025-09", "--lang", "en")
    # In m² whole square metres, as the current (325,000 m²) is: 433,333.3… and 58,333.3… round down.
    assert "Forecast: 433,333 m²  needed per month: 58,333 m²" in english


@given(
    st.lists(
        st.tuples(
            st.decimals(min_value=0, max_value=30, places=4), st.sampled_from(["万平方米", "平方米", "亩", "公顷"])
        ),
        min_size=1,
        max_size=4,
    )
)
def test_computed_figures_keep_the_places_the_current_shows(
    tmp_path_factory: pytest.TempPathFactory, figures: list[tuple[Decimal, str]]
) -> None:
    plan = write_plan(tmp_path_factory.mktemp("p"), SPACE)
    entries = [entry("space", date(2025, 9, 30), str(v), n, unit=u) for n, (v, u) in enumerate(figures)]
    p = progress_of(plan, entries, date(2025, 9, 30), "space")
    assert isinstance(p.current, Decimal) and p.forecast is not None and p.needed_per_month is not None
    places = max(2, places_of(p.current))
    c = cells(p, "zh")
    assert Decimal(c.forecast) == rounded(p.forecast, places)
    assert places_of(Decimal(c.forecast)) <= places


def test_a_fall_year_on_year_keeps_its_decimal(workdir: Path, runner: CliRunner) -> None:
    # 25 against last year's 25.5 at June: 25 / 25.5 − 1 = −0.0196, a fall of 2.0 %, as a rise of
    # 3.1 % is written; never "同比下降 2%".
    append_entries(workdir / "2024.toml", [entry("innovation-space", date(2024, 6, 30), "25.5", n=1, unit="万平方米")])
    ok(runner, "record", "innovation-space", "25", "--date", "2025-06")
    args = ["--as-of", "2025-06", "--previous-ledger", "2024.toml"]
    show = ok(runner, "show", "innovation-space", "--lang", "zh", *args)
    assert "与序时进度持平，同比下降 2.0%（上年同期 25.5 万平方米）" in show
    table = ok(runner, "status", "--lang", "zh", *args)
    assert "同比-2.0%" in table
    assert "-2.0% y/y (a year earlier: 255,000 m²)" in ok(runner, "show", "innovation-space", "--lang", "en", *args)


@given(st.decimals(min_value=Decimal("-0.99"), max_value=10, places=6))
def test_a_change_year_on_year_always_has_one_decimal(
    tmp_path_factory: pytest.TempPathFactory, change: Decimal
) -> None:
    plan = write_plan(tmp_path_factory.mktemp("p"), INVEST)
    p = progress_of(plan, [entry("invest", date(2025, 6, 30), "60")], date(2025, 6, 30), "invest")
    p = p._replace(yoy=YearOnYear(Decimal(50), date(2024, 6, 30), change))
    pct = rounded(abs(change) * 100, 1)
    long, short = yoy_phrase(p, "zh"), yoy_phrase(p, "zh", short=True)
    assert re.fullmatch(r"\d+\.\d", str(pct))
    if change > 0:
        assert long.startswith(f"同比增长 {pct}%") and short == f"同比+{pct}%"
    elif change < 0:
        assert long.startswith(f"同比下降 {pct}%") and short == f"同比-{pct}%"
    else:
        assert long.startswith("同比持平") and short == "同比0.0%"


JULY_JUNE = """version = 1

[plan]
id = "fy"
name = "2025—2026年度计划"
start = 2025-07-01
end = 2026-06-30

[[action]]
id = "a"
name = "行动"

[[target]]
id = "output"
action = "a"
name = "工业总产值"
name_en = "Industrial output"
kind = "total"
unit = "亿元"
target = 1200
"""


def test_english_show_names_the_unit_of_every_amount(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 1,180 亿元 by May with 100 of them in May: CNY 118.0 bn, CNY 10.0 bn that month; at 11/12 of
    # the year 118 / (11/12) = 128.727… 亿元 forecast (CNY 12.873 bn), (1200 − 1180) / 1 = 20 a month.
    (tmp_path / "targets.toml").write_text(JULY_JUNE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    ok(runner, "record", "output", "1180", "--month-value", "100", "--date", "2026-05")
    show = ok(runner, "show", "output", "--as-of", "2026-05", "--lang", "en")
    assert "Goal: CNY 120.0 bn" in show
    assert "Current: CNY 118.0 bn (as of 2026-05-31)" in show
    assert "Forecast: CNY 128.727 bn  needed per month: CNY 2.0 bn" in show
    assert "month CNY 10.0 bn" in show
    # In Chinese the amounts are in the goal's own unit, named on its line, as before.
    zh = ok(runner, "show", "output", "--as-of", "2026-05", "--lang", "zh")
    assert "当前: 1180 (截至 2026-05-31)" in zh and "本月 100" in zh
