"""Grading: the nbgrader course configuration, the learner's self-check, and
(later) the instructor's pipeline. Everything here drives nbgrader's Python API."""
