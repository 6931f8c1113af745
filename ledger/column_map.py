"""Column mappings: ``--map HEADER=FIELD`` pairs and mapping files saying which field a column's
header gives, and the headers that look like a misspelt field.
"""

from __future__ import annotations

from difflib import get_close_matches
from pathlib import Path

from .entries import COLUMNS
from .errors import Problem, TrackerError, suggest, toml_problem
from .header_words import IGNORE, SHEET_FIELDS
from .names import key
from .regular import NotRegularFile, read_regular
from .table import Table


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """``--map 'HEADER=field'`` options as ``{header: field}`` (field ``ignore`` leaves a column
    out). Raises ``ValueError`` with the fix."""
    out: dict[str, str] = {}
    for pair in pairs:
        header, sep, field = pair.rpartition("=")
        if not sep or not header.strip() or not field.strip():
            raise ValueError(f"--map {pair!r}: write HEADER=FIELD, e.g. --map '1—N月累计=value'")
        if (problem := _field_problem(field.strip())) is not None:
            raise ValueError(f"--map {pair!r}: {problem}")
        out[header.strip()] = field.strip()
    return out


def _field_problem(field: str) -> str | None:
    """What is wrong with ``field`` as the field a column gives, with the fix; ``None`` if nothing."""
    if field in SHEET_FIELDS or field in IGNORE:
        return None
    hint = suggest(field, SHEET_FIELDS)
    return f"unknown field {field!r}" + (
        f"; did you mean {hint}?" if hint else f"; use one of {', '.join(SHEET_FIELDS)} or ignore"
    )


def read_mapping(path: Path) -> dict[str, str]:
    """A mapping file (``--map-file``): a TOML ``[map]`` table of ``"HEADER" = "field"`` pairs.

    Raises :class:`~ledger.errors.TrackerError` naming the file, with the form it should take.
    """
    import tomllib

    try:
        text = read_regular(path).decode("utf-8-sig")
    except IsADirectoryError:
        raise TrackerError(f"{path}: is a folder, not a file; give --map-file the mapping file") from None
    except NotRegularFile as e:
        raise TrackerError(f"{path}: is {e.kind}, not a file; give --map-file the mapping file") from None
    except OSError as e:
        raise TrackerError(f"{path}: cannot read the mapping: {e.strerror}") from None
    except UnicodeDecodeError as e:
        raise TrackerError(
            f'{path}: not a TOML mapping ({e}); write [map] and lines such as "指标名称" = "target"'
        ) from None
    try:
        raw = tomllib.loads(text)
    except RecursionError:
        raise TrackerError(
            f'{path}: nested too deeply to be a mapping; write [map] and lines such as "指标名称" = "target"'
        ) from None
    except tomllib.TOMLDecodeError as e:
        slip = toml_problem(e, str(path), text)
        form = 'a mapping is [map] and lines such as "指标名称" = "target"'
        raise TrackerError(slip._replace(fix=f"{slip.fix}; {form}")) from None
    table = raw.get("map")
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise TrackerError(f'{path}: write the mapping as a [map] table: "指标名称" = "target"')
    pairs = {str(k).strip(): v.strip() for k, v in table.items()}
    for header, field in pairs.items():  # the same checks as --map
        if not header or not field:
            raise TrackerError(Problem(f'{header}={field!r}: write "HEADER" = "FIELD"', file=str(path)))
        if (problem := _field_problem(field)) is not None:
            raise TrackerError(Problem(f"{header + '=' + field!r}: {problem}", file=str(path)))
    return pairs


def misspelt(table: Table, mapping: dict[str, str]) -> dict[str, str]:
    """``{label: field}`` for unused columns whose label looks like a misspelt field that no other
    column gives (``valu`` → ``value``); a column mapped to ``ignore`` is meant to be left out."""
    left_out = {key(h) for h, f in mapping.items() if f in IGNORE}
    missing = [f for f in COLUMNS if table.column(f) is None]
    close = {
        h: get_close_matches(h.lower(), missing, n=1, cutoff=0.75) for h in table.ignored if key(h) not in left_out
    }
    return {h: match[0] for h, match in close.items() if match}


def _misspelt_problem(name: str, header: str, field: str, what: str) -> Problem:
    fix = f"did you mean {field!r}? rename it, or read it as that with --map '{header}={field}'"
    return Problem(f"unknown {what} {header!r}", file=name, fix=fix)
