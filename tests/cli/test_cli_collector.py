"""The garbage collector is paused while a command starts and always runs again after."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from borderdesk.cli import collector, main


@pytest.fixture(autouse=True)
def _collector_on():
    yield
    collector.resume()
    gc.enable()


def test_main_leaves_the_collector_running():
    assert gc.isenabled()
    with pytest.raises(SystemExit):
        main(["--version"])
    assert gc.isenabled() and not collector.is_paused()


def test_a_collector_stopped_by_the_caller_stays_stopped():
    gc.disable()
    with pytest.raises(SystemExit):
        main(["--version"])
    assert not gc.isenabled()  # not ours to turn on


def test_pause_and_resume():
    collector.pause()
    assert not gc.isenabled() and collector.is_paused()
    collector.resume()
    assert gc.isenabled() and not collector.is_paused()


_FREEZE_SEEN_AT_EXIT = (
    "import atexit, gc, sys\n"
    # Registered before main, so it runs after main's own exit handler.
    "atexit.register(lambda: print('FROZEN', gc.get_freeze_count() > 0))\n"
    "from borderdesk.cli import main\n"
    "sys.argv = ['borderdesk', '--version']\n"
    "main({argv})\n"
)


@pytest.mark.parametrize(("argv", "frozen"), [("None", True), ("['--version']", False)])
def test_only_the_process_own_command_freezes_its_objects_at_exit(argv, frozen):
    """The console script's process skips the final collections (collector.one_command_process);
    main() called with arguments, as tests and embedders do, leaves the collector alone."""
    done = subprocess.run(
        [sys.executable, "-c", _FREEZE_SEEN_AT_EXIT.format(argv=argv)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "borderdesk" in done.stdout  # the command ran: its version line
    assert f"FROZEN {frozen}" in done.stdout


def in_a_fresh_process(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_one_command_process_freezes_the_start_when_the_collector_resumes():
    out = in_a_fresh_process(
        "import gc\n"
        "from borderdesk.cli import collector\n"
        "collector.one_command_process()\n"
        "collector.pause()\n"
        "start = [[i] for i in range(1000)]\n"
        "print('PAUSED', gc.get_freeze_count())\n"
        "collector.resume()\n"
        "print('RESUMED', gc.get_freeze_count() > len(start), gc.isenabled())\n"
    )
    assert "PAUSED 0" in out
    assert "RESUMED True True" in out


def test_a_one_command_process_freezes_what_is_alive_at_exit():
    out = in_a_fresh_process(
        "import atexit, gc\n"
        "atexit.register(lambda: print('AT EXIT', gc.get_freeze_count() > 0))\n"
        "from borderdesk.cli import collector\n"
        "collector.one_command_process()\n"
        "print('RUNNING', gc.get_freeze_count())\n"
    )
    assert "RUNNING 0" in out and "AT EXIT True" in out


def test_main_with_arguments_freezes_nothing():
    before = gc.get_freeze_count()
    with pytest.raises(SystemExit):
        main(["--version"])
    assert gc.get_freeze_count() == before
