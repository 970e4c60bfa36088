"""Provides reminders: a gentle nudge at the times a person chooses, through the computer's own
scheduler (a systemd user timer on Linux, a launchd agent on macOS, a crontab line to add
elsewhere), that runs ``workbook remind run``. That shows a desktop notification with neutral
words ("Time for your workbook": nothing about recovery, for whoever sees the screen), and
nothing at all once today's check-in is done or when the workbook is encrypted. Nothing is
written outside the person's own configuration folders, and no network is used.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from workbook.common.errors import WorkbookError
from workbook.common.i18n import _

NAME = "recovery-workbook-reminder"
TIME = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")
MAX_TIMES = 6


@dataclass(frozen=True)
class Scheduled:
    """What ``remind on`` did: the files written, the commands it ran (or that the person
    should run), and the times."""

    files: tuple[Path, ...]
    ran: tuple[str, ...]
    to_run: tuple[str, ...]
    times: tuple[str, ...]


def parse_times(given: list[str]) -> tuple[str, ...]:
    """``--at`` values as HH:MM, each once, in order of the day (``WorkbookError`` otherwise)."""
    found = []
    for text in given:
        match = TIME.fullmatch(text.strip())
        if match is None:
            raise WorkbookError(
                _('"{text}" is not a time of day: write it like 20:00 or 8:30. Nothing was changed.').format(
                    text=text[:20]
                )
            )
        found.append(f"{int(match.group(1)):02d}:{match.group(2)}")
    times = tuple(sorted(set(found)))
    if not times or len(times) > MAX_TIMES:
        raise WorkbookError(
            _("Choose from 1 to {count} times with --at, like --at 20:00. Nothing was changed.").format(count=MAX_TIMES)
        )
    return times


def _command(db: Path | None) -> list[str]:
    """How the scheduler starts the reminder: this very program, with this workbook. A path
    a scheduler would read as more than a path (a line break, systemd's % and $) is refused."""
    command = [sys.executable, "-m", "workbook", "remind", "run"]
    for part in [sys.executable, str(db or "")]:
        if any(c in part for c in "\n\r%$") or not part.isprintable():
            raise WorkbookError(
                _(
                    "A reminder cannot run from a path with a line break, % or $ in it ({path}). Nothing was changed."
                ).format(path=part[:80].encode("unicode_escape").decode())
            )
    return [*command, "--db", str(db)] if db is not None else command


def _config_home() -> Path:
    given = os.environ.get("XDG_CONFIG_HOME", "")
    return Path(given) if given and Path(given).is_absolute() else Path.home() / ".config"  # relative: ignored


def systemd_folder() -> Path:
    return _config_home() / "systemd" / "user"


def launchd_file() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / "org.recovery-workbook.reminder.plist"


def _write(path: Path, text: str) -> None:
    from workbook.store.fsutil import atomic_write

    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, text.encode("utf-8"))


def _systemctl(*args: str) -> bool:
    """Run ``systemctl --user ARGS``; whether it worked (no systemd, no user session: False)."""
    if shutil.which("systemctl") is None:
        return False
    try:
        done = subprocess.run(["systemctl", "--user", *args], capture_output=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def turn_on(times: tuple[str, ...], db: Path | None, platform: str = sys.platform) -> Scheduled:
    """Schedule ``remind run`` at ``times`` every day."""
    command = _command(db)
    if platform.startswith("linux"):
        folder = systemd_folder()
        service = folder / f"{NAME}.service"
        timer = folder / f"{NAME}.timer"
        _write(
            service,
            "[Unit]\nDescription=Recovery Workbook: a gentle reminder\n\n"
            f"[Service]\nType=oneshot\nExecStart={shlex.join(command)}\n",
        )
        calendars = "".join(f"OnCalendar=*-*-* {t}:00\n" for t in times)
        _write(
            timer,
            f"[Unit]\nDescription=Recovery Workbook reminder times\n\n[Timer]\n{calendars}\n"
            "[Install]\nWantedBy=timers.target\n",
        )
        steps = ("daemon-reload", f"enable --now {NAME}.timer")
        ran = tuple(f"systemctl --user {s}" for s in steps if _systemctl(*s.split()))
        to_run = () if len(ran) == len(steps) else tuple(f"systemctl --user {s}" for s in steps)
        return Scheduled((service, timer), ran, to_run, times)
    if platform == "darwin":
        plist = launchd_file()
        args = "".join(f"    <string>{_xml(a)}</string>\n" for a in command)
        slots = "".join(
            f"    <dict><key>Hour</key><integer>{int(t[:2])}</integer>"
            f"<key>Minute</key><integer>{int(t[3:])}</integer></dict>\n"
            for t in times
        )
        _write(
            plist,
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
            '<plist version="1.0">\n<dict>\n  <key>Label</key><string>org.recovery-workbook.reminder</string>\n'
            f"  <key>ProgramArguments</key>\n  <array>\n{args}  </array>\n"
            f"  <key>StartCalendarInterval</key>\n  <array>\n{slots}  </array>\n</dict>\n</plist>\n",
        )
        return Scheduled((plist,), (), (f"launchctl load {shlex.quote(str(plist))}",), times)
    # Elsewhere: the crontab lines to add, printed, never written blindly.
    lines = tuple(f"{int(t[3:])} {int(t[:2])} * * * {shlex.join(command)}" for t in times)
    return Scheduled((), (), lines, times)


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def turn_off(platform: str = sys.platform) -> tuple[Path, ...]:
    """Stop the reminders and remove their files; the files removed."""
    removed = []
    if platform.startswith("linux"):
        _systemctl("disable", "--now", f"{NAME}.timer")
        for path in (systemd_folder() / f"{NAME}.timer", systemd_folder() / f"{NAME}.service"):
            if path.exists():
                path.unlink()
                removed.append(path)
        _systemctl("daemon-reload")
    elif platform == "darwin":
        plist = launchd_file()
        if plist.exists():
            subprocess.run(["launchctl", "unload", str(plist)], capture_output=True, timeout=20, check=False)
            plist.unlink()
            removed.append(plist)
    return tuple(removed)


def scheduled_times(platform: str = sys.platform) -> tuple[str, ...]:
    """The times the reminders are set for ("" when they are off, or set by hand in a crontab)."""
    try:
        if platform.startswith("linux"):
            text = (systemd_folder() / f"{NAME}.timer").read_text(encoding="utf-8")
            return tuple(m.group(1) for m in re.finditer(r"OnCalendar=\*-\*-\* (\d\d:\d\d):00", text))
        if platform == "darwin":
            text = launchd_file().read_text(encoding="utf-8")
            pairs = re.findall(
                r"<key>Hour</key><integer>(\d+)</integer><key>Minute</key><integer>(\d+)</integer>", text
            )
            return tuple(f"{int(h):02d}:{int(m):02d}" for h, m in pairs)
    except OSError:
        return ()
    return ()


def notify(title: str, body: str) -> bool:
    """A desktop notification through ``notify-send`` (Linux) or ``osascript`` (macOS);
    whether one was shown. Nothing happens where neither is there."""
    if shutil.which("notify-send"):
        command = ["notify-send", "--app-name", "workbook", title, body]
    elif shutil.which("osascript"):
        script = f"display notification {_quoted(body)} with title {_quoted(title)}"
        command = ["osascript", "-e", script]
    else:
        return False
    try:
        return subprocess.run(command, capture_output=True, timeout=20, check=False).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
