"""File names and other user-given text shown without bidi or control tricks."""

from __future__ import annotations

import pytest

from borderdesk.domain.safe_text import has_unsafe_characters, shown_safely, stripped_name
from borderdesk.domain.scan_content import scan_media_type


@pytest.mark.parametrize(
    "char",
    ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2069", "\u200e", "\u200f"],
)
def test_direction_marks_are_made_visible(char):
    name = f"invoice{char}fdp.exe"
    shown = shown_safely(name)
    assert char not in shown and f"<U+{ord(char):04X}>" in shown
    assert stripped_name(name) == "invoicefdp.exe"
    assert has_unsafe_characters(name) and not has_unsafe_characters(stripped_name(name))


@pytest.mark.parametrize("char", ["\x00", "\x07", "\n", "\x1b", "\x7f", "\x85", "\x9b"])
def test_c0_and_c1_controls_are_made_visible(char):
    assert char not in shown_safely(f"scan{char}.pdf")
    assert stripped_name(f"scan{char}.pdf") == "scan.pdf"


def test_ordinary_names_are_untouched_and_notes_keep_their_lines():
    for name in ("Скан паспорта.pdf", "رسالة.png", "scan (2).jpeg"):
        assert shown_safely(name) == name
    assert shown_safely("line one\nline\ttwo\u202e", keep_lines=True) == (
        "line one\nline\ttwo<U+202E>"
    )


@pytest.mark.parametrize(
    ("content", "media_type"),
    [
        (b"\x89PNG\r\n\x1a\n...", "image/png"),
        (b"\xff\xd8\xff\xe0...", "image/jpeg"),
        (b"II*\x00...", "image/tiff"),
        (b"MM\x00*...", "image/tiff"),
        (b"%PDF-1.7\n...", "application/pdf"),
        (b"MZ\x90\x00 a program", None),
        (b"#!/bin/sh\n", None),
        (b"PK\x03\x04 a zip", None),
        (b"", None),
    ],
)
def test_a_scan_is_an_image_or_a_pdf_by_its_first_bytes(content, media_type):
    assert scan_media_type(content) == media_type


@pytest.mark.parametrize(
    "char", ["\u00ad", "\u200b", "\u2028", "\u2029", "\u2060", "\ufeff", "\U000e0041"]
)
def test_invisible_characters_are_made_visible_and_dropped_from_names(char):
    name = f"IVA{char}NOV"
    assert shown_safely(name) == f"IVA<U+{ord(char):04X}>NOV"
    assert shown_safely(name, keep_lines=True) == f"IVA<U+{ord(char):04X}>NOV"
    assert stripped_name(name) == "IVANOV"


def test_joiners_of_persian_names_stay():
    assert shown_safely("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645") == (
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    )


def test_a_value_quoted_in_a_message_is_cut_and_shown_safely():
    from borderdesk.domain.safe_text import QUOTED_LIMIT, shown_in_message

    assert shown_in_message("KAZ") == "KAZ" and shown_in_message(12345) == "12345"
    assert shown_in_message("x" * QUOTED_LIMIT) == "x" * QUOTED_LIMIT
    huge = shown_in_message("Я" * 120_000)
    assert huge == "Я" * QUOTED_LIMIT + "…"
    assert shown_in_message("a\u202eb") == "a<U+202E>b"
    assert shown_in_message("abcdef", limit=3) == "abc…"
