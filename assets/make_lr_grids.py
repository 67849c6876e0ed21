"""Compute the rank × learning-rate maps of /svd_meets_lora into assets/lr_grids.json.

``python assets/make_lr_grids.py``: every task of lowrank.finetune.SHIFTS, with the α/r and the
α/√r (rsLoRA) scale, 56 short runs each (a few seconds a map on a quiet machine). Run it again
after changing the training, the grid or its settings: the page computes any map whose stored
settings differ, and tests/unit/test_lr_grid.py recomputes a sample of the stored cells.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lowrank import finetune, lr_grid


def main() -> None:
    grids = {}
    for shift in finetune.SHIFTS:
        task = finetune.load_task(shift, 0)
        base = finetune.pretrain(task, 0)[0]
        for rslora in (False, True):
            started = time.perf_counter()
            config = lr_grid.page_config(rslora)
            grids[f"{shift}/{rslora}"] = (config, lr_grid.grid(base, task, config))
            print(f"{shift} rslora={rslora}: {time.perf_counter() - started:.1f} s")
    lr_grid.ASSET.write_text(lr_grid.to_json(grids), "utf-8")
    print("wrote", lr_grid.ASSET)


if __name__ == "__main__":
    main()
