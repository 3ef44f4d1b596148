"""Load outside data that learners download themselves: UCDP GED, V-Dem, ACLED.

Each loader reads the user's CSV, keeps the columns the lessons use, gives
them proper types and returns a DataFrame. If the file cannot serve, it raises
:class:`OutsideDataError` with one sentence that names the file, says what is
wrong (missing columns, or malformed values and in which rows) and how to fix
it. No pandas exception escapes, so a lesson can show the message as is.

Row numbers in messages count the header as row 1, as a spreadsheet does.

Licences differ, and decide what the course may ship:

* UCDP GED: CC BY 4.0; may be bundled with attribution.
* V-Dem: CC BY 4.0; may be bundled with attribution.
* ACLED: its terms of use forbid redistribution; never bundle ACLED data,
  only read the user's own export.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

# Cells that mean "no value" in these exports (V-Dem in R writes NA).
MISSING_MARKERS = {"", "NA", "N/A", "NaN", "nan", "NULL", "null"}
SHOW_ROWS = 5


class OutsideDataError(ValueError):
    """An outside data file lacks columns the lessons need or has malformed values."""


@dataclass(frozen=True)
class Column:
    """A column the lessons use, its kind and the rules for its values."""

    name: str
    kind: str  # str, int, float, date or bool
    required: bool = True  # False: blank cells allowed
    minimum: float | None = None
    maximum: float | None = None
    allowed: tuple = ()  # for int columns: the only valid values


@dataclass(frozen=True)
class Layout:
    """What one outside dataset must look like, and how to get a good copy."""

    title: str
    columns: tuple[Column, ...]
    how_to_fix: str
    optional: tuple[Column, ...] = ()  # used when present, else left blank


def _counts(*names: str) -> tuple[Column, ...]:
    return tuple(Column(name, "int", minimum=0) for name in names)


UCDP_GED = Layout(
    title="UCDP GED",
    columns=(
        Column("id", "int"),
        Column("year", "int", minimum=1946, maximum=2100),
        Column("type_of_violence", "int", allowed=(1, 2, 3)),
        Column("conflict_name", "str"),
        Column("side_a", "str"),
        Column("side_b", "str"),
        Column("country", "str"),
        Column("region", "str"),
        Column("latitude", "float", minimum=-90, maximum=90),
        Column("longitude", "float", minimum=-180, maximum=180),
        Column("date_start", "date"),
        Column("date_end", "date"),
        *_counts("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low"),
    ),
    how_to_fix="export the full GED CSV from https://ucdp.uu.se/downloads/ and pass the file unchanged",
)

VDEM = Layout(
    title="V-Dem country-year",
    columns=(
        Column("country_name", "str"),
        Column("country_text_id", "str"),
        Column("year", "int", minimum=1700, maximum=2100),
        Column("v2x_polyarchy", "float", required=False, minimum=0, maximum=1),
        Column("v2x_libdem", "float", required=False, minimum=0, maximum=1),
        # Measurement-model scores: unbounded, roughly -5 to 5.
        Column("v2clkill", "float", required=False),
        Column("v2csreprss", "float", required=False),
        Column("v2psparban", "float", required=False),
        Column("v2pepwrsoc", "float", required=False),
    ),
    how_to_fix=(
        "download the V-Dem Country-Year Full+Others CSV from "
        "https://www.v-dem.net/data/the-v-dem-dataset/ and pass the file unchanged"
    ),
)

ACLED = Layout(
    title="ACLED export",
    columns=(
        Column("event_id_cnty", "str"),
        Column("event_date", "date"),
        Column("year", "int", minimum=1997, maximum=2100),
        Column("event_type", "str"),
        Column("sub_event_type", "str", required=False),
        Column("actor1", "str"),
        Column("actor2", "str", required=False),
        Column("country", "str"),
        Column("admin1", "str", required=False),
        Column("latitude", "float", minimum=-90, maximum=90),
        Column("longitude", "float", minimum=-180, maximum=180),
        Column("fatalities", "int", minimum=0),
    ),
    optional=(Column("civilian_targeting", "bool", required=False),),
    how_to_fix="export your events again from ACLED with all columns selected and pass the file unchanged",
)


def load_ucdp_ged(path) -> pd.DataFrame:
    """UCDP Georeferenced Event Dataset, one row per event (CC BY 4.0)."""
    return _load(path, UCDP_GED)


def load_vdem(path) -> pd.DataFrame:
    """V-Dem country-year data, the indicators the lessons use (CC BY 4.0).

    Blank indicator cells become NaN; V-Dem does not code every country-year.
    """
    return _load(path, VDEM)


def load_acled(path) -> pd.DataFrame:
    """The user's own ACLED export, one row per event.

    ACLED's terms forbid redistribution: the course never ships ACLED data,
    so this only ever reads a file the user exported. ``civilian_targeting``
    is True where ACLED marks "Civilian targeting"; if the export lacks the
    column it is left blank (``<NA>``).
    """
    return _load(path, ACLED)


# --- reading ----------------------------------------------------------------


def _load(path, layout: Layout) -> pd.DataFrame:
    path = Path(path)
    text = _read_text(path, layout)
    columns = [c.name for c in layout.columns]
    missing = [name for name in columns if name not in text.columns]
    if missing:
        listed = ", ".join(missing)
        raise OutsideDataError(
            f"{path} is missing the {layout.title} column{'s' if len(missing) > 1 else ''} "
            f"{listed}; {layout.how_to_fix}."
        )
    wanted = list(layout.columns) + [c for c in layout.optional if c.name in text.columns]
    typed = {c.name: _typed(text[c.name], c) for c in wanted}
    _raise_if_malformed(path, layout, typed)
    frame = pd.DataFrame({name: values for name, (values, _) in typed.items()})
    for column in layout.optional:
        if column.name not in frame:
            frame[column.name] = pd.Series(pd.NA, index=frame.index, dtype=_DTYPES[column.kind])
    return frame


def _read_text(path: Path, layout: Layout) -> pd.DataFrame:
    """All wanted columns as text, or OutsideDataError if the file is unreadable."""
    wanted = {c.name for c in layout.columns + layout.optional}
    if not path.is_file():
        raise OutsideDataError(f"{path} does not exist or is not a file; check the path, or {layout.how_to_fix}.")
    try:
        # Reading only the wanted columns keeps V-Dem's 4,000-column file quick.
        text = pd.read_csv(
            path,
            dtype=str,
            keep_default_na=False,
            encoding="utf-8-sig",
            usecols=lambda name: str(name).strip() in wanted,
        )
    except UnicodeDecodeError:
        reason = "it is not UTF-8 text"
    except pd.errors.EmptyDataError:
        reason = "it is empty"
    except (pd.errors.ParserError, csv.Error, ValueError, OSError):
        reason = "it is not a well-formed CSV file"
    else:
        text.columns = [str(name).strip() for name in text.columns]
        return text.fillna("")  # short rows leave NaN even with keep_default_na off
    raise OutsideDataError(f"{path} cannot be read as {layout.title} data because {reason}; {layout.how_to_fix}.")


# --- typing -----------------------------------------------------------------

_DTYPES = {"str": "string", "int": "Int64", "float": "float64", "date": "datetime64[ns]", "bool": "boolean"}

_EXPECTED = {
    "str": "text",
    "int": "whole numbers",
    "float": "numbers",
    "date": "dates such as 2023-01-31",
    "bool": "'Civilian targeting' or blank",
}


def _typed(text: pd.Series, column: Column) -> tuple[pd.Series, pd.Series]:
    """Typed values and a mask of malformed cells (blank where required counts too)."""
    text = text.astype(str).str.strip()
    blank = text.isin(MISSING_MARKERS) if column.kind != "str" else text == ""
    values = _PARSERS[column.kind](text.where(~blank))
    bad = ~blank & values.isna()
    if column.required:
        bad |= blank
    bad |= _outside_range(values, column)
    return values, bad


def _to_int(text: pd.Series) -> pd.Series:
    # Accept "12" and "12.0" (some tools write whole numbers as floats).
    shaped = text.where(text.str.fullmatch(r"[+-]?\d{1,15}(\.0*)?").fillna(False).astype(bool))
    return pd.to_numeric(shaped, errors="coerce").astype("Int64")


def _to_float(text: pd.Series) -> pd.Series:
    decimal = r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?"
    shaped = text.where(text.str.fullmatch(decimal).fillna(False).astype(bool))
    numbers = pd.to_numeric(shaped, errors="coerce").astype("float64")
    return numbers.where(numbers.abs() < float("inf"))  # "1e999" overflows to inf


def _to_date(text: pd.Series) -> pd.Series:
    """ISO dates (time of day ignored), or ACLED's older '31 January 2023'."""
    iso = text.str.extract(r"^(\d{4}-\d{2}-\d{2})(?:[ T][\d:.]+)?$", expand=False)
    spelled = text.where(text.str.fullmatch(r"\d{1,2} [A-Za-z]{3,9} \d{4}").fillna(False).astype(bool))
    dates = pd.to_datetime(iso, format="%Y-%m-%d", errors="coerce")
    return dates.fillna(pd.to_datetime(spelled, format="%d %B %Y", errors="coerce")).astype("datetime64[ns]")


def _to_bool(text: pd.Series) -> pd.Series:
    # ACLED marks civilian targeting with text and leaves other events blank.
    marked = text.str.lower().map({"civilian targeting": True})
    return marked.where(text.notna(), False).astype("boolean")


def _to_str(text: pd.Series) -> pd.Series:
    return text.astype("string")


_PARSERS = {"str": _to_str, "int": _to_int, "float": _to_float, "date": _to_date, "bool": _to_bool}


def _outside_range(values: pd.Series, column: Column) -> pd.Series:
    """Cells that parsed but break the column's minimum, maximum or allowed values."""
    outside = pd.Series(False, index=values.index)
    if column.minimum is not None:
        outside |= (values < column.minimum).fillna(False).astype(bool)
    if column.maximum is not None:
        outside |= (values > column.maximum).fillna(False).astype(bool)
    if column.allowed:
        outside |= (~values.isin(column.allowed) & values.notna()).astype(bool)
    return outside


def _raise_if_malformed(path: Path, layout: Layout, typed: dict) -> None:
    """One sentence about the first bad column, naming any others briefly."""
    bad_columns = [name for name, (_, bad) in typed.items() if bad.any()]
    if not bad_columns:
        return
    first, others = bad_columns[0], bad_columns[1:]
    column = next(c for c in layout.columns + layout.optional if c.name == first)
    bad = typed[first][1]
    rows = [str(i + 2) for i in bad[bad].index[:SHOW_ROWS]]  # +2: the header is row 1
    where = ("row " if int(bad.sum()) == 1 else "rows ") + ", ".join(rows)
    if bad.sum() > len(rows):
        where += f" and {int(bad.sum()) - len(rows)} more"
    also = f" (and in {', '.join(others)})" if others else ""
    raise OutsideDataError(
        f"{path} has malformed values in column {first} (expected {_expectation(column)}) "
        f"in {where}{also}; correct those cells, or {layout.how_to_fix}."
    )


def _expectation(column: Column) -> str:
    words = _EXPECTED[column.kind]
    if column.allowed:
        words = "one of " + ", ".join(str(v) for v in column.allowed)
    elif column.minimum is not None and column.maximum is not None:
        words += f" from {column.minimum:g} to {column.maximum:g}"
    elif column.minimum == 0:
        words += " of 0 or more"
    if column.required:
        words += ", never blank"
    return words
