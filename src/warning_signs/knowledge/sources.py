"""The course's sources (datasets/sources.csv): every cited fact points at one of them."""

from __future__ import annotations

import pandas as pd

from ..data import load


def source_table() -> pd.DataFrame:
    """Every source as text (empty where a field is blank), indexed by its id."""
    return load("sources").fillna("").astype(str).set_index("id")
