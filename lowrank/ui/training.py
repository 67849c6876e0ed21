"""Cached computations of the LoRA training page, shared by every session.

The pretrained model, the comparison runs and the small demo runs are cached by their settings
(frozen dataclasses of plain values, which Streamlit hashes field by field). A run the student
watches live is not a cached function call — its progress must reach that student's page while it
runs — so it is kept, once finished, in a small shared store that every session can read.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any

import streamlit as st

from lowrank import finetune, lora_checks, lora_compare, lora_training
from lowrank.lora import LoRAConfig

#: Finished live runs kept for everyone (each holds a few hundred kB of factors).
STORE_SIZE = 32


@dataclass(frozen=True)
class Settings:
    """Everything a run on the page depends on: the task's shift and the LoRA config (whose seed
    also seeds the task and pretraining); hashable, so it can key caches."""

    shift: str
    config: LoRAConfig

    @property
    def every(self) -> int:
        """Steps between snapshots: about 20 per run (each is drawn live), whatever its length."""
        return max(10, self.config.steps // 20)

    def varied(self, **changes: Any) -> Settings:
        """These settings with some LoRA values changed (the α and initialisation demos)."""
        return Settings(self.shift, replace(self.config, **changes))


@dataclass(frozen=True)
class LiveRun:
    """A finished run with the snapshots drawn while it trained (factors only, ΔW on demand)."""

    run: lora_training.LoRARun
    snapshots: tuple[lora_training.Snapshot, ...]


@st.cache_resource(max_entries=8, show_spinner=False)
def pretrained(shift: str, seed: int) -> tuple[finetune.DigitTask, finetune.MLP]:
    """The task and the model pretrained on its first digits (read-only arrays)."""
    task = finetune.load_task(shift, seed)
    return task, finetune.pretrain(task, seed)[0]


@st.cache_resource(max_entries=16, show_spinner=False)
def comparison(settings: Settings) -> list[lora_compare.ComparisonRow]:
    """LoRA at r = 1, 2, 4, 8, 16 and full fine-tuning, with the page's other settings."""
    task, base = pretrained(settings.shift, settings.config.seed)
    return lora_compare.compare(base, task, settings.config)


@st.cache_resource(max_entries=64, show_spinner=False)
def quiet_run(settings: Settings) -> lora_training.LoRARun:
    """A run without live display (the α and initialisation comparisons)."""
    task, base = pretrained(settings.shift, settings.config.seed)
    return lora_training.train_lora(base, task, settings.config, every=settings.every)


@st.cache_resource(max_entries=16, show_spinner=False)
def start_check(settings: Settings) -> lora_checks.StartCheck:
    """The adapted model at step 0 against the pretrained model."""
    task, base = pretrained(settings.shift, settings.config.seed)
    return lora_checks.start_check(base, task, settings.config)


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
