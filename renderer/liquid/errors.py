"""The one error type of the Liquid layer: every failure knows its file, line and column.

``LiquidError`` is a ``DocsError``, the renderer's one root for problems in the docs: a command catches one type,
and prints every problem the same way."""

from __future__ import annotations

from renderer.model.errors import DocsError


class LiquidError(DocsError):
    """A template could not be parsed or rendered.

    ``str(error)`` is ``"file:line:col: message"`` so a build log points straight at the source, followed by
    ``(hint)`` when the error says what to do (a budget exceeded: how to raise it).
    """

    def __init__(
        self, message: str, filename: str = "<string>", line: int = 0, column: int = 0, hint: str | None = None
    ) -> None:
        super().__init__(message, filename, line, column, hint)

    def __str__(self) -> str:  # always located (the root leaves out what it does not know)
        text = f"{self.filename}:{self.line}:{self.column}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class UnlocatedError(Exception):
    """Raised by runtime helpers that cannot know where they are; the template turns it into a LiquidError."""

    hint: str | None = None

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LoopSignal(Exception):
    """A break/continue outside any loop of its template: ends that template; its includer's loop obeys."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind
