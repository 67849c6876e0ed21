"""LoRA layer, config, training, checks, comparison and exports: gradients reach A and B only, W
frozen, zero start, merge, rank."""

import hashlib
import time

import numpy as np
import pytest
from gradcheck import numeric_grad, smooth_numeric_grad
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lowrank import finetune as ft
from lowrank import lora, lora_checks, lora_compare, lora_export, lora_training
from lowrank.lora import LoRAConfig


@pytest.fixture(scope="module")
def task() -> ft.DigitTask:
    return ft.load_task("low_high", seed=0)


@pytest.fixture(scope="module")
def base(task) -> ft.MLP:
    return ft.pretrain(task, seed=0)[0]


@pytest.fixture(scope="module")
def short_run(base, task) -> lora_training.LoRARun:
    return lora_training.train_lora(base, task, LoRAConfig(rank=3, steps=40), every=10)


def random_layer(seed: int, rank: int, d: int = 5, k: int = 4, **kw) -> lora.LoRALinear:
    rng = np.random.default_rng(seed)
    layer = lora.LoRALinear.create(
        rng.normal(size=(d, k)), rng.normal(size=d), rank, 3.0, rng=rng, **kw
    )
    layer.A = rng.normal(size=layer.A.shape)  # nonzero, so both gradients are informative
    return layer


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10_000), rank=st.integers(1, 4), rslora=st.booleans())
def test_layer_gradients_match_finite_differences(seed, rank, rslora):
    layer = random_layer(seed, rank, rslora=rslora)
    rng = np.random.default_rng(seed + 1)
    x, g = rng.normal(size=(3, 4)), rng.normal(size=(3, 5))

    def loss() -> float:
        return float(np.sum(layer.forward(x) * g))

    grad_x, grad_a, grad_b = layer.backward(x, g)
    np.testing.assert_allclose(grad_a, numeric_grad(loss, layer.A), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(grad_b, numeric_grad(loss, layer.B), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(grad_x, numeric_grad(loss, x), rtol=1e-6, atol=1e-8)


@settings(max_examples=5, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_model_gradients_match_finite_differences(seed):
    rng = np.random.default_rng(seed)
    base = ft.init_mlp((5, 4, 3, 3), seed).freeze()
    model = lora.add_lora(base, LoRAConfig(layers=(0, 2), rank=2, alpha=2.0, seed=seed))
    for a in model.adapters.values():
        a.A = rng.normal(size=a.A.shape)
    x, y = rng.normal(size=(6, 5)), rng.integers(0, 3, size=6)
    _, grads = model.loss_and_grads(x, y)
    assert set(grads) == {0, 2}

    def loss() -> float:
        return model.loss_and_grads(x, y)[0]

    for i, (grad_a, grad_b) in grads.items():
        for grad, factor in ((grad_a, model.adapters[i].A), (grad_b, model.adapters[i].B)):
            numeric = smooth_numeric_grad(loss, factor)
            assume(numeric is not None)  # a ReLU kink inside the step: no derivative there
            np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-8)


def test_w_is_read_only():
    layer = random_layer(0, 2)
    with pytest.raises(ValueError):
        layer.weight[0, 0] = 1.0
    with pytest.raises(ValueError):
        layer.bias[0] = 1.0


def test_zero_init_starts_at_the_pretrained_model(base, task):
    model = lora.add_lora(base, LoRAConfig(rank=4, alpha=16.0))
    for a in model.adapters.values():
        assert not a.A.any() and a.B.any()
        assert np.array_equal(a.delta(), np.zeros_like(a.weight))
    assert np.array_equal(model.forward(task.x_ft_test)[0], ft.forward(base, task.x_ft_test)[0])


def test_random_init_moves_the_start(base, task):
    model = lora.add_lora(base, LoRAConfig(rank=4, init="random"))
    assert all(np.abs(a.delta()).max() > 0 for a in model.adapters.values())
    gap = model.forward(task.x_ft_test)[0] - ft.forward(base, task.x_ft_test)[0]
    assert np.abs(gap).max() > 0.1


def test_w_is_bit_identical_after_training(base, task):
    before = [w.copy() for w in base.weights]
    digests = [lora_checks.checksum(w) for w in base.weights]
    run = lora_training.train_lora(base, task, LoRAConfig(rank=2, steps=30))
    assert all(np.array_equal(w, b) for w, b in zip(base.weights, before, strict=True))
    assert [lora_checks.checksum(w) for w in base.weights] == digests
    assert run.checksums_before == run.checksums_after
    for i, a in run.model.adapters.items():
        assert a.weight is not base.weights[i] and np.shares_memory(a.weight, base.weights[i])
        assert a.A.any()  # the factors did learn


def test_checksum_sees_a_single_bit():
    w = np.linspace(0.0, 1.0, 12).reshape(3, 4)
    w2 = w.copy()
    w2[1, 2] = np.nextafter(w2[1, 2], 2.0)
    assert lora_checks.checksum(w) == lora_checks.checksum(w.copy()) != lora_checks.checksum(w2)


def test_loss_goes_down(short_run):
    assert short_run.losses[-10:].mean() < 0.7 * short_run.losses[:10].mean()
    assert short_run.eval_accuracy[-1] > short_run.eval_accuracy[0]


def test_merge_equals_the_adapter_and_unmerge_restores_w(short_run, task):
    model = short_run.model
    adapted = model.forward(task.x_ft_test)[0]
    merged = ft.forward(model.merged(), task.x_ft_test)[0]
    assert np.linalg.norm(merged - adapted) <= 1e-6 * np.linalg.norm(adapted)
    for a in model.adapters.values():
        w_merged = a.merge()
        assert not np.array_equal(w_merged, a.weight)
        np.testing.assert_allclose(a.unmerge(w_merged), a.weight, rtol=0, atol=1e-12)


@settings(max_examples=6, deadline=None)
@given(rank=st.integers(1, 12), seed=st.integers(0, 100))
def test_delta_rank_is_at_most_r(rank, seed):
    layer = random_layer(seed, rank, d=20, k=16)
    s = np.linalg.svd(layer.delta(), compute_uv=False)
    assert np.all(s[rank:] <= 1e-10 * s[0])
    assert layer.delta().shape == layer.weight.shape


def test_trained_delta_rank_is_at_most_r(short_run):
    for a in short_run.model.adapters.values():
        s = np.linalg.svd(a.delta(), compute_uv=False)
        assert s[2] > 1e-8 and np.all(s[3:] <= 1e-10 * s[0])


@pytest.mark.parametrize(("alpha", "rank"), [(8.0, 4), (16.0, 16), (1.0, 1)])
def test_scaling_lora_and_rslora(alpha, rank):
    assert lora.scaling(alpha, rank) == alpha / rank
    assert lora.scaling(alpha, rank, rslora=True) == pytest.approx(alpha / np.sqrt(rank))
    layer = random_layer(1, rank, d=6, k=5, rslora=True)
    layer.alpha = alpha
    np.testing.assert_allclose(layer.delta(), alpha / np.sqrt(rank) * layer.A @ layer.B)


def test_trainable_counts(base):
    model = lora.add_lora(base, LoRAConfig(layers=(0, 1, 2), rank=4))
    assert model.n_trainable == 4 * (64 + 128) + 4 * (128 + 128) + 4 * (128 + 10)


def test_callback_sees_step_zero_then_growth(base, task):
    snaps = []
    lora_training.train_lora(
        base, task, LoRAConfig(layers=(2,), rank=2, steps=20), every=5, callback=snaps.append
    )
    assert [s.step for s in snaps] == [0, 5, 10, 15, 20]
    assert not snaps[0].delta(2).any() and not snaps[0].A[2].any()
    assert np.abs(snaps[-1].delta(2)).max() > 0
    assert snaps[0].B[2].shape == (2, 128) and snaps[0].A[2].shape == (10, 2)
    assert not snaps[-1].A[2].flags.writeable and not snaps[-1].B[2].flags.writeable


def test_seeded_run_reaches_stated_accuracy(base, task):
    # measured with the defaults (r=4, α=8, lr=0.01, 300 steps, seed 0): 0.974 on digits 5–9
    run = lora_training.train_lora(base, task)
    assert run.final_accuracy >= 0.93


def test_compare_rows(base, task):
    rows = lora_compare.compare(base, task, LoRAConfig(steps=20), ranks=(1, 4))
    assert [r.rank for r in rows] == [1, 4, None]
    assert rows[0].trainable * 4 == rows[1].trainable
    assert rows[-1].trainable == base.n_params == 26_122


def test_bad_settings_are_refused(base):
    with pytest.raises(ValueError):
        lora.add_lora(base, LoRAConfig(init="lucky"))
    with pytest.raises(ValueError):
        lora.add_lora(base, LoRAConfig(rank=0))
    with pytest.raises(ValueError):
        lora.add_lora(base, LoRAConfig(layers=()))


def test_start_check_zero_is_exact_random_is_not(base, task):
    zero = lora_checks.start_check(base, task)
    rand = lora_checks.start_check(base, task, LoRAConfig(init="random", alpha=32.0))
    assert zero.max_gap == 0.0
    assert zero.acc_pre_digits == ft.accuracy(base, task.x_pre_test, task.y_pre_test)
    # measured (seed 0, r=4, α=32): gap ≈ 15 logits, accuracy on 0–4 falls from 0.995 to ≈ 0.4
    assert rand.max_gap > 1.0 and rand.acc_pre_digits < zero.acc_pre_digits - 0.1


def test_merge_gap_is_rounding(short_run, task):
    assert lora_checks.merge_gap(short_run.model, task.x_ft_test) < 1e-12


def test_curves_csv_has_every_step(short_run):
    lines = lora_export.curves_csv(short_run).strip().splitlines()
    assert lines[0] == "step,loss,test_accuracy"
    assert len(lines) == 1 + 1 + 40
    assert lines[1].startswith("0,,") and lines[10].count(",") == 2 and lines[10].endswith(",")
    step, loss, acc = lines[-1].split(",")
    assert step == "40" and float(loss) == pytest.approx(short_run.losses[-1], abs=1e-6)
    assert float(acc) == pytest.approx(short_run.final_accuracy)


def test_factors_npz_round_trip(short_run):
    import io

    data = np.load(io.BytesIO(lora_export.factors_npz(short_run)))
    a = short_run.model.adapters[1]
    assert np.array_equal(data["A_layer2"], a.A) and np.array_equal(data["B_layer2"], a.B)
    np.testing.assert_allclose(
        data["deltaW_layer2"], data["scaling"] * data["A_layer2"] @ data["B_layer2"]
    )
    assert int(data["rank"]) == 3


@pytest.mark.parametrize(("layers", "rank"), [((0,), 1), ((0, 1, 2), 4), ((2, 0), 16)])
def test_budget_counts_the_factors_that_add_lora_makes(base, layers, rank):
    trained = lora.budget(base, layers, rank)
    model = lora.add_lora(base, LoRAConfig(layers, rank))
    assert trained.lora == model.n_trainable  # the sizes of the real A and B arrays
    # full fine-tuning of those layers trains their weights and biases (as compare() does)
    assert trained.full == sum(base.weights[i].size + base.biases[i].size for i in model.adapters)
    assert trained.share == pytest.approx(model.n_trainable / trained.full)


def test_budget_and_comparison_share_one_definition_of_full_fine_tuning(base):
    """The report: r = 4 was "9.1% of 25,856 weights" in the budget and "9.0% of 26,122 weights
    and biases" in the comparison table. Over every layer both now count weights and biases."""
    trained = lora.budget(base, (0, 1, 2), 4)
    assert trained.full == base.n_params == 26_122
    assert trained.lora == 4 * (64 + 128) + 4 * (128 + 128) + 4 * (128 + 10)
    assert f"{trained.share:.1%}" == "9.0%"


def test_snapshot_loss_is_the_mean_since_the_last_one(base, task):
    snaps = []
    run = lora_training.train_lora(
        base, task, LoRAConfig(rank=2, steps=12), every=5, callback=snaps.append
    )
    assert [s.step for s in snaps] == [0, 5, 10, 12]
    assert snaps[1].loss == pytest.approx(run.losses[0:5].mean())
    assert snaps[3].loss == pytest.approx(run.losses[10:12].mean())
    np.testing.assert_allclose(snaps[-1].delta(0), run.model.adapters[0].delta())
    assert snaps[0].delta_max(0) == 0.0  # one factor starts at zero
    expected = np.abs(
        run.model.adapters[0].scaling * run.model.adapters[0].A @ run.model.adapters[0].B
    ).max()
    assert snaps[-1].delta_max(0) == pytest.approx(expected, rel=1e-12)


def test_delta_check_and_unmerge_error_against_numpy(task) -> None:
    base, _ = ft.pretrain(task, steps=50)
    run = lora_training.train_lora(base, task, LoRAConfig(layers=(1,), rank=3, steps=20))
    adapter = run.model.adapters[1]
    check = lora_checks.delta_check(adapter)
    delta = adapter.scaling * (adapter.A @ adapter.B)
    np.testing.assert_allclose(check.singular_values, np.linalg.svd(delta, compute_uv=False))
    assert np.all(check.singular_values[3:] <= 1e-12 * check.singular_values[0])  # rank ≤ r
    assert check.delta_norm == pytest.approx(np.sqrt(np.sum(delta**2)))
    assert check.weight_norm == pytest.approx(np.sqrt(np.sum(adapter.weight**2)))
    assert 0 <= lora_checks.unmerge_error(run.model) < 1e-12
    assert lora_checks.all_test_images(task).shape[0] == len(task.y_pre_test) + len(task.y_ft_test)


def _uniform_factors(seed: int, d: int, k: int, rank: int) -> tuple[np.ndarray, np.ndarray]:
    """B then A as create() draws them: uniform, B in ±1/√k, A in ±1/√r."""
    rng = np.random.default_rng(seed)
    b = rng.uniform(-1.0, 1.0, size=(rank, k)) / np.sqrt(k)
    return b, rng.uniform(-1.0, 1.0, size=(d, rank)) / np.sqrt(rank)


def test_create_draws_b_from_seed_zero_by_default_and_a_is_zero():
    weight, bias = np.ones((5, 4)), np.zeros(5)
    layer = lora.LoRALinear.create(weight, bias, 3, 2.0)
    np.testing.assert_array_equal(layer.B, _uniform_factors(0, 5, 4, 3)[0])
    np.testing.assert_array_equal(layer.A, np.zeros((5, 3)))
    assert layer.scaling == 2.0 / 3


def test_random_init_draws_a_in_plus_minus_one_over_root_r():
    weight, bias = np.ones((6, 4)), np.zeros(6)
    layer = lora.LoRALinear.create(
        weight, bias, 2, 1.0, init="random", rng=np.random.default_rng(7)
    )
    b, a = _uniform_factors(7, 6, 4, 2)
    np.testing.assert_array_equal(layer.B, b)
    np.testing.assert_array_equal(layer.A, a)


class _Clock:
    """A perf_counter that a callback can move forward, far from zero."""

    def __init__(self) -> None:
        self.offset = 1e6

    def __call__(self) -> float:
        return time.perf_counter_ns() * 1e-9 + self.offset


def test_seconds_leave_out_the_callbacks_and_progress_counts_the_steps(base, task, monkeypatch):
    clock = _Clock()
    monkeypatch.setattr(lora_training.time, "perf_counter", clock)
    done = []

    def slow_callback(_: lora_training.Snapshot) -> None:
        clock.offset += 1000.0  # each callback "takes" 1000 s

    run = lora_training.train_lora(
        base,
        task,
        LoRAConfig(layers=(2,), rank=2, steps=20),
        every=5,
        callback=slow_callback,
        progress=done.append,
    )
    assert 0.0 <= run.seconds < 1000.0
    assert done == [0.25, 0.5, 0.75, 1.0]


def test_compare_times_the_full_fine_tuning_and_reports_progress(base, task, monkeypatch):
    monkeypatch.setattr(lora_training.time, "perf_counter", _Clock())
    done = []
    rows = lora_compare.compare(base, task, LoRAConfig(steps=5), ranks=(1,), progress=done.append)
    assert all(0.0 <= row.seconds < 1000.0 for row in rows)
    assert done == [0.5, 1.0]


def test_compare_gives_lora_and_full_fine_tuning_the_same_batches(base, task, monkeypatch):
    seen: dict[str, list[np.ndarray]] = {"lora": [], "full": []}

    def recording(name: str, batches):
        def wrapped(*args, **kwargs):
            for idx in batches(*args, **kwargs):
                seen[name].append(idx)
                yield idx

        return wrapped

    monkeypatch.setattr(lora_training, "batches", recording("lora", ft.batches))
    monkeypatch.setattr(ft, "batches", recording("full", ft.batches))
    lora_compare.compare(base, task, LoRAConfig(steps=3, seed=5), ranks=(1,))
    assert len(seen["lora"]) == len(seen["full"]) == 3
    assert all(np.array_equal(a, b) for a, b in zip(seen["lora"], seen["full"], strict=True))


def test_defaults_are_rank_4_alpha_8_on_every_layer_for_300_steps(base, task):
    model = lora.add_lora(base)
    assert sorted(model.adapters) == [0, 1, 2]
    assert {(a.rank, a.alpha, a.scaling) for a in model.adapters.values()} == {(4, 8.0, 2.0)}
    run = lora_training.train_lora(base, task, LoRAConfig(layers=(2,)), every=300)
    assert run.losses.size == 300 and run.eval_steps.tolist() == [0, 300]
    assert run.model.adapters[2].rank == 4


def test_default_seed_is_zero_and_accuracy_is_measured_every_10_steps(base, task):
    first, again = lora.add_lora(base), lora.add_lora(base, LoRAConfig(seed=0))
    assert all(np.array_equal(first.adapters[i].B, again.adapters[i].B) for i in first.adapters)
    run = lora_training.train_lora(base, task, LoRAConfig(layers=(2,), steps=20))
    assert run.eval_steps.tolist() == [0, 10, 20]
    seeded = lora_training.train_lora(base, task, LoRAConfig(layers=(2,), steps=20, seed=0))
    np.testing.assert_array_equal(run.model.adapters[2].A, seeded.model.adapters[2].A)


def test_compare_and_start_check_default_to_seed_zero(base, task):
    rows = lora_compare.compare(base, task, LoRAConfig(steps=5), ranks=(2,))
    seeded = lora_compare.compare(base, task, LoRAConfig(steps=5, seed=0), ranks=(2,))
    assert [(r.accuracy, r.old_accuracy) for r in rows] == [
        (r.accuracy, r.old_accuracy) for r in seeded
    ]
    random_start = lora_checks.start_check(base, task, LoRAConfig(init="random", alpha=32.0))
    assert random_start == lora_checks.start_check(
        base, task, LoRAConfig(init="random", alpha=32.0, seed=0)
    )
    assert random_start != lora_checks.start_check(
        base, task, LoRAConfig(init="random", alpha=32.0, seed=1)
    )


def test_checksum_is_the_first_16_hex_digits_of_sha256_over_bytes_shape_and_dtype():
    a = np.arange(6.0).reshape(2, 3)
    digest = hashlib.sha256(a.tobytes() + b"(2, 3)float64").hexdigest()[:16]
    assert lora_checks.checksum(a) == digest and len(digest) == 16


def test_step_zero_snapshot_has_the_pretrained_loss_on_the_whole_training_set(base, task):
    snaps = []
    lora_training.train_lora(
        base, task, LoRAConfig(layers=(2,), rank=2, steps=5), every=5, callback=snaps.append
    )
    logits = lora_checks.base_logits(base, task.x_ft_train)  # ΔW = 0 at step 0
    assert snaps[0].loss == pytest.approx(ft.softmax_cross_entropy(logits, task.y_ft_train)[0])


def test_progress_counts_every_step_when_measured_every_step(base, task):
    done = []
    lora_training.train_lora(
        base, task, LoRAConfig(layers=(2,), rank=1, steps=2), every=1, progress=done.append
    )
    assert done == [0.5, 1.0]


def test_config_is_a_stable_hashable_key():
    chosen = LoRAConfig(layers=(2, 0, 2), rank=8)
    assert chosen.layers == (0, 2)
    assert chosen == LoRAConfig(layers=(0, 2), rank=8) and hash(chosen) == hash(
        LoRAConfig((0, 2), 8)
    )
    assert {chosen: 1}[LoRAConfig(layers=[0, 2], rank=8)] == 1  # a list of layers keys the same
    assert chosen != LoRAConfig(layers=(0, 2), rank=8, init="random")
    with pytest.raises(AttributeError):
        chosen.rank = 4  # type: ignore[misc]  # frozen: a cache key cannot change under the cache


def _row(rank: int | None, accuracy: float) -> lora_compare.ComparisonRow:
    return lora_compare.ComparisonRow(rank, accuracy, 0.9, 100, 0.1)


def test_matching_rank_is_the_smallest_within_three_points_of_full_fine_tuning():
    assert lora_compare.MATCH_MARGIN == 0.03
    full = _row(None, 0.95)
    rows = [_row(1, 0.90), _row(2, 0.925), _row(4, 0.94), full]
    assert lora_compare.matching_rank(rows).rank == 2  # 0.925 ≥ 0.95 − 0.03, r = 1 is 5 points off
    rows = [_row(1, 0.90), _row(2, 0.919), _row(4, 0.94), full]
    assert lora_compare.matching_rank(rows).rank == 4  # 0.919 is 3.1 points off
    rows = [_row(1, 0.80), _row(2, 0.85), _row(4, 0.84), full]
    assert lora_compare.matching_rank(rows).rank == 2  # none close: the most accurate LoRA row
    rows = [_row(1, 0.99), full]
    assert lora_compare.matching_rank(rows).rank == 1  # better than full fine-tuning also matches
