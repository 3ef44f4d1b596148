"""The shape of the code (ARCHITECTURE.md), checked: layers import one way, one of each pipeline.

Fast and static: it reads the source, runs nothing. A new module that breaks a rule
fails here with the rule's name, before any review.
"""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "warning_signs"


def modules(under: str = "") -> list[Path]:
    return sorted((SRC / under).rglob("*.py"))


def name(path: Path) -> str:
    return path.relative_to(SRC).as_posix()


def imports(path: Path) -> set[str]:
    """Absolute names of everything a module imports (relative imports resolved)."""
    package = ["warning_signs", *path.relative_to(SRC).parent.parts]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return found


def reaches(path: Path, *prefixes: str) -> list[str]:
    return sorted(i for i in imports(path) if any(i == p or i.startswith(p + ".") for p in prefixes))


@pytest.mark.parametrize("path", modules("knowledge"), ids=name)
def test_topic_modules_import_neither_ipywidgets_nor_matplotlib_nor_the_ui(path):
    assert not reaches(path, "ipywidgets", "matplotlib", "IPython", "warning_signs.widgets", "warning_signs.charts")


@pytest.mark.parametrize("path", modules("charts"), ids=name)
def test_charts_never_import_widgets(path):
    assert not reaches(path, "warning_signs.widgets")


@pytest.mark.parametrize("path", modules("grading"), ids=name)
def test_grading_never_imports_widgets_or_charts(path):
    assert not reaches(path, "warning_signs.widgets", "warning_signs.charts")


@pytest.mark.parametrize("path", modules(), ids=name)
def test_ipywidgets_and_matplotlib_only_in_widgets_and_charts(path):
    if name(path).startswith(("widgets/", "charts/")):
        return
    assert not reaches(path, "ipywidgets", "matplotlib")


@pytest.mark.parametrize("path", modules(), ids=name)
def test_no_module_over_400_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


@pytest.mark.parametrize("path", modules(), ids=name)
def test_one_cache_registry_and_one_table_reader(path):
    """Loaders cache through data.cached (so clear_cache clears all) and read tables through data.load."""
    if name(path) in {"data.py"} or name(path).startswith("grading/"):
        return  # grading's caches hold paths and gradebooks, not tables
    source = path.read_text(encoding="utf-8")
    assert "lru_cache" not in source
    if name(path) != "outside.py":  # outside data is the learner's own file, not a course table
        assert "read_csv" not in source


@pytest.mark.parametrize("path", modules(), ids=name)
def test_one_display_hook(path):
    """Composite widgets subclass CourseWidget: only its display hook knows about grading."""
    if name(path) in {"widgets/base.py"}:
        return
    assert "_ipython_display_" not in path.read_text(encoding="utf-8")
