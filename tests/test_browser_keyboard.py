"""Lesson 0 with the keyboard only, in Voila: every control is reached with Tab and works.

Tab goes through the whole page; every control of the course's widgets must get focus,
the slider moves with the arrow keys and says so, and each question answers a key press.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser import chromium_page
from test_browser_audit import open_in_voila, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CONTROLS = ".jupyter-widgets input, .jupyter-widgets button, .jupyter-widgets select, .noUi-handle"
FOCUSED = """() => { const el = document.activeElement; if (!el) return null;
    const all = [...document.querySelectorAll(SELECTOR)]; return all.indexOf(el); }""".replace(
    "SELECTOR", repr(CONTROLS))


def test_lesson_0_is_done_with_the_keyboard_only(tmp_path, artifacts):
    with voila_server(tmp_path) as base, chromium_page() as page:
        open_in_voila(page, base, "lessons/00-start-here.ipynb")
        total = page.locator(CONTROLS).count()
        assert total > 3
        reached, answered, slid = set(), 0, False
        for _ in range(total * 3 + 20):
            page.keyboard.press("Tab")
            index = page.evaluate(FOCUSED)
            if index is None or index < 0:
                continue
            reached.add(index)
            focused = page.locator(CONTROLS).nth(index)
            if "noUi-handle" in (focused.get_attribute("class") or "") and not slid:
                slid = True  # Tab comes round again: move it once
                assert focused.get_attribute("aria-label"), "the slider handle has a name"
                page.keyboard.press("ArrowRight")
                expect(page.get_by_text("You chose 2.")).to_be_visible(timeout=30_000)
                assert focused.get_attribute("aria-valuetext") == "2"
            elif focused.get_attribute("type") == "radio" and not focused.is_checked():
                page.keyboard.press("Space")
                answered += 1
        # A radio group is one Tab stop (the arrow keys move inside it): reached if one of its radios is.
        groups = page.locator(CONTROLS).evaluate_all("els => els.map(e => e.type === 'radio' ? e.name : null)")
        reached_groups = {groups[i] for i in reached if groups[i]}
        missed = [page.locator(CONTROLS).nth(i).evaluate("e => e.outerHTML.slice(0, 120)")
                  for i in range(total) if i not in reached and not (groups[i] and groups[i] in reached_groups)
                  and page.locator(CONTROLS).nth(i).is_enabled()]
        assert not missed, f"not reachable with Tab: {missed}"
        assert slid and answered >= 2
        feedback = page.locator("[role=status]", has_text="Correct.").or_(
            page.locator("[role=status]", has_text="Not quite."))
        expect(feedback.first).to_be_visible(timeout=30_000)
        page.screenshot(path=str(artifacts / "keyboard-lesson00.png"), full_page=True)
