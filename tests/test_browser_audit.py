"""axe-core on every lesson and exercise, in JupyterLab and in Voila, after running it.

Fails on any serious or critical violation in the course's own elements (see audit.py);
JupyterLab's and Voila's own are listed in test-artifacts/axe-*.json, not failed.
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from audit import audit, failing, record
from browser import chromium_page, open_and_run_all, require_chromium, serve_voila
from conftest import ROOT, exercise_paths, lesson_paths

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = [p.relative_to(ROOT).as_posix() for p in [*lesson_paths(), *exercise_paths()]]


@pytest.fixture(scope="module")
def voila_tree(tmp_path_factory):
    with voila_server(tmp_path_factory.mktemp("voila-tree")) as base:
        yield base


@contextmanager
def voila_server(folder: Path):
    """Voila over a copy of lessons/ and exercises/ (started in the course root, so voila.py applies)."""
    require_chromium()
    for part in ("lessons", "exercises"):
        shutil.copytree(ROOT / part, folder / part)
    visitors = {"WARNING_SIGNS_VISITORS_DIR": str(folder / "visitors")}
    with serve_voila(folder, folder / "voila.log", env=visitors) as base:
        yield base


def open_in_voila(page, base: str, notebook: str) -> None:
    page.goto(f"{base}/voila/render/{notebook}", wait_until="load", timeout=300_000)
    page.wait_for_selector(".jupyter-widgets", timeout=120_000)
    page.wait_for_function("() => !document.body.innerText.includes('Loading widget')", timeout=60_000)


# The audit in four classes, so parallel test workers (pytest-xdist --dist loadscope) share it out;
# each class names its pages, and pytest_generate_tests below makes one test per page.
LESSONS = [p for p in PAGES if p.startswith("lessons/")]
EXERCISES = [p for p in PAGES if not p.startswith("lessons/")]


def pytest_generate_tests(metafunc):
    if metafunc.cls is not None and "notebook" in metafunc.fixturenames:
        metafunc.parametrize("notebook", metafunc.cls.pages)


class VoilaAudit:
    pages: list[str] = []

    def test_page_has_no_serious_violation_in_the_course(self, voila_tree, artifacts, notebook):
        with chromium_page() as page:
            open_in_voila(page, voila_tree, notebook)
            assert page.locator("text=Error displaying widget").count() == 0
            found = audit(page)
        record(artifacts / "axe-voila.json", notebook, found)
        assert not failing(found), f"{notebook} in Voila: {failing(found)}"


class JupyterLabAudit:
    pages: list[str] = []

    def test_page_has_no_serious_violation_in_the_course(self, lab, artifacts, notebook):
        base, _ = lab
        with chromium_page() as page:
            open_and_run_all(page, base, notebook)
            found = audit(page)
        record(artifacts / "axe-jupyterlab.json", notebook, found)
        assert not failing(found), f"{notebook} in JupyterLab: {failing(found)}"


class TestVoilaLessons(VoilaAudit):
    pages = LESSONS


class TestVoilaExercises(VoilaAudit):
    pages = EXERCISES


class TestJupyterLabLessons(JupyterLabAudit):
    pages = LESSONS


class TestJupyterLabExercises(JupyterLabAudit):
    pages = EXERCISES
