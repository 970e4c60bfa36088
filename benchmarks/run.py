"""Measure Recovery Workbook against its floors, side by side in one run.

    python -m benchmarks.run            # 1, 10 and 30 years (about ten minutes on 2 cores)
    python -m benchmarks.run --tiny     # a quick smoke run on a few weeks of data

Each measure is reported with its floor and the ratio between them:
- start: process start to the first frame of Home (headless) vs a minimal Textual app;
- log craving: ``workbook log craving`` as a whole process vs one that only reads, parses,
  adds an entry and writes it durably;
- save: one new entry (median, p95) vs serialising the same data and writing it durably;
- Esc to Home: back from a history, and Home's own refresh (should not grow with the years);
- history: opening the trigger log's history (target: visible within 0.2 s);
- export: one year to PDF, HTML and Markdown (target: PDF within 1 s), and the first default
  report (no report made before) vs a report of the last 30 days (target: about 1x);
- memory: peak RSS at start vs the minimal app.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import orjson

from benchmarks.generate import write_workbook

PEAK_MEMORY = """
def peak_kib():
    # VmHWM is this process's own high-water mark; ru_maxrss would carry the
    # parent's peak across exec on Linux.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

START_HOME = (
    PEAK_MEMORY
    + """
import sys
from pathlib import Path
from workbook.cli.app_command import run_app
async def first_frame(pilot):
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "HomeScreen"
    pilot.app.exit()
run_app(Path(sys.argv[1]), headless=True, size=(100, 30), auto_pilot=first_frame)
print(peak_kib())
"""
)

MINIMAL_APP = (
    PEAK_MEMORY
    + """
from textual.app import App
from textual.widgets import Footer, Header, Static
class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()
async def first_frame(pilot):
    await pilot.pause()
    pilot.app.exit()
Minimal().run(headless=True, size=(100, 30), auto_pilot=first_frame)
print(peak_kib())
"""
)


def _child(code: str, *args: str) -> tuple[float, int]:
    """Wall time of a fresh interpreter running ``code``, and its peak RSS in KiB."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "TEXTUAL": ""},
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return elapsed, int(done.stdout.strip().splitlines()[-1])


def measure_start(db: Path, repeats: int) -> dict[str, float]:
    _child(START_HOME, str(db))  # warm the file cache and make today's backup first
    home, minimal = [], []
    for _ in range(repeats):  # interleaved, so a busy moment on the machine hits both
        home.append(_child(START_HOME, str(db)))
        minimal.append(_child(MINIMAL_APP))
    return {
        "start_s": statistics.median(t for t, _ in home),
        "start_floor_s": statistics.median(t for t, _ in minimal),
        "rss_mb": max(m for _, m in home) / 1024,
        "rss_floor_mb": max(m for _, m in minimal) / 1024,
    }


LOG_FLOOR = """
import os, sys, uuid, orjson
from workbook.store import fsutil
path = sys.argv[1]
data = orjson.loads(open(path, "rb").read())
table = data["entries"]
table[str(max(map(int, table)) + 1)] = {"id": str(uuid.uuid4()), "exercise": "trigger-log", "answers": {"strength": 3}}
fsutil.atomic_write(__import__("pathlib").Path(path), orjson.dumps(data))
print(0)
"""

LOG_CRAVING = """
import sys
from workbook.cli import main
code = main(["log", "craving", "--db", sys.argv[1], "3", "benchmark"])
print(0)
"""


def measure_log(db: Path, repeats: int) -> dict[str, float]:
    """``workbook log craving`` as a whole process, beside its floor: a fresh interpreter that
    reads the same file, parses it, adds one entry and writes it durably."""
    floor_copy = db.with_name("floor-log.json")
    shutil.copy(db, floor_copy)
    _child(LOG_CRAVING, str(db))  # the day's backup is made once, as on a person's first log
    logs, floors = [], []
    for _ in range(repeats):
        logs.append(_child(LOG_CRAVING, str(db))[0])
        floors.append(_child(LOG_FLOOR, str(floor_copy))[0])
    return {
        "log_s": statistics.median(logs),
        "log_floor_s": statistics.median(floors),
        "log_min_s": min(logs),
        "log_max_s": max(logs),
    }


def measure_save(db: Path, repeats: int) -> dict[str, float]:
    from workbook.store import fsutil
    from workbook.store.workbook_store import Store

    saves, floors = [], []
    with Store.open(db) as store:
        for n in range(repeats):
            started = time.perf_counter()
            store.add("trigger-log", {"strength": n % 11, "note": "benchmark save"})
            saves.append(time.perf_counter() - started)
        data = store.storage.read()
        target = db.with_name("floor.json")
        for _ in range(repeats):
            started = time.perf_counter()
            fsutil.atomic_write(target, orjson.dumps(data))
            floors.append(time.perf_counter() - started)
        # Keeping a draft (a quarter second after the last key): its own small file, never
        # the whole workbook; its floor is the same bytes written durably.
        drafts, draft_floors = [], []
        typed = {"exercise": "gratitude-journal", "entry": None, "private": False, "saved": "2026-12-07T10:00:00+00:00"}
        for n in range(repeats):
            started = time.perf_counter()
            store.save_draft("gratitude-journal:new", {**typed, "answers": {"grateful_1": f"typing {n} " * 40}})
            drafts.append(time.perf_counter() - started)
        payload = store._drafts_file.path.read_bytes() if store._drafts_file is not None else b"{}"
        for _ in range(repeats):
            started = time.perf_counter()
            fsutil.atomic_write(db.with_name("draft-floor.json"), payload)
            draft_floors.append(time.perf_counter() - started)
    return {
        "save_median_s": statistics.median(saves),
        "save_p95_s": _p95(saves),
        "save_floor_median_s": statistics.median(floors),
        "save_floor_p95_s": _p95(floors),
        "draft_median_s": statistics.median(drafts),
        "draft_floor_median_s": statistics.median(draft_floors),
    }


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def ready(app) -> bool:  # type: ignore[no-untyped-def]
    """The history screen is up and its table has rows."""
    if type(app.screen).__name__ != "HistoryScreen":
        return False
    tables = app.screen.query("#history")
    return bool(tables) and tables.first().row_count > 0


def measure_history(db: Path, repeats: int) -> dict[str, float]:
    from workbook.services.workbook import Workbook
    from workbook.store.workbook_store import Store
    from workbook.ui.app import WorkbookApp

    async def run() -> tuple[list[float], float]:
        times = []
        every = 0.0
        with Store.open(db) as store:
            app = WorkbookApp(Workbook(store))
            async with app.run_test(size=(100, 30)) as pilot:
                await asyncio.sleep(0.5)  # as a person would: Home has been up a moment
                for _ in range(repeats):
                    started = time.perf_counter()
                    app.open_exercise("trigger-log")
                    while not ready(app):
                        await asyncio.sleep(0.001)
                    painted = asyncio.Event()
                    app.screen.call_after_refresh(painted.set)
                    await painted.wait()
                    times.append(time.perf_counter() - started)
                    if not every:  # the first visit reads the closed years in a worker
                        while app.screen.query_one("#history-reading").display:
                            await asyncio.sleep(0.001)
                        every = time.perf_counter() - started
                    app.pop_screen()
                    await pilot.pause()
        return times, every

    times, every = asyncio.run(run())
    return {"history_first_s": times[0], "history_s": statistics.median(times), "history_all_s": every}


def measure_closed_year(db: Path, repeats: int) -> dict[str, float]:
    """Reading one closed year on demand (the newest: a history or a calendar going back),
    and a report of the last 30 days beside one reaching three closed years back, each in a
    workbook just opened (so each reads what it needs)."""
    from datetime import datetime

    from workbook.common.clock import FixedClock
    from workbook.export.options import Options
    from workbook.services import sharing
    from workbook.services.workbook import Workbook
    from workbook.store.workbook_store import Store

    results: dict[str, float] = {}
    with Store.open(db) as store:
        years = store.closed_years()
    if not years:
        return results
    newest = years[-1]
    one = []
    for _ in range(repeats):
        with Store.open(db) as store:
            started = time.perf_counter()
            store.written_since(datetime(newest, 12, 31, 12).astimezone())
            one.append(time.perf_counter() - started)
    results["closed_year_s"] = statistics.median(one)
    today = date.today()
    clock = FixedClock.on(today, 20)
    for name, start in (("report_month_s", today - timedelta(days=29)), ("report_3y_s", date(newest - 2, 1, 1))):
        times = []
        for _ in range(repeats):
            with Store.open(db) as store:
                book = Workbook(store, clock=clock)
                options = Options(start=start, end=today, include=tuple(book.exercises))
                started = time.perf_counter()
                sharing.render(book, "md", options)
                times.append(time.perf_counter() - started)
        results[name] = statistics.median(times)
    return results


def measure_export(db: Path, repeats: int) -> dict[str, float]:
    """The last 365 days of every worksheet, to PDF, HTML and Markdown."""
    from workbook.export.options import Options
    from workbook.export.service import render_export
    from workbook.store.workbook_store import Store
    from workbook.worksheets import crisis
    from workbook.worksheets.loader import load_exercises

    exercises, _ = load_exercises()
    results = {}
    with Store.open(db) as store:
        entries, settings = store.entries(), store.settings()
    today = date.today()
    options = Options(start=today - timedelta(days=364), end=today, include=tuple(exercises))
    for fmt in ("pdf", "html", "md"):
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            render_export(fmt, entries, exercises, options, settings, crisis.crisis_list(settings))
            times.append(time.perf_counter() - started)
        results[f"export_{fmt}_s"] = statistics.median(times)
        results[f"export_{fmt}_first_s"] = times[0]  # includes loading the PDF library and fonts
    # A person's first default report ("since my last report" with none yet) beside a report
    # of the last 30 days, both as PDF: the first must not be the whole history.
    from workbook.common.clock import FixedClock
    from workbook.services import sharing
    from workbook.services.workbook import Workbook

    with Store.open(db) as store:
        book = Workbook(store, exercises, [], FixedClock.on(today, 20))
        for name, choice in (("report_first_s", sharing.SINCE_LAST), ("report_30_s", sharing.MONTH)):
            times = []
            for _ in range(max(1, repeats)):
                started = time.perf_counter()
                sharing.render(book, "pdf", sharing.period_options(book, choice, tuple(exercises)))
                times.append(time.perf_counter() - started)
            results[name] = statistics.median(times)
    if len(entries) > 5000:  # ten years or more: everything in one PDF, as "All entries" does
        started = time.perf_counter()
        render_export(
            "pdf", entries, exercises, Options(include=tuple(exercises)), settings, crisis.crisis_list(settings)
        )
        results["export_pdf_all_s"] = time.perf_counter() - started
    return results


def measure_home(db: Path, repeats: int) -> dict[str, float]:
    """Esc from a history back to Home: the screen coming back, and Home's own refresh."""
    from workbook.services.workbook import Workbook
    from workbook.store.workbook_store import Store
    from workbook.ui.app import WorkbookApp

    async def run() -> tuple[list[float], list[float]]:
        back, refresh = [], []
        with Store.open(db) as store:
            app = WorkbookApp(Workbook(store))
            async with app.run_test(size=(100, 30)) as pilot:
                await asyncio.sleep(0.5)
                for _ in range(repeats):
                    app.open_exercise("trigger-log")
                    await pilot.pause()
                    started = time.perf_counter()
                    app.pop_screen()
                    await pilot.pause()
                    back.append(time.perf_counter() - started)
                    started = time.perf_counter()
                    app.screen.refresh_home()  # type: ignore[attr-defined]
                    refresh.append(time.perf_counter() - started)
        return back, refresh

    back, refresh = asyncio.run(run())
    return {"home_back_s": statistics.median(back), "home_refresh_s": statistics.median(refresh)}


def measure_caseload(participants: int = 30) -> dict[str, float]:
    """A counselor's caseload page from ``participants`` month-long files (half FHIR files,
    half PDF reports carrying their Bundle), beside reading the same files' bytes."""
    from workbook.common.clock import FixedClock
    from workbook.services import sharing
    from workbook.services.caseload import make_caseload
    from workbook.services.workbook import Workbook
    from workbook.store.workbook_store import Store
    from workbook.worksheets.loader import load_exercises

    exercises, _ = load_exercises()
    today = date.today()
    clock = FixedClock.on(today, 20)
    files = []
    with tempfile.TemporaryDirectory() as folder:
        for n in range(participants):
            db = Path(folder) / f"p{n}" / "workbook.json"
            write_workbook(db, 1 / 12, seed=n + 1)
            with Store.open(db) as store:
                book = Workbook(store, exercises, [], clock)
                fmt = "pdf" if n % 2 else "fhir"
                data = sharing.render(book, fmt, sharing.period_options(book, sharing.MONTH, tuple(exercises)))
            files.append((f"p{n}.{'pdf' if n % 2 else 'json'}", data))
    started = time.perf_counter()
    make_caseload(files, exercises, clock)
    spent = time.perf_counter() - started
    # The floor: only opening each file (parsing the JSON, opening the PDF).
    import io

    import pikepdf

    started = time.perf_counter()
    for name, data in files:
        if name.endswith(".pdf"):
            with pikepdf.open(io.BytesIO(data)) as pdf:
                pdf.attachments.get("fhir-bundle.json")
        else:
            orjson.loads(data)
    floor = time.perf_counter() - started
    return {"caseload_s": spent, "caseload_floor_s": floor}


def run(years: list[float], repeats: int) -> list[dict[str, float]]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for span in years:
            db = Path(folder) / f"y{span}" / "workbook.json"
            count = write_workbook(db, span)
            row: dict[str, float] = {"years": span, "entries": count, "file_mb": db.stat().st_size / 1e6}
            row |= measure_start(db, repeats)
            row |= measure_log(db, repeats)
            row |= measure_save(db, max(repeats * 4, 10))
            row |= measure_history(db, repeats)
            row |= measure_closed_year(db, repeats)
            row |= measure_home(db, repeats)
            row |= measure_export(db, repeats)
            rows.append(row)
            shutil.rmtree(db.parent, ignore_errors=True)
    return rows


def table(rows: list[dict[str, float]]) -> str:
    lines = [
        "| years | entries | file | start (floor) | ratio | log craving (floor) | ratio | "
        "save median / p95 (floor) | ratio | history | Esc to Home (refresh) | "
        "PDF / HTML / MD (1 year) | PDF, everything | first default report (30 days) | ratio | "
        "peak memory (floor) | ratio |",
        "|" + "---|" * 17,
    ]
    for r in rows:
        lines.append(
            f"| {r['years']:g} | {int(r['entries'])} | {r['file_mb']:.1f} MB "
            f"| {r['start_s']:.2f} s ({r['start_floor_s']:.2f} s) | {r['start_s'] / r['start_floor_s']:.2f}x "
            f"| {r['log_s']:.2f} s ({r['log_floor_s']:.2f} s) | {r['log_s'] / r['log_floor_s']:.2f}x "
            f"| {r['save_median_s'] * 1000:.1f} / {r['save_p95_s'] * 1000:.1f} ms "
            f"({r['save_floor_median_s'] * 1000:.1f} / {r['save_floor_p95_s'] * 1000:.1f} ms) "
            f"| {r['save_median_s'] / r['save_floor_median_s']:.2f}x "
            f"| {r['history_s']:.3f} s (first {r['history_first_s']:.3f} s) "
            f"| {r['home_back_s'] * 1000:.0f} ms ({r['home_refresh_s'] * 1000:.0f} ms) "
            f"| {r['export_pdf_s']:.2f} (first {r['export_pdf_first_s']:.2f}) / {r['export_html_s']:.2f} / "
            f"{r['export_md_s']:.2f} s "
            f"| {(str(round(r['export_pdf_all_s'], 1)) + ' s') if 'export_pdf_all_s' in r else '-'} "
            f"| {r['report_first_s']:.2f} s ({r['report_30_s']:.2f} s) | {r['report_first_s'] / r['report_30_s']:.2f}x "
            f"| {r['rss_mb']:.0f} MB ({r['rss_floor_mb']:.0f} MB) | {r['rss_mb'] / r['rss_floor_mb']:.2f}x |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tiny", action="store_true", help="a quick smoke run on a few weeks of data")
    parser.add_argument("--years", type=float, nargs="*", default=[1, 10, 30])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the raw numbers here")
    args = parser.parse_args()
    years, repeats = ([0.05], 1) if args.tiny else (args.years, args.repeats)
    rows = run(years, repeats)
    print(table(rows))
    for r in rows:
        print(
            f"draft kept at {r['years']:g} years: {r['draft_median_s'] * 1000:.1f} ms "
            f"(its floor {r['draft_floor_median_s'] * 1000:.1f} ms, "
            f"{r['draft_median_s'] / r['draft_floor_median_s']:.2f}x; a whole save {r['save_median_s'] * 1000:.1f} ms)"
        )
    for r in rows:
        if "closed_year_s" in r:
            print(
                f"closed years at {r['years']:g} years: one read on demand {r['closed_year_s'] * 1000:.0f} ms; "
                f"the trigger log's history: rows in {r['history_first_s']:.3f} s, every year read in "
                f"{r['history_all_s']:.2f} s (in a worker); a report of 30 days {r['report_month_s']:.2f} s, "
                f"reaching three closed years {r['report_3y_s']:.2f} s "
                f"({r['report_3y_s'] / r['report_month_s']:.2f}x)"
            )
    caseload = measure_caseload(3 if args.tiny else 30)
    print(
        f"\ncaseload: {3 if args.tiny else 30} participants' month-long files in "
        f"{caseload['caseload_s']:.2f} s (target: under 2 s); only opening them: "
        f"{caseload['caseload_floor_s']:.2f} s ({caseload['caseload_s'] / caseload['caseload_floor_s']:.1f}x)"
    )
    rows[0] |= caseload
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
