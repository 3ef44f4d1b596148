"""Fast checks of the committed notebooks and the facade they import (no kernel runs)."""

import ast
import importlib
import inspect
import pkgutil

import ipywidgets
import nbformat
import pytest

import warning_signs.widgets as facade
from conftest import exercise_paths, lesson_paths
from warning_signs.widgets.base import CourseWidget

LESSON_MODULES = {"warning_signs.widgets", "warning_signs.lesson"}
EXERCISE_MODULES = LESSON_MODULES | {"warning_signs.exercise"}


@pytest.mark.parametrize("path", lesson_paths() + exercise_paths(), ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") and not c.get("execution_count") for c in nb.cells if c.cell_type == "code")


def course_imports(path) -> list[str]:
    """Every warning_signs module a notebook's code cells import."""
    found = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.append(node.module)
            elif isinstance(node, ast.Import):
                found += [alias.name for alias in node.names]
    return [m for m in found if m.split(".")[0] == "warning_signs"]


@pytest.mark.parametrize("path", lesson_paths(), ids=lambda p: p.name)
def test_lessons_import_only_from_the_facade(path):
    assert set(course_imports(path)) <= LESSON_MODULES, "import from warning_signs.widgets, not a submodule"


@pytest.mark.parametrize("path", exercise_paths(), ids=lambda p: p.name)
def test_exercises_import_only_from_the_facade_and_the_exercise_api(path):
    assert set(course_imports(path)) <= EXERCISE_MODULES


def test_the_facade_check_catches_a_submodule_import(tmp_path):
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("from warning_signs.widgets.dashboard import x")]
    )
    nbformat.write(notebook, tmp_path / "bad.ipynb")
    assert course_imports(tmp_path / "bad.ipynb") == ["warning_signs.widgets.dashboard"]


def widget_modules():
    for info in pkgutil.iter_modules(facade.__path__):
        if info.name not in {"base", "selfcheck_button", "factory"}:  # exercise.py's widgets, not notebooks'
            yield importlib.import_module(f"warning_signs.widgets.{info.name}")


def test_the_facade_lists_every_widget_and_every_function_that_returns_one():
    """A public class built on CourseWidget, or a public function returning a widget, is in ``__all__``."""
    missing = []
    for module in widget_modules():
        for attr, value in vars(module).items():
            if attr.startswith("_") or getattr(value, "__module__", None) != module.__name__:
                continue
            if inspect.isclass(value) and issubclass(value, CourseWidget) and attr != "Checklist":
                missing += [attr] if attr not in facade.__all__ else []
            elif inspect.isfunction(value):
                returned = inspect.get_annotations(value, eval_str=True).get("return")
                if (
                    inspect.isclass(returned)
                    and issubclass(returned, ipywidgets.DOMWidget)
                    and attr not in facade.__all__
                ):
                    missing.append(attr)
    assert not missing, f"add to warning_signs.widgets.__all__: {missing}"


def test_every_name_in_the_facade_exists():
    assert all(hasattr(facade, name) for name in facade.__all__)
    assert len(set(facade.__all__)) == len(facade.__all__)


def test_no_facade_name_is_also_a_submodule_name():
    """Loading a submodule binds its name on the package: a function of that name would be hidden."""
    submodules = {info.name for info in pkgutil.iter_modules(facade.__path__)}
    assert not submodules & set(facade.__all__)


def test_a_lesson_loads_only_the_widget_modules_it_uses():
    """The facade imports lazily, so a notebook does not pay for every widget module."""
    import subprocess
    import sys

    script = (
        "import sys; from warning_signs.widgets import check_understanding; "
        "print(sorted(m for m in sys.modules if m.startswith('warning_signs.widgets.')))"
    )
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert "warning_signs.widgets.quiz" in loaded
    assert "warning_signs.widgets.capstone" not in loaded and "warning_signs.widgets.dashboard" not in loaded


def test_what_a_lesson_imports_is_kept_out_of_the_collectors_full_passes():
    """After the facade loads a widget, pandas' and the course's objects are frozen (see the facade)."""
    import subprocess
    import sys

    script = (
        "import gc, pandas; from warning_signs.widgets import case_timeline; "
        "walked = {id(o) for o in gc.get_objects()}; "
        "print(gc.get_freeze_count(), id(pandas.DataFrame.__init__) in walked, id(case_timeline) in walked)"
    )
    frozen, pandas_walked, course_walked = (
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    )
    assert int(frozen) > 50_000
    assert pandas_walked == course_walked == "False"
