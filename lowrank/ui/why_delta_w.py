"""Cached loaders for /why_delta_w: the fine-tuning run, truncation accuracy, spectra.

The fine-tuning run takes seconds, so it shows a progress bar while it runs. ``st.cache_resource``
cannot drive a bar created outside the cached function (it replays elements on cache hits), so
these results live in one process-wide store instead, one lock per key: 40 students asking for the
same run at once wait for a single computation and then share it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

import streamlit as st

from lowrank import delta, finetune, spectra
from lowrank.finetune import FinetuneRun, Progress
from lowrank.ui.frame import Frame

T = TypeVar("T")


class _Store:
    """Results by key, with a lock per key so each is computed once."""

    def __init__(self) -> None:
        self.values: dict[Hashable, object] = {}
        self.locks: dict[Hashable, threading.Lock] = {}
        self.guard = threading.Lock()

    def lock(self, key: Hashable) -> threading.Lock:
        with self.guard:
            return self.locks.setdefault(key, threading.Lock())


@st.cache_resource(show_spinner=False)
def _store() -> _Store:
    return _Store()


def _shared(key: Hashable, label: str, compute: Callable[[Progress], T]) -> T:
    """``compute(progress)`` once per key for the whole server, with a bar while it runs."""
    store = _store()
    with store.lock(key):
        if key not in store.values:
            bar = st.progress(0.0, text=label)

            def report(fraction: float) -> None:
                bar.progress(min(max(fraction, 0.0), 1.0), text=label)

            store.values[key] = compute(report)
            bar.empty()
    return store.values[key]  # type: ignore[return-value]


def finetune_run(page: Frame, shift: str) -> FinetuneRun:
    """The pretrain-then-fine-tune run of the digits MLP for ``shift`` (seed 0)."""
    return _shared(
        ("finetune", shift),
        page.t("s2.why.progress_run"),
        lambda progress: finetune.run_finetune(shift, progress=progress),
    )


def truncation(page: Frame, shift: str, layer: int) -> delta.TruncationCurve:
    """Accuracy vs the rank of the truncated ΔW for one layer of the ``shift`` run."""
    run = finetune_run(page, shift)
    return _shared(
        ("truncation", shift, layer),
        page.t("s2.why.progress_accuracy"),
        lambda progress: delta.truncation_curve(run, layer, progress),
    )


@st.cache_resource(show_spinner=False)
def minilm() -> dict[str, spectra.Spectrum]:
    """The shipped MiniLM spectra."""
    return spectra.load_minilm()


@st.cache_resource(show_spinner=False)
def random_reference(shape: tuple[int, int]) -> tuple[spectra.Spectrum, spectra.Spectrum]:
    """A seeded Gaussian matrix's spectrum and the Marchenko–Pastur prediction for that shape."""
    return spectra.random_spectrum(shape, seed=0), spectra.mp_spectrum(shape)


@st.cache_resource(show_spinner=False)
def layer_spectra(shift: str, layer: int, _run: FinetuneRun) -> tuple[spectra.Spectrum, ...]:
    """Spectra of W (pretrained) and ΔW for one layer of the ``shift`` run."""
    return delta.layer_spectra(_run, layer)
