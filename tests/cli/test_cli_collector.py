"""The garbage collector is paused while a command starts and always runs again after."""

from __future__ import annotations

import gc

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
