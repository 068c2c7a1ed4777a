"""The one error type of the Liquid layer: every failure knows its file, line and column."""

from __future__ import annotations


class LiquidError(Exception):
    """A template could not be parsed or rendered.

    ``str(error)`` is ``"file:line:col: message"`` so a build log points straight at the source.
    """

    def __init__(self, message: str, filename: str = "<string>", line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.filename = filename
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return f"{self.filename}:{self.line}:{self.column}: {self.message}"


class UnlocatedError(Exception):
    """Raised by runtime helpers that cannot know where they are; the template turns it into a LiquidError."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
