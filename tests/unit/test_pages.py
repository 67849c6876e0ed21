"""The page plan matches the files: URL paths, teaching order, and no streamlit in the core."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from lowrank import pages

ROOT = Path(__file__).resolve().parents[2]


def test_url_path_is_the_file_name_without_its_number():
    for page in pages.PAGES:
        stem = Path(page.script).stem
        assert re.fullmatch(rf"\d+_{page.url_path}", stem), page


def test_every_page_file_is_in_the_plan():
    planned = {page.script for page in pages.PAGES}
    present = {f"pages/{path.name}" for path in (ROOT / "pages").glob("*.py")}
    assert present <= planned, f"pages missing from lowrank/pages.py: {present - planned}"


def test_pages_call_the_frame_first():
    for page in pages.available():
        source = (ROOT / page.script).read_text("utf-8")
        code = [line for line in source.splitlines() if line and not line.startswith(("#", '"""'))]
        first_call = next(line for line in code if not line.startswith(("import", "from")))
        assert f'frame("{page.page_id}")' in first_call, f"{page.script}: {first_call}"


def test_core_never_imports_streamlit():
    probe = (
        "import sys, lowrank, "
        + ", ".join(
            f"lowrank.{path.stem}"
            for path in (ROOT / "lowrank").glob("*.py")
            if path.stem != "__init__"
        )
        + "; print('streamlit' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
