"""Cached computations of /svd_meets_lora, shared by every session, with a progress bar.

Each result is cached by its settings (the task's shift and a LoRAConfig, plain values that
Streamlit hashes field by field); the progress callback is not part of the key. The pretrained
model is the training page's, from the same cache.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from lowrank import intruders, lora_starts, lr_grid
from lowrank.finetune import Progress
from lowrank.lora import LoRAConfig
from lowrank.ui.training import pretrained

T = TypeVar("T")


@st.cache_resource(max_entries=16, show_spinner=False)
def starts(shift: str, config: LoRAConfig, _progress: Progress = None) -> list:
    """Every start of lowrank.lora_init trained with ``config``'s other settings."""
    task, base = pretrained(shift, config.seed)
    return lora_starts.compare_starts(base, task, config, progress=_progress)


@st.cache_resource(max_entries=16, show_spinner=False)
def sweep(
    shift: str, config: LoRAConfig, ranks: tuple[int, ...], layer: int, _progress: Progress = None
) -> list:
    """LoRA at each rank and full fine-tuning, with the intruders of one layer."""
    task, base = pretrained(shift, config.seed)
    return intruders.sweep(base, task, config, ranks, layer, progress=_progress)


@st.cache_resource(max_entries=8, show_spinner=False)
def grid(shift: str, config: LoRAConfig, _progress: Progress = None) -> lr_grid.Grid:
    """The rank × learning-rate map with ``config``'s layers, α, scale, start and steps."""
    task, base = pretrained(shift, config.seed)
    return lr_grid.grid(base, task, config, progress=_progress)


def with_progress(label: str, build: Callable[..., T], *args: object) -> T:
    """``build(*args, progress)`` under a progress bar, which goes away once it is done (a
    cached result comes back at once, and its bar with it)."""
    slot = st.empty()
    bar = slot.progress(0.0, text=label)

    def report(fraction: float) -> None:
        bar.progress(min(1.0, fraction), text=label)

    try:
        return build(*args, report)
    finally:
        slot.empty()
