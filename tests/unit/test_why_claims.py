"""The sentences of /why_delta_w that describe measured data, checked against that data.

Each test names the catalogue key whose words it checks; the numbers come from numpy on the
app's own runs (every task, every layer, seed 0), not from the page's code.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from lowrank import finetune, spectra


def k90(s: np.ndarray) -> int:
    """How many of the singular values ``s`` keep 90% of the energy."""
    return int(np.argmax(np.cumsum(s**2) / np.sum(s**2) >= 0.9 - 1e-12) + 1)


def sigma(matrix: np.ndarray) -> np.ndarray:
    return np.linalg.svd(np.asarray(matrix, dtype=float), compute_uv=False)


@cache
def run(shift: str) -> finetune.FinetuneRun:
    return finetune.run_finetune(shift)


def accuracy_with_every_layer_at(r: finetune.FinetuneRun, k: int) -> float:
    """Test accuracy with each layer's ΔW replaced by its best rank-min(k, rank) approximation."""
    weights = list(r.after.weights)
    for i, d in enumerate(r.deltas):
        u, s, vt = np.linalg.svd(d, full_matrices=False)
        weights[i] = r.before.weights[i] + (u[:, :k] * s[:k]) @ vt[:k]
    model = finetune.MLP(weights, list(r.after.biases))
    return finetune.accuracy(model, r.task.x_ft_test, r.task.y_ft_test)


SHIFTS = tuple(finetune.SHIFTS)


@pytest.mark.parametrize("shift", SHIFTS)
def test_own_measurement_layers_1_and_2_show_the_contrast(shift: str) -> None:
    """s2.why.own_measurement: on layers 1 and 2, ΔW needs at most a sixth of its singular
    values for 90%, W about half or more."""
    r = run(shift)
    for layer in (0, 1):
        delta, w = sigma(r.deltas[layer]), sigma(r.before.weights[layer])
        assert k90(delta) <= delta.size / 6, (shift, layer)
        assert k90(w) >= 0.45 * w.size, (shift, layer)


@pytest.mark.parametrize("shift", SHIFTS)
def test_own_measurement_layer_3_is_where_the_contrast_is_weak(shift: str) -> None:
    """s2.why.own_measurement: layer 3 has 10 singular values; ΔW too needs about half or more,
    W nearly all; and the contrast is the weakest of the three layers."""
    r = run(shift)
    delta, w = sigma(r.deltas[2]), sigma(r.before.weights[2])
    assert delta.size == 10
    assert k90(delta) >= 0.4 * delta.size and k90(w) >= 0.9 * w.size
    ratios = [k90(sigma(r.before.weights[i])) / k90(sigma(r.deltas[i])) for i in range(3)]
    assert ratios[2] == min(ratios)


def test_own_measurement_so_few_directions_can_cost_several_points() -> None:
    """s2.why.own_measurement: keeping layer 3's k₉₀ directions of ΔW in every layer costs
    several (≥ 3) points of accuracy on some task."""
    losses = []
    for shift in SHIFTS:
        r = run(shift)
        kept = accuracy_with_every_layer_at(r, k90(sigma(r.deltas[2])))
        losses.append(r.acc_ft_task_after - kept)
    assert max(losses) >= 0.03


@pytest.mark.parametrize("shift", SHIFTS)
def test_q1_at_k_8_delta_keeps_the_largest_share(shift: str) -> None:
    """s2.why.q1: at k = 8, ΔW keeps a larger share of its energy than the MLP's W, every MiniLM
    matrix and the random matrix, on every task and layer."""

    def at8(s: np.ndarray) -> float:
        return float(np.sum(s[:8] ** 2) / np.sum(s**2))

    others = [at8(sp.s) for sp in spectra.load_minilm().values()]
    others.append(at8(sigma(np.random.default_rng(0).standard_normal((384, 384)))))
    r = run(shift)
    for layer in range(3):
        layer_w = at8(sigma(r.before.weights[layer]))
        assert at8(sigma(r.deltas[layer])) > max(*others, layer_w), (shift, layer)


def test_q2_a_random_matrix_spreads_its_energy_and_needs_about_half() -> None:
    """s2.why.q2.why: no few dominant directions (σ₁² is about 1% of the energy); about half of
    the 384 directions are needed for 90%."""
    s = sigma(np.random.default_rng(0).standard_normal((384, 384)))
    assert s[0] ** 2 / np.sum(s**2) < 0.02
    assert 0.4 * s.size <= k90(s) <= 0.6 * s.size


@pytest.mark.parametrize("shift", SHIFTS)
def test_full_rank_note_pretrained_and_random_are_full_rank_and_delta_is_not_zero(
    shift: str,
) -> None:
    """s2.why.full_rank_note: the pretrained and random matrices are full rank; ΔW has many
    directions that are not zero (it is not exactly low rank)."""
    r = run(shift)
    for layer in range(3):
        w = r.before.weights[layer]
        assert np.linalg.matrix_rank(w) == min(w.shape)
        assert np.linalg.matrix_rank(r.deltas[layer]) > min(w.shape) / 2
    for sp in spectra.load_minilm().values():
        assert sp.s[-1] > sp.s[0] * max(sp.shape) * np.finfo(float).eps


@pytest.mark.parametrize("layer", [0, 1, 2])
def test_init_caution_the_flat_spectrum_is_inherited_on_every_layer(layer: int) -> None:
    """s2.why.init_caution, for whichever layer is chosen: pretraining moves k₉₀ of W by at most
    15% from its random start."""
    start = k90(sigma(finetune.init_mlp(finetune.LAYER_SIZES, 0).weights[layer]))
    for shift in SHIFTS:
        pretrained = k90(sigma(run(shift).before.weights[layer]))
        assert abs(pretrained - start) <= 0.15 * start
