"""The facade: everything a lesson or exercise notebook calls, and nothing else.

Notebooks import only from here (and from ``warning_signs.lesson``); the
submodules may move, this list stays. A test fails when a notebook imports
from a submodule, and when a public function of a widget module is missing here.

Each name is imported when a notebook first asks for it (PEP 562), so a lesson loads
only the widget modules it uses: a notebook starts sooner.
"""

from __future__ import annotations

import gc
import importlib
from typing import Any

# The public name -> the module that defines it.
_SOURCES = {
    # questions and quizzes
    "ChoiceWidget": ".choice",
    "MatchingActivity": ".matching_activity",
    "OrderingWidget": ".ordering",
    "check_understanding": ".quiz",
    "crime_sorting": ".sorting",
    "matching": ".matching_activity",
    "question_widget": ".factory",
    # risk factors and scenarios
    "RiskAssessment": ".assessment",
    "ScenarioPlayer": ".scenario",
    "assess_scenario": ".assessment",
    "risk_assessment": ".assessment",
    "risk_factor_table": ".assessment",
    "scenario_player": ".scenario",
    # workshops
    "ClassView": ".classview",
    "class_view": ".classview",
    # monitoring data
    "MonitoringDashboard": ".dashboard",
    "monitoring_dashboard": ".dashboard",
    "score_threshold": "..knowledge.alerts",
    # historical cases
    "CaseTimeline": ".timeline",
    "case_gaps": "..knowledge.cases",
    "case_timeline": ".timeline",
    # responses
    "ResponsePlanner": ".planner",
    "pillar_table": ".planner",
    "response_planner": ".planner",
    "strategy_table": ".planner",
    # speech
    "SpeechAssessment": ".speech",
    "framework_table": ".speech",
    "speech_assessment": ".speech",
    # platforms and field work (lessons 10 and 11)
    "ModerationSimulator": ".digital",
    "digital_sorting": ".digital",
    "moderation_simulator": ".digital",
    "FieldTriage": ".triage",
    "field_triage": ".triage",
    # gender (lesson 12)
    "GenderLensReading": ".gender",
    "gender_lens": ".gender",
    "resolution_table": ".gender",
    # R2P architecture and actors (lessons 8 and 9)
    "ArchitectureAudit": ".architecture",
    "architecture_audit": ".architecture",
    "architecture_table": ".architecture",
    "ActorToolMap": ".actormap",
    "actor_table": ".actormap",
    "actor_tool_map": ".actormap",
    # the learner's progress (start page)
    "CourseProgress": ".progress",
    "course_progress": ".progress",
    # capstone crisis simulation (lesson 13, exercise 11)
    "CapstoneSimulation": ".capstone",
    "FacilitatorView": ".capstone_facilitator",
    "StageReport": ".capstone_pages",
    "capstone_roles": ".capstone_pages",
    "capstone_simulation": ".capstone",
    "capstone_stage_report": ".capstone_pages",
    "facilitator_view": ".capstone_facilitator",
    # choosing a scenario or a case from a control
    "Chooser": ".choosers",
    "choose_case": ".choosers",
    "choose_scenario": ".choosers",
    # a lesson's sources and the start page's first widget (also in warning_signs.lesson)
    "sources": ".lesson_helpers",
    "try_a_widget": ".lesson_helpers",
    # reference tables
    "case_gap_table": ".tables",
    "html_table": ".tables",
    "genocide_stages_table": ".processes",
}

__all__ = list(_SOURCES)


def __getattr__(name: str) -> Any:
    if name not in _SOURCES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_SOURCES[name], __name__), name)
    globals()[name] = value  # later lookups skip this function
    # What is loaded by now (pandas, matplotlib, the course's modules and tables) lives as long
    # as the kernel. Frozen, the collector's full passes no longer walk it: without this, a
    # widget's build now and then triggers one, 50-100 ms in a lesson's kernel. Frozen objects
    # are still freed as usual when nothing refers to them; freezing is a constant-time move.
    gc.freeze()
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
