"""Computations of /svd_meets_lora, done once per setting and shared by every session, with a
progress bar for the session that waits for them.

Not ``st.cache_resource`` around the computation: Streamlit records the elements a cached
function draws and replays them, so a progress bar updated from inside one broke on the next
call ("a streamlit element is called on some layout block created outside the function").
Instead one process-wide :class:`Results` keeps each finished result by its settings (a few
dozen settings exist: 3 tasks × 6 ranks, 3 sweeps, 6 grids; each result is well under 1 MB) and
computes a missing one only once, even when a class asks for it at the same moment.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import streamlit as st

from lowrank import intruders, lora_starts, lr_grid
from lowrank.finetune import Progress
from lowrank.lora import LoRAConfig
from lowrank.ui.training import pretrained

T = TypeVar("T")


class Results:
    """Finished results by key; a missing one is built by the first caller, the others wait."""

    def __init__(self) -> None:
        self._done: dict[Hashable, Any] = {}
        self._building: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, key: Hashable) -> Any | None:
        with self._guard:
            return self._done.get(key)

    def build(self, key: Hashable, build: Callable[[], T]) -> T:
        with self._guard:
            lock = self._building.setdefault(key, threading.Lock())
        with lock:
            found = self.get(key)
            if found is not None:
                return found
            value = build()
            with self._guard:
                self._done[key] = value
                self._building.pop(key, None)
            return value


@st.cache_resource(show_spinner=False)
def results() -> Results:
    """The one store of this page's results for this server process."""
    return Results()


def starts(shift: str, config: LoRAConfig, progress: Progress = None) -> list:
    """Every start of lowrank.lora_init trained with ``config``'s other settings."""
    task, base = pretrained(shift, config.seed)
    return lora_starts.compare_starts(base, task, config, progress=progress)


def sweep(
    shift: str,
    config: LoRAConfig,
    ranks: tuple[int, ...],
    layer: int,
    full_lrs: tuple[float, ...],
    progress: Progress = None,
) -> list:
    """LoRA at each rank and full fine-tuning at each rate, with the intruders of one layer."""
    task, base = pretrained(shift, config.seed)
    return intruders.sweep(base, task, config, ranks, layer, full_lrs=full_lrs, progress=progress)


def grid(shift: str, config: LoRAConfig, progress: Progress = None) -> lr_grid.Grid:
    """The rank × learning-rate map with ``config``'s layers, α, scale, start and steps: the
    stored one when it was computed with these settings (assets/lr_grids.json), else computed."""
    stored = lr_grid.precomputed(shift, config)
    if stored is not None:
        return stored
    task, base = pretrained(shift, config.seed)
    return lr_grid.grid(base, task, config, progress=progress)


def with_progress(label: str, build: Callable[..., T], *args: Hashable) -> T:
    """``build(*args, progress)``, shared: a finished result comes back at once; otherwise a
    progress bar shows while it is computed (or while another session computes it)."""
    store, key = results(), (build.__name__, args)
    found = store.get(key)
    if found is not None:
        return found
    slot = st.empty()
    bar = slot.progress(0.0, text=label)

    def report(fraction: float) -> None:
        bar.progress(min(1.0, fraction), text=label)

    try:
        return store.build(key, lambda: build(*args, report))
    finally:
        slot.empty()
