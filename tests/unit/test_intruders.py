"""Intruder dimensions (lowrank.intruders): none for an unchanged W, the expected similarity for a
planted rank-1 update, and the sweep's rows measured as the page says."""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

from lowrank import finetune as ft
from lowrank import intruders, lora_training
from lowrank.lora import LoRAConfig


def random_orthogonal(n: int, rng: np.random.Generator) -> np.ndarray:
    return np.linalg.qr(rng.normal(size=(n, n)))[0]


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), d=st.integers(10, 20), k=st.integers(10, 20))
def test_an_unchanged_w_has_no_intruders(seed, d, k):
    w = np.random.default_rng(seed).normal(size=(d, k))
    found = intruders.intruders(w, w.copy())
    assert found.count == 0
    np.testing.assert_allclose(found.best, 1.0, atol=1e-9)
    assert found.match.tolist() == list(range(intruders.TOP))


def test_similarity_against_scipy():
    rng = np.random.default_rng(4)
    w, w2 = rng.normal(size=(12, 8)), rng.normal(size=(12, 8))
    u, _, _ = scipy.linalg.svd(w, full_matrices=False)
    u2, _, _ = scipy.linalg.svd(w2, full_matrices=False)
    sim = intruders.similarity(w, w2, top=5)
    assert sim.shape == (5, 8)
    np.testing.assert_allclose(sim, np.abs(u2[:, :5].T @ u), atol=1e-12)


@pytest.mark.parametrize(
    ("weights", "expected", "intruder"),
    [((0.6, 0.8), 0.8, False), ((1 / 3,) * 9, 1 / 3, True), ((0.5,) * 4, 0.5, False)],
)
def test_a_planted_rank_one_update_gives_the_expected_similarity(weights, expected, intruder):
    """W = U diag(σ) Vᵀ; W′ = W + c·x yᵀ with x = Σ wᵢ uᵢ and c ≫ σ₁: the top singular vector of
    W′ is x up to O(σ₁/c), so its best |cos| with W's vectors is max wᵢ."""
    rng = np.random.default_rng(0)
    n = 16
    u, v = random_orthogonal(n, rng), random_orthogonal(n, rng)
    w = (u * np.linspace(2.0, 1.0, n)) @ v.T
    x = u[:, : len(weights)] @ np.array(weights)
    y = v[:, -1]
    found = intruders.intruders(w, w + 1e7 * np.outer(x, y), top=1)
    assert found.best[0] == pytest.approx(expected, abs=1e-5)
    if len(set(weights)) > 1:  # equal weights tie: any of their vectors is the best match
        assert found.match[0] == int(np.argmax(weights))
    if expected != 0.5:  # at exactly ε the rounding decides; the others are clear of it
        assert found.count == int(intruder)


def test_epsilon_is_the_boundary():
    found = intruders.Intruders(np.array([0.5, 0.49, 0.9]), np.zeros(3, int), 0.5)
    assert found.count == 1
    assert intruders.Intruders(np.array([0.5]), np.zeros(1, int), 0.51).count == 1


@pytest.fixture(scope="module")
def sweep_rows():
    task = ft.load_task("rotate", 0)
    base = ft.pretrain(task, 0)[0]
    config = LoRAConfig(layers=(0, 1), rank=4, init="kaiming", steps=40)
    return task, base, config, intruders.sweep(base, task, config, (1, 4), 1)


def test_the_sweep_measures_each_method(sweep_rows):
    task, base, config, rows = sweep_rows
    assert [row.rank for row in rows] == [1, 4, None]
    lora_run = lora_training.train_lora(base, task, config, every=40)
    merged = lora_run.model.merged()
    np.testing.assert_allclose(
        rows[1].similarity, intruders.similarity(base.weights[1], merged.weights[1]), atol=1e-12
    )
    assert rows[1].old_accuracy == ft.accuracy(merged, task.x_pre_test, task.y_pre_test)
    full, _ = ft.train(base, task.x_ft_train, task.y_ft_train, steps=40, lr=ft.FINETUNE_LR, seed=1)
    np.testing.assert_allclose(
        rows[-1].similarity, intruders.similarity(base.weights[1], full.weights[1]), atol=1e-12
    )
    assert rows[-1].old_accuracy == ft.accuracy(full, task.x_pre_test, task.y_pre_test)
    assert rows[-1].accuracy == ft.accuracy(full, task.x_ft_test, task.y_ft_test)
    for row in rows:
        assert row.found.best.tolist() == row.similarity.max(axis=1).tolist()
        assert row.similarity.shape == (intruders.TOP, 128)


def test_a_rank_one_lora_brings_exactly_one_intruder_here(sweep_rows):
    # ΔW of rank 1 moves one direction: W′'s top vector is new, the rest stay W's.
    _, _, _, rows = sweep_rows
    assert rows[0].found.count == 1
    assert rows[0].found.best[0] < intruders.EPSILON
