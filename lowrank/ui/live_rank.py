"""The live rank view: a picture or heatmap of S_k that follows the rank slider while it is dragged.

Streamlit's slider sends its value to Python only on release. These ``st.components.v2``
components (inline HTML/CSS/JS, no build step) redraw S_k in the browser as the slider moves, with
rank-1 updates from the previous k. Two parts:

- :func:`live_factors` sends a decomposition's factors, packed by :mod:`lowrank.packing`, to a
  store in the browser (``live_factors.js``). Call it outside the page's fragments: its bytes then
  go out once per picture and are not serialised and hashed again on every slider move
  (measured: 16 ms per rerun for the 3.4 MB of the colour photograph, 57 ms under load);
- :func:`live_rank` shows S_k from the stored factors (``live_rank.js``); its data is a few
  settings, so it can sit in the fragment beside the numbers. :func:`live_layers` shows the
  rank-1 layers of S_k from the same factors: one element where a Plotly chart per layer cost
  about 1 ms of server time each on every slider move.

The view follows the page's own ``st.slider`` (given by key), so that slider stays the one
control: keyboard, touch, its URL binding and its final value reaching Python on release all work
as they always do. A slider whose value is not the rank itself (the photograph page's energy
target) gives the rank at each of its positions. Without the components the page shows its plain
picture instead.

The components are mounted without a Streamlit key: their identity is their data, which does not
change as k moves, so a rerun keeps what is drawn. A keyed component would have widget state,
which Streamlit presents again at every widget call of a run (~60 µs per component per call,
about 1 ms of each /reconstruct move); these have none to keep. The data names the element
(``view``, ``store``) so that two of them are never one.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import plotly.colors
import streamlit as st

from lowrank import packing
from lowrank.svd import SVD
from lowrank.ui.frame import Frame
from lowrank.ui.slider_watch import as_json, slider_script
from lowrank.views.figures import DIVERGING
from lowrank.views.positions import Positions

#: Encoding of the factors: pictures in int16 (3.4 MB for the 600×512 colour photograph, within one
#: grey level of numpy), small matrices in float32 (their numbers are printed).
PICTURE_DTYPE = "int16"
MATRIX_DTYPE = "float32"

_HTML = """
<figure class="lr-root" data-testid="liveRank">
  <div class="lr-stage">
    <canvas class="lr-canvas"></canvas>
    <span class="lr-badge" aria-hidden="true"></span>
  </div>
  <figcaption class="lr-caption"></figcaption>
</figure>
"""

_CSS = """
.lr-root { margin: 0; font-family: var(--st-font); color: var(--st-text-color); }
.lr-stage { position: relative; }
.lr-canvas { display: block; max-width: 100%; border-radius: var(--st-base-radius); }
.lr-root[data-mode="image"] .lr-canvas { width: 100%; height: auto; }
.lr-root[data-mode="heatmap"], .ll-layer { display: flex; flex-direction: column-reverse; }
.lr-root[data-mode="heatmap"] .lr-caption, .ll-layer .lr-caption {  /* as Plotly's titles */
  margin: 0.2rem 0 2.6rem 0.3rem; text-align: left; font-size: 15px; font-weight: 600;
  color: var(--st-text-color);
}
.lr-badge {
  position: absolute; top: 0.5rem; left: 0.5rem; padding: 0.1rem 0.55rem;
  border-radius: 999px; border: 1px solid var(--st-border-color);
  background: color-mix(in srgb, var(--st-background-color) 85%, transparent);
  color: var(--st-primary-color); font-size: 0.8rem; font-weight: 600;
  font-variant-numeric: tabular-nums; opacity: 0; transition: opacity 0.25s;
}
.lr-root[data-dragging="true"] .lr-badge { opacity: 1; }
.lr-caption {
  margin-top: 0.4rem; text-align: center; font-size: 0.875rem;
  color: color-mix(in srgb, var(--st-text-color) 60%, transparent);
}
"""

_LAYERS_HTML = """
<section class="ll-root" data-testid="liveLayers">
  <div class="ll-grid"></div>
  <p class="ll-more" hidden></p>
</section>
"""

_LAYERS_CSS = """
.ll-root { font-family: var(--st-font); color: var(--st-text-color); }
.ll-grid { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 0 1rem; }
@media (max-width: 640px) { .ll-grid { grid-template-columns: minmax(0, 1fr); } }
.ll-layer { margin: 0; }
.ll-more {
  margin: 0.4rem 0 0; font-size: 0.875rem;
  color: color-mix(in srgb, var(--st-text-color) 60%, transparent);
}
"""

_COMPONENTS = getattr(st.components, "v2", None)
_VIEW = _COMPONENTS and _COMPONENTS.component(
    "lowrank_live_rank",
    html=_HTML,
    css=_CSS,
    js=slider_script("live_rank.js"),
)
_LAYERS = _COMPONENTS and _COMPONENTS.component(
    "lowrank_live_layers",
    html=_LAYERS_HTML,
    css=_CSS + _LAYERS_CSS,
    js=slider_script("live_rank.js"),
)
_STORE = _COMPONENTS and _COMPONENTS.component(
    "lowrank_live_factors",
    js=Path(__file__).with_name("live_factors.js").read_text(encoding="utf-8"),
)


@dataclass(frozen=True)
class Heatmap:
    """How a matrix is drawn: colours ±``scale`` (shared with the page's other heatmaps), numbers
    with ``decimals`` when ``annotate``; S − S_k instead of S_k when ``residual``."""

    scale: float
    decimals: int
    annotate: bool
    residual: bool = False


@st.cache_resource(max_entries=8, show_spinner=False)
def _blob(
    key: str,
    digest: str,
    dtype: str,
    alts: tuple[tuple[str, tuple[str, ...]], ...],
    _channels: Sequence[SVD],
) -> bytes:
    """Packed factors per decomposition (``digest`` of the decomposed input), encoding and texts;
    ``key`` names the store, so that two stores are two elements."""
    meta = {"store": key, "digest": digest, "alts": dict(alts)}
    return packing.encode(_channels, dtype).blob(meta)


def live_factors(
    key: str,
    channels: Sequence[SVD],
    digest: str,
    dtype: str = PICTURE_DTYPE,
    alts: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """Send the factors of ``channels`` (one SVD for grey or a matrix, three for RGB), computed
    from the input whose content digest is ``digest``, to the browser's store; shows nothing
    (mounted in the sidebar, where it takes no room). ``alts`` holds, by view name, the text
    alternative of a view at each rank k = 1, 2, … (in the page's language): a live view named
    by :func:`live_rank`'s ``alt`` reads it to screen readers as k moves.

    Call it outside the fragment that holds the slider, as soon as the factors exist: the
    browser then receives and decodes them while the server draws the rest of the page.
    """
    if _STORE:
        texts = tuple((name, tuple(values)) for name, values in (alts or {}).items())
        with st.sidebar:
            _STORE(data=_blob(key, digest, dtype, texts, tuple(channels)))


@functools.cache
def _colour_stops() -> list[list[float]]:
    """The page heatmaps' diverging scale as [position, r, g, b] stops."""
    return [
        [float(position), *plotly.colors.unlabel_rgb(colour)]
        for position, colour in plotly.colors.get_colorscale(DIVERGING)
    ]


def live_rank(
    page: Frame,
    *,
    key: str,
    slider_key: str,
    digest: str,
    caption: str,
    alt: str = "",
    heatmap: Heatmap | None = None,
    positions: Positions | None = None,
    ranks: Sequence[int] | None = None,
) -> bool:
    """Show S_k (a picture, or a heatmap when ``heatmap`` is given) following ``slider_key``.

    The factors are those sent by :func:`live_factors` with the same ``digest``. ``caption`` is
    a text in which ``{k}`` stands for the rank shown (``{sub}`` for it in subscript digits); a
    heatmap's caption is its title, above it. ``alt`` names the texts sent with the factors
    (:func:`live_factors`) that screen readers get at each k; without it they get the caption.
    By default the slider's value is k; with
    ``positions`` and ``ranks`` the slider's value picks a position (as
    :meth:`lowrank.views.follow.Positions.index` does) and k is ``ranks`` at that position. Returns
    False, showing nothing, when ``st.components.v2`` is not available: the caller then shows its
    plain picture.
    """
    if (positions is None) != (ranks is None) or (
        positions is not None and ranks is not None and len(ranks) != positions.count
    ):
        raise ValueError("positions and ranks go together, one rank per position")
    if not _VIEW:
        return False
    settings: dict[str, object] = {
        "view": key,
        "digest": digest,
        "slider": slider_key,
        "caption": caption,
        "alt": alt,
        "badge": page.t("live.badge"),
        "mode": "heatmap" if heatmap else "image",
    }
    if positions is not None and ranks is not None:
        settings["positions"] = {
            "start": positions.start,
            "step": positions.step,
            "ranks": [int(k) for k in ranks],
        }
    if heatmap:
        settings.update(
            scale=heatmap.scale,
            decimals=heatmap.decimals,
            annotate=heatmap.annotate,
            residual=heatmap.residual,
            colours=_colour_stops(),
        )
    _VIEW(data=as_json(settings), height="content")
    return True


def live_layers(
    *,
    key: str,
    slider_key: str,
    digest: str,
    titles: Sequence[str],
    decimals: Sequence[int],
    scale: float,
    annotate: bool,
    more: str,
) -> bool:
    """Show the rank-1 layers σᵢuᵢvᵢᵀ, i = 1 … min(k, len(titles)), of the factors sent by
    :func:`live_factors` with ``digest``, as k follows ``slider_key``, three to a row (one on a
    phone).

    Layer i is titled ``titles[i - 1]`` and, with ``annotate``, printed with ``decimals[i - 1]``
    decimals; colours span ±``scale``, as on the page's other heatmaps. ``more`` says how many of
    S_k's layers are not drawn, ``{shown}`` and ``{more}`` standing for the numbers. The data does
    not change with k, so a slider move sends the same few bytes again. Returns False, showing
    nothing, without ``st.components.v2``.
    """
    if len(titles) != len(decimals):
        raise ValueError("one title and one number of decimals per layer")
    if not _LAYERS:
        return False
    settings: dict[str, object] = {
        "view": key,
        "mode": "layers",
        "digest": digest,
        "slider": slider_key,
        "titles": list(titles),
        "decimals": [int(d) for d in decimals],
        "more": more,
        "scale": scale,
        "annotate": annotate,
        "colours": _colour_stops(),
    }
    _LAYERS(data=as_json(settings), height="content")
    return True
