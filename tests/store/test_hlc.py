"""The hybrid logical clock (domain.clock) the store stamps every record with."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from borderdesk.domain.clock import HlcStamp, HybridLogicalClock


def scripted_wall(*values: int):
    """A wall clock that returns the given readings, then keeps returning the last."""
    readings = list(values)

    def wall() -> int:
        return readings.pop(0) if len(readings) > 1 else readings[0]

    return wall


def stamps(clock: HybridLogicalClock, n: int) -> list[HlcStamp]:
    return [clock.now() for _ in range(n)]


def assert_strictly_increasing(values: list[HlcStamp]) -> None:
    assert all(a < b for a, b in zip(values, values[1:], strict=False))
    encoded = [s.encode() for s in values]
    assert all(a < b for a, b in zip(encoded, encoded[1:], strict=False))


def test_stuck_wall_clock_still_advances():
    clock = HybridLogicalClock("POST-07", wall_ms=lambda: 1_000)
    result = stamps(clock, 50)
    assert_strictly_increasing(result)
    assert {s.wall_ms for s in result} == {1_000}
    assert [s.counter for s in result] == list(range(50))


def test_wall_clock_going_backwards_never_goes_back():
    clock = HybridLogicalClock("POST-07", wall_ms=scripted_wall(5_000, 4_000, 3_000, 4_500, 6_000))
    result = stamps(clock, 5)
    assert_strictly_increasing(result)
    assert [(s.wall_ms, s.counter) for s in result] == [
        (5_000, 0),
        (5_000, 1),
        (5_000, 2),
        (5_000, 3),
        (6_000, 0),
    ]


def test_observing_a_stamp_from_the_future():
    clock = HybridLogicalClock("POST-07", wall_ms=lambda: 1_000)
    local = clock.now()
    remote = HlcStamp(9_000_000, 7, "HQ")
    clock.observe(remote)
    after = clock.now()
    assert after > remote > local
    assert (after.wall_ms, after.counter, after.site) == (9_000_000, 8, "POST-07")
    assert after.encode() > remote.encode()


def test_observing_an_older_stamp_changes_nothing():
    clock = HybridLogicalClock("POST-07", wall_ms=lambda: 5_000)
    first = clock.now()
    clock.observe(HlcStamp(4_000, 99, "HQ").encode())
    assert clock.now() == HlcStamp(5_000, first.counter + 1, "POST-07")


def test_observe_accepts_the_encoded_form():
    clock = HybridLogicalClock("POST-07", wall_ms=lambda: 1)
    clock.observe("000000000123456.00042.HQ")
    assert clock.now() == HlcStamp(123_456, 43, "POST-07")


def test_counter_overflow_keeps_text_order():
    clock = HybridLogicalClock("POST-07", wall_ms=lambda: 1_000)
    clock.observe(HlcStamp(1_000, 99_999, "HQ"))
    before, after = HlcStamp(1_000, 99_999, "HQ"), clock.now()
    assert after > before
    assert after.encode() > before.encode()


sites = st.from_regex(r"[A-Z0-9][A-Z0-9-]{0,15}", fullmatch=True)
hlc_stamps = st.builds(
    HlcStamp,
    wall_ms=st.integers(min_value=0, max_value=10**15 - 1),
    counter=st.integers(min_value=0, max_value=99_999),
    site=sites,
)


@given(hlc_stamps)
def test_encode_decode_round_trip(stamp):
    assert HlcStamp.decode(stamp.encode()) == stamp


@given(hlc_stamps, hlc_stamps)
def test_text_order_is_tuple_order(a, b):
    assert (a.encode() < b.encode()) == (a < b)
    assert (a.encode() == b.encode()) == (a == b)
