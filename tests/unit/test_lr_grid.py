"""The rank × learning-rate map (lowrank.lr_grid): each cell is the run it names, the best rates
and their ratio are read off correctly, and what the page prints about the default map is true."""

from dataclasses import replace

import numpy as np
import pytest

from lowrank import finetune as ft
from lowrank import lr_grid
from lowrank.lora import LoRAConfig
from lowrank.lora_training import train_lora
from lowrank.views import svd_meets_lora as views


@pytest.fixture(scope="module")
def setup():
    task = ft.load_task("rotate", 0)
    return task, ft.pretrain(task, 0)[0]


def synthetic(lora: list[list[float]], full: list[float]) -> lr_grid.Grid:
    return lr_grid.Grid((1, 4), (1e-3, 1e-2, 1e-1), np.array(lora), np.array(full), rslora=False)


def test_best_rates_ratio_and_spread():
    grid = synthetic([[3.0, 1.0, 2.0], [3.0, 2.0, 0.5]], [0.2, 0.9, 5.0])
    assert grid.best_lora_lr().tolist() == [1e-2, 1e-1]
    assert grid.best_full_lr() == 1e-3
    np.testing.assert_allclose(grid.ratios(), [10.0, 100.0])
    assert grid.spread() == pytest.approx(10.0)


def test_the_learning_rates_are_eight_half_decades():
    assert len(lr_grid.GRID_LRS) == 8
    np.testing.assert_allclose(np.diff(np.log10(lr_grid.GRID_LRS)), 0.5)
    assert lr_grid.GRID_LRS[0] == pytest.approx(1e-4)
    assert lr_grid.GRID_RANKS == (1, 2, 4, 8, 16, 32)


def test_a_diverged_run_counts_as_the_worst_loss():
    y = np.array([0, 1])
    assert lr_grid.final_loss(np.array([[np.nan, 0.0], [0.0, 1.0]]), y) == lr_grid.DIVERGED
    assert lr_grid.final_loss(np.array([[np.inf, 0.0], [0.0, 1.0]]), y) == lr_grid.DIVERGED
    expected = ft.softmax_cross_entropy(np.array([[2.0, 0.0], [0.0, 1.0]]), y)[0]
    assert lr_grid.final_loss(np.array([[2.0, 0.0], [0.0, 1.0]]), y) == expected


def test_each_cell_is_the_run_it_names(setup):
    task, base = setup
    config = LoRAConfig(layers=(0, 1), init="kaiming", steps=20)
    grid = lr_grid.grid(base, task, config, ranks=(2, 8), lrs=(1e-3, 3e-2))
    assert grid.lora.shape == (2, 2) and grid.full.shape == (2,)
    run = train_lora(
        base, task, LoRAConfig(layers=(0, 1), init="kaiming", steps=20, rank=8, lr=3e-2), every=20
    )
    logits = run.model.forward(task.x_ft_train)[0]
    assert grid.lora[1, 1] == ft.softmax_cross_entropy(logits, task.y_ft_train)[0]
    full, _ = ft.train(base, task.x_ft_train, task.y_ft_train, steps=20, lr=1e-3, seed=1)
    logits = ft.forward(full, task.x_ft_train)[0]
    assert grid.full[0] == ft.softmax_cross_entropy(logits, task.y_ft_train)[0]
    lines = lr_grid.grid_csv(grid).splitlines()
    assert lines[0] == "method,rank,lr,final_loss"
    assert lines[4] == f"lora,8,0.03,{grid.lora[1, 1]:.6f}"
    assert lines[5] == f"full,,0.001,{grid.full[0]:.6f}"
    assert len(lines) == 1 + 4 + 2


@pytest.mark.parametrize("shift", list(ft.SHIFTS))
@pytest.mark.parametrize("rslora", [False, True])
def test_the_stored_maps_are_what_the_runs_give(shift, rslora):
    """assets/lr_grids.json (assets/make_lr_grids.py) holds every map the page shows; a sample
    of its cells, two LoRA cells and one of full fine-tuning per map, is recomputed."""
    config = lr_grid.page_config(rslora)
    stored = lr_grid.precomputed(shift, config)
    assert stored is not None and stored.rslora == rslora
    assert stored.lora.shape == (6, 8) and stored.full.shape == (8,)
    task = ft.load_task(shift, 0)
    base = ft.pretrain(task, 0)[0]
    rng = np.random.default_rng(len(shift) + rslora)  # a different sample for every map
    for i, j in zip(rng.integers(0, 6, 2), rng.integers(0, 8, 2), strict=True):
        cell = lr_grid.lora_cell(
            base, task, replace(config, rank=lr_grid.GRID_RANKS[i], lr=lr_grid.GRID_LRS[j])
        )
        assert stored.lora[i, j] == pytest.approx(cell, rel=1e-9)
    j = int(rng.integers(0, 8))
    cell = lr_grid.full_cell(base, task, lr_grid.GRID_LRS[j], config.steps, config.seed)
    assert stored.full[j] == pytest.approx(cell, rel=1e-9)


def test_a_map_of_other_settings_is_not_served(tmp_path):
    config = lr_grid.page_config(False)
    assert lr_grid.precomputed("rotate", replace(config, alpha=16.0)) is None
    assert lr_grid.precomputed("rotate", config, ranks=(1, 2)) is None
    assert lr_grid.precomputed("rotate", config, path=tmp_path / "absent.json") is None
    g = lr_grid.Grid((1,), (0.1,), np.array([[0.5]]), np.array([0.25]), False)
    path = tmp_path / "grids.json"
    path.write_text(lr_grid.to_json({"rotate/False": (config, g)}))
    back = lr_grid.precomputed("rotate", config, (1,), (0.1,), path=path)
    assert back is not None and back.lora.tolist() == [[0.5]] and back.full.tolist() == [0.25]


def test_what_the_page_says_about_the_default_map():
    """The finding the report and the page's verdict state (task "rotate", seed 0), read from the
    stored maps (checked above): full fine-tuning's best rate is 0.01; LoRA's best is 1–3.2×
    that, not ≈10×; with α/r it moves by one cell (3.2×) across ranks, with rsLoRA's α/√r it
    does not move at all."""
    plain = lr_grid.precomputed("rotate", lr_grid.page_config(False))
    rs = lr_grid.precomputed("rotate", lr_grid.page_config(True))
    assert plain is not None and rs is not None
    for grid in (plain, rs):
        assert grid.best_full_lr() == pytest.approx(1e-2)
        assert grid.ratios().max() < views.NEAR_TEN[0]
    assert plain.spread() == pytest.approx(10**0.5)
    assert rs.spread() == 1.0
    assert set(np.round(plain.ratios(), 2)) == {1.0, 3.16}
    assert np.all(rs.ratios() == 1.0)
