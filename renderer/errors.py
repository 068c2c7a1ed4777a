"""Errors the renderer reports to people: each knows the file, line and column it is about."""

from __future__ import annotations


class DocsError(Exception):
    """A problem in the docs source or configuration, with its location when one is known."""

    def __init__(
        self,
        message: str,
        filename: str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
        severity: str = "error",
    ) -> None:
        super().__init__(message)
        self.severity = severity  # "error", or "warning" for what does not stop a page from rendering
        self.message = message
        self.filename = filename
        self.line = line
        self.column = column
        self.hint = hint

    @property
    def location(self) -> str:
        parts = [p for p in (self.filename, self.line, self.column) if p is not None]
        return ":".join(str(p) for p in parts)

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        return f"{text} ({self.hint})" if self.hint else text


class ConfigError(DocsError):
    """The site configuration cannot be used."""


class FrontMatterError(DocsError):
    """A page's YAML front matter is malformed or has invalid values."""
