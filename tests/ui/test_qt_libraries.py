"""Before Qt starts on X11: the missing system libraries named as packages, in one line."""

from __future__ import annotations

from borderdesk import i18n
from borderdesk.ui import app as ui_app
from borderdesk.ui.qt_libraries import missing_libraries_message, missing_packages, uses_xcb

X11 = {"DISPLAY": ":0"}


def test_all_libraries_there_means_no_message():
    assert missing_libraries_message(X11, find=lambda soname: True) is None


def test_missing_libraries_named_by_their_packages_in_russian():
    i18n.set_language("ru")
    present = {"libEGL.so.1", "libfontconfig.so.1"}
    message = missing_libraries_message(X11, find=lambda soname: soname in present)
    assert message is not None and "\n" not in message
    assert "sudo apt install libxcb-cursor0 libxkbcommon-x11-0" in message
    assert "libegl1" not in message
    assert message.startswith("Для графического интерфейса")


def test_only_the_missing_ones_in_english():
    i18n.set_language("en")
    message = missing_libraries_message(X11, find=lambda soname: soname != "libxcb-cursor.so.0")
    assert message == (
        "The graphical interface needs system libraries that are not installed; "
        "install them with: sudo apt install libxcb-cursor0"
    )


def test_other_platforms_are_not_checked():
    never = lambda soname: False  # noqa: E731 - a finder that finds nothing
    assert missing_libraries_message({"QT_QPA_PLATFORM": "offscreen", **X11}, find=never) is None
    assert missing_libraries_message({"WAYLAND_DISPLAY": "wayland-0", **X11}, find=never) is None
    assert not uses_xcb(X11, platform="win32")
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"}, platform="linux")
    assert missing_packages(never)[0] == "libxcb-cursor0"


def test_run_gui_says_it_and_exits_1(monkeypatch, capsys):
    monkeypatch.setattr(ui_app, "missing_libraries_message", lambda: "install libxcb-cursor0")
    assert ui_app.run_gui(object()) == 1
    assert capsys.readouterr().err.strip() == "install libxcb-cursor0"
