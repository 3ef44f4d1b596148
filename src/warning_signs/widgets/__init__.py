"""Interactive widgets for lessons and exercises, built from the course data."""

from .assessment import RiskAssessment, assess_scenario, risk_assessment, risk_factor_table

# Capstone crisis simulation (issue 13)
from .capstone import CapstoneSimulation, capstone_simulation
from .capstone_facilitator import FacilitatorView, facilitator_view
from .capstone_pages import capstone_roles, capstone_stage_report
from .choice import ChoiceWidget
from .classview import ClassView, class_view
from .dashboard import monitoring_dashboard
from .factory import question_widget
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
           "risk_factor_table", "scenario_player", "speech_assessment"]
# Capstone crisis simulation (issue 13)
__all__ += ["CapstoneSimulation", "FacilitatorView", "capstone_roles", "capstone_simulation",
            "capstone_stage_report", "facilitator_view"]
