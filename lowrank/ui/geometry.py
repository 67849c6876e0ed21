"""/geometry's Streamlit side: the matrix S the student works on, and the browser's view of it.

S has one source of truth, ``st.session_state[MATRIX_KEY]`` (the last good matrix), set by
typing (four number inputs, or ``a, b, c, d`` in a text field), by a preset button, by a drag
in the view (the component sends the matrix on release, ``setStateValue("matrix")``) or by
``?m=a,b,c,d`` in a link. The URL always
holds the current matrix, so a teacher's link restores it; a bad ``?m=`` is noted in the page's
language and the last good matrix (or the default) stays.

The view (``geometry_maths.js`` then ``geometry.js``, one ``st.components.v2`` component) draws
the circle, the ellipse and the steps Vᵀ, Σ, U, and redraws while S's columns are dragged,
computing the 2×2 SVD itself.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from lowrank.errors import InputError
from lowrank.geometry import DEFAULT_PRESET, MAX_ENTRY, PRESETS, format_entries, parse_entries
from lowrank.ui.page_state import Frame
from lowrank.ui.widgets import plain, show_input_error
from lowrank.views.geometry import view_data

Entries = tuple[float, float, float, float]

#: The URL parameter holding S, row-major: ``/geometry?m=1,1,0,1``.
URL_KEY = "m"
MATRIX_KEY = "geo_matrix"
WRITTEN_KEY = "geo_matrix_in_url"
ENTRY_KEYS: tuple[str, ...] = ("geo_a", "geo_b", "geo_c", "geo_d")
TEXT_KEY = "geo_text"
TEXT_ERROR_KEY = "geo_text_error"
VIEW_KEY = "geo_view"

_HTML = """
<div class="geo-root" data-testid="geometryView">
  <div class="geo-box"><canvas class="geo-canvas" role="img"></canvas></div>
  <div class="geo-panel">
    <p class="geo-step" aria-live="polite"></p>
    <div class="geo-buttons">
      <button type="button" class="geo-back"></button>
      <button type="button" class="geo-play" aria-pressed="false"></button>
      <button type="button" class="geo-next"></button>
    </div>
    <label class="geo-t-label" for="geo-t"></label>
    <input id="geo-t" class="geo-t" type="range" min="0" max="3" step="0.01" value="3">
    <dl class="geo-numbers"></dl>
    <button type="button" class="geo-png"></button>
    <p class="geo-hint"></p>
    <p class="geo-legend geo-hint"></p>
  </div>
</div>
"""

_CSS = """
.geo-root {
  display: flex; flex-wrap: wrap; gap: 1rem 1.5rem; align-items: flex-start;
  font-family: var(--st-font); color: var(--st-text-color);
}
.geo-box { flex: 1 1 320px; min-width: 0; max-width: 560px; }
.geo-canvas {
  display: block; touch-action: none; cursor: grab; border-radius: var(--st-base-radius);
  border: 1px solid var(--st-border-color);
}
.geo-root[data-dragging="true"] .geo-canvas { cursor: grabbing; }
.geo-panel { flex: 1 1 260px; min-width: 0; display: flex; flex-direction: column; gap: 0.6rem; }
.geo-step { margin: 0; min-height: 3em; line-height: 1.45; }
.geo-buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.geo-panel button {
  font: inherit; padding: 0.35rem 0.8rem; border-radius: var(--st-base-radius);
  border: 1px solid var(--st-border-color); background: var(--st-secondary-background-color);
  color: var(--st-text-color); cursor: pointer; min-height: 2.5rem;
}
.geo-panel button:hover { border-color: var(--st-primary-color); }
.geo-t { width: 100%; accent-color: var(--st-primary-color); min-height: 2rem; }
.geo-t-label { font-size: 0.9rem; }
.geo-numbers {
  display: grid; grid-template-columns: auto 1fr; gap: 0.2rem 0.8rem; margin: 0;
  font-variant-numeric: tabular-nums;
}
.geo-numbers dt { font-weight: 600; }
.geo-numbers dd { margin: 0; }
.geo-hint {
  margin: 0; font-size: 0.85rem;
  color: color-mix(in srgb, var(--st-text-color) 70%, transparent);
}
"""

#: Not in a shadow root (``isolate_styles=False``): its buttons and scrubber are then the page's
#: own focusable elements, wearing the frame's focus ring, and keyboard tests see them as such.
#: Its CSS touches only its ``geo-`` classes.
_VIEW = st.components.v2.component(
    "lowrank_geometry",
    html=_HTML,
    css=_CSS,
    js="\n".join(  # one module: the pure maths, then the view that uses them
        Path(__file__).with_name(name).read_text(encoding="utf-8")
        for name in ("geometry_maths.js", "geometry.js")
    ),
    isolate_styles=False,
)


def _set(entries: Entries) -> None:
    """Make ``entries`` the current S, in the state and in the four number inputs."""
    state = st.session_state
    state[MATRIX_KEY] = tuple(float(x) for x in entries)
    for key, value in zip(ENTRY_KEYS, entries, strict=True):
        state[key] = float(value)


def _typed() -> None:
    """A number input changed: S takes the four inputs' values."""
    state = st.session_state
    values = [state.get(key) for key in ENTRY_KEYS]
    numbers = [float(v) for v in values if isinstance(v, (int, float))]
    if len(numbers) == 4:  # a cleared input holds None: the last good matrix stays
        _set((numbers[0], numbers[1], numbers[2], numbers[3]))


def _typed_text() -> None:
    """S typed as ``a, b, c, d``: taken if good (and the field emptied), else the error is kept
    for the run to show, with the bad text left in the field to be corrected."""
    state = st.session_state
    try:
        _set(parse_entries(state.get(TEXT_KEY) or ""))
    except InputError as error:
        state[TEXT_ERROR_KEY] = error
        return
    state[TEXT_KEY] = ""
    state.pop(TEXT_ERROR_KEY, None)


def _dragged() -> None:
    """The view sent a matrix on release: S takes it (checked like a URL value)."""
    result = st.session_state.get(VIEW_KEY) or {}
    sent = result.get("matrix") or {}
    try:
        entries = parse_entries(format_entries(sent.get("entries", [])))
    except (InputError, TypeError, ValueError):
        return  # nothing usable: the last good matrix stays
    _set(entries)


def current_matrix(page: Frame) -> Entries:
    """The current S: from a new ``?m=`` in the URL if it is good, else the last good one (or
    the default preset). A bad ``?m=`` gets a note in the page's language."""
    state = st.session_state
    raw = st.query_params.get(URL_KEY)
    if MATRIX_KEY not in state:
        _set(PRESETS[DEFAULT_PRESET])
    if raw is not None and raw != state.get(WRITTEN_KEY):
        try:
            _set(parse_entries(raw))
        except InputError as error:
            params = {name: plain(value) for name, value in error.params.items()}
            note = page.t("geo.error.url", value=plain(raw))
            st.warning(f"{note} {page.t(error.key, **params)}", icon="🔗")
    for key, value in zip(ENTRY_KEYS, state[MATRIX_KEY], strict=True):
        if state.get(key) != value:  # a widget's state is dropped while its page is away
            state[key] = value
    written = format_entries(state[MATRIX_KEY])
    st.query_params[URL_KEY] = written
    state[WRITTEN_KEY] = written
    return state[MATRIX_KEY]


def matrix_inputs(page: Frame) -> None:
    """S typed entry by entry (two rows of two), and the preset buttons."""
    rows = (st.columns(2), st.columns(2))
    for i, key in enumerate(ENTRY_KEYS):
        row, col = divmod(i, 2)
        rows[row][col].number_input(
            page.t("geo.entry", row=row + 1, col=col + 1),
            min_value=-MAX_ENTRY,
            max_value=MAX_ENTRY,
            step=0.1,
            format="%.3f",
            key=key,
            on_change=_typed,
        )
    st.text_input(
        page.t("geo.input.text"), key=TEXT_KEY, on_change=_typed_text, placeholder="1, 1, 0, 1"
    )
    error = st.session_state.pop(TEXT_ERROR_KEY, None)
    if error is not None:
        show_input_error(page, error)
    st.caption(page.t("geo.input.help"))
    st.markdown(f"**{page.t('geo.preset')}**")
    with st.container(horizontal=True):
        for name, entries in PRESETS.items():
            st.button(
                page.t(f"geo.preset.{name}"),
                key=f"geo_preset_{name}",
                on_click=_set,
                args=(entries,),
            )


def geometry_view(page: Frame, entries: Entries, rank: int) -> None:
    """The browser's view of S (``rank`` 1 draws S₁); a drag's release sets S."""
    _VIEW(
        key=VIEW_KEY,
        data=view_data(entries, rank, page.t),
        on_matrix_change=_dragged,
        height="content",
    )
