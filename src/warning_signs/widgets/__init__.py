"""The facade: everything a lesson or exercise notebook calls, and nothing else.

Notebooks import only from here (and from ``warning_signs.lesson``); the
submodules may move, this list stays. A test fails when a notebook imports
from a submodule, and when a public function of a widget module is missing here.
"""

from ..knowledge.alerts import score_threshold
from ..knowledge.cases import case_gaps
from .actormap import ActorToolMap, actor_table, actor_tool_map
from .architecture import ArchitectureAudit, architecture_audit, architecture_table
from .assessment import RiskAssessment, assess_scenario, risk_assessment, risk_factor_table

# Capstone crisis simulation (issue 13)
from .capstone import CapstoneSimulation, capstone_simulation
from .capstone_facilitator import FacilitatorView, facilitator_view
from .capstone_pages import StageReport, capstone_roles, capstone_stage_report
from .choice import ChoiceWidget

# Issue 15: every choice a learner makes is a control
from .choosers import Chooser, choose_case, choose_scenario
from .classview import ClassView, class_view
from .dashboard import MonitoringDashboard, monitoring_dashboard
from .digital import ModerationSimulator, digital_sorting, moderation_simulator
from .factory import question_widget
from .field_triage import FieldTriage, field_triage
from .gender import GenderLensReading, gender_lens, resolution_table
from .matching import MatchingActivity, matching
from .ordering import OrderingWidget
from .planner import ResponsePlanner, pillar_table, response_planner, strategy_table
from .processes import genocide_stages_table
from .progress import CourseProgress, course_progress
from .quiz import check_understanding
from .scenario import ScenarioPlayer, scenario_player
from .sorting import crime_sorting
from .speech import SpeechAssessment, framework_table, speech_assessment
from .tables import case_gap_table, html_table
from .timeline import CaseTimeline, case_timeline

__all__ = [
    # questions and quizzes
    "ChoiceWidget",
    "MatchingActivity",
    "OrderingWidget",
    "check_understanding",
    "crime_sorting",
    "matching",
    "question_widget",
    # risk factors and scenarios
    "RiskAssessment",
    "ScenarioPlayer",
    "assess_scenario",
    "risk_assessment",
    "risk_factor_table",
    "scenario_player",
    # workshops
    "ClassView",
    "class_view",
    # monitoring data
    "MonitoringDashboard",
    "monitoring_dashboard",
    "score_threshold",
    # historical cases
    "CaseTimeline",
    "case_gaps",
    "case_timeline",
    # responses
    "ResponsePlanner",
    "pillar_table",
    "response_planner",
    "strategy_table",
    # speech
    "SpeechAssessment",
    "framework_table",
    "speech_assessment",
    # platforms and field work (lessons 10 and 11)
    "ModerationSimulator",
    "digital_sorting",
    "moderation_simulator",
    "FieldTriage",
    "field_triage",
    # gender (lesson 12)
    "GenderLensReading",
    "gender_lens",
    "resolution_table",
    # R2P in practice and actors (lessons 8 and 9)
    "ArchitectureAudit",
    "architecture_audit",
    "architecture_table",
    "ActorToolMap",
    "actor_table",
    "actor_tool_map",
    "CourseProgress",
    "course_progress",
    "CapstoneSimulation",
    "FacilitatorView",
    "StageReport",
    "capstone_roles",
    "capstone_simulation",
    "capstone_stage_report",
    "facilitator_view",
    "Chooser",
    "choose_case",
    "choose_scenario",
    "case_gap_table",
    "html_table",
    "genocide_stages_table",
]
