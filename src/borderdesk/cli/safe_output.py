"""The command line's stdout and stderr, wrapped once when a command starts.

Whatever a command prints may quote stored data: a name with a right-to-left override
(U+202E) that turns the rest of the line around, an escape sequence that recolours or
clears the terminal, a carriage return that writes over "Audit log intact", text the
terminal's encoding cannot show (a Kazakh letter under KOI8-R, anything but ASCII under
``LANG=C`` without UTF-8 mode). Every write goes through :class:`SafeStream`:

- direction controls and C0/C1 control characters are shown as ``<U+202E>``
  (``domain.safe_text.shown_safely``, the one rule the GUI and the forms use too); line
  breaks and tabs stay, and a Windows line end becomes a plain one;
- a character the encoding lacks is written as a ``\\uXXXX`` escape instead of raising
  UnicodeEncodeError halfway through the output; a stream that claims ASCII (a C locale
  without Python's UTF-8 mode) gets UTF-8, as click itself does for such a stream, since
  the terminal behind it nearly always reads UTF-8.

``--json`` output escapes such characters itself (``state.print_json``), so a script
reads the data unchanged. Progress bars are BorderDesk's own text and draw with ``\\r``
and escape sequences: they write to :func:`unfiltered`.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import sys
from collections.abc import Callable, Iterable
from typing import IO, Any

from borderdesk.domain.safe_text import shown_safely


class _Utf8Writer(io.TextIOWrapper):
    """UTF-8 onto the buffer of a stream that claims ASCII; never closes that buffer."""

    def __del__(self) -> None:
        with contextlib.suppress(ValueError):  # detached already
            self.detach()


def _claims_ascii(stream: IO[str]) -> bool:
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "ascii"
    except LookupError:
        return False


class SafeStream:
    """A text stream that writes ``shown_safely`` text, encodable by the stream below."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._writer: IO[str] = stream
        buffer = getattr(stream, "buffer", None)
        if _claims_ascii(stream) and buffer is not None:
            stream.flush()
            self._writer = _Utf8Writer(
                buffer, encoding="utf-8", errors="backslashreplace", write_through=True
            )
        self.encoding: str = getattr(self._writer, "encoding", None) or "utf-8"
        # click compares this with the errors it wants; a stream without one is rewrapped.
        self.errors: str = "backslashreplace"

    @property
    def wrapped(self) -> IO[str]:
        return self._stream

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # click probes for a binary stream with b""
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        shown = shown_safely(text.replace("\r\n", "\n"), keep_lines=True)
        try:
            self._writer.write(shown)
        except UnicodeEncodeError:
            # A text stream encodes a write whole before it writes: nothing went out yet.
            encoded = shown.encode(self.encoding, "backslashreplace")
            self._writer.write(encoded.decode(self.encoding))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._writer.flush()
        if self._writer is not self._stream:
            self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    @property
    def closed(self) -> bool:
        return bool(getattr(self._stream, "closed", False))

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":  # bytes would bypass the filter: click then writes text here
            raise AttributeError(name)
        return getattr(self._stream, name)


def install() -> Callable[[], None]:
    """Wrap ``sys.stdout`` and ``sys.stderr`` (once: wrapped streams stay as they are);
    returns what puts the previous streams back."""
    before = sys.stdout, sys.stderr
    if not isinstance(sys.stdout, SafeStream):
        sys.stdout = SafeStream(sys.stdout)
    if not isinstance(sys.stderr, SafeStream):
        sys.stderr = SafeStream(sys.stderr)

    def restore() -> None:
        sys.stdout, sys.stderr = before

    return restore


def unfiltered(stream: Any) -> Any:
    """The stream below a :class:`SafeStream`, for BorderDesk's own progress bars."""
    return stream.wrapped if isinstance(stream, SafeStream) else stream
