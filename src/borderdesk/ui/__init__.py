"""The Qt shell: the only package that imports PySide6.

Widgets call services (``borderdesk.services``) through ``ui.operations`` and show
the plain rows they return; they never open a database session themselves.
"""

from __future__ import annotations
