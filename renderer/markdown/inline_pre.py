"""Core rule: a `<pre>` written inline keeps the newline after it, as in the reference's output.

An HTML parser drops a newline directly after `<pre>`. The reference parsed raw HTML node by node, so when
`<pre>` ended an inline HTML node and the newline came from the Markdown text after it, nothing was dropped.
Our output is re-parsed as a whole, so that newline is doubled here to survive the re-parse.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

_PRE_AT_END = re.compile(r"<pre(?:\s[^>]*)?>\s*$", re.IGNORECASE)


def _kept_newline() -> Token:
    token = Token("html_inline", "", 0)
    token.content = "\n\n"
    return token


def keep_newline_after_inline_pre(state: StateCore) -> None:
    if "<pre" not in state.src:
        return
    for block in state.tokens:
        if block.type != "inline" or not block.children or "<pre" not in block.content:
            continue
        children = block.children
        fixed = [
            _kept_newline()
            if child.type == "softbreak"
            and i
            and children[i - 1].type == "html_inline"
            and _PRE_AT_END.search(children[i - 1].content)
            else child
            for i, child in enumerate(children)
        ]
        if any(a is not b for a, b in zip(fixed, children, strict=True)):
            block.children = fixed  # a new list: inline children are shared (inline_cache)


def inline_pre_plugin(md: MarkdownIt) -> None:
    md.core.ruler.push("inline_pre_newline", keep_newline_after_inline_pre)
