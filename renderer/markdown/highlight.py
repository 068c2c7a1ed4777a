"""Syntax highlighting at build time with Pygments: `<span class="hl-…">` inside `<pre>`, no script needed.

It runs on a page's rendered HTML, before the HTML5 re-parse, over every `<pre><code class="hljs language-X">`:
fenced code (escaped text) and the reference's raw shell `<pre>` blocks (text with markup such as `<em>` in it)
alike. The code's text is lexed as a whole; tags inside it stay where they were, with spans closed around them,
so the text a reader sees — and what the conformance tool compares — is unchanged. Language names are the ones
the reference's highlight.js knew; `LEXERS` maps them to Pygments lexers, any other name stays plain text.
Pygments' token types are folded into the few classes `static/site.css` colours in both themes.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from markdown_it.common.utils import escapeHtml
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.lexers.shell import BashSessionLexer
from pygments.token import Comment, Error, Generic, Keyword, Literal, Name, Number, Operator, String, _TokenType

# The corpus's fence names (and highlight.js's usual aliases), lowercased, -> a Pygments lexer name.
LEXERS = {
    "bash": "bash", "sh": "bash", "zsh": "bash", "shell": "shell",
    "yaml": "yaml", "yml": "yaml", "json": "json",
    "javascript": "javascript", "js": "javascript", "typescript": "typescript", "ts": "typescript",
    "ruby": "ruby", "rb": "ruby", "erb": "erb", "python": "python", "py": "python",
    "powershell": "powershell", "ps1": "powershell", "pwsh": "powershell",
    "graphql": "graphql", "xml": "xml", "html": "html", "css": "css", "scss": "scss",
    "markdown": "markdown", "md": "markdown", "ini": "ini", "toml": "toml",
    "dockerfile": "docker", "docker": "docker", "http": "http", "go": "go", "golang": "go",
    "groovy": "groovy", "java": "java", "kotlin": "kotlin", "diff": "diff", "sql": "sql",
}  # fmt: skip

# Most specific first: a token takes the class of the nearest of its types listed here; others get no span.
CLASSES = {
    Comment: "c",
    Keyword.Constant: "n",  # true, false, null
    Keyword: "k",
    Operator.Word: "k",
    String: "s",
    Number: "n",
    Literal.Scalar: None,  # YAML's unquoted values are text, as readers expect
    Literal: "n",
    Name.Constant: "n",
    Name.Function: "f",
    Name.Class: "f",
    Name.Decorator: "f",
    Name.Tag: "t",  # HTML/XML tags and YAML keys
    Name.Attribute: "a",
    Name.Builtin: "b",
    Name.Variable: "v",
    Generic.Prompt: "p",
    Generic.Inserted: "i",
    Generic.Deleted: "d",
    Generic.Heading: "h",
    Generic.Subheading: "h",
    Error: None,  # invalid-looking code is common in docs (placeholders, `...`): not flagged
}

_BLOCK = re.compile(r'(<pre><code class="hljs language-([^"\s]+)">)(.*?)(</code></pre>)', re.S)
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]*>", re.S)
_PROMPT = re.compile(r"^\s*\$ ", re.M)


class _ShellSession(BashSessionLexer):
    """highlight.js's `shell`: `$ ` lines are commands, other lines output. The docs write output as `> …`, which
    Pygments would take for a continuation prompt and lex as code."""

    _ps2 = "\0"


@lru_cache(maxsize=64)
def _lexer(name: str, session: bool) -> Lexer:
    options = {"stripnl": False}  # leading and trailing blank lines are the author's
    return _ShellSession(**options) if session else get_lexer_by_name(name, **options)


def _css_class(ttype: _TokenType) -> str | None:
    while ttype not in CLASSES and ttype.parent is not None:
        ttype = ttype.parent
    return CLASSES.get(ttype)


def _pieces(lang: str, text: str) -> list[tuple[str | None, str]] | None:
    """(class, text) runs of `text` lexed as `lang`, neighbours of one class merged; None: not highlighted."""
    name = LEXERS.get(lang.lower())
    if name is None:
        return None
    if name == "shell":  # a session when it shows a prompt, else a script
        session = bool(_PROMPT.search(text))
        name = "bash"
    else:
        session = False
    pieces: list[tuple[str | None, str]] = []
    # Lexers see a final newline (a session lexer drops a last line without one); one added is taken off below.
    for ttype, value in _lexer(name, session).get_tokens(text):
        cls = _css_class(ttype)
        if pieces and pieces[-1][0] == cls:
            pieces[-1] = (cls, pieces[-1][1] + value)
        elif value:
            pieces.append((cls, value))
    if not text.endswith("\n") and pieces and pieces[-1][1].endswith("\n"):
        cls, value = pieces.pop()
        if value[:-1]:
            pieces.append((cls, value[:-1]))
    if "".join(value for _, value in pieces) != text:
        return None  # a lexer that changed the text (newlines, a BOM): better plain than wrong
    return pieces


@lru_cache(maxsize=16384)  # each distinct (language, code) once per process: versions of a page share code
def highlight_code(lang: str, code_html: str) -> str:
    """The inner HTML of a `<pre><code>` with highlighting spans added; unchanged for an unknown language."""
    tags: list[tuple[int, str]] = []  # (offset in the text, tag)
    texts: list[str] = []
    offset = 0
    last = 0
    for m in _TAG.finditer(code_html):
        text = html.unescape(code_html[last : m.start()])
        texts.append(text)
        offset += len(text)
        tags.append((offset, m.group()))
        last = m.end()
    texts.append(html.unescape(code_html[last:]))
    pieces = _pieces(lang, "".join(texts))
    if pieces is None:
        return code_html
    out: list[str] = []
    pos = 0  # offset of `value` in the text
    t = 0
    for cls, value in pieces:
        i = 0
        while i < len(value):
            while t < len(tags) and tags[t][0] <= pos + i:  # tags come before the text after them
                out.append(tags[t][1])
                t += 1
            cut = min(len(value), tags[t][0] - pos) if t < len(tags) else len(value)
            chunk = escapeHtml(value[i:cut])  # a span is closed at each tag, so it never contains one
            out.append(f'<span class="hl-{cls}">{chunk}</span>' if cls else chunk)
            i = cut
        pos += len(value)
    out.extend(tag for _, tag in tags[t:])
    return "".join(out)


def _highlight_match(m: re.Match[str]) -> str:
    return m.group(1) + highlight_code(m.group(2), m.group(3)) + m.group(4)


def highlight_html(rendered: str) -> str:
    """`rendered` with every highlightable code block highlighted."""
    if '<code class="hljs language-' not in rendered:
        return rendered
    return _BLOCK.sub(_highlight_match, rendered)
