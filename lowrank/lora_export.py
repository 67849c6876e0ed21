"""A finished LoRA run as files to download: its curves as CSV, its factors as a NumPy archive.

Why: a student can check the page's curves and ΔW in their own tools; the archive uses the note's
letters (A d×r, B r×k), see :mod:`lowrank.lora`.
"""

from __future__ import annotations

import io

import numpy as np

from lowrank.lora_training import LoRARun


def curves_csv(run: LoRARun) -> str:
    """step,loss,test_accuracy for every step (accuracy only where it was measured)."""
    acc = dict(zip(run.eval_steps.tolist(), run.eval_accuracy.tolist(), strict=True))
    lines = ["step,loss,test_accuracy", f"0,,{acc[0]:.6f}"]
    for step, loss in enumerate(run.losses.tolist(), start=1):
        lines.append(f"{step},{loss:.6f},{acc[step]:.6f}" if step in acc else f"{step},{loss:.6f},")
    return "\n".join(lines) + "\n"


def factors_npz(run: LoRARun) -> bytes:
    """The trained factors (note's letters: A_layer{i} d×r, B_layer{i} r×k), ΔW and the scale."""
    buffer = io.BytesIO()
    arrays: dict[str, np.ndarray | float | int | bool] = {}
    for i, a in run.model.adapters.items():
        arrays[f"A_layer{i + 1}"] = a.A
        arrays[f"B_layer{i + 1}"] = a.B
        arrays[f"deltaW_layer{i + 1}"] = a.delta()
    first = next(iter(run.model.adapters.values()))
    arrays |= {
        "alpha": first.alpha,
        "rank": first.rank,
        "scaling": first.scaling,
        "rslora": first.rslora,
    }
    # Plain numbers only, so no pickles (naming allow_pickle also tells mypy no key can be it).
    np.savez_compressed(buffer, allow_pickle=False, **arrays)
    return buffer.getvalue()
