"""Interactive widgets for lessons and exercises, built from the course data."""

from .assessment import RiskAssessment, assess_scenario, risk_assessment, risk_factor_table
from .choice import ChoiceWidget
from .classview import ClassView, class_view
from .dashboard import monitoring_dashboard
from .factory import question_widget

# Lesson 12: gender and atrocity prevention
from .gender import GenderLensReading, gender_lens, resolution_table
from .matching import MatchingActivity, matching
from .ordering import OrderingWidget
from .planner import response_planner
from .quiz import check_understanding
from .scenario import ScenarioPlayer, scenario_player
from .sorting import crime_sorting
from .speech import speech_assessment
from .timeline import case_gaps, case_timeline

__all__ = ["ChoiceWidget", "ClassView", "MatchingActivity", "OrderingWidget", "RiskAssessment", "ScenarioPlayer",
           "assess_scenario", "case_gaps", "case_timeline", "check_understanding", "class_view", "crime_sorting",
           "matching", "monitoring_dashboard", "question_widget", "response_planner", "risk_assessment",
           "risk_factor_table", "scenario_player", "speech_assessment",
           # Lesson 12: gender and atrocity prevention
           "GenderLensReading", "gender_lens", "resolution_table"]

# Lessons 10 and 11: the digital toolbox and field-report triage.
from .digital import ModerationSimulator, digital_sorting, moderation_simulator  # noqa: E402
from .field_triage import FieldTriage, field_triage  # noqa: E402

__all__ += ["FieldTriage", "ModerationSimulator", "digital_sorting", "field_triage", "moderation_simulator"]
