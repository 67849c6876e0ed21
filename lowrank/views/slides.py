"""Static figures (PNG, matplotlib) for slides and handouts, built only when a download is asked.

Uses matplotlib's object API (no pyplot, no global state), so concurrent sessions cannot interfere.
Titles arrive translated; panels are labelled with notation that reads the same in every language.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from lowrank.analysis import chop

_INSTALLED = {font.name for font in font_manager.fontManager.ttflist}
#: Fonts tried in order, per glyph, so Chinese titles render where a CJK font is installed.
FONTS = [
    name
    for name in ("Noto Sans CJK SC", "Noto Sans CJK JP", "Microsoft YaHei", "PingFang SC")
    if name in _INSTALLED
] + ["DejaVu Sans"]
#: Panels up to this many cells per side print their numbers.
ANNOTATE_MAX_SIDE = 12
DPI = 150


def _heatmap(ax: Axes, matrix: np.ndarray, title: str, scale: float, decimals: int) -> None:
    limit = scale or 1.0
    values = chop(np.asarray(matrix, dtype=np.float64), limit)
    ax.imshow(values, cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax.set_title(title, fontsize=11, fontfamily=FONTS)
    ax.set_xticks([])
    ax.set_yticks([])
    rows, cols = values.shape
    if max(rows, cols) <= ANNOTATE_MAX_SIDE:
        size = 8 if max(rows, cols) <= 8 else 6
        for (i, j), v in np.ndenumerate(values):
            colour = "white" if abs(v) > 0.6 * limit else "black"
            label = f"{v:.{decimals}f}"
            if float(label) == 0:  # no "−0.00" for a small negative value
                label = label.lstrip("-")
            ax.text(j, i, label, ha="center", va="center", fontsize=size, color=colour)


def matrices_slide(
    panels: Sequence[tuple[str, np.ndarray]],
    title: str,
    *,
    decimals: int | Sequence[int] = 2,
    shared_scale: bool = False,
    footer: str = "",
) -> bytes:
    """A row of annotated heatmaps as a PNG (S = U Σ Vᵀ, or S, S_k and S − S_k).

    ``decimals`` is one number for all panels or one per panel. ``shared_scale`` colours every
    panel on the first panel's scale, so colours compare.
    """
    places = [decimals] * len(panels) if isinstance(decimals, int) else list(decimals)
    widths = [max(1, matrix.shape[1]) for _, matrix in panels]
    fig = Figure(figsize=(min(16.0, 2.0 + 0.6 * sum(widths)), 4.2))
    axes = fig.subplots(1, len(panels), squeeze=False, gridspec_kw={"width_ratios": widths})[0]
    first = float(np.max(np.abs(panels[0][1]), initial=0.0))
    for ax, (name, matrix), digits in zip(axes, panels, places, strict=True):
        own = float(np.max(np.abs(matrix), initial=0.0))
        _heatmap(ax, matrix, name, first if shared_scale else own, digits)
    fig.suptitle(title, fontsize=13, fontfamily=FONTS, y=1.04)
    if footer:
        fig.text(0.5, 0.01, footer, ha="center", fontsize=10, fontfamily=FONTS)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    return buffer.getvalue()
