"""The MRZ field: takes a keyboard-wedge scan or typing, and checks every line as it grows.

A wedge reader types the lines in quick succession, each ending with Enter. The field
upper-cases what is typed or pasted, marks the character a problem points at (a wrong
check digit, a character an MRZ cannot hold, a line too long) and says which line,
position and field it is, and emits ``completed`` once it holds a whole MRZ by length
(TD1 3×30, TD2/MRV-B 2×36, TD3/MRV-A 2×44). Typing on after a complete MRZ and its
last Enter starts the next scan: the old lines go.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontDatabase, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from borderdesk.domain.mrz import describe, line_problems
from borderdesk.domain.mrz.formats import LINE_COUNTS
from borderdesk.domain.mrz.text import bad_character_message, split_input
from borderdesk.i18n import _

Problem = tuple[int, int | None, str]
MAX_MESSAGES = 3


def mrz_lines(text: str) -> list[str]:
    """The cleaned lines (no blank lines, no spaces, Latin upper case), as the parser reads them."""
    return split_input(text)


def is_complete(lines: list[str]) -> bool:
    """Two or three lines of one MRZ length: 30×3, 36×2 or 44×2."""
    if not lines:
        return False
    length = len(lines[0])
    return LINE_COUNTS.get(length) == len(lines) and all(len(line) == length for line in lines)


def problem_message(problem: Problem, lines: list[str]) -> str:
    line, position, code = problem
    if code == "bad_character" and position is not None:
        return bad_character_message(line, position, lines[line - 1][position - 1])
    if position is None:
        return _("Line {line}: {problem}").format(line=line, problem=describe(code))
    return _("Line {line}, position {position}: {problem}").format(
        line=line, position=position, problem=describe(code)
    )


class MrzEdit(QPlainTextEdit):
    """A monospaced plain-text field that upper-cases what it is given."""

    def __init__(self, parent: QWidget | None = None, *, visible_lines: int = 3) -> None:
        super().__init__(parent)
        font = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.25)
        font.setStyleHint(font.StyleHint.TypeWriter)
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.NoWrap)
        self.setTabChangesFocus(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        metrics = self.fontMetrics()
        frame = 2 * self.frameWidth() + int(self.document().documentMargin() * 2)
        self.setFixedHeight(metrics.lineSpacing() * visible_lines + frame + 6)
        self.setMinimumWidth(metrics.horizontalAdvance("W" * 44) + frame + 8)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        text = event.text()
        typing = (
            bool(text)
            and text.isprintable()
            and not event.modifiers() & ~(Qt.ShiftModifier | Qt.KeypadModifier)
        )
        if typing:
            self._start_next_scan_if_done()
            self.insertPlainText(text.upper())
            self.ensureCursorVisible()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source) -> None:  # noqa: N802 - Qt API
        if source.hasText():
            self._start_next_scan_if_done()
            self.insertPlainText(source.text().upper())
        else:
            super().insertFromMimeData(source)

    def _start_next_scan_if_done(self) -> None:
        """A complete MRZ ending in Enter, cursor at the end: what comes now is a new scan."""
        text = self.toPlainText()
        cursor = self.textCursor()
        at_end = cursor.position() == len(text) and not cursor.hasSelection()
        if at_end and text.endswith("\n") and is_complete(mrz_lines(text)):
            self.clear()


class MrzField(QWidget):
    """An :class:`MrzEdit` with its problems listed underneath."""

    #: The cleaned lines of a complete MRZ (a tuple of str), each time they change.
    completed = Signal(tuple)
    #: Any edit: the text changed (complete or not).
    edited = Signal()

    def __init__(self, parent: QWidget | None = None, *, visible_lines: int = 3) -> None:
        super().__init__(parent)
        self.edit = MrzEdit(self, visible_lines=visible_lines)
        self.problems_label = QLabel(self)
        self.problems_label.setObjectName("mrz_problems")
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextFormat(Qt.PlainText)
        self.problems_label.setStyleSheet("color: #b00020;")
        self.problems_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addWidget(self.problems_label)
        self.problems: list[Problem] = []
        self.messages: list[str] = []
        self._emitted: tuple[str, ...] | None = None
        # Validate once per burst of keystrokes: a wedge types a line in a few ms.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.validate)
        self.edit.textChanged.connect(self._changed)

    # ------------------------------------------------------------------ state
    def lines(self) -> list[str]:
        return mrz_lines(self.edit.toPlainText())

    def is_complete(self) -> bool:
        return is_complete(self.lines())

    def is_empty(self) -> bool:
        return not self.lines()

    def clear(self) -> None:
        self.edit.clear()
        self.validate()

    def setFocus(self) -> None:  # noqa: N802 - Qt API
        self.edit.setFocus()

    def set_placeholder(self, text: str) -> None:
        self.edit.setPlaceholderText(text)

    # ------------------------------------------------------------- validation
    def _changed(self) -> None:
        self.edited.emit()
        self._timer.start()

    def validate(self) -> None:
        """Check the lines now: mark the problems, and emit ``completed`` for a new MRZ."""
        self._timer.stop()
        lines = self.lines()
        self.problems = line_problems(lines) if lines else []
        self.messages = [problem_message(p, lines) for p in self.problems]
        self._show_problems()
        self._mark_problems()
        complete = tuple(lines) if is_complete(lines) else None
        if complete != self._emitted:
            self._emitted = complete
            if complete is not None:
                self.completed.emit(complete)

    def retranslate(self) -> None:
        lines = self.lines()
        self.messages = [problem_message(p, lines) for p in self.problems]
        self._show_problems()

    def _show_problems(self) -> None:
        shown = self.messages[:MAX_MESSAGES]
        more = len(self.messages) - len(shown)
        if more > 0:
            shown.append(_("…and {n} more.").format(n=more))
        self.problems_label.setText("\n".join(shown))
        self.problems_label.setVisible(bool(shown))

    def _mark_problems(self) -> None:
        blocks = self._mrz_blocks()
        selections = []
        for line, position, _code in self.problems:
            if not 1 <= line <= len(blocks):
                continue
            block_position, columns = blocks[line - 1]
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.edit.document())
            fmt = QTextCharFormat()
            if position is None or position > len(columns):
                # The whole line (a wrong length), or the end of a line that is too long.
                start = block_position + (columns[-1] + 1 if position and columns else 0)
                cursor.setPosition(block_position if position is None else start)
                cursor.movePosition(QTextCursor.EndOfBlock, QTextCursor.KeepAnchor)
                fmt.setBackground(QColor("#ffe9b0"))
                if position is None:
                    fmt.setProperty(QTextCharFormat.FullWidthSelection, True)
                    cursor.clearSelection()
            else:
                cursor.setPosition(block_position + columns[position - 1])
                cursor.movePosition(QTextCursor.NextCharacter, QTextCursor.KeepAnchor)
                fmt.setBackground(QColor("#ff8a80"))
                fmt.setForeground(QColor("#000000"))
                fmt.setFontUnderline(True)
                fmt.setUnderlineColor(QColor("#b00020"))
                fmt.setUnderlineStyle(QTextCharFormat.SingleUnderline)
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.edit.setExtraSelections(selections)

    def _mrz_blocks(self) -> list[tuple[int, list[int]]]:
        """Per cleaned MRZ line: where its block starts, and each character's column in it."""
        found = []
        block = self.edit.document().firstBlock()
        while block.isValid():
            columns = [i for i, char in enumerate(block.text()) if not char.isspace()]
            if columns:
                found.append((block.position(), columns))
            block = block.next()
        return found
