"""A one-slider app for the block renderer's browser test (tests/e2e/test_block_e2e.py)."""

import streamlit as st

from lowrank.ui.block import block
from lowrank.views.block import Block, Chart, Line, Metric, Sentence, Series
from lowrank.views.positions import Positions

KS = tuple(range(1, 13))
k = st.slider("k", 1, len(KS), 3, key="k", bind="query-params")
st.caption(f"rerun saw k = {k}")  # drawn by the rerun, not by the block: tells the test it is over
curve = Series(
    "(k − 6)² + 1", tuple(map(float, KS)), tuple(float((x - 6) ** 2 + 1) for x in KS), "#1f77b4"
)
block(
    "demo",
    "k",
    Block(
        Positions(1, 1, len(KS)),
        (
            Metric(
                "k squared",
                tuple(str(x * x) for x in KS),
                "k times k",
                tuple(f"{x}·{x}" for x in KS),
            ),
        ),
        (Sentence(tuple(f"At **k = {x}** the curve is *{(x - 6) ** 2 + 1}*." for x in KS)),),
        (
            Chart(
                "A parabola",
                "k",
                "value",
                (curve,),
                tuple(map(float, KS)),
                tuple(f"mark at k = {x}" for x in KS),
                (Line(6.0, "lowest", "#2ca02c"),),
            ),
            Chart(
                "Bars",
                "i",
                "σ",
                (
                    Series(
                        "σ",
                        tuple(map(float, KS)),
                        tuple(13.0 - x for x in KS),
                        "#1f77b4",
                        bars=True,
                    ),
                ),
                tuple(x + 0.5 for x in KS),
                tuple(f"{x} kept" for x in KS),
                mark_labels=tuple(f"k = {x}" for x in KS),
                band="dropped",
            ),
            Chart(  # a thick line whose dropped part is veiled, its text alternative in two parts
                "A falling line",
                "i",
                "σ",
                (Series("σ", tuple(map(float, KS)), tuple(13.0 - x for x in KS), "#444", width=3),),
                tuple(map(float, KS)),
                tuple(f"{x} kept." for x in KS),
                band="dropped",
                alt_lead="Twelve values, falling. ",
            ),
        ),
        metric_columns=2,
    ),
    at=k,
)
