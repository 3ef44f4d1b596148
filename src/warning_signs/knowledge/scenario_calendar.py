"""The fictional calendar of the course's invented countries.

Every fictional scenario (the country books and stages, the monitoring panel, the
ministries, the exercises' invented countries) is dated in one invented calendar:
years are counted ``Year 1``, ``Year 2`` ... and a month reads ``"August of Year 73"``.
No learner sees a real calendar year for a fictional event, so a date cannot tie a
scenario to a real, current country.

The tables keep months as ``YYYY-MM`` (sortable, validated, usable by pandas), the
*storage* year being ``EPOCH - 1 + n`` for ``Year n``: Year 1 is stored as 1950 and
Year 73 as 2022. Everything a learner sees goes through :func:`month_name` (or
:func:`year_name` / :func:`tick_label`). Historical cases keep their real dates and
never pass through here.

``python -m warning_signs.knowledge.scenario_calendar 2022-08`` prints
``August of Year 73``; ``... "Year 73"`` prints the storage year 2022.
"""

from __future__ import annotations

import re
import sys

EPOCH = 1950  # the storage year of Year 1

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def year_number(storage_year: int | str) -> int:
    """Storage year -> the fictional year's number (2022 -> 73)."""
    return int(storage_year) - EPOCH + 1


def storage_year(number: int) -> int:
    """The fictional year's number -> its storage year (73 -> 2022)."""
    return EPOCH - 1 + int(number)


def year_name(storage: int | str) -> str:
    """2022 -> 'Year 73'."""
    return f"Year {year_number(storage)}"


def month_name(month: str, short: bool = False) -> str:
    """'2022-08' -> 'August of Year 73' (short: 'Aug Year 73').

    The one way a scenario month is written for a learner: widgets, reports,
    charts' summaries and dashboards all call it."""
    year, number = str(month)[:4], int(str(month)[5:7])
    name = MONTH_NAMES[number - 1]
    return f"{name[:3]} Year {year_number(year)}" if short else f"{name} of {year_name(year)}"


def tick_label(month: str, with_month: bool = False) -> str:
    """A chart tick: 'Year 73' (with_month: 'Aug Y73', narrow enough for a dense axis)."""
    year, number = str(month)[:4], int(str(month)[5:7])
    return f"{MONTH_NAMES[number - 1][:3]} Y{year_number(year)}" if with_month else year_name(year)


def storage_month(number: int, month: int) -> str:
    """(73, 8) -> '2022-08': what a maintainer writes in a table's ``month`` column."""
    return f"{storage_year(number):04d}-{int(month):02d}"


def main(argv: list[str] | None = None) -> int:
    """Translate between the two forms, for maintainers writing a table."""
    args = sys.argv[1:] if argv is None else argv
    for arg in args:
        if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", arg):
            print(f"{arg} = {month_name(arg)}")
        elif found := re.fullmatch(r"(?:year\s*)?(\d{1,3})", arg.strip(), flags=re.IGNORECASE):
            print(f"Year {found.group(1)} = {storage_year(int(found.group(1)))} in the tables")
        else:
            print(f"'{arg}' is neither a month such as 2022-08 nor a year such as 'Year 73'.")
            return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
