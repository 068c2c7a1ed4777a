"""Rendering of fenced and indented code: `hljs language-x` classes, tab stops, and `{:copy}` headers.

Code is escaped here; the colours are added afterwards, on the rendered HTML (`highlight.py`), so that fences
and the raw shell blocks of `shell_fences.py` are highlighted alike. Tabs expand to 4-column stops
as the reference's output had them. A fence whose info is `lang{:copy}` gets a header with the language's
display name and a copy button; its code, in the `<pre>` and in `data-clipboard-text`, has no final newline.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

COPY_MARK = "{:copy}"
DISPLAY_NAMES = {
    "bash": "Shell",
    "sh": "Shell",
    "shell": "Shell",
    "yaml": "YAML",
    "yml": "YAML",
    "json": "JSON",
    "javascript": "JavaScript",
    "js": "JavaScript",
}


@lru_cache(maxsize=1)
def _clippy() -> str:
    from renderer.octicons import render_octicon

    return render_octicon("clippy")


def expand_tabs(code: str) -> str:
    """Tabs to spaces at 4-column stops, line by line."""
    return code.expandtabs(4) if "\t" in code else code


def _pre(code: str, lang: str) -> str:
    cls = f' class="hljs language-{escapeHtml(lang)}"' if lang else ""
    return f"<pre><code{cls}>{escapeHtml(code)}</code></pre>"


def copy_header(lang: str, code: str) -> str:
    """The `code-extra` header with the language name and a copy-to-clipboard button."""
    name = escapeHtml(DISPLAY_NAMES.get(lang, lang))
    return (
        '<header class="d-flex flex-items-center flex-justify-between p-2 text-small rounded-top-1 border">'
        f'<span>{name}</span><button class="js-btn-copy btn btn-sm tooltipped tooltipped-nw" '
        f'data-clipboard-text="{escapeHtml(code)}" aria-label="Copy code to clipboard">{_clippy()}</button></header>'
    )


def render_fence(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    info = token.info.strip().split(maxsplit=1)
    lang = info[0] if info else ""
    if lang.endswith(COPY_MARK):
        # The copy header was added before highlighting, which is where tabs got expanded: these keep theirs.
        lang = lang[: -len(COPY_MARK)]
        code = token.content.removesuffix("\n")
        return f'<div class="code-extra">{copy_header(lang, code)}{_pre(code, lang)}</div>\n'
    return _pre(expand_tabs(token.content), lang) + "\n"


def render_code_block(self, tokens, idx, options, env) -> str:
    return _pre(expand_tabs(tokens[idx].content), "") + "\n"


def code_blocks_plugin(md: MarkdownIt) -> None:
    """Install the fence and indented-code renderers."""
    md.add_render_rule("fence", render_fence)
    md.add_render_rule("code_block", render_code_block)
