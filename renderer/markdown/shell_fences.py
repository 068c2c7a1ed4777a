"""Pre-step: ```` ```shell ```` fences become raw `<pre>` blocks, their content left as written.

The reference did this over the whole Liquid output (any indentation, even inside raw HTML) so that markup
such as `<em>` and entities inside shell examples stay markup. A fence with an info string beyond `shell`
(for example `shell{:copy}`) is not touched and goes through Markdown as an ordinary fence.
"""

from __future__ import annotations

import re

# First content line loses its leading whitespace; the newline before the closing fence goes too.
_SHELL_FENCE = re.compile(r"``` ?shell\r?\n\s*?(\S[\s\S]*?)\r?\n.*?```")


def _raw_pre(match: re.Match[str]) -> str:
    return f'<pre><code class="hljs language-shell">{match.group(1)}</code></pre>'


def replace_shell_fences(text: str) -> str:
    """Turn each plain `shell` fence into `<pre><code class="hljs language-shell">…</code></pre>`."""
    if "shell" not in text:
        return text
    return _SHELL_FENCE.sub(_raw_pre, text)
