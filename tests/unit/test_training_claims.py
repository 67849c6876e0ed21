"""The /training sentences that describe measured data or the set-up, checked against them.

Each test names the catalogue key whose words it checks. Runs use the page's defaults (seed 0).
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
from sklearn.datasets import load_digits

from lowrank import finetune as ft
from lowrank import i18n, lora, lora_checks, lora_compare, lora_training
from lowrank.lora import LoRAConfig

SHIFTS = tuple(ft.SHIFTS)


@cache
def pretrained(shift: str) -> tuple[ft.DigitTask, ft.MLP]:
    task = ft.load_task(shift, seed=0)
    return task, ft.pretrain(task, seed=0)[0]


def test_model_and_steps_describe_the_real_set_up() -> None:
    """training.model, training.steps and training.compare.intro quote the set-up's numbers."""
    model = i18n.t("training.model", "en")
    sizes = " → ".join(map(str, ft.LAYER_SIZES))
    assert f"a {sizes} multilayer perceptron" in model
    assert f"({len(load_digits().target):,} images)" in model
    split = f"{1 - ft.TEST_FRACTION:.0%} train / {ft.TEST_FRACTION:.0%} test"
    assert split in model and f"Pretrained for {ft.PRETRAIN_STEPS} steps" in model
    assert f"({ft.BATCH_SIZE} images each)" in i18n.t("training.steps", "en")
    intro = i18n.t("training.compare.intro", "en", alpha="8", full="1")
    assert f"r = {', '.join(map(str, lora_compare.COMPARE_RANKS))}" in intro
    assert f"learning rate {ft.FINETUNE_LR:g}" in intro and ft.FINETUNE_LR == ft.PRETRAIN_LR


def test_init_intro_only_a_learns_at_the_first_step() -> None:
    """training.init.intro: at step 1 only A moves (B's gradient holds A = 0); from step 2 both."""
    task, base = pretrained("low_high")
    start = lora.add_lora(
        base, LoRAConfig(lora.DEFAULT_LAYERS, lora.DEFAULT_RANK, lora.DEFAULT_ALPHA)
    )
    one = lora_training.train_lora(base, task, LoRAConfig(steps=1)).model
    two = lora_training.train_lora(base, task, LoRAConfig(steps=2)).model
    for i, first in start.adapters.items():
        assert not first.A.any() and np.array_equal(one.adapters[i].B, first.B)
        assert np.abs(one.adapters[i].A).max() > 0
        assert not np.array_equal(two.adapters[i].B, first.B)


@pytest.mark.parametrize("shift", SHIFTS)
def test_init_verdict_a_random_start_loses_old_knowledge_more_with_larger_alpha(shift: str) -> None:
    """training.init.verdict: at the default α = 8 the random start already loses accuracy on the
    old digits (on every task), and α = 32 loses more."""
    task, base = pretrained(shift)
    zero = lora_checks.start_check(base, task)
    at = {
        a: lora_checks.start_check(base, task, LoRAConfig(alpha=a, init="random"))
        for a in (8.0, 32.0)
    }
    assert zero.max_gap == 0.0
    assert at[8.0].acc_pre_digits < zero.acc_pre_digits
    assert at[32.0].acc_pre_digits < at[8.0].acc_pre_digits


@pytest.mark.parametrize("shift", SHIFTS)
def test_size_paper_the_update_can_be_as_large_as_w(shift: str) -> None:
    """training.checks.size_paper: unlike GPT-3's (6.91 against 61.95), this network's update is
    of the order of W itself: ‖ΔW‖_F / ‖W‖_F between 0.5 and 1.5 on every layer, by default."""
    task, base = pretrained(shift)
    run = lora_training.train_lora(base, task)
    for i, adapter in run.model.adapters.items():
        delta = adapter.scaling * adapter.A @ adapter.B
        ratio = np.linalg.norm(delta) / np.linalg.norm(base.weights[i])
        assert 0.5 < ratio < 1.5, (shift, i, ratio)


@pytest.mark.parametrize("shift", SHIFTS)
def test_compare_intro_full_fine_tuning_does_not_hinge_on_its_learning_rate(shift: str) -> None:
    """training.compare.intro: with seed 0, full fine-tuning at LoRA's learning rate ends within
    1.5 points of its own (pretraining's) learning rate on every task."""
    task, base = pretrained(shift)
    accuracy = {}
    for lr in (ft.FINETUNE_LR, lora.DEFAULT_LR):
        full, _ = ft.train(
            base,
            task.x_ft_train,
            task.y_ft_train,
            steps=lora.DEFAULT_STEPS,
            lr=lr,
            batch_size=ft.BATCH_SIZE,
            seed=1,
        )
        accuracy[lr] = ft.accuracy(full, task.x_ft_test, task.y_ft_test)
    assert abs(accuracy[ft.FINETUNE_LR] - accuracy[lora.DEFAULT_LR]) <= 0.015
