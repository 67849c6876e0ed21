"""A one-slider app for the block renderer's log-axis features (tests/e2e/test_block_e2e.py): a
log x axis with named ticks and a fixed range, horizontal levels (one labelled below its line),
curves with marks of their own (one labelled), a metric with a colour swatch and a sentence
before the metrics. /why_delta_w's blocks use them."""

import streamlit as st

from lowrank.ui.block import block
from lowrank.views.block import Block, Chart, Level, Metric, Sentence, Series
from lowrank.views.positions import Positions

KS = (1, 2, 3, 4)
k = st.slider("k", 1, len(KS), 2, key="k", bind="query-params")
x = (1.0, 2.0, 4.0, 8.0, 16.0)
wide = Series("wide", x, (10.0, 20.0, 30.0, 40.0, 50.0), "#1f77b4", marks=(1.0, 2.0, 4.0, 8.0))
own = Series(
    "own",
    x,
    (15.0, 25.0, 35.0, 45.0, 55.0),
    "#d62728",
    marks=(2.0, 4.0, 8.0, 16.0),
    mark_labels=tuple(f"k = {2 * x}" for x in KS),
)
block(
    "log",
    "k",
    Block(
        Positions(1, 1, len(KS)),
        (Metric("k doubled", tuple(str(2 * x) for x in KS), colour="#d62728"),),
        (Sentence(tuple(f"First: k = {x}." for x in KS)),),
        (
            Chart(
                "Log x",
                "k",
                "%",
                (wide, own),
                mark=(),
                alts=tuple(f"log chart at k = {x}" for x in KS),
                levels=(Level(52.0, "high", below=True), Level(5.0, "low")),
                log_x=True,
                x_ticks=(1.0, 2.0, 4.0, 8.0, 16.0),
                x_range=(0.8, 20.0),
                y_range=(0.0, 60.0),
            ),
        ),
        sentences_first=True,
    ),
    at=k,
)
