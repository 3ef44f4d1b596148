"""What ipywidgets 8 leaves out for screen readers, added in the page by a small script.

ipywidgets' sliders give their handle no accessible name, and a selection slider
announces the index (39) rather than the value it shows (40); toggle buttons do not
say whether they are pressed, and a button that opens a section does not say whether
it is open. Short of a front-end extension, each course widget's output carries this
script (once per page: it guards itself), which watches the page and sets:

* on a slider handle: ``aria-label`` (the slider's visible label) and ``aria-valuetext``
  (the readout the learner sees);
* on a toggle button: ``aria-pressed``; on one with the ``ws-disclosure`` class (it shows
  or hides a section): ``aria-expanded`` instead;
* on a widget box or text that scrolls (ipywidgets boxes have ``overflow: auto``, so a
  wide table or a 100%-wide child with margins makes one) and holds nothing focusable:
  ``tabindex=0``, so a keyboard user can reach it and scroll it with the arrow keys.

It runs where notebook outputs may run scripts: JupyterLab (outputs of this session, or of a
notebook the learner saved) and Voila.
"""

from __future__ import annotations

DISCLOSURE = "ws-disclosure"  # add_class() this to a ToggleButton that shows or hides a section

SCRIPT = """
<script>
(function () {
  if (window.__warningSignsA11y) { return; }
  window.__warningSignsA11y = true;
  function label(el) {
    var box = el.closest('.widget-slider, .jupyter-widget-slider, .widget-inline-hbox');
    var text = box && box.querySelector('.widget-label');
    return (text && text.textContent.trim()) || (box && box.getAttribute('title')) || 'Slider';
  }
  function readout(el) {
    var box = el.closest('.widget-slider, .jupyter-widget-slider, .widget-inline-hbox');
    var shown = box && box.querySelector('.widget-readout');
    return shown ? (shown.value !== undefined && shown.value !== '' ? shown.value : shown.textContent).trim() : '';
  }
  var FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]';
  function scrolls(el) {
    return el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
  }
  function fix() {
    document.querySelectorAll('.widget-box, .widget-html, .widget-htmlmath').forEach(function (box) {
      var needs = scrolls(box) && !box.querySelector(FOCUSABLE);
      if (needs && !box.hasAttribute('tabindex')) {
        box.setAttribute('tabindex', '0'); box.dataset.wsScroll = '1';
      } else if (!needs && box.dataset.wsScroll) {
        box.removeAttribute('tabindex'); delete box.dataset.wsScroll;
      }
    });
    document.querySelectorAll('.noUi-handle').forEach(function (h) {
      var name = label(h), value = readout(h);
      if (h.getAttribute('aria-label') !== name) { h.setAttribute('aria-label', name); }
      if (value && h.getAttribute('aria-valuetext') !== value) { h.setAttribute('aria-valuetext', value); }
    });
    document.querySelectorAll('button.widget-toggle-button, .widget-toggle-buttons button').forEach(function (b) {
      var on = b.classList.contains('mod-active') ? 'true' : 'false';
      var toggle = b.closest('.%(disclosure)s') || (b.classList.contains('%(disclosure)s') ? b : null);
      var attr = toggle ? 'aria-expanded' : 'aria-pressed';
      if (b.getAttribute(attr) !== on) { b.setAttribute(attr, on); }
    });
  }
  var queued = false;
  new MutationObserver(function () {
    if (!queued) { queued = true; requestAnimationFrame(function () { queued = false; fix(); }); }
  }).observe(document.body, {subtree: true, childList: true, attributes: true,
                             attributeFilter: ['class', 'aria-valuenow', 'value']});
  document.addEventListener('input', fix, true);
  window.addEventListener('resize', function () { requestAnimationFrame(fix); });
  fix();
})();
</script>
""".replace("%(disclosure)s", DISCLOSURE)


def shim_bundle() -> dict:
    """The script as a display bundle (text/html), shown next to a course widget."""
    return {"text/html": SCRIPT}
