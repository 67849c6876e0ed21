"""LoRA's starts (lowrank.lora_init) and their comparison (lowrank.lora_starts): PiSSA and OLoRA
rebuild W exactly at step 0, the zero starts leave W frozen, gradients match finite differences."""

import numpy as np
import pytest
import scipy.linalg
from gradcheck import smooth_numeric_grad
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lowrank import finetune as ft
from lowrank import lora, lora_init, lora_starts
from lowrank.lora import LoRAConfig


@pytest.fixture(scope="module")
def task() -> ft.DigitTask:
    return ft.load_task("rotate", seed=0)


@pytest.fixture(scope="module")
def base(task) -> ft.MLP:
    return ft.pretrain(task, seed=0)[0]


@pytest.fixture(scope="module")
def results(base, task) -> list[lora_starts.StartResult]:
    return lora_starts.compare_starts(base, task, LoRAConfig(layers=(0, 1), rank=3, steps=60))


@settings(max_examples=20, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    d=st.integers(2, 9),
    k=st.integers(2, 9),
    data=st.data(),
    scale=st.floats(0.1, 16.0),
)
def test_pissa_rebuilds_w_and_holds_its_top_r_part(seed, d, k, data, scale):
    rank = data.draw(st.integers(1, min(d, k)))
    w = np.random.default_rng(seed).normal(size=(d, k))
    start = lora_init.start_factors(w, rank, scale, "pissa", np.random.default_rng(0))
    np.testing.assert_allclose(start.frozen + scale * start.A @ start.B, w, atol=1e-12)
    u, s, vt = scipy.linalg.svd(w, full_matrices=False)
    top = (u[:, :rank] * s[:rank]) @ vt[:rank]
    np.testing.assert_allclose(scale * start.A @ start.B, top, atol=1e-10)
    np.testing.assert_allclose(start.frozen, w - top, atol=1e-10)
    # A = U_r √(Σ_r/s): its columns are orthogonal with squared norms σᵢ/s, as are B's rows.
    np.testing.assert_allclose(start.A.T @ start.A, np.diag(s[:rank] / scale), atol=1e-10)
    np.testing.assert_allclose(start.B @ start.B.T, np.diag(s[:rank] / scale), atol=1e-10)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), rank=st.integers(1, 4), scale=st.floats(0.1, 16.0))
def test_olora_has_orthonormal_a_and_rebuilds_w(seed, rank, scale):
    w = np.random.default_rng(seed).normal(size=(6, 5))
    start = lora_init.start_factors(w, rank, scale, "olora", np.random.default_rng(0))
    np.testing.assert_allclose(start.A.T @ start.A, np.eye(rank), atol=1e-12)
    np.testing.assert_allclose(np.tril(start.B[:, :rank], -1), 0.0, atol=1e-12)  # R: triangular
    np.testing.assert_allclose(start.frozen + scale * start.A @ start.B, w, atol=1e-12)
    q, r = scipy.linalg.qr(w, mode="economic")
    np.testing.assert_allclose(start.frozen, w - scale * q[:, :rank] @ r[:rank], atol=1e-12)


def test_the_zero_starts_freeze_w_itself_and_draw_b_as_peft_does():
    w = np.random.default_rng(1).normal(size=(40, 50))
    gauss = lora_init.start_factors(w, 8, 1.0, "gaussian", np.random.default_rng(2))
    kaiming = lora_init.start_factors(w, 8, 1.0, "kaiming", np.random.default_rng(2))
    for start in (gauss, kaiming):
        assert np.array_equal(start.frozen, w)
        assert np.array_equal(start.A, np.zeros((40, 8)))
        assert start.B.shape == (8, 50)
    assert np.array_equal(gauss.B, np.random.default_rng(2).normal(0.0, 1 / 8, size=(8, 50)))
    assert abs(gauss.B.std() - 1 / 8) < 0.01
    assert np.abs(kaiming.B).max() <= 1 / np.sqrt(50)
    assert np.abs(kaiming.B).max() > 0.95 / np.sqrt(50)


def test_kaiming_is_the_training_pages_zero_start(base):
    zero = lora.add_lora(base, LoRAConfig(init="zero", seed=3))
    kaiming = lora.add_lora(base, LoRAConfig(init="kaiming", seed=3))
    for i, a in zero.adapters.items():
        assert np.array_equal(a.B, kaiming.adapters[i].B)
        assert np.array_equal(a.A, kaiming.adapters[i].A)


def test_bad_starts_are_refused():
    w = np.ones((10, 4))
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="start must be one of"):
        lora_init.start_factors(w, 2, 1.0, "lucky", rng)
    with pytest.raises(ValueError, match="min"):
        lora_init.start_factors(w, 5, 1.0, "pissa", rng)
    with pytest.raises(ValueError, match="at least 1"):
        lora_init.start_factors(w, 0, 1.0, "kaiming", rng)
    assert lora_init.start_factors(w, 4, 1.0, "olora", rng).A.shape == (10, 4)
    with pytest.raises(ValueError, match="init must be one of"):
        lora.add_lora(ft.init_mlp((4, 3, 2)).freeze(), LoRAConfig(layers=(0,), init="lucky"))


@pytest.mark.parametrize("start", lora_init.STARTS)
def test_every_start_leaves_the_pretrained_output_and_freezes_its_weight(base, task, start):
    config = LoRAConfig(layers=(0, 1), rank=4, init=start)
    model = lora.add_lora(base, config)
    x = np.vstack([task.x_pre_test, task.x_ft_test])
    logits = ft.forward(base, x)[0]
    assert np.abs(model.forward(x)[0] - logits).max() < 1e-12
    for i, a in model.adapters.items():
        with pytest.raises(ValueError):
            a.weight[0, 0] = 0.0
        changed = not np.array_equal(a.weight, base.weights[i])
        assert changed == (start in lora_init.RESIDUAL_STARTS)
        scale = lora.scaling(config.alpha, config.rank)
        np.testing.assert_allclose(a.weight + scale * a.A @ a.B, base.weights[i], atol=1e-12)


@settings(max_examples=5, deadline=None)
@given(seed=st.integers(0, 10_000), start=st.sampled_from(["pissa", "olora"]))
def test_residual_start_gradients_match_finite_differences(seed, start):
    rng = np.random.default_rng(seed)
    base = ft.init_mlp((5, 4, 4, 3), seed).freeze()
    model = lora.add_lora(base, LoRAConfig(layers=(0, 1), rank=2, alpha=2.0, init=start))
    x, y = rng.normal(size=(6, 5)), rng.integers(0, 3, size=6)
    _, grads = model.loss_and_grads(x, y)

    def loss() -> float:
        return model.loss_and_grads(x, y)[0]

    for i, (grad_a, grad_b) in grads.items():
        for grad, factor in ((grad_a, model.adapters[i].A), (grad_b, model.adapters[i].B)):
            numeric = smooth_numeric_grad(loss, factor)
            assume(numeric is not None)  # a ReLU kink inside the step: no derivative there
            np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-8)


def test_compare_starts_measures_what_the_page_shows(base, task, results):
    assert [r.start for r in results] == list(lora_init.STARTS)
    x = np.vstack([task.x_pre_test, task.x_ft_test])
    for r in results:
        assert r.losses.shape == (60,)
        config = LoRAConfig(layers=(0, 1), rank=3, steps=60, init=r.start)
        model = lora.add_lora(base, config)
        gap = np.abs(model.forward(x)[0] - ft.forward(base, x)[0]).max()
        assert r.gap == gap
        shift = max(np.abs(a.weight - base.weights[i]).max() for i, a in model.adapters.items())
        assert r.frozen_shift == shift
        assert (r.frozen_shift > 0) == (r.start in lora_init.RESIDUAL_STARTS)
        # W′ − W: rank ≤ r for the zero starts, ≤ 2r (and more than r here) for the residual ones
        for sv in r.update_sv.values():
            rank = int((sv > 1e-9 * sv[0]).sum())
            assert rank == (6 if r.start in lora_init.RESIDUAL_STARTS else 3)


def test_the_starts_share_their_batches(base, task, results):
    # Same seed and batches: two zero starts differ only in B's draw, so their first losses
    # (A = 0: the pretrained network on the same first batch) are equal.
    first = {r.start: r.losses[0] for r in results}
    assert len(set(first.values())) == 1
    idx = next(ft.batches(len(task.y_ft_train), 32, 1, np.random.default_rng(1)))
    expected, _ = ft.softmax_cross_entropy(
        ft.forward(base, task.x_ft_train[idx])[0], task.y_ft_train[idx]
    )
    assert first["kaiming"] == pytest.approx(expected, abs=1e-12)


def test_update_is_the_merged_weight_minus_the_pretrained_one(base, task):
    model = lora.add_lora(base, LoRAConfig(layers=(1,), rank=2, init="pissa"))
    model.adapters[1].A += 0.5
    expected = model.merged().weights[1] - base.weights[1]
    np.testing.assert_allclose(lora_starts.update(model, base, 1), expected, atol=1e-13)


def test_window_means_and_curves_csv(results):
    steps, means = lora_starts.window_means(np.array([1.0, 2.0, 3.0, 4.0, 5.0]), 2)
    assert steps.tolist() == [2, 4, 5]
    assert means.tolist() == [1.5, 3.5, 5.0]
    lines = lora_starts.curves_csv(results).splitlines()
    assert lines[0] == "step,loss_gaussian,loss_kaiming,loss_pissa,loss_olora"
    assert len(lines) == 61
    assert lines[60].split(",") == ["60", *(f"{r.losses[59]:.6f}" for r in results)]
