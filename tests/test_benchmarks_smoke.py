"""The benchmark scripts run end to end on a tiny data set (they measure; this only checks they work)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]  # benchmarks/ is not installed: run it from the repository

GENERATOR_CHECK = """
from benchmarks.generate import generate
from datetime import date
first, again = generate(0.2, seed=3, end=date(2026, 11, 22)), generate(0.2, seed=3, end=date(2026, 11, 22))
assert [e.to_dict() for e in first] == [e.to_dict() for e in again]
assert {e.exercise for e in first} == {"trigger-log", "gratitude-journal", "goal-setting", "relapse-prevention-plan"}
plan = next(e for e in first if e.exercise == "relapse-prevention-plan")
assert len(plan.revisions) >= 9
print("ok")
"""


def test_generator_is_seeded_and_realistic() -> None:
    done = subprocess.run(
        [sys.executable, "-c", GENERATOR_CHECK], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


@pytest.mark.slow
def test_benchmark_runs_on_a_tiny_workbook(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--tiny", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    [row] = json.loads(out.read_text())
    for key in (
        "start_s",
        "start_floor_s",
        "save_median_s",
        "save_floor_median_s",
        "history_s",
        "export_pdf_s",
        "rss_mb",
        "rss_floor_mb",
    ):
        assert row[key] > 0, key
    assert "| years |" in done.stdout
