"""Rewrite the 2021 version conditions of a Liquid source into the ``ifversion`` form, byte for byte elsewhere.

    {% if currentVersion == "free-pro-team@latest" or currentVersion ver_gt "enterprise-server@3.0" %}
    {% ifversion fpt or ghes > 3.0 %}

A block is rewritten whole or not at all: an ``if`` with every ``elsif`` (an ``ifversion``'s ``elsif`` is a
version condition too), an ``unless`` with its ``endunless`` (``ifversion`` with the condition negated, and
``endif``). A condition is rewritten only when each part of it is about the version being rendered
(``currentVersion`` compared with ``==``, ``!=``, ``ver_gt``, ``ver_lt`` to a version of the site's plans;
``enterpriseServerVersions contains currentVersion``) and its ``and``/``or`` grouping reads the same without
parentheses (``ifversion`` has none: ``and`` binds tighter than ``or``). Anything else is kept as written and
reported, with its place and why. Everything outside the rewritten tags — whitespace control, text, comments,
line endings — stays as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from renderer.liquid import Environment, LiquidError
from renderer.liquid import nodes as n
from renderer.liquid.lexer import TAG, Source, Token, tokenize
from renderer.liquid.parser import ExprStream, Parser
from renderer.model.config import SiteConfig
from renderer.model.versions import plans_by_name, short_name

# Only = and != negate into each other: on another plan, "not ghes > 3.0" is true, "ghes <= 3.0" false.
_FLIP = {"=": "!=", "!=": "="}
_VERSION_WORDS = ("currentVersion", "enterpriseServerVersions")
_RELEASE = re.compile(r"\d+(?:\.\d+){0,2}")


class Unconvertible(Exception):
    """Why a condition stays as written."""


@dataclass
class Rewrite:
    text: str  # the source, rewritten
    converted: int = 0  # conditions rewritten
    kept: list[tuple[int, str]] = field(default_factory=list)  # (line, why) of version conditions kept


# blocks that can hold an else, so that each else is counted for the block it belongs to
_OPENERS = ("if", "unless", "ifversion", "for", "case")
_CLOSERS = {"endif": ("if", "ifversion"), "endunless": ("unless",), "endfor": ("for",), "endcase": ("case",)}


@dataclass
class _Block:
    kind: str  # one of _OPENERS
    tags: list[tuple[int, int, str]]  # (start, end, new text) of each tag span to replace: name + markup
    ok: bool = True
    elses: int = 0
    why: str = ""
    line: int = 0


def rewrite(text: str, filename: str, config: SiteConfig, env: Environment) -> Rewrite:
    source = Source(text, filename)
    try:
        tokens = tokenize(source)
    except LiquidError as e:
        return Rewrite(text, kept=[(e.line, f"not rewritten: {e.message}")])
    parser = Parser(source, env.tags, True, set(env.filter_names))
    names = _Names(config)
    stack: list[_Block] = []
    done: list[_Block] = []
    for tok in tokens:
        if tok.kind != TAG:
            continue
        span = (tok.markup_start - len(tok.name), tok.markup_start + len(tok.value.rstrip()))
        if tok.name in _OPENERS:
            block = _Block(tok.name, [], line=source.location(tok.start)[0])
            stack.append(block)
            if tok.name in ("if", "unless"):
                _condition(block, parser, tok, names, negate=tok.name == "unless", span=span)
        elif tok.name == "elsif" and stack:
            if stack[-1].kind == "unless":
                stack[-1].ok, stack[-1].why = False, "an unless with elsif"
            elif stack[-1].kind == "if":
                _condition(stack[-1], parser, tok, names, negate=False, span=span, tag="elsif")
        elif tok.name == "else" and stack:
            stack[-1].elses += 1
            if stack[-1].elses > 1 and stack[-1].ok:  # the 2021 renderer rendered each; ifversion has one
                stack[-1].ok, stack[-1].why = False, "two else branches"
        elif tok.name.startswith("end") and stack and stack[-1].kind in _CLOSERS.get(tok.name, ()):
            block = stack.pop()
            if block.kind == "unless":
                block.tags.append((*span, "endif"))
            done.append(block)
    out = Rewrite(text)
    edits: list[tuple[int, int, str]] = []
    for block in done:
        if block.kind not in ("if", "unless"):
            continue
        if block.ok:
            edits += block.tags
            out.converted += sum(1 for _, _, new in block.tags if new != "endif")
        elif block.why:
            out.kept.append((block.line, block.why))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    out.text = text
    out.kept.sort()
    return out


def _condition(
    block: _Block, parser: Parser, tok: Token, names: _Names, negate: bool, span: tuple[int, int],
    tag: str = "ifversion",
) -> None:
    """Add the rewritten condition of ``tok`` to ``block``, or mark the block as kept, and why."""
    if not block.ok:
        return
    try:
        stream = ExprStream(parser, tok.value, tok.markup_start)
        cond = stream.condition()
        if not stream.at("end"):
            raise Unconvertible("words after the condition (the 2021 renderer ignored them)")
        tree = _translate(cond, names)
        if negate:
            tree = _negate(tree)
        written = _write(tree, top=True)
    except (Unconvertible, LiquidError) as e:
        # reported only when the condition is about versions: an {% if page.x %} is no business of ours
        about_versions = any(word in tok.value for word in _VERSION_WORDS)
        why = str(e) if isinstance(e, Unconvertible) else e.message
        if not about_versions:  # reported only when the block has version conditions ({% if page.x %} has none)
            why = "a branch that is not only about the version being rendered" if block.tags else ""
        block.ok, block.why = False, why
        return
    block.tags.append((*span, f"{tag} {written}"))


class _Names:
    def __init__(self, config: SiteConfig) -> None:
        self.config = config
        self.plans = plans_by_name(config)

    def version(self, value: object) -> tuple[str, str | None]:
        """A version string as (short plan name, release or None for a plan without numbered releases)."""
        if not isinstance(value, str):
            raise Unconvertible(f"{value!r} is not a version")
        plan_name, at, release = value.partition("@")
        if not at:  # a bare release: the numbered plan's, as ver_gt reads it
            numbered = [p for p in self.config.plans if p.numbered]
            if not numbered:
                raise Unconvertible(f"{value!r}: no plan with numbered releases")
            plan_name, release = numbered[0].name, value
        plan = self.plans.get(plan_name)
        if plan is None:
            raise Unconvertible(f"{value!r} names no plan of this site")
        short = short_name(plan)
        if not short:
            raise Unconvertible(f"the plan {plan.name!r} has no short name")
        if plan.numbered and not _RELEASE.fullmatch(release):
            raise Unconvertible(f"{value!r} has no release ifversion can compare (like 3.1)")
        if not plan.numbered and release not in plan.releases:
            raise Unconvertible(f"{value!r} is no version of this site (the plan's only one is {plan.versions[0]})")
        return short, release if plan.numbered else None


def _is_current(e: n.Expr) -> bool:
    return isinstance(e, n.Path) and e.root == "currentVersion" and not e.keys


def _translate(e: n.Expr, names: _Names) -> tuple:
    if isinstance(e, n.Logic):
        return (e.op, _translate(e.left, names), _translate(e.right, names))
    if isinstance(e, n.Not):
        return _negate(_translate(e.operand, names))
    if isinstance(e, n.Compare):
        left, right, op = e.left, e.right, e.op
        if op == "contains" and _is_current(right) and isinstance(left, n.Path) and not left.keys:
            if left.root == "enterpriseServerVersions":
                numbered = [p for p in names.config.plans if p.numbered]
                if numbered and short_name(numbered[0]):
                    return ("name", short_name(numbered[0]))
        if _is_current(right) and op in ("==", "!=") and not _is_current(left):
            left, right = right, left
        if _is_current(left) and isinstance(right, n.Literal):
            short, release = names.version(right.value)
            if op in ("==", "!="):
                if release is None:
                    return ("name", short) if op == "==" else ("not", ("name", short))
                return ("compare", short, "=" if op == "==" else "!=", release)
            if op in ("ver_gt", "ver_lt") and release is not None:
                return ("compare", short, ">" if op == "ver_gt" else "<", release)
    raise Unconvertible("a condition that is not only about the version being rendered")


def _negate(t: tuple) -> tuple:
    kind = t[0]
    if kind == "not":
        return t[1]
    if kind == "compare" and t[2] in _FLIP:
        return ("compare", t[1], _FLIP[t[2]], t[3])
    if kind == "and":
        return ("or", _negate(t[1]), _negate(t[2]))
    if kind == "or":
        return ("and", _negate(t[1]), _negate(t[2]))
    return ("not", t)


def _write(t: tuple, top: bool = False) -> str:
    kind = t[0]
    if kind == "name":
        return t[1]
    if kind == "compare":
        return f"{t[1]} {t[2]} {t[3]}"
    if kind == "not":
        if t[1][0] not in ("name", "compare"):
            raise Unconvertible("not of a group (ifversion has no parentheses)")
        return f"not {_write(t[1])}"
    if kind == "and":
        for side in t[1:]:
            if side[0] == "or":
                raise Unconvertible("and over an or (ifversion has no parentheses)")
        return f"{_write(t[1])} and {_write(t[2])}"
    return f"{_write(t[1])} or {_write(t[2])}"
