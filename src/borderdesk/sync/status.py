"""Per peer: what was sent, what it acknowledged, what is still waiting.

What the change log lets go once no peer needs it is ``sync.retention``'s."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Table, func, select
from sqlmodel import Session, col

from borderdesk.domain.clock import HlcStamp
from borderdesk.store.tables import ChangeLogEntry, SyncPeer
from borderdesk.sync import head_proof
from borderdesk.sync.export import LocalSite, window_condition
from borderdesk.sync.peers import fingerprint

_LOG: Table = ChangeLogEntry.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class PeerStatus:
    code: str
    name: str
    kind: str
    fingerprint: str
    sent_number: int
    sent_at: datetime | None
    acked_number: int
    acked_at: datetime | None
    received_number: int
    received_at: datetime | None
    # Changes here past the peer's acknowledgement (for HQ: before routing picks what
    # concerns the peer, so an upper bound), and when the oldest of them was recorded.
    unacknowledged: int
    oldest_unacknowledged: datetime | None
    # The peer's last audit head proven by its own signature ("seq:hash"; "" if none).
    audit_head_proven: str = ""


def peer_statuses(session: Session, me: LocalSite) -> list[PeerStatus]:
    out = []
    for peer in session.execute(select(SyncPeer).order_by(col(SyncPeer.site_code))).scalars():
        count, oldest = session.execute(
            select(func.count(), func.min(_LOG.c.recorded_at)).where(window_condition(me, peer))
        ).one()
        out.append(
            PeerStatus(
                code=peer.site_code,
                name=peer.name,
                kind=peer.kind,
                fingerprint=fingerprint(peer.signing_public_key, peer.encryption_public_key),
                sent_number=peer.sent_number,
                sent_at=peer.sent_at,
                acked_number=peer.acked_number,
                acked_at=peer.acked_at,
                received_number=peer.received_number,
                received_at=peer.received_at,
                unacknowledged=int(count),
                oldest_unacknowledged=_aware(oldest),
                audit_head_proven=head_proof.proven_peer_head(session, peer.site_code) or "",
            )
        )
    return out


def newest_packages(session: Session) -> dict[str, datetime]:
    """Per site, how recent the data this site holds from it is.

    A peer: when its newest imported package was made (its import time for a package
    imported before that was stored). Another site, whose records came through a peer
    (a post's data through HQ): the time of its newest change held here, from the
    watermarks of what was received.
    """
    out: dict[str, datetime] = {}
    peers = list(session.execute(select(SyncPeer)).scalars())
    for peer in peers:
        for author, stamp in json.loads(peer.received_upto or "{}").items():
            when = _stamp_time(stamp)
            if when is not None and (author not in out or when > out[author]):
                out[author] = when
    for peer in peers:
        made = peer.received_created_at or peer.received_at
        if made is not None:
            out[peer.site_code] = made
        else:
            out.pop(peer.site_code, None)
    return out


def _stamp_time(stamp: str) -> datetime | None:
    try:
        wall_ms = HlcStamp.decode(stamp).wall_ms
    except ValueError:
        return None
    return datetime.fromtimestamp(wall_ms / 1000, tz=UTC)


def _aware(value: datetime | str | None) -> datetime | None:
    # An aggregate skips the column type: SQLite hands back the stored text.
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value).replace(tzinfo=UTC)
