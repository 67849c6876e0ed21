"""LowRank Lab core: pure numpy/scipy computations behind every page. Never imports streamlit."""
