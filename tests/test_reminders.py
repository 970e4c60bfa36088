"""Reminders: a user timer that says the times chosen, removed by ``remind off``; on other
systems a launchd agent or the crontab lines to add; and ``remind run`` that nudges with
neutral words, and says nothing once today's check-in is done."""

from __future__ import annotations

import plistlib
from datetime import datetime
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.common.clock import FixedClock
from workbook.services import reminders

EVENING = FixedClock(datetime(2026, 12, 7, 20, 0).astimezone())


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    real = reminders.shutil.which
    monkeypatch.setattr(reminders.shutil, "which", lambda name: None if name == "systemctl" else real(name))
    return tmp_path / "config"


def test_a_user_timer_says_the_times_and_off_removes_it(
    config: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(reminders.sys, "platform", "linux")
    assert main(["remind", "on", "--at", "20:00", "--at", "8:30", "--at", "20:00"]) == 0
    said = capsys.readouterr().out
    timer = config / "systemd" / "user" / "recovery-workbook-reminder.timer"
    service = timer.with_suffix(".service")
    assert "OnCalendar=*-*-* 08:30:00\nOnCalendar=*-*-* 20:00:00" in timer.read_text()
    assert "remind run" in service.read_text() and timer.stat().st_mode & 0o777 == 0o600
    assert "systemctl --user enable --now recovery-workbook-reminder.timer" in said  # no systemd here: printed
    assert main(["remind", "status"]) == 0
    assert "08:30, 20:00" in capsys.readouterr().out
    assert main(["remind", "off"]) == 0
    assert not timer.exists() and not service.exists()
    assert main(["remind", "status"]) == 0 and "off" in capsys.readouterr().out


@pytest.mark.parametrize("bad", ["25:00", "8pm", "", "7:5", "7:0\u0665"])
def test_a_time_that_is_not_one_changes_nothing(config: Path, bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["remind", "on", "--at", bad]) == 1
    assert "Nothing was changed" in capsys.readouterr().err
    assert not (config / "systemd").exists()


def test_other_systems_get_an_agent_or_the_lines_to_add(tmp_path: Path, config: Path) -> None:
    agent = reminders.turn_on(("21:15",), None, platform="darwin")
    with open(agent.files[0], "rb") as handle:
        plan = plistlib.load(handle)
    assert plan["StartCalendarInterval"] == [{"Hour": 21, "Minute": 15}]
    assert plan["ProgramArguments"][-2:] == ["remind", "run"]
    assert reminders.scheduled_times(platform="darwin") == ("21:15",)
    lines = reminders.turn_on(("07:05",), tmp_path / "w.json", platform="win32")
    assert lines.files == () and lines.to_run[0].startswith("5 7 * * * ") and "--db" in lines.to_run[0]


def test_the_reminder_is_neutral_and_quiet_once_today_is_done(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(reminders, "notify", lambda title, body: shown.append((title, body)) or True)
    db = tmp_path / "data" / "workbook.json"
    assert main(["--db", str(db), "log", "craving", "2"], clock=EVENING) == 0
    assert main(["--db", str(db), "remind", "run"], clock=EVENING) == 0
    assert shown == [("Reminder", "Time for your workbook")]  # nothing about recovery on the screen
    assert main(["--db", str(db), "log", "checkin", "--mood", "4"], clock=EVENING) == 0
    assert main(["--db", str(db), "remind", "run"], clock=EVENING) == 0
    assert len(shown) == 1  # today's check-in is done: nothing
    assert main(["--db", str(tmp_path / "none.json"), "remind", "run"], clock=EVENING) == 0
    assert len(shown) == 1  # no workbook: nothing


def test_a_path_a_scheduler_would_misread_is_refused(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", "/tmp/x\nExecStartPre=/bin/true\n/w.json", "remind", "on", "--at", "20:00"]) == 1
    assert "line break" in capsys.readouterr().err and not (config / "systemd").exists()
