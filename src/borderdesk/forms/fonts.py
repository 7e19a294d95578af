"""The Cyrillic-capable fonts every printed form uses, registered once per process.

DejaVu is shipped in ``resources/fonts`` with its licence; reportlab embeds a
subset of each TrueType font it draws with (``/FontFile2``), so a printed
protocol looks the same on any machine.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from borderdesk.paths import resource

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
MONO = "DejaVuSansMono"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    MONO: "DejaVuSansMono.ttf",
}


@cache
def register_fonts() -> None:
    """Register DejaVu Sans (regular, bold) and DejaVu Sans Mono with reportlab."""
    for name, filename in _FILES.items():
        path = resource("fonts", filename)
        if not path.is_file():
            raise FileNotFoundError(f"font missing: {path}")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # <b> inside a Paragraph switches to the bold face; there is no italic face.
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS)
    addMapping(SANS, 1, 1, SANS_BOLD)
    addMapping(MONO, 0, 0, MONO)
    addMapping(MONO, 1, 0, MONO)
    addMapping(MONO, 0, 1, MONO)
    addMapping(MONO, 1, 1, MONO)
