"""Domain, storage and export modules never import Textual (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys

NON_UI_MODULES = [
    "workbook.worksheets.entry", "workbook.worksheets.answers", "workbook.worksheets.insights", "workbook.worksheets.revisions", "workbook.store.migrations", "workbook.store.storage", "workbook.store.workbook_store", "workbook.store.backups",
    "workbook.export.json_backup", "workbook.store.paths", "workbook.store.fsutil", "workbook.store.lock", "workbook.cli", "workbook.cli.commands",
    "workbook.export.writer",
]


def test_non_interface_modules_do_not_import_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {NON_UI_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
