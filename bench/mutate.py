"""Mutation testing of the core: does a one-token change to lowrank/<module>.py fail its tests?

Each mutant is one small change to the module's syntax tree: a comparison swapped (``<`` ↔ ``<=``,
``==`` ↔ ``!=``, ``in`` ↔ ``not in``, ``is`` ↔ ``is not``), an arithmetic operator swapped
(``+`` ↔ ``-``, ``*`` ↔ ``/``, ``//`` → ``/``, ``**`` → ``*``, ``%`` → ``//``), an integer
constant plus one, ``and`` ↔ ``or``, or a ``not`` / unary minus dropped. The real tree is never
written: a forked child serves the mutated code through an import hook and runs the module's unit
tests (``-x``) in-process; a failing run, an error or a timeout kills the mutant.

Mutants listed in ``bench/mutation_equivalents.txt`` (``file::function: original -> mutant`` and
the reason) are set aside: they change no behaviour a caller can observe.

    python bench/mutate.py                       # every module of MODULES
    python bench/mutate.py --module svd --module lora
    python bench/mutate.py --module views/svd  # a module of lowrank/views/
    python bench/mutate.py --module svd --list   # the mutants, without running anything
    python bench/mutate.py --module image --skip 99  # all but the first 99 (a stopped run's rest)
"""

from __future__ import annotations

import argparse
import ast
import copy
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one BLAS thread: forked children stay sane
os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS = ROOT / "bench" / "mutation_equivalents.txt"

#: The unit tests of /parameters' views (the page's views share their helpers).
_PARAMETERS = (
    "test_views_parameters.py",
    "test_views_parameters_mutants.py",
    "test_views_parameter_figures.py",
)

#: Module of lowrank/ (a path under it, without ".py": "views/svd") → the unit test files that
#: test it.
MODULES: dict[str, tuple[str, ...]] = {
    "svd": ("test_svd.py",),
    "analysis": ("test_analysis.py",),
    "image": ("test_image.py", "test_image_mutants.py"),
    "image_source": ("test_image.py", "test_image_mutants.py"),
    "lora": ("test_lora.py",),
    "lora_checks": ("test_lora.py",),
    "lora_training": ("test_lora.py",),
    "lora_compare": ("test_lora.py",),
    "lora_export": ("test_lora.py",),
    "models": ("test_models.py",),
    "memory": ("test_models.py",),
    "finetune": ("test_finetune.py",),
    "spectra": ("test_spectra.py",),
    "delta": ("test_delta.py",),
    "packing": ("test_packing.py",),
    "matrix_input": ("test_matrix_input.py",),
    "formatting": ("test_formatting.py",),
    "rank_choice": ("test_rank_choice.py",),
    "geometry": ("test_geometry.py",),
    "lora_init": ("test_lora_init.py",),
    "lora_starts": ("test_lora_init.py",),
    "intruders": ("test_intruders.py",),
    "lr_grid": ("test_lr_grid.py",),
    "views/svd": ("test_views_svd.py", "test_views_reconstruct.py"),
    "views/reconstruct": ("test_views_reconstruct.py", "test_views_svd.py"),
    "views/image": ("test_views_image.py",),
    "views/choose_rank": ("test_views_choose_rank.py",),
    "views/why_delta_w": ("test_views_why_delta_w.py",),
    "views/parameters": _PARAMETERS,
    "views/parameter_blocks": _PARAMETERS,
    "views/parameter_figures": _PARAMETERS,
    "views/markdown_table": ("test_views_markdown_table.py",),
    "views/training": ("test_views_training.py",),
    "views/alt_texts": ("test_views_alt_texts.py", "test_views_alt_texts_heatmaps.py"),
    "views/positions": ("test_views_positions.py",),
    "views/block": ("test_views_block.py",),
    "views/geometry": ("test_views_geometry.py",),
    "views/svd_meets_lora": ("test_views_svd_meets_lora.py",),
}

_COMPARE = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In,
    ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}  # fmt: skip
_ARITHMETIC = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div, ast.Pow: ast.Mult, ast.Mod: ast.FloorDiv,
}  # fmt: skip


@dataclass(frozen=True)
class Mutant:
    """One change: where it is, what it was, what it becomes."""

    index: int  # position of the changed node in ast.walk order
    line: int
    function: str
    original: str
    mutated: str

    def key(self, path: str) -> str:
        """How mutation_equivalents.txt names this mutant (line numbers move, this does not)."""
        return f"{path}::{self.function}: {self.original} -> {self.mutated}"


def _mutate(node: ast.AST) -> ast.AST | None:
    """The mutated copy of ``node``, or None when no operator of this driver applies."""
    new = copy.copy(node)
    if isinstance(node, ast.Compare) and type(node.ops[0]) in _COMPARE:
        new.ops = [_COMPARE[type(node.ops[0])](), *node.ops[1:]]
    elif isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in _ARITHMETIC:
        new.op = _ARITHMETIC[type(node.op)]()
    elif isinstance(node, ast.BoolOp):
        new.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub)):
        return node.operand
    elif isinstance(node, ast.Constant) and type(node.value) is int:
        new.value = node.value + 1
    else:
        return None
    return new


def _skipped(tree: ast.Module) -> set[int]:
    """Ids of the nodes inside annotations, which never run as code."""
    ids: set[int] = set()
    for node in ast.walk(tree):
        annotations = []
        if isinstance(node, (ast.AnnAssign, ast.arg)):
            annotations.append(node.annotation)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            annotations.append(node.returns)
        for annotation in filter(None, annotations):
            ids.update(id(n) for n in ast.walk(annotation))
    return ids


def _functions(tree: ast.Module) -> dict[int, str]:
    """Node id → qualified name of the innermost function or class around it."""
    names: dict[int, str] = {}

    def visit(node: ast.AST, name: str) -> None:
        for child in ast.iter_child_nodes(node):
            scoped = isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            inner = f"{name}.{child.name}".lstrip(".") if scoped else name
            names[id(child)] = inner
            visit(child, inner)

    visit(tree, "")
    return names


def _replace(parent: ast.AST, node: ast.AST, new: ast.AST) -> None:
    """Put ``new`` where ``node`` is among ``parent``'s fields."""
    for field, value in ast.iter_fields(parent):
        if value is node:
            setattr(parent, field, new)
        elif isinstance(value, list) and any(item is node for item in value):
            setattr(parent, field, [new if item is node else item for item in value])


def mutants(source: str) -> list[Mutant]:
    """Every mutant of one module's source, in syntax-tree order.

    A constant is shown with the expression around it (``x[:20]``, not ``20``) so that its key
    reads on its own.
    """
    tree = ast.parse(source)
    skipped, functions = _skipped(tree), _functions(tree)
    parents = {id(c): p for p in ast.walk(tree) for c in ast.iter_child_nodes(p)}
    found: list[Mutant] = []
    seen: dict[tuple[str, str, str], int] = {}
    for index, node in enumerate(ast.walk(tree)):
        new = None if id(node) in skipped else _mutate(node)
        if new is None:
            continue
        shown, shown_new = node, new
        parent = parents.get(id(node))
        if isinstance(node, ast.Constant) and isinstance(parent, ast.expr):
            shown, shown_new = parent, copy.copy(parent)
            _replace(shown_new, node, new)
        text = ast.get_source_segment(source, shown) or ast.unparse(shown)
        function = functions.get(id(node)) or "<module>"
        change = (function, " ".join(text.split()), ast.unparse(shown_new))
        seen[change] = count = seen.get(change, 0) + 1
        mutated = change[2] if count == 1 else f"{change[2]} ({count})"  # the same change again
        found.append(Mutant(index, node.lineno, function, change[1], mutated))
    return found


def mutated_code(source: str, path: str, mutant: Mutant):
    """The module compiled with ``mutant`` applied (line numbers kept)."""
    tree = ast.parse(source)
    nodes = list(ast.walk(tree))
    node = nodes[mutant.index]
    new = _mutate(node)
    for parent in nodes:
        _replace(parent, node, new)
    return compile(ast.fix_missing_locations(tree), path, "exec")


class _Loader(importlib.machinery.SourceFileLoader):
    """Loads one module from a code object instead of its file."""

    code = None

    def get_code(self, fullname: str):
        return self.code


class _Finder(importlib.abc.MetaPathFinder):
    def __init__(self, name: str, path: Path, code) -> None:
        self.name, self.path, self.code = name, path, code

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self.name:
            return None
        loader = _Loader(fullname, str(self.path))
        loader.code = self.code
        return importlib.util.spec_from_file_location(fullname, self.path, loader=loader)


def _run_tests(tests: list[str], finder: _Finder | None, timeout: float) -> str:
    """'survived', 'killed' or 'timeout': run ``tests`` in a forked child with ``finder`` on."""
    import pytest

    pid = os.fork()
    if pid == 0:  # the child: never returns
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        if finder is not None:
            sys.meta_path.insert(0, finder)
        args = ["-x", "-q", "-o", "addopts=", "-p", "no:cacheprovider"]
        os._exit(int(pytest.main([*args, "-p", "_hypothesis_pytestplugin", *tests])))
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                code = os.waitstatus_to_exitcode(status)
                if code == 5:
                    raise SystemExit(f"no tests collected from {tests}")
                return "survived" if code == 0 else "killed"
            time.sleep(0.02)
    except KeyboardInterrupt:  # stop the child too; main() reports the mutants done so far
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return "timeout"


def load_equivalents() -> set[str]:
    """Keys of mutants recorded as equivalent (text before ' # ' on each non-comment line).

    A key ``file::function: *`` sets aside every mutant of that function, without running them.
    """
    if not EQUIVALENTS.exists():
        return set()
    lines = EQUIVALENTS.read_text(encoding="utf-8").splitlines()
    return {line.split(" # ")[0].strip() for line in lines if line.strip() and line[0] != "#"}


def _prepare(modules: list[str]) -> None:
    """Import, once and before any fork, the third-party modules that ``modules`` and their tests
    import (never a module of lowrank: each child imports those afresh)."""
    import hypothesis

    files = [ROOT / "lowrank" / f"{m}.py" for m in modules]
    files += [ROOT / "tests" / "unit" / name for m in modules for name in MODULES[m]]
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top not in ("lowrank", "tests") and not (file.parent / f"{top}.py").exists():
                    importlib.import_module(name)  # (a helper next to the tests is not one)
    sys.dont_write_bytecode = True  # assertion rewriting writes nothing into the tree
    hypothesis.settings.register_profile("mutation", database=None, derandomize=True)
    hypothesis.settings.load_profile("mutation")
    os.environ["HYPOTHESIS_PROFILE"] = "mutation"  # tests/conftest.py loads the profile it names
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # the one plugin needed is named below
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", action="append", choices=sorted(MODULES))
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per mutant")
    parser.add_argument("--list", action="store_true", help="print the mutants, run nothing")
    parser.add_argument("--line", type=int, action="append", help="only mutants on this line")
    parser.add_argument(
        "--survivors", type=Path, help="only the mutants a previous run's output says SURVIVED"
    )
    parser.add_argument(
        "--skip",
        type=int,
        default=0,
        metavar="N",
        help="leave out the first N mutants chosen (go on from a run stopped after N)",
    )
    parser.add_argument(
        "-k", dest="select", help="only the tests pytest -k selects (e.g. the new ones)"
    )
    args = parser.parse_args()
    equivalents = load_equivalents()
    _prepare(args.module or list(MODULES))
    totals: list[tuple[str, int, int, int, int, int]] = []
    for module in args.module or list(MODULES):
        path = f"lowrank/{module}.py"
        source = (ROOT / path).read_text(encoding="utf-8")
        chosen = [m for m in mutants(source) if not args.line or m.line in args.line]
        if args.survivors:
            lines = args.survivors.read_text(encoding="utf-8").splitlines()
            keys = {line.split("  ", 1)[1] for line in lines if line.startswith("SURVIVED ")}
            chosen = [m for m in chosen if m.key(path) in keys]
        chosen = chosen[args.skip :]
        if args.list:
            for m in chosen:
                print(f"{path}:{m.line}  {m.key(path)}")
            continue
        tests = [f"tests/unit/{name}" for name in MODULES[module]]
        tests += ["-k", args.select] if args.select else []
        if _run_tests(tests, None, args.timeout * 5) != "survived":
            raise SystemExit(f"{module}: the unmutated tests fail")
        counts = {"killed": 0, "timeout": 0, "survived": 0, "equivalent": 0}
        interrupted = False
        start = time.monotonic()
        for done, m in enumerate(chosen, 1):
            if done % 25 == 0:
                print(f"{module}: {done}/{len(chosen)}", file=sys.stderr, flush=True)
            if f"{path}::{m.function}: *" in equivalents:
                counts["equivalent"] += 1
                continue
            name = "lowrank." + module.replace("/", ".")
            finder = _Finder(name, ROOT / path, mutated_code(source, path, m))
            try:
                outcome = _run_tests(tests, finder, args.timeout)
            except KeyboardInterrupt:  # Ctrl-C (or kill -INT): the table covers mutants 1…done-1
                print(f"{module}: interrupted, {done - 1} of {len(chosen)} done", flush=True)
                chosen, interrupted = chosen[: done - 1], True
                break
            if outcome == "survived" and m.key(path) in equivalents:
                outcome = "equivalent"
            counts[outcome] += 1
            if outcome == "survived":
                print(f"SURVIVED {path}:{m.line}  {m.key(path)}", flush=True)
        killed = counts["killed"] + counts["timeout"]
        totals.append((module, len(chosen), killed, counts["survived"], counts["equivalent"],
                       round(time.monotonic() - start)))  # fmt: skip
        if interrupted:
            break
    if args.list:
        return
    print("\nmodule           mutants killed survived equivalent  score  raw   seconds")
    for module, total, killed, survived, equivalent, seconds in totals:
        score = killed / max(total - equivalent, 1)
        raw = killed / max(total, 1)
        print(f"{module:16} {total:7} {killed:6} {survived:8} {equivalent:10}"
              f"  {score:5.1%} {raw:5.1%} {seconds:7}")  # fmt: skip


if __name__ == "__main__":
    main()
