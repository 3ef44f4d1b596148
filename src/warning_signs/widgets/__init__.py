"""Interactive widgets for lessons and exercises, built from the course data."""

from .choice import ChoiceWidget
from .dashboard import monitoring_dashboard
from .factory import question_widget
from .matching import MatchingActivity, matching
from .ordering import OrderingWidget
from .planner import response_planner
from .quiz import check_understanding
from .sorting import crime_sorting
from .speech import speech_assessment
from .timeline import case_gaps, case_timeline

__all__ = ["ChoiceWidget", "MatchingActivity", "OrderingWidget", "case_gaps", "case_timeline",
           "check_understanding", "crime_sorting", "matching", "monitoring_dashboard", "question_widget",
           "response_planner", "speech_assessment"]
