"""Interactive widgets for lessons and exercises, built from the course data."""

from .choice import ChoiceWidget
from .factory import question_widget
from .matching import MatchingActivity, matching
from .ordering import OrderingWidget
from .quiz import check_understanding
from .sorting import crime_sorting

__all__ = ["ChoiceWidget", "MatchingActivity", "OrderingWidget", "check_understanding", "crime_sorting",
           "matching", "question_widget"]
