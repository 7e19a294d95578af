"""``borderdesk search``: persons by any spelling of the name, document number or birth date."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from borderdesk.cli import cli
from borderdesk.cli.state import CliState, pass_state, print_json, whole_number
from borderdesk.i18n import _

if TYPE_CHECKING:
    from borderdesk.services.people.search import PersonHit


def render_hits(hits: list[PersonHit]) -> str:
    from borderdesk.domain.safe_text import shown_safely

    if not hits:
        return _("Nothing found.")
    out = []
    for hit in hits:
        name = " ".join(p for p in (hit.surname, hit.given_names) if p)
        latin = " ".join(p for p in (hit.surname_latin, hit.given_names_latin) if p)
        if latin and latin != name:
            name = f"{name} ({latin})"
        name = shown_safely(name)  # a name stored before names were cleaned, or synced in
        birth = hit.birth_date.display() if hit.birth_date else "—"
        documents = ", ".join(f"{d.issuing_state} {d.number}" for d in hit.documents) or "—"
        out.append(
            f"{hit.score:5.1f}  {name}  {birth}  {hit.nationality}  {documents}  {hit.person_id}"
        )
    return "\n".join(out)


@cli.command(
    "search",
    help=_(
        "Find persons by a name in any spelling, a document number or a date of birth "
        "(YYYY-MM-DD, DD.MM.YYYY or a year), best first."
    ),
)
@click.argument("query", nargs=-1, required=True, metavar=_("QUERY..."))
@click.option(
    "--limit",
    default=20,
    show_default=True,
    type=whole_number(1, 500),
    help=_("At most this many persons."),
)
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
@pass_state
def search_command(state: CliState, query: tuple[str, ...], limit: int, as_json: bool) -> int:
    from borderdesk.services.people.search import search

    hits = search(state.database(), actor=state.actor(), query=" ".join(query), limit=limit)
    if as_json:
        print_json([hit.to_json() for hit in hits])
    else:
        click.echo(render_hits(hits))
    return 0
