"""Golden files: each text export format of the sample month, compared whole with a reviewed
copy in ``tests/golden/`` (as harlequin keeps its exports), so any change to what a counselor
reads shows up as a diff in review.

After a change you mean, write them again with one command and read the diff:

    UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from export_samples import EXERCISES, NOW, november, sample
from workbook.export.formats import REGISTRY, Format
from workbook.export.service import preview_export, render_export
from workbook.worksheets.crisis import crisis_list

GOLDEN = Path(__file__).parent / "golden"
# The formats whose bytes are text and the same on every machine (a PDF carries fonts found on
# the machine; its text is checked through pypdf in test_export_formats.py).
TEXT_FORMATS = (Format.MD, Format.HTML, Format.CSV, Format.JSON)


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _stable(text: str) -> str:
    """Entry ids are random: each becomes "entry-N", numbered in the order they first appear."""
    seen: dict[str, str] = {}
    return UUID.sub(lambda m: seen.setdefault(m.group(0), f"entry-{len(seen) + 1}"), text)


def _compare(name: str, made: str) -> None:
    path = GOLDEN / name
    made = _stable(made)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(made.encode("utf-8"))
    assert path.exists(), f"no golden file {name}: run UPDATE_GOLDEN=1 pytest tests/test_golden.py"
    assert made == path.read_bytes().decode("utf-8"), f"{name} differs: if the change is meant, update it (see above)"


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_text_format_of_the_sample_month_is_its_golden_file(fmt: Format, lang: str) -> None:
    store = sample()
    options = november(include_private=fmt == Format.JSON)
    if fmt == Format.CSV:
        options = november(include=("trigger-log",))
    made = render_export(
        fmt,
        store.entries(),
        EXERCISES,
        options,
        store.settings(),
        crisis_list({}),
        paper="us-letter",
        lang=lang,
        now=NOW,
    )
    _compare(f"november-{lang}{REGISTRY[fmt].suffix}", made.decode("utf-8-sig"))


def test_the_card_preview_is_its_golden_file() -> None:
    store = sample()
    made = preview_export(
        "card",
        store.entries(),
        EXERCISES,
        november(),
        store.settings(),
        crisis_list({}),
        paper="us-letter",
        lang="en",
        now=NOW,
    )
    _compare("card-en.md", made)
