"""Parser: markup tokens -> node tree. Tags are parsed by functions registered per tag name (see tag modules).

Expressions come in two dialects, chosen by the environment's ``compat`` setting:

- ``standard``: Shopify Liquid, strict. A condition is ``a op b`` joined by ``and``/``or`` (grouped right to
  left, no precedence between them); anything left over is an error.
- ``liquidjs``: what the docs' reference renderer (liquidjs 9) accepted. A condition is read up to the first
  token that is not an operator and the rest is ignored; operators have liquidjs's precedences (comparisons
  bind tighter than custom operators, which bind tighter than ``and``/``or``; equal precedences group right to
  left); an empty condition is false.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from . import nodes
from .errors import LiquidError
from .lexer import OUTPUT, TAG, TEXT, ExprToken, Source, Token, lex_expression, tokenize
from .runtime import BLANK, EMPTY

KEYWORDS: dict[str, Any] = {"true": True, "false": False, "nil": None, "null": None, "empty": EMPTY, "blank": BLANK}
COMPARISONS = ("==", "!=", "<>", "<", ">", "<=", ">=")
WORD_OPERATORS = ("contains", "ver_gt", "ver_lt")
# liquidjs operator precedences; operators it does not know (the docs' ver_gt/ver_lt) get 1.
PRECEDENCE = {"==": 2, "!=": 2, "<>": 2, "<": 2, ">": 2, "<=": 2, ">=": 2, "contains": 2, "and": 0, "or": 0}

TagParser = Callable[["Parser", Token], "nodes.Node | None"]


class ExprStream:
    """Expression tokens of one tag or output, with the cursor helpers the tag parsers use."""

    def __init__(self, parser: Parser, markup: str, offset: int) -> None:
        self.parser = parser
        self.tokens = lex_expression(markup, offset, parser.source)
        self.pos = 0
        if len(self.tokens) > parser.max_tokens:
            parser.max_tokens = len(self.tokens)

    @property
    def current(self) -> ExprToken:
        return self.tokens[self.pos]

    def peek(self, n: int = 1) -> ExprToken:
        return self.tokens[min(self.pos + n, len(self.tokens) - 1)]

    def next(self) -> ExprToken:
        tok = self.tokens[self.pos]
        if tok.kind != "end":
            self.pos += 1
        return tok

    def at(self, kind: str, value: str | None = None) -> bool:
        tok = self.tokens[self.pos]
        return tok.kind == kind and (value is None or tok.value == value)

    def accept(self, kind: str, value: str | None = None) -> ExprToken | None:
        if self.at(kind, value):
            return self.next()
        return None

    def expect(self, kind: str, value: str | None = None) -> ExprToken:
        if not self.at(kind, value):
            want = repr(value) if value else kind
            raise self.error(f"expected {want}, found {self._describe(self.current)}")
        return self.next()

    def expect_end(self) -> None:
        if not self.at("end"):
            raise self.error(f"unexpected {self._describe(self.current)}")

    def error(self, message: str, tok: ExprToken | None = None) -> LiquidError:
        return self.parser.source.error(message, (tok or self.current).offset)

    @staticmethod
    def _describe(tok: ExprToken) -> str:
        return "end of tag" if tok.kind == "end" else repr(tok.value)

    # --- expression grammar ---------------------------------------------------------------------

    def primary(self) -> nodes.Expr:
        tok = self.current
        if tok.kind == "str":
            self.next()
            return nodes.Literal(tok.value[1:-1], tok.offset)
        if tok.kind == "num":
            self.next()
            value: Any = float(tok.value) if "." in tok.value else int(tok.value)
            return nodes.Literal(value, tok.offset)
        if tok.kind == "punct" and tok.value == "(":
            self.next()
            start = self.primary()
            self.expect("range")
            stop = self.primary()
            self.expect("punct", ")")
            return nodes.RangeExpr(start, stop, tok.offset)
        if tok.kind == "ident" and tok.value in KEYWORDS and not self._followed_by_key():
            self.next()
            return nodes.Literal(KEYWORDS[tok.value], tok.offset)
        if tok.kind == "ident" or (tok.kind == "punct" and tok.value == "["):
            return self.path()
        raise self.error(f"expected a value, found {self._describe(tok)}")

    def _followed_by_key(self) -> bool:
        nxt = self.peek()
        return nxt.kind == "punct" and nxt.value in ".["

    def path(self) -> nodes.Path:
        tok = self.current
        root: str | nodes.Expr
        if tok.kind == "ident":
            self.next()
            root = tok.value
        else:
            self.expect("punct", "[")
            root = self.primary()
            self.expect("punct", "]")
        keys: list[str | int | nodes.Expr] = []
        while True:
            if self.accept("punct", "."):
                key = self.current
                if key.kind == "ident":
                    self.next()
                    keys.append(key.value)
                elif key.kind == "num" and self.parser.lenient and "." not in key.value:
                    self.next()
                    keys.append(int(key.value))
                else:
                    raise self.error(f"expected a property name after '.', found {self._describe(key)}")
            elif self.at("punct", "["):
                self.next()
                inner = self.primary()
                self.expect("punct", "]")
                if isinstance(inner, nodes.Literal) and isinstance(inner.value, (str, int)):
                    if not isinstance(inner.value, bool):
                        keys.append(inner.value)
                        continue
                keys.append(inner)
            else:
                break
        return nodes.Path(root, keys, tok.offset)

    def filtered(self) -> nodes.Expr:
        """``value | filter: arg, key: arg | ...``"""
        start = self.current
        expr = self.primary()
        filters: list[nodes.Filter] = []
        while self.accept("punct", "|"):
            name = self.expect("ident")
            args: list[nodes.Expr] = []
            kwargs: list[tuple[str, nodes.Expr]] = []
            if self.accept("punct", ":"):
                while True:
                    if self.current.kind == "ident" and self.peek().kind == "punct" and self.peek().value == ":":
                        key = self.next().value
                        self.next()
                        kwargs.append((key, self.primary()))
                    else:
                        args.append(self.primary())
                    if not self.accept("punct", ","):
                        break
            node = nodes.Filter(name.value, args, kwargs, name.offset)
            if name.value not in self.parser.filters:
                self.parser.unknown_filters.append(node)  # refused when the template is made (unless lenient)
            filters.append(node)
        if filters:
            return nodes.Filtered(expr, filters, start.offset)
        return expr

    def condition(self) -> nodes.Expr:
        if self.parser.lenient:
            return self._condition_liquidjs()
        expr = self._condition_standard()
        self.expect_end()
        return expr

    def _comparison(self) -> nodes.Expr:
        left = self.primary()
        tok = self.current
        if tok.kind == "op" or (tok.kind == "ident" and tok.value in WORD_OPERATORS):
            self.next()
            right = self.primary()
            op = "!=" if tok.value == "<>" else tok.value
            return nodes.Compare(op, left, right, left.offset)
        return left

    def _condition_standard(self) -> nodes.Expr:
        left = self._comparison()
        tok = self.current
        if tok.kind == "ident" and tok.value in ("and", "or"):
            self.next()
            right = self._condition_standard()
            return nodes.Logic(tok.value, left, right, left.offset)
        return left

    def _is_operator(self, tok: ExprToken) -> bool:
        if tok.kind == "op":
            return True
        return tok.kind == "ident" and (tok.value in ("and", "or") or tok.value in WORD_OPERATORS)

    def _condition_liquidjs(self) -> nodes.Expr:
        """Read operands and operators up to the first token that is not one, then build by precedence."""
        start = self.current
        try:
            operands = [self.primary()]
        except LiquidError:
            return nodes.Literal(False, start.offset)  # a missing left operand: the condition is false
        operators: list[ExprToken] = []
        while self._is_operator(self.current):
            save = self.pos
            op = self.next()
            try:
                operand = self.primary()
            except LiquidError:
                self.pos = save
                break
            operators.append(op)
            operands.append(operand)
        # Shunting-yard as liquidjs does it: pop only strictly higher precedences, so equal ones nest right.
        output: list[Any] = []
        stack: list[ExprToken] = []
        output.append(operands[0])
        for op, operand in zip(operators, operands[1:]):
            while stack and PRECEDENCE.get(stack[-1].value, 1) > PRECEDENCE.get(op.value, 1):
                output.append(stack.pop())
            stack.append(op)
            output.append(operand)
        while stack:
            output.append(stack.pop())
        values: list[nodes.Expr] = []
        for item in output:
            if isinstance(item, ExprToken):
                right = values.pop()
                left = values.pop()
                name = "!=" if item.value == "<>" else item.value
                if name in ("and", "or"):
                    values.append(nodes.Logic(name, left, right, left.offset))
                else:
                    values.append(nodes.Compare(name, left, right, left.offset))
            else:
                values.append(item)
        self.pos = len(self.tokens) - 1  # the rest of the tag is ignored, as liquidjs did
        return values[0]


def is_blank(body: list[nodes.Node]) -> bool:
    """Ruby Liquid's "blank" body: only whitespace and tags that print nothing (assign, capture, comment, and
    blocks whose bodies are blank). Standard Liquid drops the whitespace of a block tag whose bodies are blank."""
    for node in body:
        if isinstance(node, nodes.Text):
            if node.value.strip():
                return False
        elif isinstance(node, (nodes.Assign, nodes.Capture)):
            continue
        elif isinstance(node, nodes.If):
            if not all(is_blank(b) for _, b in node.branches) or not is_blank(node.else_body or []):
                return False
        elif isinstance(node, nodes.Case):
            if not all(is_blank(b) for _, b in node.whens):
                return False
        elif isinstance(node, nodes.For):
            if not is_blank(node.body) or not is_blank(node.else_body or []):
                return False
        elif isinstance(node, nodes.Wrapped) and not node.before and not node.after:
            if not is_blank(node.body):
                return False
        else:
            return False
    return True


def drop_blank_text(*bodies: list[nodes.Node] | None) -> None:
    for body in bodies:
        if body:
            body[:] = [n for n in body if not isinstance(n, nodes.Text)]


class Parser:
    """Builds the node tree of one template."""

    def __init__(self, source: Source, tags: dict[str, TagParser], lenient: bool, filters: set[str],
                 tokens: list[Token] | None = None) -> None:
        self.source = source
        self.tags = tags
        self.lenient = lenient
        self.filters = filters
        self.tokens = tokenize(source) if tokens is None else tokens
        self.pos = 0
        self.loop_depth = 0
        self.signals = False  # whether a break/continue may end this template early (see loop_tags)
        self.open_blocks: list[Token] = []  # block tags being parsed, innermost last (for error messages)
        self.unknown_filters: list[nodes.Filter] = []  # filters not in ``filters``, in source order
        # How deep this template nests (block tags, loops) and its longest tag (expression tokens): what decides
        # whether Python could refuse its compiled code (Environment, DEEP_BLOCKS).
        self.max_depth = 0
        self.max_loop_depth = 0
        self.max_tokens = 0

    def sub_parser(self, tokens: list[Token]) -> Parser:
        """A parser over ready-made tokens of the same source (the ``liquid`` tag's lines)."""
        sub = Parser(self.source, self.tags, self.lenient, self.filters, tokens)
        sub.loop_depth = self.loop_depth
        sub.unknown_filters = self.unknown_filters
        return sub

    def finish_sub(self, sub: Parser) -> None:
        self.signals = self.signals or sub.signals
        self.max_depth = max(self.max_depth, len(self.open_blocks) + sub.max_depth)
        self.max_loop_depth = max(self.max_loop_depth, sub.max_loop_depth)
        self.max_tokens = max(self.max_tokens, sub.max_tokens)

    def parse(self) -> list[nodes.Node]:
        body, end = self.parse_block(())
        if end is not None:
            raise self.error(f"unexpected '{end.name}'", end)
        return body

    def parse_block(self, stop: tuple[str, ...]) -> tuple[list[nodes.Node], Token | None]:
        """Parse until one of the ``stop`` tags (returned, consumed) or the end of the template (None)."""
        body: list[nodes.Node] = []
        tokens = self.tokens
        while self.pos < len(tokens):
            tok = tokens[self.pos]
            self.pos += 1
            if tok.kind == TEXT:
                body.append(nodes.Text(tok.value, tok.start))
            elif tok.kind == OUTPUT:
                body.append(self.parse_output(tok))
            elif tok.kind == TAG:
                if tok.name in stop:
                    return body, tok
                node = self.parse_tag(tok)
                if node is not None:
                    body.append(node)
        return body, None

    def parse_tag(self, tok: Token) -> nodes.Node | None:
        handler = self.tags.get(tok.name)
        if handler is None:
            if tok.name.startswith("end") or tok.name in ("else", "elsif", "when"):
                message = f"unexpected '{tok.name}'"
                if self.open_blocks:
                    inner = self.open_blocks[-1]
                    line, _ = self.source.location(inner.start)
                    message += f" ('{inner.name}' opened on line {line} is not closed yet)"
                raise self.error(message, tok)
            message = f"unknown tag '{tok.name}'"
            close = difflib.get_close_matches(tok.name, list(self.tags), n=1)
            if close:
                message += f" (did you mean '{close[0]}'?)"
            raise self.error(message, tok)
        return handler(self, tok)

    def parse_output(self, tok: Token) -> nodes.Node:
        stream = self.expr(tok)
        if stream.at("end"):
            return nodes.Text("", tok.start)
        expr = stream.filtered()
        self.check_end(stream)
        return nodes.Output(expr, tok.start)

    def check_end(self, stream: ExprStream) -> None:
        if not stream.at("end") and not self.lenient:
            stream.expect_end()

    def expr(self, tok: Token) -> ExprStream:
        return ExprStream(self, tok.value, tok.markup_start)

    def expect_block(self, tok: Token, stop: tuple[str, ...]) -> tuple[list[nodes.Node], Token]:
        """Parse the body of block tag ``tok`` up to one of ``stop``; an error if the template ends first."""
        self.open_blocks.append(tok)
        if len(self.open_blocks) > self.max_depth:
            self.max_depth = len(self.open_blocks)
        if self.loop_depth > self.max_loop_depth:
            self.max_loop_depth = self.loop_depth
        try:
            body, end = self.parse_block(stop)
        finally:
            self.open_blocks.pop()
        if end is None:
            raise self.error(f"'{tok.name}' tag was never closed", tok)
        return body, end

    def error(self, message: str, tok: Token) -> LiquidError:
        return self.source.error(message, tok.start)
