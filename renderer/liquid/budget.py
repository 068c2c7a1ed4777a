"""What one render may still spend: loop steps, nested renders (reusables, includes) and characters of text.

A render is one ``Template.render`` call (a page body, its title, its intro) with everything it pulls in. Without
budgets a few lines never finish: reusables twelve deep that each use the next ten times render 10^12 leaves, and
``{% for i in (1..1000000000) %}`` a billion steps. Each budget is counted where it costs almost nothing:

- loop steps: a loop is charged its whole length when it starts (so a billion-step loop fails at once, before
  any step), and given back the steps it did not take when it ends early (``break``);
- nested renders: one per ``{% data %}`` string with Liquid in it, and per include, when it starts;
- text: the length of each template's output (the page's, each reusable's where it is rendered: a reusable's
  text counts once in its own output and again in each output that includes it), of each capture and of each
  string assigned. A template still rendering is measured while its loops run, from the pieces of output added
  since the previous step (each piece measured once), so a loop that prints too much stops in the loop.

Exceeding a budget raises ``BudgetExceeded``, which the template turns into a LiquidError at its file and line.
"""

from __future__ import annotations

from typing import Any

from .errors import UnlocatedError

HINT = "{what}, or raise limits.{name} in docs-renderer.yml if this is intended (docs/limits.md)"


class BudgetExceeded(UnlocatedError):
    """A render went over one of its budgets; ``name`` is the limit's key in ``limits:``."""

    def __init__(self, message: str, name: str, what: str) -> None:
        super().__init__(message)
        self.name = name
        self.hint = HINT.format(what=what, name=name)


class Budget:
    """The budgets of one render, shared by its scope, the scopes of ``{% render %}`` and every nested render."""

    __slots__ = ("max_steps", "steps", "max_renders", "renders", "max_chars", "chars", "held", "out", "mark", "seen")

    def __init__(self, limits: Any) -> None:
        self.max_steps = limits.loop_iterations
        self.steps = 0  # loop steps taken (or about to be: a loop is charged when it starts)
        self.max_renders = limits.nested_renders
        self.renders = 0
        self.max_chars = limits.output_chars
        self.chars = 0  # text of finished outputs, captures and assigned strings
        self.held = 0  # text measured in the outputs of templates that are rendering a nested one
        self.out: list[str] = []  # the output of the template rendering now (its loops measure it)
        self.mark = 0  # how many of its pieces are measured ...
        self.seen = 0  # ... and their length

    # --- loops ---------------------------------------------------------------------------------

    def loop(self, steps: int) -> None:
        """Charge a loop of ``steps`` steps as it starts."""
        self.steps += steps
        if self.steps > self.max_steps:
            raise BudgetExceeded(
                f"loop budget exceeded: this loop of {steps:,} steps takes the render past {self.max_steps:,} loop "
                "steps",
                "loop_iterations",
                "loop over fewer items (`limit:` on the for tag)",
            )

    def refund(self, steps: int) -> None:
        """Give back the steps a loop did not take (it ended with break)."""
        self.steps -= steps

    def measure(self) -> None:
        """Measure the output pieces added since the last measure; called by loops at each step."""
        out = self.out
        n = len(out)
        if n > self.mark:
            self.seen += sum(map(len, out[self.mark : n]))
            self.mark = n
            if self.chars + self.held + self.seen > self.max_chars:
                raise self._too_much()

    # --- nested renders and text ---------------------------------------------------------------

    def enter(self, out: list[str]) -> tuple[list[str], int, int]:
        """A nested render starts, writing to ``out``; returns what ``leave`` restores."""
        self.renders += 1
        if self.renders > self.max_renders:
            raise BudgetExceeded(
                f"render budget exceeded: more than {self.max_renders:,} reusables and includes rendered in one "
                "render (reusables that use each other many times over?)",
                "nested_renders",
                "use fewer reusables inside reusables",
            )
        saved = (self.out, self.mark, self.seen)
        self.held += self.seen
        self.out, self.mark, self.seen = out, 0, 0
        return saved

    def leave(self, saved: tuple[list[str], int, int]) -> None:
        self.out, self.mark, self.seen = saved
        self.held -= self.seen

    def finish(self, length: int) -> None:
        """The render's own output is done: charge it whole, in place of what its loops measured of it."""
        self.mark = self.seen = 0
        chars = self.chars = self.chars + length  # as text(), without a second call: once per render
        if chars + self.held > self.max_chars:
            raise self._too_much()

    def text(self, length: int) -> None:
        """Charge text that was produced: a finished output, a capture, an assigned string."""
        self.chars += length
        if self.chars + self.held + self.seen > self.max_chars:
            raise self._too_much()

    def _too_much(self) -> BudgetExceeded:
        return BudgetExceeded(
            f"output budget exceeded: the render produced more than {self.max_chars:,} characters of text "
            "(reusables that use each other many times over, or a loop that prints too much?)",
            "output_chars",
            "produce less text",
        )
