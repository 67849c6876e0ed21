"""ΔW spectra and the truncation curve, checked against direct computations on a short run."""

from __future__ import annotations

import numpy as np
import pytest

from lowrank import delta, finetune
from tests import reference


@pytest.fixture(scope="module")
def run() -> finetune.FinetuneRun:
    return finetune.run_finetune(pretrain_steps=150, finetune_steps=60)


def test_layer_spectra_are_those_of_w_before_and_the_difference(run) -> None:
    w, dw = delta.layer_spectra(run, 1)
    direct = run.after.weights[1] - run.before.weights[1]
    np.testing.assert_allclose(dw.s, np.linalg.svd(direct, compute_uv=False), atol=1e-12)
    np.testing.assert_allclose(w.s, np.linalg.svd(run.before.weights[1], compute_uv=False))
    assert w.shape == dw.shape == (128, 128)


def test_truncation_curve_ends_at_the_fine_tuned_model(run) -> None:
    seen: list[float] = []
    curve = delta.truncation_curve(run, 0, progress=seen.append)
    assert list(curve.ks) == list(range(0, 129))  # up to the largest layer's rank (128×128)
    assert curve.layer_ranks == (64, 128, 10) and curve.layer == 0
    assert curve.this_layer[-1] == pytest.approx(run.acc_ft_task_after)
    assert curve.all_layers[-1] == pytest.approx(run.acc_ft_task_after)
    assert seen[-1] == pytest.approx(1.0) and all(np.diff(seen) >= 0)


def test_rank_zero_keeps_the_pretrained_weights(run) -> None:
    curve = delta.truncation_curve(run, 2)
    model = finetune.MLP(list(run.before.weights), list(run.after.biases))
    expected = finetune.accuracy(model, run.task.x_ft_test, run.task.y_ft_test)
    assert curve.all_layers[0] == pytest.approx(expected)
    truncated = reference.with_truncated_deltas(run, 3, layers=[2])
    direct = finetune.accuracy(truncated, run.task.x_ft_test, run.task.y_ft_test)
    assert curve.at(3)[0] == pytest.approx(direct)
    assert curve.at(999) == (curve.this_layer[-1], curve.all_layers[-1])


def numpy_accuracy_at_ranks(run, ranks: dict[int, int]) -> float:
    """Accuracy with layer i's ΔW replaced by its best rank-ranks[i] approximation (numpy)."""
    weights = list(run.after.weights)
    for i, r in ranks.items():
        u, s, vt = np.linalg.svd(run.deltas[i], full_matrices=False)
        assert r <= s.size
        weights[i] = run.before.weights[i] + (u[:, :r] * s[:r]) @ vt[:r]
    model = finetune.MLP(weights, list(run.after.biases))
    return finetune.accuracy(model, run.task.x_ft_test, run.task.y_ft_test)


@pytest.mark.parametrize("k", [5, 10, 50, 128, 200])
def test_every_layer_at_k_means_each_at_min_of_k_and_its_rank(run, k) -> None:
    """The small layer (10×128, rank 10) chosen, k beyond its rank: the other layers are still
    truncated at k (the bug: every layer was truncated at the chosen layer's rank)."""
    curve = delta.truncation_curve(run, 2)
    ranks = {i: min(k, n) for i, n in enumerate((64, 128, 10))}
    assert curve.ranks_at(k) == tuple(ranks.values())
    this_layer, all_layers = curve.at(k)
    assert all_layers == pytest.approx(numpy_accuracy_at_ranks(run, ranks))
    assert this_layer == pytest.approx(numpy_accuracy_at_ranks(run, {2: min(k, 10)}))


def test_clip_and_csv(run) -> None:
    curve = delta.truncation_curve(run, 2)  # ranks 0..128, the largest layer's
    assert curve.clip(-1) == 0 and curve.clip(50) == 50 and curve.clip(500) == 128
    assert curve.ranks_at(0) == (0, 0, 0) and curve.ranks_at(-3) == (0, 0, 0)
    lines = curve.csv().splitlines()
    assert lines[0] == "k,accuracy_this_layer,accuracy_all_layers" and len(lines) == 130
    assert lines[11] == f"10,{curve.this_layer[10]:.6f},{curve.all_layers[10]:.6f}"


@pytest.mark.parametrize("layer", [0, 1, 2])
def test_initial_spectrum_is_that_of_the_weights_pretraining_starts_from(layer) -> None:
    task = finetune.load_task()
    untrained, _ = finetune.pretrain(task, seed=0, steps=0)
    expected = np.linalg.svd(untrained.weights[layer], compute_uv=False)
    np.testing.assert_allclose(delta.initial_spectrum(layer, seed=0).s, expected, rtol=1e-12)


def test_pretraining_leaves_the_first_layer_about_as_flat_as_its_random_start(run) -> None:
    """The caution the page states: W's flatness is mostly inherited from initialisation."""
    start = delta.initial_spectrum(0).k_for(0.9)
    pretrained = delta.layer_spectra(run, 0)[0].k_for(0.9)
    assert abs(pretrained - start) <= 0.15 * start


def test_layer_shapes_and_spectrum_keys_name_the_layers_from_one(run) -> None:
    assert delta.layer_shapes() == [(128, 64), (128, 128), (10, 128)]
    w, dw = delta.layer_spectra(run, 1)
    assert (w.key, dw.key) == ("mlp.layer2.w", "mlp.layer2.delta_w")
    start = delta.initial_spectrum(2)  # the default seed is 0, the pretraining start's
    assert start.key == "mlp.layer3.w_init"
    untrained = finetune.init_mlp(finetune.LAYER_SIZES, 0).weights[2]
    expected = np.linalg.svd(untrained, compute_uv=False)
    np.testing.assert_allclose(start.s, expected, rtol=1e-12)
