"""Canonical JSON and the content digest printed on forms."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from uuid import UUID

import pytest

from borderdesk.forms import canonical_json, content_digest, parse_qr_payload, qr_payload
from borderdesk.forms.qr import qr_modules, short_digest


def test_canonical_json_sorts_keys_uses_iso_dates_and_utf8():
    data = {
        "b": 1,
        "a": date(2024, 1, 2),
        "c": datetime(2024, 3, 5, 14, 20, tzinfo=timezone(timedelta(hours=5))),
        "name": "Рахимов",
        "sum": Decimal("12450.00"),
        "id": UUID("0190f3a2-7c4e-7b1a-9d2e-5f6a7b8c9d0e"),
        "tags": ("x", None, True),
    }
    expected = (
        '{"a":"2024-01-02","b":1,"c":"2024-03-05T09:20:00+00:00",'
        '"id":"0190f3a2-7c4e-7b1a-9d2e-5f6a7b8c9d0e","name":"Рахимов","sum":"12450",'
        '"tags":["x",null,true]}'
    ).encode()
    assert canonical_json(data) == expected
    assert content_digest(data) == hashlib.sha256(expected).hexdigest()


def test_digest_ignores_key_order_zone_and_unicode_form():
    a = {"x": "й", "t": datetime(2024, 3, 5, 9, 20, tzinfo=UTC)}
    b = {"t": datetime(2024, 3, 5, 14, 20, tzinfo=timezone(timedelta(hours=5))), "x": "и\u0306"}
    assert content_digest(a) == content_digest(b)


def test_digest_is_stable_across_runs():
    # A fixed value: if this changes, printed protocols no longer verify.
    assert (
        content_digest({"id": "r1", "born": date(1991, 4, 1)})
        == hashlib.sha256(b'{"born":"1991-04-01","id":"r1"}').hexdigest()
    )


def test_dataclasses_and_sets_canonicalise():
    @dataclass(frozen=True)
    class Row:
        n: int
        tags: frozenset

    assert canonical_json({"r": Row(1, frozenset({"b", "a"}))}) == b'{"r":{"n":1,"tags":["a","b"]}}'


def test_unsupported_values_are_refused():
    with pytest.raises(TypeError):
        canonical_json({"x": object()})
    with pytest.raises(ValueError):
        canonical_json({"x": float("nan")})


def test_payload_round_trip_and_short_form():
    digest = content_digest({"a": 1})
    text = qr_payload("check", "0190f3a2-7c4e-7b1a-9d2e-5f6a7b8c9d0e", digest)
    assert text == text.upper()  # alphanumeric QR mode: a smaller symbol
    parsed = parse_qr_payload(text)
    assert parsed.kind == "CHECK"
    assert parsed.record_id == "0190f3a2-7c4e-7b1a-9d2e-5f6a7b8c9d0e"
    assert parsed.digest == digest
    assert short_digest(digest) == f"{digest[:4]} {digest[4:8]} {digest[8:12]} {digest[12:16]}"
    with pytest.raises(ValueError):
        parse_qr_payload("XX:CHECK:1:abc")


def test_qr_symbol_is_square_and_small():
    modules = qr_modules(qr_payload("HANDOVER", "0190f3a2-7c4e-7b1a-9d2e-5f6a7b8c9d0e", "a" * 64))
    assert len(modules) == len(modules[0]) <= 41  # version 6 or lower at level M
