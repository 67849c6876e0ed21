"""The page plan: which page teaches which step of the note, in the order students walk it.

The frame draws the sidebar from this list and the home page draws its path from it; only pages
whose file exists are linked, so a page appears everywhere the moment its file is added.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class PageInfo:
    """One page: its script, its URL path, the note's section it teaches, and its catalogue keys."""

    page_id: str
    script: str
    section: int
    icon: str

    @property
    def title_key(self) -> str:
        return f"page.{self.page_id}.title"

    @property
    def summary_key(self) -> str:
        return f"page.{self.page_id}.summary"

    @property
    def url_path(self) -> str:
        return self.page_id

    def exists(self, root: Path = ROOT) -> bool:
        return (root / self.script).is_file()


HOME = PageInfo("home", "app.py", 0, "🏠")
PAGES: tuple[PageInfo, ...] = (
    PageInfo("geometry", "pages/1_geometry.py", 1, "⭕"),
    PageInfo("svd", "pages/2_svd.py", 1, "🧮"),
    PageInfo("reconstruct", "pages/3_reconstruct.py", 1, "🧱"),
    PageInfo("image", "pages/4_image.py", 1, "🖼️"),
    PageInfo("choose_rank", "pages/5_choose_rank.py", 1, "🎚️"),
    PageInfo("why_delta_w", "pages/6_why_delta_w.py", 2, "📉"),
    PageInfo("parameters", "pages/7_parameters.py", 2, "🧩"),
    PageInfo("training", "pages/8_training.py", 3, "🏋️"),
    PageInfo("svd_meets_lora", "pages/9_svd_meets_lora.py", 3, "🔀"),
)
SECTIONS: tuple[int, ...] = (1, 2, 3)

#: Query parameters that follow the student from page to page (language, chosen example matrix,
#: presentation mode: lowrank/ui/present.py).
CARRIED_PARAMS: tuple[str, ...] = ("lang", "example", "present")


def available(root: Path = ROOT) -> list[PageInfo]:
    """The pages whose script exists, in teaching order."""
    return [page for page in PAGES if page.exists(root)]


def by_id(page_id: str) -> PageInfo:
    """The page with this id (``home`` included)."""
    for page in (HOME, *PAGES):
        if page.page_id == page_id:
            return page
    raise KeyError(page_id)
