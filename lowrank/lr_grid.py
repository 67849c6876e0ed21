"""The rank × learning-rate map: short runs of LoRA at every rank and of full fine-tuning.

Why: "LoRA Without Regret" (Thinking Machines, 2025) reports that LoRA's best learning rate is
about 10× full fine-tuning's and nearly independent of the rank r with the α/r scale. The page
checks that on its own network: each cell is one run (same seed, same batches), its value the
loss on the whole fine-tuning training set after the last step.

A map is 56 runs: about 4.5 s on a quiet machine, 17 s on a loaded one (bench/compute.py). The
page's maps (every task, α/r and α/√r) are therefore computed once by assets/make_lr_grids.py
into :data:`ASSET`; :func:`precomputed` serves one when its settings are the requested ones, and
a test recomputes a sample of its cells.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from functools import cache
from pathlib import Path

import numpy as np

from lowrank.finetune import MLP, Array, DigitTask, Progress, forward, softmax_cross_entropy, train
from lowrank.lora import LoRAConfig
from lowrank.lora_training import train_lora

GRID_RANKS: tuple[int, ...] = (1, 2, 4, 8, 16, 32)
#: Eight learning rates, half a decade apart: 10⁻⁴ … 10^-0.5.
GRID_LRS: tuple[float, ...] = tuple(float(10 ** (-4 + i / 2)) for i in range(8))
GRID_STEPS = 150
#: The layers the page adapts (W1 and W2): every rank up to 32 fits them.
GRID_LAYERS: tuple[int, ...] = (0, 1)
ASSET: Path = Path(__file__).resolve().parent.parent / "assets" / "lr_grids.json"
#: A run whose loss is not finite (it diverged) counts as this loss, above any real one here.
DIVERGED = float("inf")


@dataclass(frozen=True)
class Grid:
    """Final training loss for LoRA (one row per rank) and full fine-tuning, per learning rate."""

    ranks: tuple[int, ...]
    lrs: tuple[float, ...]
    lora: Array  #: (len(ranks), len(lrs))
    full: Array  #: (len(lrs),)
    rslora: bool

    def best_lora_lr(self) -> Array:
        """Each rank's learning rate of lowest final loss."""
        return np.asarray(self.lrs)[np.argmin(self.lora, axis=1)]

    def best_full_lr(self) -> float:
        """Full fine-tuning's learning rate of lowest final loss."""
        return float(self.lrs[int(np.argmin(self.full))])

    def ratios(self) -> Array:
        """Each rank's best LoRA learning rate over full fine-tuning's."""
        return self.best_lora_lr() / self.best_full_lr()

    def spread(self) -> float:
        """Largest over smallest best LoRA learning rate across ranks (1: independent of r)."""
        best = self.best_lora_lr()
        return float(best.max() / best.min())


def final_loss(model_logits: Array, y: np.ndarray) -> float:
    """Mean cross-entropy of the logits; a diverged run (NaN or ∞) gives DIVERGED."""
    loss = softmax_cross_entropy(model_logits, y)[0] if np.isfinite(model_logits).all() else np.nan
    return float(loss) if np.isfinite(loss) else DIVERGED


def lora_cell(base: MLP, task: DigitTask, config: LoRAConfig) -> float:
    """One LoRA run with ``config``: its final loss on the fine-tuning training set."""
    with np.errstate(all="ignore"):
        run = train_lora(base, task, config, every=config.steps)
        return final_loss(run.model.forward(task.x_ft_train)[0], task.y_ft_train)


def full_cell(base: MLP, task: DigitTask, lr: float, steps: int, seed: int) -> float:
    """One full fine-tuning run at ``lr``: its final loss on the fine-tuning training set."""
    with np.errstate(all="ignore"):
        model, _ = train(base, task.x_ft_train, task.y_ft_train, steps=steps, lr=lr, seed=seed + 1)
        return final_loss(forward(model, task.x_ft_train)[0], task.y_ft_train)


def grid(
    base: MLP,
    task: DigitTask,
    config: LoRAConfig,
    *,
    ranks: Sequence[int] = GRID_RANKS,
    lrs: Sequence[float] = GRID_LRS,
    progress: Progress = None,
) -> Grid:
    """Every cell of the map with ``config``'s layers, α, scale, start, seed and steps.

    Full fine-tuning trains every weight and bias, with the same steps and batches (seed + 1).
    """
    lora = np.empty((len(ranks), len(lrs)))
    full = np.empty(len(lrs))
    total, done = lora.size + full.size, 0
    for j, lr in enumerate(lrs):
        for i, r in enumerate(ranks):
            lora[i, j] = lora_cell(base, task, replace(config, rank=r, lr=lr))
            done += 1
            if progress is not None:
                progress(done / total)
        full[j] = full_cell(base, task, lr, config.steps, config.seed)
        done += 1
        if progress is not None:
            progress(done / total)
    for a in (lora, full):
        a.setflags(write=False)
    return Grid(tuple(ranks), tuple(float(x) for x in lrs), lora, full, config.rslora)


def grid_csv(result: Grid) -> str:
    """method,rank,lr,final_loss for every cell (rank empty for full fine-tuning; inf: diverged)."""
    scale = "rslora" if result.rslora else "lora"
    lines = ["method,rank,lr,final_loss"]
    for i, r in enumerate(result.ranks):
        lines += [
            f"{scale},{r},{lr:.6g},{result.lora[i, j]:.6f}" for j, lr in enumerate(result.lrs)
        ]
    lines += [f"full,,{lr:.6g},{result.full[j]:.6f}" for j, lr in enumerate(result.lrs)]
    return "\n".join(lines) + "\n"


def page_config(rslora: bool) -> LoRAConfig:
    """The settings of the page's maps (rank and learning rate vary over the grid)."""
    return LoRAConfig(layers=GRID_LAYERS, init="kaiming", rslora=rslora, steps=GRID_STEPS)


def _settings(config: LoRAConfig) -> dict:
    """What a map depends on besides its task: the config without its rank and learning rate."""
    fields = asdict(config)
    del fields["rank"], fields["lr"]
    fields["layers"] = list(fields["layers"])
    return fields


def to_json(grids: dict[str, tuple[LoRAConfig, Grid]]) -> str:
    """Maps by task, each with the settings it was computed with, as JSON."""
    out = {
        shift: [
            {
                "settings": _settings(config),
                "ranks": list(g.ranks),
                "lrs": list(g.lrs),
                "lora": [[float(f"{v:.12g}") for v in row] for row in g.lora.tolist()],
                "full": [float(f"{v:.12g}") for v in g.full.tolist()],
            }
            for config, g in entries
        ]
        for shift, entries in _by_shift(grids).items()
    }
    return json.dumps(out, indent=1) + "\n"


def _by_shift(grids: dict[str, tuple[LoRAConfig, Grid]]) -> dict[str, list]:
    out: dict[str, list] = {}
    for key, entry in grids.items():
        out.setdefault(key.split("/")[0], []).append(entry)
    return out


@cache
def _stored(path: Path) -> dict:
    return json.loads(path.read_text("utf-8")) if path.is_file() else {}


def precomputed(
    shift: str,
    config: LoRAConfig,
    ranks: Sequence[int] = GRID_RANKS,
    lrs: Sequence[float] = GRID_LRS,
    path: Path = ASSET,
) -> Grid | None:
    """The stored map of ``shift`` computed with exactly these settings, ranks and rates, or
    None (then the caller computes it)."""
    for entry in _stored(path).get(shift, []):
        same_grid = entry["ranks"] == list(ranks) and np.allclose(entry["lrs"], lrs, rtol=1e-12)
        if entry["settings"] == _settings(config) and same_grid:
            lora, full = np.array(entry["lora"]), np.array(entry["full"])
            for a in (lora, full):
                a.setflags(write=False)
            return Grid(tuple(ranks), tuple(float(x) for x in lrs), lora, full, config.rslora)
    return None
