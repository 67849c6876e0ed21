"""Speed of the core alone (no Streamlit, no browser): figures printed, nothing asserted.

Usage: ``python bench/compute.py [--repeat 5] [--quick]``

- SVD of the example matrices, of the 600×512 photograph (grey and colour; colour also with
  OpenBLAS's default threads) and of the largest working image (1024×1024 colour), with the
  channels one after another and in parallel threads as the app's loader does;
- rank-k reconstruction of the photograph at several k, and one rank-1 update (what the live view
  does per rank in the browser, here in numpy);
- full SVD against scikit-learn's ``randomized_svd`` for the ranks the image page shows, with the
  accuracy of the singular values it would show;
- packing of the factors for the live view: size and error of each encoding;
- training runs (pretraining, full fine-tuning, one LoRA run, the rank comparison);
- /svd_meets_lora's three computations (the four starts, the intruder sweep, the rank × LR map,
  which issue 18 wants under 10 s cold, else precomputed).

Each figure is the median of ``--repeat`` runs (training: one run) on this machine, which other
work may share: read ratios rather than absolute times.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sklearn.utils.extmath import randomized_svd
from threadpoolctl import threadpool_limits

from lowrank import (
    examples,
    finetune,
    image_source,
    intruders,
    lora,
    lora_compare,
    lora_starts,
    lora_training,
    lr_grid,
    packing,
)
from lowrank import image as im
from lowrank.svd import decompose


def timed(work: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``work`` in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def section(title: str) -> None:
    print(f"\n## {title}\n")


def table(header: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")


def svd_timings(photo: np.ndarray, repeat: int) -> None:
    section("SVD (numpy gesdd, deterministic signs)")
    rows: list[tuple[object, ...]] = []
    for name in examples.EXAMPLE_IDS:
        matrix = examples.example(name)
        ms = timed(lambda m=matrix: decompose(m), repeat)
        rows.append((f"example {name}", "×".join(map(str, matrix.shape)), f"{ms:.2f}"))
    grey = im.to_grey(photo)
    rows.append(("photo grey", "600×512", f"{timed(lambda: im.decompose_image(grey), repeat):.0f}"))
    rows.append(
        (
            "photo colour (3 channels)",
            "600×512×3",
            f"{timed(lambda: im.decompose_image(photo), repeat):.0f}",
        )
    )
    with threadpool_limits(limits=os.cpu_count(), user_api="blas"):
        rows.append(
            (
                f"photo colour, {os.cpu_count()} BLAS threads (OpenBLAS's default)",
                "600×512×3",
                f"{timed(lambda: im.decompose_image(photo), repeat):.0f}",
            )
        )
    side = image_source.WORKING_SIDE
    largest = np.random.default_rng(0).integers(0, 256, (side, side, 3)).astype(np.uint8)
    rows.append(
        (
            "noise colour at the largest working size",
            f"{side}×{side}×3",
            f"{timed(lambda: im.decompose_image(largest), repeat):.0f}",
        )
    )
    workers = im.CHANNEL_WORKERS
    rows.append(
        (
            f"photo colour, channels in {workers} threads (the app's loader)",
            "600×512×3",
            f"{timed(lambda: im.decompose_image(photo, workers), repeat):.0f}",
        )
    )
    rows.append(
        (
            f"noise colour at the largest size, channels in {workers} threads (the app's)",
            f"{side}×{side}×3",
            f"{timed(lambda: im.decompose_image(largest, workers), repeat):.0f}",
        )
    )
    table(("input", "shape", "ms"), rows)


def reconstruction_timings(decomposition: im.ImageSVD, repeat: int) -> None:
    section("Reconstruction of the colour photograph (rounded, clipped, uint8)")
    rows: list[tuple[object, ...]] = []
    for k in (1, 5, 20, 50, 100, 200, decomposition.max_rank):
        rows.append((k, f"{timed(lambda k=k: im.reconstruct_image(decomposition, k), repeat):.1f}"))
    table(("k", "ms"), rows)
    acc = [np.zeros(svd.shape) for svd in decomposition.channels]

    def rank_one_update() -> None:
        for a, svd in zip(acc, decomposition.channels, strict=True):
            a += svd.s[20] * np.outer(svd.u[:, 20], svd.vt[20])

    print(
        f"\nOne rank-1 update of all three channels (numpy, float64): "
        f"{timed(rank_one_update, repeat * 4):.2f} ms"
    )


def randomized_comparison(photo: np.ndarray, repeat: int) -> None:
    section("Full SVD against randomized_svd (the ranks the image page shows)")
    print(
        "The page's slider runs k = 1 … min(m, n) and its charts plot every σᵢ, so it needs all"
        " of them;\nrandomized_svd is asked for the first r (n_iter=4, oversamples=10, seed 0)."
        " Error: max over i ≤ r of |σᵢ − σᵢ(exact)| / σᵢ(exact).\n"
    )
    rng = np.random.default_rng(0)
    inputs = {
        "photo grey 600×512": im.to_grey(photo).astype(np.float64),
        "photo red channel 600×512": photo[:, :, 0].astype(np.float64),
        "noise 600×512": rng.integers(0, 256, (600, 512)).astype(np.float64),
    }
    rows: list[tuple[object, ...]] = []
    for name, matrix in inputs.items():
        exact = np.linalg.svd(matrix, compute_uv=False)
        full_ms = timed(lambda m=matrix: decompose(m), repeat)
        rows.append((name, "all 512 (full SVD)", f"{full_ms:.0f}", "0 (reference)"))
        for r in (20, 50, 100, 200, 512):

            def run(m=matrix, r=r) -> np.ndarray:
                return randomized_svd(m, r, n_iter=4, random_state=0)[1]

            ms = timed(run, repeat)
            error = float(np.max(np.abs(run() - exact[:r]) / np.maximum(exact[:r], 1e-300)))
            rows.append((name, f"first {r}", f"{ms:.0f}", f"{error:.1e}"))
    table(("input", "σ computed", "ms", "max relative error of σ"), rows)


def packing_figures(photo: np.ndarray, decomposition: im.ImageSVD, repeat: int) -> None:
    section("Packed factors for the live view (colour photograph)")
    rows: list[tuple[object, ...]] = []
    for dtype in ("float32", "int16", "int8"):
        ms = timed(lambda d=dtype: packing.encode(decomposition.channels, d), repeat)
        blob = packing.encode(decomposition.channels, dtype).blob()
        packed = packing.decode(blob)
        worst, mean, share = 0.0, 0.0, 0.0
        ks = (1, 20, 100, decomposition.max_rank)
        for k in ks:
            exact = im.reconstruct_image(decomposition, k).astype(np.int16)
            shown = np.clip(np.rint(np.moveaxis(packed.reconstruct(k), 0, -1)), 0, 255)
            diff = np.abs(shown - exact)
            worst = max(worst, float(diff.max()))
            mean += float(diff.mean()) / len(ks)
            share += float(np.mean(diff > 0)) / len(ks)
        rows.append(
            (
                dtype,
                f"{len(blob) / 1e6:.2f}",
                f"{ms:.0f}",
                f"{worst:.0f}",
                f"{mean:.3f}",
                f"{share:.2%}",
            )
        )
    table(("encoding", "MB", "encode ms", "max |Δ| grey levels", "mean |Δ|", "pixels off"), rows)
    print("\n(Δ: the rank-k picture from the packed factors against numpy's, k = 1, 20, 100, 512.)")


def training_timings(quick: bool) -> None:
    section("Training (numpy MLP on scikit-learn's digits; one run each)")
    rows: list[tuple[object, ...]] = []
    started = time.perf_counter()
    task = finetune.load_task()
    rows.append(("load digits task", f"{time.perf_counter() - started:.2f}"))
    started = time.perf_counter()
    base, _ = finetune.pretrain(task)
    rows.append(
        (f"pretrain ({finetune.PRETRAIN_STEPS} steps)", f"{time.perf_counter() - started:.2f}")
    )
    started = time.perf_counter()
    lora_training.train_lora(base, task)
    rows.append(
        (
            f"LoRA r={lora.DEFAULT_RANK} ({lora.DEFAULT_STEPS} steps)",
            f"{time.perf_counter() - started:.2f}",
        )
    )
    if not quick:
        started = time.perf_counter()
        finetune.run_finetune()
        rows.append(("pretrain + full fine-tune", f"{time.perf_counter() - started:.2f}"))
        started = time.perf_counter()
        lora_compare.compare(base, task)
        rows.append(
            ("rank comparison (LoRA r = 1…16 and full)", f"{time.perf_counter() - started:.2f}")
        )
    table(("run", "s"), rows)


def svd_meets_lora_timings() -> None:
    """The page's three computations, cold (task "rotate", seed 0, its default settings)."""
    section("/svd_meets_lora (one run each, cold; the page shows a progress bar meanwhile)")
    task = finetune.load_task("rotate")
    base, _ = finetune.pretrain(task)
    layers = (0, 1)
    config = lora.LoRAConfig(layers=layers, init="kaiming")
    grid_config = lora.LoRAConfig(layers=layers, init="kaiming", steps=lr_grid.GRID_STEPS)
    works: list[tuple[str, Callable[[], object]]] = [
        (
            "four starts, r = 4 (300 steps each)",
            lambda: lora_starts.compare_starts(base, task, config),
        ),
        (
            "intruder sweep (LoRA r = 1…32, full FT at 2 rates)",
            lambda: intruders.sweep(
                base,
                task,
                config,
                lr_grid.GRID_RANKS,
                1,
                full_lrs=(finetune.FINETUNE_LR, config.lr),
            ),
        ),
        (
            f"rank × LR map (56 runs of {lr_grid.GRID_STEPS} steps), α/r",
            lambda: lr_grid.grid(base, task, grid_config),
        ),
    ]
    rows: list[tuple[object, ...]] = []
    for name, work in works:
        started = time.perf_counter()
        work()
        rows.append((name, f"{time.perf_counter() - started:.2f}"))
    table(("computation", "s"), rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="skip the long training runs")
    args = parser.parse_args()
    print(
        f"# Core timings — {time.strftime('%Y-%m-%d %H:%M')}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, numpy {np.__version__}, load average "
        f"{os.getloadavg()[0]:.1f}"
    )
    print(
        "\nOne BLAS thread throughout (as the app runs its SVDs and training), except where a"
        " row says otherwise."
    )
    with threadpool_limits(limits=1, user_api="blas"):
        photo = image_source.builtin_image("photo").pixels
        decomposition = im.decompose_image(photo)
        svd_timings(photo, args.repeat)
        reconstruction_timings(decomposition, args.repeat)
        randomized_comparison(photo, args.repeat)
        packing_figures(photo, decomposition, args.repeat)
        training_timings(args.quick)
        svd_meets_lora_timings()


if __name__ == "__main__":
    main()
