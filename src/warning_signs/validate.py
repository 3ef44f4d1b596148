"""Check the course data against ``datasets/datapackage.json``.

``validate_all()`` returns a list of problems, one sentence each, naming the
table, the row and what to fix; an empty list means the data is valid. Run
``python -m warning_signs.validate`` before committing data.

Besides the standard Frictionless constraints (required, unique, enum,
pattern, minimum, maximum, primaryKey, foreignKeys) this reads the course's
own dialect, documented in datapackage.json itself. Stock ``frictionless
validate`` ignores it, so the package passes the standard checks too:

* ``"separator": ";"`` -- the cell is a list; ``"itemConstraints"`` (enum,
  pattern) apply to each item.
* ``"courseForeignKeys"`` (beside ``foreignKeys``) -- a foreign key that the
  standard cannot express: on a list field (each item must resolve), or one
  resolving in several tables (``"alsoResources"``).
* ``"atMost": "end_date"`` -- in every row this field is <= that field
  (for dates: on or before).
* ``"ascendingWithin": "case_id"`` -- within each group, rows are in
  non-decreasing order of this field.
"""

from __future__ import annotations

import json
import re
import sys

import pandas as pd

from warning_signs import data
from warning_signs.descriptor import as_list, check_descriptor, foreign_keys
from warning_signs.paths import datasets_dir

# Past this many rows with the same problem, one summary line is clearer.
MAX_ROWS_PER_PROBLEM = 5


_TYPE_FIX = {
    "integer": "write a whole number",
    "year": "write a year as YYYY",
    "number": "write a number such as 12.5",
    "boolean": "write true or false",
    "date": "write a date as YYYY-MM-DD",
    "yearmonth": "write a month as YYYY-MM",
}


def validate_all() -> list[str]:
    """Every problem in the course data; empty when all is valid."""
    try:
        pkg = data.package()
    except FileNotFoundError:
        return [f"{datasets_dir() / data.PACKAGE_FILE} is missing; restore it from git."]
    except json.JSONDecodeError as err:
        return [f"datapackage.json is not valid JSON (line {err.lineno}); fix its syntax."]
    problems = check_descriptor(pkg)
    if problems:  # later checks rely on a sound descriptor
        return problems
    tables = {}
    for res in pkg["resources"]:
        text, file_problems = read_table(res)
        problems += file_problems
        if text is not None:
            tables[res["name"]] = text
            problems += check_cells(res, text)
            problems += check_keys(res, text)
            problems += check_order(res, text)
    for res in pkg["resources"]:
        problems += check_foreign_keys(res, tables)
    return problems + check_undescribed_files(pkg)


# --- files and headers ------------------------------------------------------


def read_table(res: dict) -> tuple[pd.DataFrame | None, list[str]]:
    """A table's text cells, or None if it cannot be read."""
    problems: list[str] = []
    main = _read_files(res, data.resource_paths(res), problems)
    if len(main) < len(data.resource_paths(res)):  # a part is missing or unreadable
        return None, problems
    return pd.concat([frame for _, frame in main], ignore_index=True), problems


def _read_files(res: dict, paths: list, problems: list) -> list[tuple[str, pd.DataFrame]]:
    """(shown path, text cells) of each file that has every schema field."""
    name, expected = res["name"], data.field_names(res)
    frames = []
    for path in paths:
        shown = path.relative_to(datasets_dir()).as_posix()
        if not path.is_file():
            problems.append(f"{name}: the file {shown} is missing; create it or fix its path in datapackage.json.")
            continue
        try:
            text = data.read_strings(path)
        except data.TableReadError as err:
            problems.append(f"{name}: {err}")
            continue
        header_problem = _check_header(name, shown, list(text.columns), expected)
        if header_problem:
            problems.append(header_problem)
        if set(expected) <= set(text.columns):  # other checks need every field
            frames.append((shown, text[expected]))
    return frames


def _check_header(name: str, shown: str, header: list, expected: list) -> str | None:
    if header == expected:
        return None
    missing = [f for f in expected if f not in header]
    extra = [c for c in header if c not in expected]
    doubled = sorted({c for c in header if header.count(c) > 1})
    if missing or extra or doubled:
        parts = []
        if missing:
            parts.append(f"lacks the columns {', '.join(missing)}")
        if extra:
            parts.append(f"has columns the schema does not describe ({', '.join(extra)})")
        if doubled:
            parts.append(f"repeats the columns {', '.join(doubled)}")
        return f"{name}: {shown} {' and '.join(parts)}; make its header match the schema in datapackage.json."
    return f"{name}: {shown} has the columns in another order than the schema; order them {', '.join(expected)}."


def check_undescribed_files(pkg: dict) -> list[str]:
    """CSV files under datasets/ that no table describes."""
    described = {path.resolve() for res in pkg["resources"] for path in data.resource_paths(res)}
    root = datasets_dir()
    return [
        f"{path.relative_to(root).as_posix()} is not described in datapackage.json; "
        f"add a table for it or remove the file."
        for path in sorted(root.rglob("*.csv"))
        if path.resolve() not in described
    ]


# --- cells ------------------------------------------------------------------


def check_cells(res: dict, text: pd.DataFrame) -> list[str]:
    """Types, required, unique, and the per-item and range constraints."""
    problems = []
    for field in res["schema"]["fields"]:
        name, constraints = field["name"], field.get("constraints", {})
        column = text[name]
        values, bad = data.parse_column(column, field)
        fix = _TYPE_FIX.get(field.get("type"), "fix the value")
        problems += _report(
            res,
            text,
            bad,
            lambda i, name=name, column=column, field=field: f"{name} '{column[i]}' is not a valid {field['type']}",
            fix,
        )
        if constraints.get("required"):
            problems += _report(
                res, text, column == "", lambda i, name=name: f"required field '{name}' is empty", "fill it in"
            )
        if constraints.get("unique"):
            repeat = (column != "") & column.duplicated(keep="first")
            problems += _report(
                res,
                text,
                repeat,
                lambda i, name=name, column=column: f"{name} '{column[i]}' is not unique",
                "make each value unique",
            )
        problems += _check_items(res, text, field, column)
        problems += _check_range(res, text, field, values)
    return problems


def _items(column: pd.Series, field: dict) -> pd.Series:
    """Each cell as a list of items: one item, or several for a ';'-list."""
    if "separator" in field:
        return column.map(lambda cell: data.split_items(cell, field["separator"]))
    return column.map(lambda cell: [cell] if cell != "" else [])


def _check_items(res: dict, text: pd.DataFrame, field: dict, column: pd.Series) -> list[str]:
    """Per-item rules: enum, pattern, and no empty items in a list."""
    name = field["name"]
    constraints = field.get("itemConstraints", {}) if "separator" in field else field.get("constraints", {})
    items = _items(column, field)
    problems = []
    if "separator" in field:
        empty = items.map(lambda cell: "" in cell)
        problems += _report(
            res,
            text,
            empty,
            lambda i: f"{name} '{column[i]}' has an empty item",
            f"remove the extra '{field['separator']}'",
        )
    if "enum" in constraints:
        allowed = [str(v) for v in constraints["enum"]]
        odd = items.map(lambda cell: [v for v in cell if v and v not in allowed])
        problems += _report(
            res,
            text,
            odd.map(bool),
            lambda i: f"{name} {_show_items(odd[i])} not allowed",
            f"use one of {', '.join(allowed)}",
        )
    if "pattern" in constraints:
        pattern = constraints["pattern"]
        odd = items.map(lambda cell: [v for v in cell if v and not re.fullmatch(pattern, v)])
        problems += _report(
            res,
            text,
            odd.map(bool),
            lambda i: f"{name} {_show_items(odd[i])} not of the form {pattern}",
            "fix the spelling",
        )
    return problems


def _check_range(res: dict, text: pd.DataFrame, field: dict, values: pd.Series) -> list[str]:
    """minimum and maximum, compared as typed values (numbers, dates, months)."""
    name, constraints = field["name"], field.get("constraints", {})
    problems = []
    for bound, word in (("minimum", "below"), ("maximum", "above")):
        if bound not in constraints:
            continue
        limit = data.parse_column(pd.Series([str(constraints[bound])]), field)[0].iloc[0]
        outside = (values < limit if bound == "minimum" else values > limit).fillna(False).astype(bool)
        problems += _report(
            res,
            text,
            outside,
            lambda i, word=word, bound=bound: f"{name} {text[name][i]} is {word} the {bound} {constraints[bound]}",
            "correct the value",
        )
    return problems


# --- keys and order ---------------------------------------------------------


def check_keys(res: dict, text: pd.DataFrame) -> list[str]:
    """The primary key is non-empty and unique (repeats are flagged, not the first)."""
    key = data.primary_key(res)
    if not key:
        return []
    shown = ", ".join(key)
    blank = (text[key] == "").any(axis=1)
    repeat = ~blank & text.duplicated(subset=key, keep="first")
    return _report(res, text, blank, lambda i: f"primary key {shown} is empty", "fill it in") + _report(
        res, text, repeat, lambda i: f"primary key {shown} appears more than once", "give each row its own id"
    )


def check_order(res: dict, text: pd.DataFrame) -> list[str]:
    """The custom order rules: atMost within a row, ascendingWithin a group."""
    fields = {f["name"]: f for f in res["schema"]["fields"]}
    typed = {n: data.parse_column(text[n], f)[0] for n, f in fields.items()}
    problems = []
    for name, field in fields.items():
        in_time = field.get("type") in ("date", "yearmonth")
        if "atMost" in field:
            other = field["atMost"]
            word = "after" if in_time else "greater than"
            over = (typed[name] > typed[other]).fillna(False).astype(bool)
            problems += _report(
                res,
                text,
                over,
                lambda i, name=name, word=word, other=other: (
                    f"{name} {text[name][i]} is {word} {other} {text[other][i]}"
                ),
                "correct one of the two values",
            )
        if "ascendingWithin" in field:
            group = field["ascendingWithin"]
            word = "earlier" if in_time else "smaller"
            above = typed[name].groupby(text[group], sort=False).shift()
            back = (typed[name] < above).fillna(False).astype(bool)
            problems += _report(
                res,
                text,
                back,
                lambda i, name=name, word=word, group=group: (
                    f"{name} {text[name][i]} is {word} than in the row above of the same {group}"
                ),
                f"sort the rows of each {group} by {name}",
            )
    return problems


def check_foreign_keys(res: dict, tables: dict) -> list[str]:
    """Every key (and every item of a ';'-list key) exists in its target table."""
    name = res["name"]
    if name not in tables:
        return []
    text, fields = tables[name], {f["name"]: f for f in res["schema"]["fields"]}
    problems = []
    for fk in foreign_keys(res["schema"]):
        target = fk["reference"]["resource"] or name
        if target not in tables:
            continue  # its own problems are reported already
        own, theirs = as_list(fk["fields"]), as_list(fk["reference"]["fields"])
        # Custom property: a key may also resolve in other tables with the same key fields.
        targets = [target] + [t for t in fk["reference"].get("alsoResources", []) if t in tables]
        known = set().union(*(tables[t][theirs].itertuples(index=False, name=None) for t in targets))
        lost = _unknown_keys(text, own, fields, known)
        where = " or ".join(targets)
        problems += _report(
            res,
            text,
            lost.map(bool),
            lambda i, own=own, lost=lost, where=where, theirs=theirs: (
                f"{', '.join(own)} {_show_items(lost[i])} not found in {where} ({', '.join(theirs)})"
            ),
            f"fix the id or add it to {target}",
        )
    return problems


def _unknown_keys(text: pd.DataFrame, own: list, fields: dict, known: set) -> pd.Series:
    """Per row, the keys (or list items) missing from the target; blanks are not checked."""
    if len(own) == 1:
        items = _items(text[own[0]], fields[own[0]])
        return items.map(lambda cell: [v for v in cell if v and (v,) not in known])
    rows = text[own].itertuples(index=False, name=None)
    return pd.Series([[row] if "" not in row and row not in known else [] for row in rows], index=text.index)


def _show_items(items: list) -> str:
    shown = ", ".join(f"'{'/'.join(v) if isinstance(v, tuple) else v}'" for v in items)
    return f"{shown} is" if len(items) == 1 else f"{shown} are"


# --- wording ----------------------------------------------------------------


def _report(res: dict, text: pd.DataFrame, mask: pd.Series, what, fix: str) -> list[str]:
    """One sentence per flagged row, up to a cap, then one summary sentence."""
    rows = list(mask[mask].index)
    name = res["name"]
    problems = [f"{name} row {_row_id(res, text, i)}: {what(i)}; {fix}." for i in rows[:MAX_ROWS_PER_PROBLEM]]
    if len(rows) > MAX_ROWS_PER_PROBLEM:
        problems.append(
            f"{name}: {len(rows) - MAX_ROWS_PER_PROBLEM} more rows have the same problem "
            f"as row {_row_id(res, text, rows[0])}; {fix}."
        )
    return problems


def _row_id(res: dict, text: pd.DataFrame, i: int) -> str:
    """The row's primary key, or its position when the key is blank."""
    key = data.primary_key(res)
    values = [text[k][i] for k in key]
    if key and all(values):
        return "'" + "/".join(values) + "'"
    return f"number {i + 1}"


def main() -> int:
    problems = validate_all()
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found.")
        return 1
    print("All tables in datasets/ are valid.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
