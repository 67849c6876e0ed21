"""The page plan matches the files: URL paths, teaching order, and no streamlit in the core."""

from __future__ import annotations

import ast
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


def _is_constant(node: ast.stmt) -> bool:
    """A module constant: ``NAME = ...`` with an upper-case name."""
    return isinstance(node, ast.Assign) and all(
        isinstance(target, ast.Name) and target.id.isupper() for target in node.targets
    )


def test_pages_call_the_frame_first():
    """Constants, imports and definitions may come first; the first thing that runs is frame()."""
    for page in (pages.HOME, *pages.available()):
        tree = ast.parse((ROOT / page.script).read_text("utf-8"))
        statements = [
            node
            for node in tree.body
            if not isinstance(node, (ast.Import, ast.ImportFrom))
            and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
            and not _is_constant(node)
            and not isinstance(node, (ast.FunctionDef, ast.ClassDef))
        ]
        first = ast.unparse(statements[0])
        assert f"frame('{page.page_id}')" in first, f"{page.script}: first call is {first}"


def test_core_never_imports_streamlit():
    probe = (
        "import sys, lowrank, "
        + ", ".join(
            f"lowrank.{path.stem}"
            for path in (ROOT / "lowrank").glob("*.py")
            if path.stem != "__init__"
        )
        + ", "
        + ", ".join(
            f"lowrank.views.{path.stem}" for path in (ROOT / "lowrank" / "views").glob("*.py")
        )
        + "; print('streamlit' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
