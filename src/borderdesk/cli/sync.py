"""``borderdesk sync …``: packages by file between posts, centres and HQ."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from borderdesk.cli import cli
from borderdesk.cli.safe_output import unfiltered
from borderdesk.cli.state import CliState, pass_state, print_json
from borderdesk.domain.safe_text import shown_safely
from borderdesk.errors import InputError
from borderdesk.files import read_user_text
from borderdesk.i18n import _, format_datetime


@cli.group("sync", help=_("Sync by file: identities, peers, packages, conflicts."))
def sync() -> None:
    pass


@sync.command("identity", help=_("Write this site's identity file (public keys only)."))
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    metavar=_("FILE"),
    help=_("The identity file to write."),
)
@pass_state
def identity_command(state: CliState, out: Path) -> None:
    from borderdesk.services import sync as sync_service

    text = sync_service.identity_text(state.database(), actor=state.actor())
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(
            _("Cannot write {path}: {reason}").format(path=out, reason=exc.strerror)
        ) from None
    click.echo(_("Identity written to {path}.").format(path=out))


@sync.group("peer", help=_("The sites this site exchanges packages with."))
def peer() -> None:
    pass


@peer.command("add", help=_("Trust a site from its identity file (administrators)."))
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False), metavar=_("FILE"))
@pass_state
def peer_add_command(state: CliState, file: Path) -> None:
    from borderdesk.services import sync as sync_service

    text = read_user_text(file, kind="identity")
    added = sync_service.add_peer(state.database(), actor=state.actor(), text=text)
    click.echo(
        _("Peer {code} ({name}) added. Key fingerprint: {fingerprint}").format(
            code=added.code, name=added.name, fingerprint=added.fingerprint
        )
    )


class TerminalBar:
    """A progress bar for a person at a terminal; scripts (``--json``, or output
    that is not a terminal) get none and read the counts instead."""

    def __init__(self, label: str, *, as_json: bool) -> None:
        self._label = label
        self._shown = not as_json and sys.stdout.isatty() and sys.stderr.isatty()
        self._bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self._shown or total <= 0:
            return
        if self._bar is None:
            # The bar draws with \r (so not through the safe stream): the label shown safely.
            self._bar = click.progressbar(
                length=total, label=shown_safely(self._label), file=unfiltered(sys.stderr)
            )
            self._bar.__enter__()
        self._bar.update(done - self._bar.pos)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def _when(value: Any) -> str:
    return format_datetime(value) if value is not None else "—"


def _status_json(rows: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            "site": r.code,
            "name": r.name,
            "kind": r.kind,
            "fingerprint": r.fingerprint,
            "sent": r.sent_number,
            "sent_at": r.sent_at.isoformat() if r.sent_at else None,
            "acknowledged": r.acked_number,
            "acknowledged_at": r.acked_at.isoformat() if r.acked_at else None,
            "received": r.received_number,
            "received_at": r.received_at.isoformat() if r.received_at else None,
            "unacknowledged_changes": r.unacknowledged,
            "oldest_unacknowledged": (
                r.oldest_unacknowledged.isoformat() if r.oldest_unacknowledged else None
            ),
            "audit_head_proven": r.audit_head_proven or None,
        }
        for r in rows
    ]


@peer.command("list", help=_("List the peers and their key fingerprints."))
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
@pass_state
def peer_list_command(state: CliState, as_json: bool) -> None:
    from borderdesk.services import sync as sync_service

    rows = sync_service.list_peers(state.database(), actor=state.actor())
    if as_json:
        print_json(_status_json(rows))
        return
    for r in rows:
        click.echo(f"{r.code}\t{r.kind}\t{r.name}\t{r.fingerprint}")


@sync.command("status", help=_("Per peer: sent, acknowledged, and what still waits."))
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
@pass_state
def status_command(state: CliState, as_json: bool) -> None:
    from borderdesk.services import sync as sync_service

    rows = sync_service.sync_status(state.database(), actor=state.actor())
    if as_json:
        print_json(_status_json(rows))
        return
    for r in rows:
        click.echo(
            _(
                "{site}: sent {sent} ({sent_at}), acknowledged {acked}, received {received}; "
                "{waiting} changes unacknowledged, oldest {oldest}"
            ).format(
                site=r.code,
                sent=r.sent_number,
                sent_at=_when(r.sent_at),
                acked=r.acked_number,
                received=r.received_number,
                waiting=r.unacknowledged,
                oldest=_when(r.oldest_unacknowledged),
            )
        )
        if r.audit_head_proven:
            click.echo(
                _("  audit head {head} proven by the signature of {site}").format(
                    head=r.audit_head_proven.split(":")[0], site=r.code
                )
            )
        elif r.received_number:
            click.echo(_("  audit head not proven (a package without its signature)"))


@sync.command("export", help=_("Write the next package for a peer."))
@click.option("--to", "to", required=True, metavar=_("SITE"), help=_("The receiving site."))
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    metavar=_("FILE"),
    help=_("The package file to write (.bdsync)."),
)
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
@pass_state
def export_command(state: CliState, to: str, out: Path, as_json: bool) -> None:
    from borderdesk.services import sync as sync_service

    database, actor = state.database(), state.actor()
    bar = TerminalBar(_("Exporting"), as_json=as_json)
    try:
        result = sync_service.export_package(database, actor=actor, to=to, out=out, progress=bar)
    finally:
        bar.close()
    if as_json:
        print_json(result.to_json())
        return
    click.echo(
        _(
            "Package {number} for {site}: {records} records, {audit} audit entries, "
            "{size} bytes, in {path}."
        ).format(
            number=result.number,
            site=result.recipient,
            records=result.records,
            audit=result.audit_entries,
            size=result.bytes,
            path=result.path,
        )
    )


@sync.command("import", help=_("Import a package: all of it or nothing."))
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False), metavar=_("FILE"))
@click.option("--dry-run", is_flag=True, help=_("Check and count, change nothing."))
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
@pass_state
def import_command(state: CliState, file: Path, dry_run: bool, as_json: bool) -> int:
    from borderdesk.services import sync as sync_service

    database, actor = state.database(), state.actor()
    bar = TerminalBar(_("Importing"), as_json=as_json)
    try:
        result = sync_service.import_package(
            database, actor=actor, path=file, dry_run=dry_run, progress=bar
        )
    except sync_service.PackageRefused as refused:
        if as_json:
            print_json(
                {
                    "applied": 0,
                    "skipped": 0,
                    "conflicts": 0,
                    "parked": 1 if isinstance(refused, sync_service.PackageParked) else 0,
                    "refused": refused.code,
                    "reason": refused.message,
                }
            )
        raise
    finally:
        bar.close()
    if as_json:
        print_json(result.to_json())
        return 0
    text = _(
        "Package {number} from {sender}: {applied} applied, {skipped} already here, "
        "{conflicts} conflicts."
    ).format(
        number=result.number,
        sender=result.sender,
        applied=result.applied,
        skipped=result.skipped,
        conflicts=result.conflicts,
    )
    if dry_run:
        text = _("Dry run, nothing changed. {summary}").format(summary=text)
    click.echo(text)
    if result.audit_chain_ok is False:
        click.echo(
            _("The audit log of {site} does not match the head it signed.").format(
                site=result.sender
            ),
            err=True,
        )
        return 1
    return 0


@sync.command(
    "prune",
    help=_(
        "Let go of what every peer holds: change-log payloads, and tombstones past their "
        "retention (each import does this too). --compact also shrinks the database file."
    ),
)
@click.option("--compact", is_flag=True, help=_("Rebuild the file to give the space back."))
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
@pass_state
def prune_command(state: CliState, compact: bool, as_json: bool) -> None:
    from borderdesk.services.sync.pruning import prune_log

    result = prune_log(state.database(), actor=state.actor(), compact=compact)
    if as_json:
        print_json(result.to_json())
        return
    click.echo(
        _(
            "{pruned} change-log payloads every peer holds emptied, {purged} tombstones purged."
        ).format(pruned=result.pruned, purged=result.purged)
    )
    if result.compacted and result.bytes_before is not None and result.bytes_after is not None:
        click.echo(
            _("The database file: {before} → {after} bytes.").format(
                before=result.bytes_before, after=result.bytes_after
            )
        )


@sync.command("conflicts", help=_("List concurrent edits waiting for review."))
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
@pass_state
def conflicts_command(state: CliState, as_json: bool) -> None:
    from borderdesk.services import sync as sync_service

    rows = sync_service.list_conflicts(state.database(), actor=state.actor())
    if as_json:
        print_json(
            [
                {
                    "id": r.id,
                    "table": r.table_name,
                    "record": r.record_id,
                    "kind": r.kind,
                    "detected_at": r.detected_at.isoformat(),
                    "winner": {"site": r.winner_site, "user": r.winner_user},
                    "other": {"site": r.other_site, "user": r.other_user},
                    "differences": r.differences,
                }
                for r in rows
            ]
        )
        return
    for r in rows:
        fields = ", ".join(f"{k}: {w!r} / {o!r}" for k, (w, o) in r.differences.items())
        click.echo(
            f"{r.id}\t{r.table_name}\t{r.winner_site}/{r.winner_user} > "
            f"{r.other_site}/{r.other_user}\t{fields}"
        )


@sync.command(
    "resolve",
    help=_(
        "Resolve a conflict: keep the winner, take the other version, or merge the two "
        "field by field (--keep merge --field NAME=other …; fields not named keep the "
        "winner's value). See 'sync conflicts' for the fields that differ."
    ),
)
@click.argument("conflict_id", metavar=_("CONFLICT_ID"))
@click.option(
    "--keep",
    type=click.Choice(["winner", "other", "merge"]),
    required=True,
    help=_(
        "Keep the winning version, write the other one as a new edit, or merge the "
        "fields named with --field."
    ),
)
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar=_("NAME=winner|other"),
    help=_("With --keep merge: the version to take this field from (repeat per field)."),
)
@pass_state
def resolve_command(state: CliState, conflict_id: str, keep: str, fields: tuple[str, ...]) -> None:
    from borderdesk.services import sync as sync_service

    sync_service.resolve_conflict(
        state.database(),
        actor=state.actor(),
        conflict_id=conflict_id,
        keep=keep,
        fields=sync_service.parse_field_choices(fields) or None,
    )
    click.echo(_("Conflict {id} resolved.").format(id=conflict_id))
