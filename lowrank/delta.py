"""The fine-tuning update ΔW of the digits MLP: its spectra and what truncating it costs.

Builds on :mod:`lowrank.finetune` (the run itself). Layer i of the MLP has W of shape (out, in);
ΔW = W_after − W_before has the same shape.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lowrank.finetune import FinetuneRun, Progress, accuracy_vs_rank
from lowrank.spectra import Spectrum, spectrum
from lowrank.svd import readonly


def layer_spectra(run: FinetuneRun, layer: int) -> tuple[Spectrum, Spectrum]:
    """Spectra of the pretrained W (before fine-tuning) and of ΔW for one layer."""
    return (
        spectrum(f"mlp.w{layer}", run.before.weights[layer]),
        spectrum(f"mlp.delta{layer}", run.deltas[layer]),
    )


@dataclass(frozen=True)
class TruncationCurve:
    """Test accuracy on the fine-tuning digits when ΔW is replaced by its rank-k truncation."""

    ks: np.ndarray
    this_layer: np.ndarray  # only the chosen layer's ΔW truncated, the others kept in full
    all_layers: np.ndarray  # every layer's ΔW truncated to rank k (like LoRA on every layer)

    def at(self, k: int) -> tuple[float, float]:
        """(this layer, all layers) accuracy at rank k (clipped to the curve's range)."""
        i = int(np.clip(k, self.ks[0], self.ks[-1]) - self.ks[0])
        return float(self.this_layer[i]), float(self.all_layers[i])


def truncation_curve(run: FinetuneRun, layer: int, progress: Progress = None) -> TruncationCurve:
    """Accuracy for k = 0 .. min(shape of ΔW of ``layer``), truncating that layer or every layer."""
    ks = np.arange(0, min(run.deltas[layer].shape) + 1)

    def part(start: float) -> Progress:
        return None if progress is None else (lambda f: progress(start + 0.5 * f))

    this_layer = accuracy_vs_rank(run, ks, layers=[layer], progress=part(0.0))
    all_layers = accuracy_vs_rank(run, ks, progress=part(0.5))
    return TruncationCurve(readonly(ks), this_layer, all_layers)
