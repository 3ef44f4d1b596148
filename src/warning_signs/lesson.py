"""Small helpers the lesson notebooks call: sources and a first widget to try.

They live with the other widgets (``widgets/lesson_helpers.py``); this name stays, since
every lesson imports ``from warning_signs.lesson import sources``.
"""

from __future__ import annotations

from .knowledge.sources import source_table
from .widgets.lesson_helpers import sources, try_a_widget

__all__ = ["source_table", "sources", "try_a_widget"]
