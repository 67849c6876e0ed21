"""The fine-tuning update ΔW of the digits MLP: its spectra and what truncating it costs.

Builds on :mod:`lowrank.finetune` (the run itself). Layer i of the MLP has W of shape (out, in);
ΔW = W_after − W_before has the same shape.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lowrank.finetune import LAYER_SIZES, FinetuneRun, Progress, accuracy_vs_rank, init_mlp
from lowrank.spectra import Spectrum, spectrum
from lowrank.svd import readonly


def layer_shapes() -> list[tuple[int, int]]:
    """(out, in) of each MLP layer's W, first layer first."""
    return list(zip(LAYER_SIZES[1:], LAYER_SIZES[:-1], strict=True))


def layer_spectra(run: FinetuneRun, layer: int) -> tuple[Spectrum, Spectrum]:
    """Spectra of the pretrained W (before fine-tuning) and of ΔW for one layer."""
    return (
        spectrum(f"mlp.layer{layer + 1}.w", run.before.weights[layer]),
        spectrum(f"mlp.layer{layer + 1}.delta_w", run.deltas[layer]),
    )


def initial_spectrum(layer: int, seed: int = 0) -> Spectrum:
    """Spectrum of the layer's W at initialisation, the random start that pretraining departs from.

    Why: the small MLP's pretrained W owes much of its flat spectrum to this random start, so the
    page shows both rather than crediting pretraining for it.
    """
    return spectrum(f"mlp.layer{layer + 1}.w_init", init_mlp(LAYER_SIZES, seed).weights[layer])


@dataclass(frozen=True)
class TruncationCurve:
    """Test accuracy on the fine-tuning digits when ΔW is replaced by its rank-k truncation.

    "Rank k" on a layer whose ΔW has fewer than k singular values means all of them: layer i is
    truncated to min(k, rankᵢ), where rankᵢ = min of its shape. The curve covers k = 0 up to the
    largest rankᵢ, past which nothing changes, so :meth:`at` is exact for every k ≥ 0.
    """

    ks: np.ndarray
    this_layer: np.ndarray  # only the chosen layer's ΔW truncated, the others kept in full
    all_layers: np.ndarray  # every layer's ΔW truncated to min(k, its rank), as LoRA on all
    layer: int  #: the chosen layer (0-based)
    layer_ranks: tuple[int, ...]  #: each layer's full rank, min of ΔW's shape

    def csv(self) -> str:
        """CSV: k, then the accuracy with this layer's or every layer's ΔW truncated to rank k."""
        lines = ["k,accuracy_this_layer,accuracy_all_layers"]
        lines += [
            f"{k},{a:.6f},{b:.6f}"
            for k, a, b in zip(self.ks, self.this_layer, self.all_layers, strict=True)
        ]
        return "\n".join(lines) + "\n"

    def clip(self, k: int) -> int:
        """k limited to the ranks the curve covers (0 .. the largest layer's rank)."""
        return int(np.clip(k, self.ks[0], self.ks[-1]))

    def ranks_at(self, k: int) -> tuple[int, ...]:
        """The rank each layer's ΔW is truncated to at k: min(k, that layer's rank)."""
        return tuple(min(max(k, 0), rank) for rank in self.layer_ranks)

    def at(self, k: int) -> tuple[float, float]:
        """(this layer, all layers) accuracy at rank k."""
        i = self.clip(k) - int(self.ks[0])
        return float(self.this_layer[i]), float(self.all_layers[i])


def truncation_curve(run: FinetuneRun, layer: int, progress: Progress = None) -> TruncationCurve:
    """Accuracy for k = 0 .. the largest layer's rank, truncating ``layer`` or every layer, each
    to min(k, its rank)."""
    ranks = tuple(min(d.shape) for d in run.deltas)
    ks = np.arange(0, max(ranks) + 1)

    def part(start: float) -> Progress:
        return None if progress is None else (lambda f: progress(start + 0.5 * f))

    this_layer = accuracy_vs_rank(run, ks, layers=[layer], progress=part(0.0))
    all_layers = accuracy_vs_rank(run, ks, progress=part(0.5))
    return TruncationCurve(readonly(ks), this_layer, all_layers, layer, ranks)
