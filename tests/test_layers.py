"""The layers hold: import-linter's contracts (in pyproject.toml) over every module, and a
fresh interpreter that imports every module below the interface loads no Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import workbook

ROOT = Path(__file__).parents[1]


def _modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(workbook.__path__, "workbook."))


def test_import_linter_contracts_hold() -> None:
    done = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; "
                           "lint_imports_command()"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "broken" not in done.stdout.lower().replace("0 broken", "")


def test_every_module_belongs_to_a_layer() -> None:
    layers = ("workbook.common", "workbook.worksheets", "workbook.store", "workbook.export", "workbook.ui",
              "workbook.cli")
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
