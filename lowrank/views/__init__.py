"""What page <id> shows: payloads, texts, figures; one module per page id (``views/<id>.py``),
plus the pieces several pages share (figures, SVG charts, text alternatives, slides, the
follower). Part of the core: never imports streamlit.
"""
