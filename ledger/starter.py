"""The starter plan ``tracker init`` writes: one of each kind of target, every key explained."""

from __future__ import annotations

from pathlib import Path

from .errors import TrackerError

STARTER = """\
# targets.toml: the year's plan. Edit it by hand and keep it in version control;
# `tracker check` validates it. Figures go into the ledger with `tracker record`.
version = 1

[plan]
id = "my-zone-{year}"
name = "{year}年重点目标"
name_en = "{year} key targets"
start = {year}-01-01
end = {year}-12-31
source = "where the plan was published"
# ledger = "progress.toml"         # the ledger, relative to this file
# tolerance = 5                    # points behind schedule still counted at_risk (略滞后)
timezone = "Asia/Shanghai"           # what "today" means (the date an entry gets by default)

[[action]]
id = "industry"
name = "产业提质行动"
name_en = "Industrial upgrade"

# A running total (1–N月累计): the latest reading counts.
[[target]]
id = "industrial-output"
action = "industry"
name = "工业总产值"
name_en = "Industrial output value"
kind = "total"
unit = "亿元"
target = 1000
# baseline = 0        # where progress is measured from (起点): leave it out for a 1–N月 running total
# previous = 950       # last year's figure (上年实绩): shown for reference, never in the arithmetic
# schedule = {{ "{year}-03" = 20, "{year}-06" = 47, "{year}-09" = 73 }}   # planned % by month end

# Additions (新增): entries are summed.
[[target]]
id = "new-space"
action = "industry"
name = "新增创新空间面积"
kind = "increment"
unit = "万平方米"
target = 50

# A growth rate in %: judged by the gap in percentage points.
[[target]]
id = "value-added-growth"
action = "industry"
name = "工业增加值增速"
kind = "rate"
unit = "%"
target = 6
# direction = "down"   # for rates that should fall

# A rank, 1 = best: judged by the gap in places.
[[target]]
id = "national-rank"
action = "industry"
name = "国家级经开区综合考核排名"
kind = "rank"
unit = "位"
target = 70
previous = 80          # last year's place (上年实绩), for reference

# A qualitative task: entries report not_started, in_progress, done or blocked.
[[target]]
id = "cluster"
action = "industry"
name = "产业集聚区建设"
kind = "milestone"
milestones = [
  {{ id = "plan", name = "规划编制", due = {year}-06-30 }},
  {{ id = "build", name = "建成投用", due = {year}-12-31 }},
]
"""


def write_starter(folder: Path, year: int) -> Path:
    """Write a starter ``targets.toml`` for ``year`` into ``folder`` (created if missing).

    Raises :class:`~ledger.errors.TrackerError` if the file exists (it is never overwritten), or
    if ``folder`` (or a folder above it) is a file.
    """
    path = folder / "targets.toml"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        # mkdir says "exists" for a file where the folder should be: say which is in the way.
        blocker = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), folder)
        raise TrackerError(f"{blocker}: is a file, not a folder; give init a folder for the new plan") from None
    except OSError as e:
        raise TrackerError(f"{folder}: cannot create the folder: {e.strerror}") from None
    try:
        with open(path, "x", encoding="utf-8") as f:
            f.write(STARTER.format(year=year))
    except FileExistsError:
        raise TrackerError(f"{path}: already exists; init never overwrites a plan") from None
    except OSError as e:
        raise TrackerError(f"{path}: cannot write: {e.strerror}") from None
    return path
