"""The single seam to Streamlit: the page frame, cached loaders and shared widgets."""
