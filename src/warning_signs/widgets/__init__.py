"""Interactive widgets for lessons and exercises, built from the course data."""

from .choice import ChoiceWidget
from .quiz import check_understanding
from .sorting import crime_sorting

__all__ = ["ChoiceWidget", "check_understanding", "crime_sorting"]
