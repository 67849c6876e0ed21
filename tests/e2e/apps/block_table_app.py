"""A one-slider app with a block's table and picture, for tests/e2e/test_block_e2e.py."""

import streamlit as st

from lowrank.ui.block import block
from lowrank.views.block import Block, Picture, Shape, Table
from lowrank.views.positions import Positions

KS = tuple(range(1, 6))
k = st.slider("k", 1, len(KS), 2, key="k", bind="query-params")
st.caption(f"rerun saw k = {k}")  # drawn by the rerun, not by the block: tells the test it is over
block(
    "drawn",
    "k",
    Block(
        Positions(1, 1, len(KS)),
        tables=(
            Table(
                tuple((("k", "k²"), (f"**{x}**", f"{x * x:,}")) for x in KS),
                ("left", "right"),
                caption="squares",
            ),
        ),
        pictures=(
            Picture(
                "A bar k wide",
                200,
                40,
                tuple(
                    (
                        Shape.of("rect", x=0, y=5, width=20 * x, height=20, fill="#1f6feb"),
                        Shape.of("text", f"k = {x}", x=190, y=20, text_anchor="end"),
                    )
                    for x in KS
                ),
                tuple(f"a bar {20 * x} wide" for x in KS),
            ),
        ),
    ),
    at=k,
)
