"""The components that follow the page's own slider share one way of watching it
(``slider_watch.js``: find the slider by its key class, report each value), put before each
component's script so that the two cannot drift apart."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent


def slider_script(name: str) -> str:
    """The component script ``name`` (in this folder), with ``SliderWatch`` defined before it."""
    return "\n".join(
        (HERE / file).read_text(encoding="utf-8") for file in ("slider_watch.js", name)
    )
