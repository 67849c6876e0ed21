"""The reference for bench/latency.py: a bare Streamlit app with one slider and a caption."""

import streamlit as st

k = st.slider("k", 1, 100, 20, key="k")
st.caption(f"k = {k}")
