"""Every page on each screen a class uses, one visit per page and screen (a page load is the
suite's dearest step, so each visit checks all that screen asks; issue 16).

- **Desktop, English:** axe-core, the accessibility engine of browsers' developer tools, finds no
  serious or critical violation, and the Tab key reaches every control, whatever has the
  keyboard focus wearing a visible ring: the 3 px ring of the frame's ``PAGE_CSS``
  (lowrank/ui/frame.py), or Streamlit's own where it is as strong. A select box wears the ring
  on its whole box, not on its text field. (The walk is language-blind: once per page.)
- **Phone (390×844, touch), Chinese from the phone's locale:** axe again (the phone's layout is
  another page to a screen reader), and the page fits: the sidebar starts closed, nothing
  scrolls sideways, every formula fits, no chart toolbar covers a title
  (``phone_support.assert_fits_the_phone``).
- **Projector:** test_present_e2e.py opens every page in presentation mode and runs axe there;
  here only the home page's.

axe-core is an npm package (``tests/e2e/axe/package.json``, pinned by its lock file); the first
run installs it with ``npm ci`` from the registry (the ``axe_source`` fixture, conftest.py). Each
page is checked once its script run is over, no element is still a loading placeholder and the
browser has painted it, so every element of its first view is there. (Checked before the
placeholders had gone, axe once found Streamlit's sidebar scrolling with no focusable content
yet, and a live view's canvas not yet named.)
"""

from __future__ import annotations

import pytest
from e2e_support import assert_axe_clean, assert_no_error, wait_drawn, wait_idle
from phone_support import assert_fits_the_phone, open_on_phone

from lowrank import pages

pytestmark = pytest.mark.e2e

PATHS = ["/", *(f"/{page.url_path}" for page in pages.available())]
IDS = [path.strip("/") or "home" for path in PATHS]

#: More Tab presses than any page needs (the largest has about 120 stops, most of them the eight
#: buttons of each chart's toolbar, and a table takes one press per cell: in a data grid Tab moves
#: from cell to cell, then on out of the grid); the walk stops when the focus comes round again.
MAX_STOPS = 1500

#: Mark the focused element as reached and say how its focus shows (null: nothing focused).
_FOCUSED = """() => {
  let element = document.activeElement; // into components' shadow roots (the block renderer)
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  if (!element || element === document.body) return null;
  const first = element.dataset.kbSeen === undefined;
  if (first) element.dataset.kbSeen = String(window.__kbStops = (window.__kbStops ?? 0) + 1);
  const ringed = element.closest('[data-baseweb="select"]') || element;
  const style = getComputedStyle(ringed);
  const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 3;
  return {first, id: element.dataset.kbSeen, ring,
          what: `${element.tagName} ${element.getAttribute('aria-label') || ''}
                 ${(element.innerText || '').slice(0, 40)}`};
}"""
#: Visible, enabled controls of the page that the walk never reached. A group of radio buttons is
#: one stop (arrows move inside it, as ARIA's radio group pattern asks): reached when one of its
#: buttons was.
_UNREACHED = """() => {
  const group = (e) => e.closest("[role='radiogroup']") || (e.type === 'radio' && e.name);
  const roots = [document, ...[...document.querySelectorAll('*')].map((e) => e.shadowRoot)
    .filter(Boolean)];
  const all = (selector) => roots.flatMap((root) => [...root.querySelectorAll(selector)]);
  const reachedGroups = new Set(all("[data-kb-seen]").map(group).filter(Boolean));
  return all("a[href], button, input, select, textarea, [role='slider'], [tabindex='0']")
    .filter((e) => !e.disabled && e.getAttribute('tabindex') !== '-1'
      && e.checkVisibility({visibilityProperty: true})
      && e.getBoundingClientRect().width > 0 && e.dataset.kbSeen === undefined
      && !(group(e) && reachedGroups.has(group(e))))
    .map((e) => `${e.tagName} ${e.type || ''} ${e.getAttribute('role') || ''}
      ${e.getAttribute('aria-label') || (e.innerText || '').slice(0, 40)}
      in ${e.closest('[data-testid]')?.dataset.testid}`);
}"""


def assert_tab_walk(page) -> None:
    """Tab round the page once: every stop wears a ring and every visible control is a stop."""
    unringed: list[str] = []
    previous = None
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None or focused["id"] == previous:
            continue  # between the page and the browser's bar, or from cell to cell of a grid
        if not focused["first"]:
            break  # round again: every stop has been visited
        previous = focused["id"]
        if not focused["ring"]:
            unringed.append(focused["what"])
    else:
        pytest.fail(f"the focus did not come round in {MAX_STOPS} Tab presses")
    assert not unringed, unringed
    unreached = page.evaluate(_UNREACHED)
    assert not unreached, "\n".join(unreached)


def wait_page(tab) -> None:
    """Wait until the page's run is over, nothing is a placeholder and no error is shown."""
    tab.wait_for_selector("h1", timeout=120_000)
    wait_idle(tab, timeout=120_000)
    wait_drawn(tab)
    assert_no_error(tab)


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_on_a_desktop_axe_and_the_keyboard_find_no_barrier(server, page, axe_source, path):
    page.goto(f"{server.url}{path}?lang=en")
    wait_page(page)
    assert_axe_clean(page, axe_source)
    assert_tab_walk(page)


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_on_a_phone_in_chinese_axe_finds_no_barrier_and_the_page_fits(
    server, browser, axe_source, path
):
    context, tab = open_on_phone(browser, f"{server.url}{path}", "zh-CN")
    try:
        wait_page(tab)
        tab.locator("html[lang='zh-CN']").wait_for(state="attached")  # Chinese, from the locale
        assert_fits_the_phone(tab)
        assert_axe_clean(tab, axe_source)
    finally:
        context.close()


def test_the_home_page_on_a_projector(server, page, axe_source):
    page.goto(f"{server.url}/?lang=en&present=1")
    wait_page(page)
    assert_axe_clean(page, axe_source)
