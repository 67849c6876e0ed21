"""Cached computations of the LoRA training page, shared by every session.

The pretrained model, the comparison runs and the small demo runs are cached by their settings
(plain values, so Streamlit hashes them itself). A run the student watches live is not a cached
function call — its progress must reach that student's page while it runs — so it is kept, once
finished, in a small shared store that every session can read.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

import streamlit as st

from lowrank import finetune, lora

#: Finished live runs kept for everyone (each holds a few hundred kB of factors).
STORE_SIZE = 32


@dataclass(frozen=True)
class Settings:
    """Everything a LoRA run depends on; hashable, so it can key caches."""

    shift: str
    seed: int
    layers: tuple[int, ...]
    rank: int
    alpha: float
    lr: float
    steps: int
    init: str
    rslora: bool

    @property
    def every(self) -> int:
        """Steps between snapshots: about 20 per run (each is drawn live), whatever its length."""
        return max(10, self.steps // 20)

    def train_args(self) -> dict[str, object]:
        """Keyword arguments of lora.train_lora for these settings."""
        return {
            "layers": self.layers,
            "rank": self.rank,
            "alpha": self.alpha,
            "lr": self.lr,
            "steps": self.steps,
            "seed": self.seed,
            "rslora": self.rslora,
            "init": self.init,
            "every": self.every,
        }


@dataclass(frozen=True)
class LiveRun:
    """A finished run with the snapshots drawn while it trained (factors only, ΔW on demand)."""

    run: lora.LoRARun
    snapshots: tuple[lora.Snapshot, ...]


@st.cache_resource(max_entries=8, show_spinner=False)
def pretrained(shift: str, seed: int) -> tuple[finetune.DigitTask, finetune.MLP]:
    """The task and the model pretrained on its first digits (read-only arrays)."""
    task = finetune.load_task(shift, seed)
    return task, finetune.pretrain(task, seed)[0]


@st.cache_resource(max_entries=16, show_spinner=False)
def comparison(settings: Settings) -> list[lora.ComparisonRow]:
    """LoRA at r = 1, 2, 4, 8, 16 and full fine-tuning, with the page's other settings."""
    task, base = pretrained(settings.shift, settings.seed)
    return lora.compare(
        base,
        task,
        layers=settings.layers,
        alpha=settings.alpha,
        lr=settings.lr,
        steps=settings.steps,
        seed=settings.seed,
        rslora=settings.rslora,
    )


@st.cache_resource(max_entries=64, show_spinner=False)
def quiet_run(settings: Settings) -> lora.LoRARun:
    """A run without live display (the α and initialisation comparisons)."""
    task, base = pretrained(settings.shift, settings.seed)
    return lora.train_lora(base, task, **settings.train_args())


@st.cache_resource(max_entries=16, show_spinner=False)
def start_check(settings: Settings) -> lora.StartCheck:
    """The adapted model at step 0 against the pretrained model."""
    task, base = pretrained(settings.shift, settings.seed)
    return lora.start_check(
        base,
        task,
        layers=settings.layers,
        rank=settings.rank,
        alpha=settings.alpha,
        rslora=settings.rslora,
        init=settings.init,
        seed=settings.seed,
    )


class RunStore:
    """Finished live runs by settings, least recently used dropped first; safe across threads."""

    def __init__(self, size: int) -> None:
        self._runs: OrderedDict[Settings, LiveRun] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, settings: Settings) -> LiveRun | None:
        with self._lock:
            found = self._runs.get(settings)
            if found is not None:
                self._runs.move_to_end(settings)
            return found

    def put(self, settings: Settings, live: LiveRun) -> None:
        with self._lock:
            self._runs[settings] = live
            self._runs.move_to_end(settings)
            while len(self._runs) > self._size:
                self._runs.popitem(last=False)


@st.cache_resource(show_spinner=False)
def run_store() -> RunStore:
    """The one store of finished live runs for this server process."""
    return RunStore(STORE_SIZE)
