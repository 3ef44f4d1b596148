"""The facade: everything a lesson or exercise notebook calls, and nothing else.

Notebooks import only from here (and from ``warning_signs.lesson``); the
submodules may move, this list stays. A test fails when a notebook imports
from a submodule, and when a public function of a widget module is missing here.
"""

from ..knowledge.alerts import score_threshold
from ..knowledge.cases import case_gaps
from .assessment import RiskAssessment, assess_scenario, risk_assessment, risk_factor_table
from .choice import ChoiceWidget
from .classview import ClassView, class_view
from .dashboard import MonitoringDashboard, monitoring_dashboard
from .factory import question_widget

# Lesson 12: gender and atrocity prevention
from .gender import GenderLensReading, gender_lens, resolution_table
from .matching import MatchingActivity, matching
from .ordering import OrderingWidget
from .planner import ResponsePlanner, pillar_table, response_planner, strategy_table
from .quiz import check_understanding
from .scenario import ScenarioPlayer, scenario_player
from .sorting import crime_sorting
from .speech import SpeechAssessment, framework_table, speech_assessment
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
]

# Added by lesson branches
from .digital import ModerationSimulator, digital_sorting, moderation_simulator  # noqa: E402
from .field_triage import FieldTriage, field_triage  # noqa: E402

__all__ += ["FieldTriage", "GenderLensReading", "ModerationSimulator", "digital_sorting", "field_triage", "gender_lens", "moderation_simulator", "resolution_table"]

# Atrocity processes (Lesson 2): the ten-stage model, shown as debated
from .processes import genocide_stages_table  # noqa: E402

__all__ += ["genocide_stages_table"]
