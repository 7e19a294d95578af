"""store.raw_insert: a column of UUID texts bound for a CompactUuid column in one pass
gives each value the bytes the value alone would get."""

from __future__ import annotations

import uuid

import pytest

from borderdesk.store.raw_insert import _uuid_bytes, uuid_blobs

IDS = [str(uuid.UUID(int=n * 0x1F2E3D4C5B6A79881726354453627180 % 2**128)) for n in range(50)]


def one_by_one(values):
    out = []
    for value in values:
        try:
            out.append(_uuid_bytes(value))
        except ValueError:
            out.append(ValueError)
    return out


def in_one_pass(values):
    try:
        return uuid_blobs(values)
    except ValueError:
        return one_by_one(values)  # refused as a whole is refused value by value


@pytest.mark.parametrize(
    "odd",
    [
        None,
        IDS[0].replace("-", ""),  # 32 digits, no dashes: fromhex of it alone
        IDS[0][:8] + IDS[0][9:13] + "-" + IDS[0][8] + IDS[0][13:],  # a dash moved
        IDS[0][:-1] + " ",  # whitespace, skipped by fromhex
        IDS[0][:-1],
        IDS[0] + "0",
        "z" * 36,
    ],
)
def test_one_pass_is_each_value_alone(odd):
    assert uuid_blobs(IDS) == [uuid.UUID(i).bytes for i in IDS]
    for at in (0, 7, 49):
        values = [*IDS[:at], odd, *IDS[at:]]
        assert in_one_pass(values) == one_by_one(values)
    # Two odd values side by side that together look like two ids.
    shifted = [IDS[1][:-1], IDS[2][-1] + IDS[2]]
    assert in_one_pass([*IDS, *shifted]) == one_by_one([*IDS, *shifted])
    assert uuid_blobs([]) == []
