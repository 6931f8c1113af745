"""HTML: one self-contained file (inline CSS, no scripts, nothing fetched), every value escaped,
progress bars with a tick at the expected progress, and a print style for paper."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from ..progress import StatusReport, TargetProgress
from ..series import Point
from . import document
from .cells import any_owner, cells, current_with_month, group_heading, light, light_legend
from .labels import STATUS, WORDS, name, plan_words, say
from .text import bar_share, literal, percent, point_percents, shown_percent

STYLE = """
:root { --ok: #2e7d32; --risk: #b26a00; --behind: #c62828; --muted: #6b7280; }
body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", system-ui, sans-serif;
       margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #111; line-height: 1.5; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; } table.chart { width: auto; }
.sub { color: var(--muted); margin-top: 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { padding: .35rem .5rem; border-bottom: 1px solid #e5e7eb; text-align: left; vertical-align: top; }
th { background: #f3f4f6; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bar { position: relative; display: inline-block; width: 7rem; height: .7rem; background: #e5e7eb;
       border-radius: 2px; vertical-align: middle; margin-right: .4rem; }
.bar .fill { position: absolute; left: 0; top: 0; bottom: 0; background: #2563eb; border-radius: 2px; }
.bar .tick { position: absolute; top: -.2rem; bottom: -.2rem; width: 2px; background: #111; }
.done, .on_track { color: var(--ok); } .at_risk { color: var(--risk); } .behind, .not_achieved { color: var(--behind); font-weight: 600; }
.no_data { color: var(--muted); }
ul.attention li { margin-bottom: .3rem; }
.summary td { text-align: center; }
/* Every action's table has the same columns at the same widths, so they read as one. */
table.targets { table-layout: fixed; }
table.targets td { overflow-wrap: anywhere; } table.targets th { overflow-wrap: normal; font-size: .85rem; }
/* A figure never breaks across lines, on screen or on paper: its columns are sized to hold it. */
table.targets td.num, table.targets td.light { white-space: nowrap; }
table.targets .bar { width: 3.2rem; }
table.targets col.c-name { width: 16%; } table.targets col.c-owner { width: 9%; }
table.targets col.c-goal { width: 11%; } table.targets col.c-current { width: 8%; }
table.targets col.c-date { width: 5%; } table.targets col.c-bar { width: 13%; } table.targets col.c-expected { width: 7%; }
table.targets col.c-status { width: 7%; } table.targets col.c-gap { width: 14%; } table.targets col.c-forecast { width: 10%; }
td.light.green, .legend .green { background: #C6EFCE; color: #006100; }
td.light.yellow, .legend .yellow { background: #FFEB9C; color: #9C5700; }
td.light.red, .legend .red { background: #FFC7CE; color: #9C0006; font-weight: 600; }
.legend span { display: inline-block; padding: 0 .5rem; margin-right: .5rem; border-radius: 2px; }
.counts { color: var(--muted); margin: 0 0 .3rem; }
@media print {
  @page { margin: 12mm; }
  body { margin: 0; max-width: none; font-size: 8pt; }
  table, table.targets th { font-size: 7.5pt; } th, td { padding: .2rem .25rem; }
  table.targets .bar { width: 1.8rem; margin-right: .2rem; }
  .bar, .bar .fill, .bar .tick, th, td.light, .legend span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  tr { page-break-inside: avoid; } h2 { page-break-after: avoid; }
}
"""


def _h(text: str) -> str:
    return escape(literal(text), quote=True)


def _tick(expected: Decimal) -> Decimal:
    """Where the expected-progress tick stands, in % of the bar: the percentage shown beside it."""
    return max(Decimal(0), min(Decimal(100), shown_percent(expected)))


def _bar(p: TargetProgress, lang: str) -> str:
    c = cells(p, lang)
    if c.share is None:
        return _h(c.progress)
    fill = bar_share(c.share) * 100
    tick = ""
    label = c.progress
    if c.expected_share is not None:
        tick = f'<span class="tick" style="left:{_tick(c.expected_share):.1f}%"></span>'
        label += f" / {WORDS[lang]['expected']} {c.expected}"
    return (
        f'<span class="bar" role="img" aria-label="{_h(label)}"><span class="fill" style="width:{fill:.1f}%">'
        f"</span>{tick}</span>{_h(c.progress)}"
    )


def _legend(lang: str) -> str:
    """What the lights mean, under the summary."""
    label = say(lang, "lights")
    items = "".join(f'<span class="{colour}">{_h(meaning)}</span>' for colour, meaning in light_legend(lang))
    return f'<p class="legend">{_h(label)}{items}</p>'


def _tables(report: StatusReport, lang: str) -> list[str]:
    w = plan_words(report.plan, lang)
    heads = ["target", "goal", "current", "as_of_col", "progress", "expected", "status", "gap", "forecast"]
    columns = ["name", "goal", "current", "date", "bar", "expected", "status", "gap", "forecast"]
    owner = report.grouping != "owner" and any_owner(report)
    if owner:
        heads.insert(1, "owner")
        columns.insert(1, "owner")
    out = []
    for a in report.actions:
        heading, counts = group_heading(report, a, lang)
        out.append(f"<h2>{_h(heading)}</h2>")
        if counts:
            out.append(f'<p class="counts">{_h(counts)}</p>')
        cols = "".join(f'<col class="c-{c}">' for c in columns)
        out.append(
            f'<table class="targets"><colgroup>{cols}</colgroup><thead><tr>'
            + "".join(f"<th>{_h(w[h])}</th>" for h in heads)
            + "</tr></thead><tbody>"
        )
        for p in a.targets:
            c = cells(p, lang)
            lit = light(p.status)
            status = f"<td class='light {lit}'>" if lit else f"<td class='light {p.status.value}'>"
            out.append(
                f"<tr><td>{_h(c.name)}</td>"
                + (f"<td>{_h(c.owner)}</td>" if owner else "")
                + f"<td class='num'>{_h(c.goal)}</td><td class='num'>{_h(current_with_month(c, lang))}</td>"
                f"<td class='num'>{_h(c.date)}</td><td class='num'>{_bar(p, lang)}</td>"
                f"<td class='num'>{_h(c.expected)}</td>{status}{_h(c.status)}</td>"
                f"<td>{_h(c.gap)}</td><td class='num'>{_h(c.forecast)}</td>"
                "</tr>"
            )
        out.append("</tbody></table>")
    return out


def _page(title: str, body: list[str], lang: str) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{say(lang, "html_lang")}">',
            '<head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_h(title)}</title>",
            f"<style>{STYLE}</style></head>",
            "<body>",
            *body,
            "</body></html>",
            "",
        ]
    )


def _summary(report: StatusReport, lang: str) -> list[str]:
    rows = document.summary(report, lang)
    head = "".join(f"<th>{_h(label)}</th>" for label, _ in rows)
    return [f'<table class="summary"><thead><tr>{head}</tr></thead><tbody><tr>'
            + "".join(f"<td>{n}</td>" for _, n in rows) + "</tr></tbody></table>"]  # fmt: skip


def _marks(report: StatusReport, lang: str) -> list[str]:
    return [f'<p class="sub">{_h(line)}</p>' for line in document.legend(report, lang)]


def _changes(report: StatusReport, lang: str) -> list[str]:
    lines = document.change_lines(report, lang)
    if not lines:
        return []
    return [f"<h2>{_h(lines[0])}</h2>", "<ul>", *(f"<li>{_h(x)}</li>" for x in lines[1:]), "</ul>"]


def status_html(report: StatusReport, lang: str) -> str:
    """The status tables as a self-contained page (and what changed, with ``since``)."""
    title = name(report.plan, lang)
    body = [f"<h1>{_h(title)}</h1>", f'<p class="sub">{_h(document.subtitle(report, lang))}</p>']
    parts = [*_summary(report, lang), _legend(lang), *_changes(report, lang), *_tables(report, lang)]
    return _page(title, body + parts + _marks(report, lang), lang)


def report_html(report: StatusReport, lang: str, series: dict[str, list[Point]] | None = None) -> str:
    """The monthly report as a self-contained page: summary, attention list, every action."""
    title = document.title(report, lang)
    body = [f"<h1>{_h(title)}</h1>", f'<p class="sub">{_h(document.subtitle(report, lang))}</p>']
    body += [f"<h2>{say(lang, 'summary_heading')}</h2>", *_summary(report, lang), _legend(lang)]
    body.append(f"<h2>{say(lang, 'attention_heading')}</h2>")
    flagged = document.attention(report)
    if not flagged:
        body.append(f"<p>{say(lang, 'nothing_behind')}</p>")
    else:
        body.append('<ul class="attention">')
        for p in flagged:
            c = cells(p, lang)
            text = f"<strong>{_h(c.name)}</strong> <span class='{p.status.value}'>{_h(c.status)}</span>"
            text += document.attention_detail(p, c.gap, lang, _h)
            body.append(f"<li>{text}</li>")
        body.append("</ul>")
    body += _changes(report, lang)
    body += _tables(report, lang) + _marks(report, lang)
    return _page(title, body + _charts(report, series or {}, lang), lang)


def _charts(report: StatusReport, series: dict[str, list[Point]], lang: str) -> list[str]:
    """Month by month, for each target with a series: a bar of progress with a tick at the
    expected progress, as ``tracker show`` draws it in the terminal."""
    w = WORDS[lang]
    out: list[str] = []
    for p in report.targets:
        points = series.get(p.target.id)
        if not points:
            continue
        if not out:
            out.append(f"<h2>{say(lang, 'month_by_month')}</h2>")
        out.append(f"<h3>{_h(name(p.target, lang))}</h3><table class='chart'><tbody>")
        for pt in points:
            expected = f"{w['expected']} {percent(pt.expected)}" if pt.expected is not None else ""
            if pt.progress is None:
                bar = "—"
            else:
                shown, due = point_percents(pt)
                fill = bar_share(shown / 100) * 100
                tick = ""
                if due is not None:
                    tick = f'<span class="tick" style="left:{_tick(due / 100):.1f}%"></span>'
                    expected = f"{w['expected']} {due}%"
                bar = (
                    f'<span class="bar"><span class="fill" style="width:{fill:.1f}%"></span>{tick}</span>'
                    f"{_h(f'{shown}%')}"
                )
            out.append(
                f"<tr><td class='num'>{pt.month_end.isoformat()}</td><td class='num'>{bar}</td>"
                f"<td class='num'>{_h(expected)}</td><td class='{pt.status.value}'>{_h(STATUS[lang][pt.status])}</td></tr>"
            )
        out.append("</tbody></table>")
    return out
