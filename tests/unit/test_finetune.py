"""The numpy MLP: gradients, data split, training, ΔW and rank-k truncation."""

import numpy as np
import pytest
from gradcheck import smooth_numeric_grad
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lowrank import finetune as ft
from tests import reference

TINY = (5, 4, 3, 3)


@pytest.fixture(scope="module")
def run() -> ft.FinetuneRun:
    return ft.run_finetune("low_high", seed=0)


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_gradients_match_finite_differences(seed):
    rng = np.random.default_rng(seed)
    model = ft.init_mlp(TINY, seed)
    model.biases = [rng.normal(size=b.shape) * 0.1 for b in model.biases]
    x = rng.normal(size=(6, TINY[0]))
    y = rng.integers(0, TINY[-1], size=6)
    _, grads_w, grads_b = ft.loss_and_grads(model, x, y)

    def loss() -> float:
        return ft.loss_and_grads(model, x, y)[0]

    for i in range(len(TINY) - 1):
        for grad, parameter in ((grads_w[i], model.weights[i]), (grads_b[i], model.biases[i])):
            numeric = smooth_numeric_grad(loss, parameter)
            assume(numeric is not None)  # a ReLU kink inside the step: no derivative there
            np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-8)


def test_cross_entropy_of_uniform_logits_is_log_classes():
    loss, grad = ft.softmax_cross_entropy(np.zeros((4, 10)), np.arange(4))
    assert loss == pytest.approx(np.log(10))
    np.testing.assert_allclose(grad.sum(axis=1), 0.0, atol=1e-15)


def test_split_is_disjoint_scaled_and_by_digit():
    task = ft.load_task("low_high", seed=3)
    assert set(np.unique(task.y_pre_train)) == {0, 1, 2, 3, 4}
    assert set(np.unique(task.y_ft_test)) == {5, 6, 7, 8, 9}
    for x in (task.x_pre_train, task.x_ft_test):
        assert x.min() >= 0.0 and x.max() <= 1.0 and x.shape[1] == 64
        assert not x.flags.writeable
    # train and test together hold exactly the 5–9 images of the data set
    n_ft = len(task.y_ft_train) + len(task.y_ft_test)
    assert n_ft == int(np.isin(ft.load_digits().target, [5, 6, 7, 8, 9]).sum())


def test_train_and_test_images_do_not_overlap():
    task = ft.load_task("even_odd", seed=1)
    train_rows = {r.tobytes() for r in np.vstack([task.x_pre_train, task.x_ft_train])}
    test_rows = [r.tobytes() for r in np.vstack([task.x_pre_test, task.x_ft_test])]
    # a few digits images are exact duplicates in the data set itself; there must be no more
    assert sum(r in train_rows for r in test_rows) <= 3


def test_rotate_shift_turns_the_images():
    task = ft.load_task("rotate", seed=0)
    assert task.pre_digits == task.ft_digits == tuple(range(10))
    # the same test images, upright for pretraining and turned by 90° for fine-tuning
    upright = np.rot90(task.x_ft_test.reshape(-1, 8, 8), k=-1, axes=(1, 2)).reshape(-1, 64)
    assert np.array_equal(upright, task.x_pre_test)
    assert not np.array_equal(task.x_ft_test, task.x_pre_test)


def test_unknown_shift_is_refused():
    with pytest.raises(ValueError, match="unknown shift"):
        ft.load_task("upside_down")


def test_loss_goes_down():
    task = ft.load_task("low_high", seed=0)
    _, losses = ft.train(
        ft.init_mlp(seed=0), task.x_pre_train, task.y_pre_train, steps=120, lr=1e-3
    )
    assert losses[-20:].mean() < 0.5 * losses[:20].mean()


def test_training_leaves_the_callers_model_alone():
    task = ft.load_task("low_high", seed=0)
    model = ft.init_mlp(seed=0)
    copy = model.copy()
    ft.train(model, task.x_pre_train, task.y_pre_train, steps=5, lr=1e-3)
    assert all(np.array_equal(a, b) for a, b in zip(model.weights, copy.weights, strict=True))


def test_delta_is_exactly_after_minus_before(run):
    for d, wa, wb in zip(run.deltas, run.after.weights, run.before.weights, strict=True):
        assert d.shape == wb.shape
        assert np.array_equal(d, wa - wb)
        assert np.abs(d).max() > 0
        assert not d.flags.writeable and not wa.flags.writeable and not wb.flags.writeable


def test_seeded_run_reaches_stated_accuracy(run):
    # measured with seed 0: 0.995 on 0–4 after pretraining, 0.996 on 5–9 after fine-tuning
    assert run.acc_pre_task_before >= 0.97
    assert run.acc_ft_task_before == 0.0  # the pretrained head has never output 5–9
    assert run.acc_ft_task_after >= 0.95


def test_runs_are_deterministic():
    a = ft.run_finetune("even_odd", seed=2, pretrain_steps=40, finetune_steps=20)
    b = ft.run_finetune("even_odd", seed=2, pretrain_steps=40, finetune_steps=20)
    assert all(np.array_equal(x, y) for x, y in zip(a.deltas, b.deltas, strict=True))


def test_progress_rises_to_one():
    seen = []
    ft.run_finetune(seed=0, pretrain_steps=50, finetune_steps=50, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == pytest.approx(1.0) and seen[0] > 0


def test_delta_needs_far_fewer_directions_than_w(run):
    def k90(m: np.ndarray) -> int:
        s = np.linalg.svd(m, compute_uv=False)
        return int(np.searchsorted(np.cumsum(s**2) / np.sum(s**2), 0.9) + 1)

    # measured with seed 0: W needs 42 of 64 and 64 of 128, ΔW needs 7 and 7
    for i in (0, 1):
        assert k90(run.deltas[i]) * 4 < k90(run.before.weights[i])


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 1000), k=st.integers(0, 6))
def test_truncate_is_eckart_young(seed, k):
    m = np.random.default_rng(seed).normal(size=(7, 5))
    s = np.linalg.svd(m, compute_uv=False)
    mk = reference.truncate(m, k)
    assert np.linalg.matrix_rank(mk) == min(k, 5)
    assert np.linalg.norm(m - mk) == pytest.approx(np.sqrt(np.sum(s[k:] ** 2)), abs=1e-10)


def test_accuracy_vs_rank_ends_at_the_fine_tuned_model(run):
    acc = ft.accuracy_vs_rank(run, [0, 2, 128])
    assert acc[-1] == pytest.approx(run.acc_ft_task_after)
    assert acc[0] < acc[-1]
    assert not acc.flags.writeable
    one_layer = reference.with_truncated_deltas(run, 128, layers=[1])
    np.testing.assert_allclose(one_layer.weights[1], run.after.weights[1], atol=1e-12)
    assert one_layer.weights[0] is run.after.weights[0]


def _same_model(a: ft.MLP, b: ft.MLP) -> bool:
    pairs = zip([*a.weights, *a.biases], [*b.weights, *b.biases], strict=True)
    return all(np.array_equal(x, y) for x, y in pairs)


def test_default_seeds_are_zero():
    task, explicit = ft.load_task(), ft.load_task("low_high", seed=0)
    np.testing.assert_array_equal(task.x_ft_test, explicit.x_ft_test)
    assert _same_model(ft.init_mlp(), ft.init_mlp(ft.LAYER_SIZES, seed=0))
    model, x, y = ft.init_mlp(TINY, seed=3), np.eye(5), np.arange(5) % 3
    trained = ft.train(model, x, y, steps=4, lr=1e-2, batch_size=2)[0]
    assert _same_model(trained, ft.train(model, x, y, steps=4, lr=1e-2, batch_size=2, seed=0)[0])
    assert _same_model(ft.pretrain(task, steps=5)[0], ft.pretrain(task, seed=0, steps=5)[0])
    run = ft.run_finetune(pretrain_steps=5, finetune_steps=5)
    again = ft.run_finetune("low_high", 0, pretrain_steps=5, finetune_steps=5)
    assert _same_model(run.after, again.after)


def test_init_mlp_is_64_128_128_10_with_he_scale():
    model = ft.init_mlp()
    assert [w.shape for w in model.weights] == [(128, 64), (128, 128), (10, 128)]
    rng = np.random.default_rng(0)
    np.testing.assert_array_equal(model.weights[0], rng.normal(0.0, np.sqrt(2 / 64), (128, 64)))
    assert all(not b.any() for b in model.biases)


def test_cross_entropy_is_stable_for_huge_logits():
    logits = np.array([[1000.0, 0.0], [0.0, 1000.0]])
    loss, grad = ft.softmax_cross_entropy(logits, np.array([0, 0]))
    assert loss == pytest.approx(500.0)  # −log p: 0 for the first row, 1000 for the second
    np.testing.assert_allclose(grad, [[0.0, 0.0], [-0.5, 0.5]], atol=1e-12)


def test_batches_walk_through_fresh_permutations():
    got = list(ft.batches(10, 5, 3, np.random.default_rng(4)))
    rng = np.random.default_rng(4)
    first, second = rng.permutation(10), rng.permutation(10)
    expected = [first[:5], first[5:], second[:5]]
    assert all(np.array_equal(g, e) for g, e in zip(got, expected, strict=True))


def test_default_run_pretrains_600_steps_and_fine_tunes_300(run):
    assert (run.pretrain_losses.size, run.finetune_losses.size) == (600, 300)


# --- mutation testing (bench/mutate.py): behaviour the tests above did not pin down ---


@pytest.mark.parametrize(
    ("shift", "pre", "tuned"),
    [
        ("low_high", (0, 1, 2, 3, 4), (5, 6, 7, 8, 9)),
        ("even_odd", (0, 2, 4, 6, 8), (1, 3, 5, 7, 9)),
        ("rotate", tuple(range(10)), tuple(range(10))),
    ],
)
def test_each_shift_splits_the_digits_its_name_says(shift, pre, tuned):
    task = ft.load_task(shift, seed=0)
    assert (task.shift, task.pre_digits, task.ft_digits) == (shift, pre, tuned)
    for y, digits in ((task.y_pre_train, pre), (task.y_pre_test, pre),
                      (task.y_ft_train, tuned), (task.y_ft_test, tuned)):  # fmt: skip
        assert tuple(np.unique(y)) == digits


def test_n_params_counts_every_weight_and_bias():
    # 64·128 + 128 + 128·128 + 128 + 128·10 + 10
    assert ft.init_mlp().n_params == 26_122
    assert ft.init_mlp(TINY).n_params == (5 * 4 + 4) + (4 * 3 + 3) + (3 * 3 + 3)


def test_adam_steps_match_kingma_and_ba():
    rng = np.random.default_rng(5)
    params = [rng.normal(size=(3, 2)), rng.normal(size=4)]
    # the second array's gradients are ~1e-8, where eps = 1e-8 weighs as much as √v̂
    steps = [[rng.normal(size=(3, 2)), rng.normal(size=4) * 1e-8] for _ in range(3)]
    expected = [p.copy() for p in params]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    opt = ft.Adam(params, lr=0.1)
    for t, grads in enumerate(steps, start=1):
        opt.step(grads)
        for i, g in enumerate(grads):
            m[i] = 0.9 * m[i] + 0.1 * g
            v[i] = 0.999 * v[i] + 0.001 * g**2
            m_hat, v_hat = m[i] / (1 - 0.9**t), v[i] / (1 - 0.999**t)
            expected[i] = expected[i] - 0.1 * m_hat / (np.sqrt(v_hat) + 1e-8)
        for p, e in zip(params, expected, strict=True):  # updated in place
            np.testing.assert_allclose(p, e, rtol=1e-12, atol=0)


@pytest.mark.parametrize(
    ("steps", "reported_at"),
    [
        (10, range(1, 11)),  # fewer than 100 steps: after every step
        (110, range(2, 111, 2)),  # else every steps // 50 steps
        (150, range(3, 151, 3)),
    ],
)
def test_train_reports_progress_about_fifty_times(steps, reported_at):
    seen: list[float] = []
    x, y = np.eye(5), np.arange(5) % 3
    ft.train(ft.init_mlp(TINY), x, y, steps=steps, lr=1e-2, batch_size=2, progress=seen.append)
    assert seen == [i / steps for i in reported_at]


def test_run_progress_is_half_pretraining_half_fine_tuning():
    seen: list[float] = []
    ft.run_finetune(seed=0, pretrain_steps=50, finetune_steps=50, progress=seen.append)
    expected = [0.5 * i / 50 for i in range(1, 51)] + [0.5 + 0.5 * i / 50 for i in range(1, 51)]
    assert seen == pytest.approx(expected, abs=1e-12)


def test_run_is_pretrain_then_train_with_the_next_seed():
    run = ft.run_finetune("even_odd", seed=2, pretrain_steps=30, finetune_steps=20)
    task = ft.load_task("even_odd", seed=2)
    before, pre_losses = ft.pretrain(task, seed=2, steps=30)
    after, ft_losses = ft.train(
        before, task.x_ft_train, task.y_ft_train, steps=20, lr=ft.FINETUNE_LR, seed=3
    )
    assert _same_model(run.before, before) and _same_model(run.after, after)
    np.testing.assert_array_equal(run.pretrain_losses, pre_losses)
    np.testing.assert_array_equal(run.finetune_losses, ft_losses)
    assert run.acc_pre_task_after == ft.accuracy(after, task.x_pre_test, task.y_pre_test)


def test_accuracy_vs_rank_is_the_accuracy_of_the_truncated_model(run):
    seen: list[float] = []
    acc = ft.accuracy_vs_rank(run, [0, 1, 3], progress=seen.append)
    assert seen == [1 / 3, 2 / 3, 1.0]
    x, y = run.task.x_ft_test, run.task.y_ft_test
    for k, a in zip([0, 1, 3], acc, strict=True):
        assert a == ft.accuracy(reference.with_truncated_deltas(run, k), x, y)
    only_first = ft.accuracy_vs_rank(run, [1], layers=[0])
    assert only_first[0] == ft.accuracy(reference.with_truncated_deltas(run, 1, layers=[0]), x, y)
