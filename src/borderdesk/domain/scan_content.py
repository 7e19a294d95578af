"""What an evidence scan is, by its first bytes: only images and PDFs are accepted.

The file's name says nothing (``photo.pdf`` may be a program); the magic numbers of
the formats do (PNG, JPEG, TIFF in both byte orders, PDF).
"""

from __future__ import annotations

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"%PDF-", "application/pdf"),
)


def scan_media_type(content: bytes) -> str | None:
    """The media type of an accepted scan, or None when it is no image or PDF."""
    for magic, media_type in _MAGIC:
        if content.startswith(magic):
            return media_type
    return None
