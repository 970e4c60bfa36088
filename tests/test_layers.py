"""The layers hold: import-linter's contracts (in pyproject.toml) over every module, and a
fresh interpreter that imports every module below the interface loads no Textual."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import workbook

ROOT = Path(__file__).parents[1]


def _modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(workbook.__path__, "workbook."))


def test_import_linter_contracts_hold() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "broken" not in done.stdout.lower().replace("0 broken", "")


def test_every_module_belongs_to_a_layer() -> None:
    layers = (
        "workbook.common",
        "workbook.worksheets",
        "workbook.store",
        "workbook.export",
        "workbook.services",
        "workbook.ui",
        "workbook.cli",
    )
    loose = [m for m in _modules() if not m.startswith(layers) and m not in ("workbook.__main__",)]
    assert loose == []


def test_modules_below_the_interface_do_not_import_textual() -> None:
    below = [m for m in _modules() if not m.startswith(("workbook.ui", "workbook.cli")) and m != "workbook.__main__"]
    code = (
        "import importlib, sys\n"
        f"for name in {below!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def _string_constants(path: Path) -> set[str]:
    return {
        node.value
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def test_only_the_contract_module_spells_a_built_in_worksheet_or_field_id() -> None:
    """Worksheet ids, and the contract's field, column and option ids that are not plain
    words (``high_risk``, ``not-prescribed``), appear as a string in no other module. Plain
    words ("note", "plan") are also ordinary strings, so for them the load-time contract
    check is the guard."""
    from workbook.worksheets import builtin
    from workbook.worksheets.loader import load_exercises

    exercises, problems = load_exercises([])
    assert problems == []
    refs = [
        value
        for cls in vars(builtin).values()
        if isinstance(cls, type)
        for value in vars(cls).values()
        if isinstance(value, builtin.FieldRef)
    ]
    names = (
        {ref.id for ref in refs}
        | {c for ref in refs for c, _kind in ref.columns}
        | {o for ref in refs for o in ref.options}
    )
    spelled = set(exercises) | {n for n in names if "_" in n or "-" in n}
    assert {"trigger-log", "high_risk", "not-prescribed"} <= spelled
    found = []
    for path in sorted((ROOT / "workbook").rglob("*.py")):
        if path.name != "builtin.py":
            found += [f"{path.relative_to(ROOT)}: {name!r}" for name in _string_constants(path) & spelled]
    assert found == []


def test_the_faces_never_reach_around_the_application_layer() -> None:
    """``ui/`` and ``cli/`` import no store module (the import-linter contract) and never use
    the application layer's own handle on the store either."""
    import re

    faces = [*(ROOT / "workbook" / "ui").rglob("*.py"), *(ROOT / "workbook" / "cli").rglob("*.py")]
    found = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in faces
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if re.search(r"\.store\b|workbook\.store", line.split("#")[0])
    ]
    assert found == []
