"""What page <id> shows: payloads, texts, figures; one module per page id (``views/<id>.py``),
plus the pieces several pages share (the block renderer's payload and axes, a slider's
positions, figures, text alternatives, slides). Part of the core: never imports streamlit.
"""
