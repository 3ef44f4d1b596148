"""Load the course tables described in ``datasets/datapackage.json``.

Every table is a CSV file. ``datapackage.json`` (a Frictionless Data Package)
names each table and gives the type of every column, so ``load("cases")``
returns a DataFrame whose dates are dates and whose counts are integers;
notebooks never parse values themselves.

Column types become these pandas dtypes:

* string -> ``string``; a ";"-list column (one with a ``separator``) stays a
  string too, use :func:`split_items` or ``.str.split(";")`` to take it apart
  (its per-item rules are under ``itemConstraints``, see validate.py)
* integer, year -> ``Int64`` (nullable, so a blank cell is ``<NA>``)
* number -> ``float64``
* boolean -> ``boolean`` (nullable)
* date -> ``datetime64``
* yearmonth -> ``string`` such as ``"2022-11"`` (sorts and compares correctly)

Loads are cached; call :func:`clear_cache` after editing a CSV in a running
notebook.
"""

from __future__ import annotations

import csv
import difflib
import functools
import json
from pathlib import Path

import pandas as pd

from warning_signs.paths import datasets_dir

PACKAGE_FILE = "datapackage.json"

# Frictionless defaults: a blank cell is missing, and these spell booleans.
TRUE_VALUES = ["true", "True", "TRUE", "1"]
FALSE_VALUES = ["false", "False", "FALSE", "0"]

_PATTERNS = {
    "integer": r"[+-]?\d+",
    "year": r"\d{4}",
    "date": r"\d{4}-\d{2}-\d{2}",
    "yearmonth": r"\d{4}-(0[1-9]|1[0-2])",
}


class UnknownTableError(LookupError):
    """Raised by :func:`load` for a name that datapackage.json does not list."""


class TableReadError(ValueError):
    """Raised when a CSV file cannot be read or its values do not fit the schema."""


# --- the package descriptor -------------------------------------------------


def package() -> dict:
    """The parsed datapackage.json (read fresh, so hand edits show at once)."""
    path = datasets_dir() / PACKAGE_FILE
    return json.loads(path.read_text(encoding="utf-8"))


def table_names() -> list[str]:
    """Names of all tables, in the order datapackage.json lists them."""
    return [res["name"] for res in package()["resources"]]


def resource(name: str) -> dict:
    """The datapackage.json entry for one table."""
    for res in package()["resources"]:
        if res["name"] == name:
            return res
    known = table_names()
    hint = difflib.get_close_matches(str(name), known, n=1)
    maybe = f" (did you mean '{hint[0]}'?)" if hint else ""
    raise UnknownTableError(f"There is no table named '{name}'{maybe}; the known tables are: {', '.join(known)}.")


def resource_paths(res: dict) -> list[Path]:
    """The file(s) of a table; a list ``path`` means several parts, one table."""
    parts = res["path"] if isinstance(res["path"], list) else [res["path"]]
    return [datasets_dir() / part for part in parts]


def enum(table: str, field_name: str) -> list:
    """The allowed values of a field, in the schema's order (for a list field: of each item)."""
    field = next(f for f in resource(table)["schema"]["fields"] if f["name"] == field_name)
    rules = field.get("itemConstraints", {}) if "separator" in field else field.get("constraints", {})
    return list(rules["enum"])


def field_names(res: dict) -> list[str]:
    return [field["name"] for field in res["schema"]["fields"]]


def primary_key(res: dict) -> list[str]:
    key = res["schema"].get("primaryKey", [])
    return key if isinstance(key, list) else [key]


# --- reading text -----------------------------------------------------------


def read_strings(path: Path) -> pd.DataFrame:
    """Read a CSV file as text cells, exactly as written (no type guessing).

    The csv module rather than pandas, so a ragged row is reported with its
    line number instead of being padded silently.
    """
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                raise TableReadError(f"{_shown(path)} is empty; write a header row.")
            rows = []
            for row in reader:
                if not row:  # a blank line carries no data
                    continue
                if len(row) != len(header):
                    raise TableReadError(
                        f"{_shown(path)} line {reader.line_num} has {len(row)} "
                        f"cells but the header has {len(header)}; quote any cell "
                        f"that contains a comma."
                    )
                rows.append(row)
    except FileNotFoundError:
        raise TableReadError(f"{_shown(path)} is missing; restore it or fix its path in datapackage.json.") from None
    except UnicodeDecodeError:
        raise TableReadError(f"{_shown(path)} is not UTF-8 text; save it again as UTF-8 CSV.") from None
    except csv.Error as err:
        raise TableReadError(f"{_shown(path)} is not valid CSV ({err}); check its quoting.") from None
    return pd.DataFrame(rows, columns=header, dtype=str)


def read_table_strings(res: dict) -> pd.DataFrame:
    """All parts of one table as text cells."""
    return pd.concat([read_strings(path) for path in resource_paths(res)], ignore_index=True)


def _shown(path: Path) -> str:
    """A path relative to datasets/ when possible: shorter in messages."""
    try:
        return str(path.relative_to(datasets_dir()))
    except ValueError:
        return str(path)


def split_items(cell, separator: str = ";") -> list[str]:
    """The items of a ";"-list cell, without surrounding spaces."""
    if cell is None or pd.isna(cell) or str(cell).strip() == "":
        return []
    return [item.strip() for item in str(cell).split(separator)]


# --- typing columns ---------------------------------------------------------


def parse_column(text: pd.Series, field: dict) -> tuple[pd.Series, pd.Series]:
    """Typed values of one column, and a mask of cells that did not parse.

    Blank cells are missing (``<NA>``/``NaN``/``NaT``), never bad; whether a
    field may be blank is a constraint that validate.py checks.
    """
    text = text.fillna("").astype(str)
    present = text != ""
    kind = field.get("type", "string")
    parser = _PARSERS.get(kind, _parse_string)
    values = parser(text.where(present), field)
    bad = present & values.isna()
    return values, bad


def _parse_string(text: pd.Series, field: dict) -> pd.Series:
    return text.astype("string")


def _matching(text: pd.Series, kind: str) -> pd.Series:
    """Cells that have the shape of the type (strict, as Frictionless is)."""
    return text.where(text.str.fullmatch(_PATTERNS[kind]).fillna(False).astype(bool))


def _parse_integer(text: pd.Series, field: dict) -> pd.Series:
    numbers = pd.to_numeric(_matching(text, field.get("type", "integer")), errors="coerce")
    # Beyond 2**53 a float no longer holds every integer exactly.
    return numbers.where(numbers.abs() < 2**53).astype("Int64")


def _parse_number(text: pd.Series, field: dict) -> pd.Series:
    return pd.to_numeric(text, errors="coerce").astype("float64")


def _parse_boolean(text: pd.Series, field: dict) -> pd.Series:
    spelled = {value: True for value in field.get("trueValues", TRUE_VALUES)}
    spelled.update({value: False for value in field.get("falseValues", FALSE_VALUES)})
    return text.map(spelled).astype("boolean")


def _parse_date(text: pd.Series, field: dict) -> pd.Series:
    dates = pd.to_datetime(_matching(text, "date"), format="%Y-%m-%d", errors="coerce")
    return dates.astype("datetime64[ns]")


def _parse_yearmonth(text: pd.Series, field: dict) -> pd.Series:
    return _matching(text, "yearmonth").astype("string")


_PARSERS = {
    "string": _parse_string,
    "integer": _parse_integer,
    "year": _parse_integer,
    "number": _parse_number,
    "boolean": _parse_boolean,
    "date": _parse_date,
    "yearmonth": _parse_yearmonth,
}


# --- loading ----------------------------------------------------------------


def load(name: str) -> pd.DataFrame:
    """One course table as a DataFrame with the column types of its schema.

    >>> cases = load("cases")   # doctest: +SKIP
    """
    return _load_cached(str(datasets_dir()), name).copy()


_CACHES: list = []


def cached(func):
    """Cache ``func`` (an lru_cache) and register it, so :func:`clear_cache` clears it.

    Every loader that derives something from a table uses this, never a bare
    ``lru_cache``: after an author edits a CSV, one ``clear_cache()`` makes every
    widget read the new text.
    """
    wrapped = functools.lru_cache(maxsize=None)(func)
    _CACHES.append(wrapped)
    return wrapped


def clear_cache() -> None:
    """Forget every cached table and everything derived from one (e.g. after editing a CSV)."""
    for cache in _CACHES:
        cache.cache_clear()


@cached
def _load_cached(root: str, name: str) -> pd.DataFrame:
    # The root is part of the key so tests that switch WARNING_SIGNS_ROOT
    # never see another course's tables.
    res = resource(name)
    text = read_table_strings(res)
    missing = [f for f in field_names(res) if f not in text.columns]
    if missing:
        raise TableReadError(
            f"Table '{name}' lacks the columns {', '.join(missing)}; run python -m warning_signs.validate for details."
        )
    return pd.DataFrame({f["name"]: _typed(name, text, f) for f in res["schema"]["fields"]})


def _typed(name: str, text: pd.DataFrame, field: dict) -> pd.Series:
    values, bad = parse_column(text[field["name"]], field)
    if bad.any():
        rows = ", ".join(str(i + 2) for i in bad[bad].index[:3])
        raise TableReadError(
            f"Table '{name}' column '{field['name']}' has values that are not "
            f"{field.get('type')} (lines {rows}); run python -m "
            f"warning_signs.validate for details."
        )
    return values
