"""How LoRA's two factors start: the paper's, PEFT's default, PiSSA and OLoRA (note's letters).

Why: the SVD the course teaches first can also choose LoRA's start. PiSSA (Meng et al., 2024)
puts W's top-r singular directions into the factors and freezes only the residual; the others
start with one factor at zero. Every start leaves the network's output unchanged at step 0, in two
different ways: ΔW = 0 (frozen W), or frozen W_res = W − s·A×B (the factors carry the rest).

Letters as in :mod:`lowrank.lora`: ΔW = s·A×B, A of shape d×r (output side), B of shape r×k
(input side), s = α/r (or α/√r). PEFT (``init_lora_weights`` in peft/tuners/lora/layer.py) calls
the input-side factor ``lora_A`` (r×in) and the output-side one ``lora_B`` (out×r): swapped letters.

    start      PEFT option                 note's B (r×k)        note's A (d×r)   frozen
    gaussian   init_lora_weights="gaussian" normal, std 1/r       0                W
    kaiming    init_lora_weights=True       uniform ±1/√k         0                W
    pissa      init_lora_weights="pissa"    √(Σ_r/s) V_rᵀ         U_r √(Σ_r/s)     W − U_r Σ_r V_rᵀ
    olora      init_lora_weights="olora"    R_r (of W = QR)       Q_r              W − s·Q_r R_r

("kaiming" is the training page's "zero" start: torch's kaiming_uniform_ with a = √5 draws from
±1/√fan_in.) PiSSA divides Σ_r by s, as PEFT's ``pissa_init`` does, so that s·A×B = U_r Σ_r V_rᵀ
exactly; OLoRA's ``olora_init`` does not, so its residual subtracts s·Q_r R_r.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lowrank.finetune import Array

STARTS: tuple[str, ...] = ("gaussian", "kaiming", "pissa", "olora")
#: The value of PEFT's ``LoraConfig(init_lora_weights=...)`` for each start.
PEFT_OPTION: dict[str, str] = {
    "gaussian": '"gaussian"',
    "kaiming": "True",
    "pissa": '"pissa"',
    "olora": '"olora"',
}
#: The starts that change what is frozen: W is replaced by a residual.
RESIDUAL_STARTS: frozenset[str] = frozenset({"pissa", "olora"})


@dataclass(frozen=True)
class Start:
    """A layer's start: the frozen weight (W or W_res) and the factors A (d×r) and B (r×k)."""

    frozen: Array
    A: Array
    B: Array


def start_factors(
    weight: Array, rank: int, scale: float, start: str, rng: np.random.Generator
) -> Start:
    """The frozen weight and the factors of one layer for ``start`` (one of STARTS).

    For every start, frozen + scale·A×B equals W: exactly (A = 0) or up to rounding (residuals).
    The random starts draw B from ``rng``; PiSSA and OLoRA draw nothing.
    """
    if start not in STARTS:
        raise ValueError(f"start must be one of {STARTS}, not {start!r}")
    d, k = weight.shape
    if rank < 1:
        raise ValueError("rank must be at least 1")
    if start in RESIDUAL_STARTS and rank > min(d, k):
        raise ValueError(f"{start} needs r ≤ min(d, k) = {min(d, k)}, not {rank}")
    w = np.asarray(weight, dtype=np.float64)
    if start == "gaussian":
        return Start(w, np.zeros((d, rank)), rng.normal(0.0, 1.0 / rank, size=(rank, k)))
    if start == "kaiming":
        return Start(w, np.zeros((d, rank)), rng.uniform(-1.0, 1.0, size=(rank, k)) / np.sqrt(k))
    if start == "pissa":
        u, s, vt = np.linalg.svd(w, full_matrices=False)
        root = np.sqrt(s[:rank] / scale)
        a, b = u[:, :rank] * root, root[:, None] * vt[:rank]
    else:
        q, r = np.linalg.qr(w)
        a, b = q[:, :rank].copy(), r[:rank].copy()
    return Start(w - scale * (a @ b), a, b)
