"""Topic modules: the course's knowledge as plain Python (dataclasses, loaders, rules).

Nothing here imports ipywidgets or matplotlib, so a report, the grader or a
test can use the scenario, framework and case models without a display.
Each module reads its tables through :func:`warning_signs.data.load`.
"""
