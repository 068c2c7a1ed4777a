"""Rendered HTML from a pull request, made safe to show in the review report: a balanced stream of tokens.

Content in a pull request is untrusted where the diff runs in CI, and the report shows the article as HTML.
What could run or load something is dropped: script-like elements with their content (``script``, ``style``,
``iframe``, ``object``, SVG's ``animate``/``set``/``foreignObject``…), event-handler attributes (``on…``),
``srcdoc``/``formaction``, and URLs whose scheme is not http(s), mailto or a data: image. The report's
Content-Security-Policy forbids scripts as well; this is the second fence. Root-relative URLs get the built
site's URL in front, so images and links point at the published pages.

The stream is balanced whatever the input: an end tag with no open element is dropped, one that closes an
outer element closes the inner ones first, and everything open is closed at the end. Tables, code blocks,
images, callouts (any ``div``) and SVG icons are *atoms*: one token each, compared and marked as a whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

# dropped with everything inside them
_DROP = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "noscript",
        "template",
        "title",
        "textarea",
        "select",
        "animate",
        "animatemotion",
        "animatetransform",
        "set",
        "foreignobject",
        "use",
        "math",
    }
)
# dropped, their content kept
_UNWRAP = frozenset({"form", "base", "meta", "link", "html", "head", "body", "input", "button", "option"})
_VOID = frozenset({"area", "br", "col", "hr", "img", "source", "track", "wbr"})
ATOMS = frozenset({"table", "pre", "figure", "video", "audio", "picture", "svg", "div"}) | _VOID
# block-level elements: a run of them marked as changed is shown as a block
BLOCKS = frozenset(
    {
        "p",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "table",
        "pre",
        "figure",
        "div",
        "section",
        "header",
        "nav",
        "hr",
        "details",
        "summary",
        "article",
        "aside",
        "video",
    }
)
# wrappers whose children are compared one by one rather than as a whole
_TRANSPARENT_CLASSES = frozenset({"article-body", "markdown-body", "lead"})
_TRANSPARENT_TAGS = frozenset({"article", "header", "section", "main"})
_URL_ATTRS = frozenset({"href", "src", "poster", "action", "cite", "background", "xlink:href", "longdesc"})
_SAFE_SCHEME = re.compile(r"^(?:https?:|mailto:|#|/|\.|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)
_DATA_IMAGE = re.compile(r"^data:image/(?:png|gif|jpe?g|webp);", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True)
class Token:
    kind: str  # "open", "close", "text", "atom"
    html: str
    tag: str = ""
    transparent: bool = False  # an open or close tag of a wrapper whose children are compared one by one
    raw: str = ""  # a text token's text, unescaped

    @property
    def key(self) -> str:
        return self.html

    @property
    def block(self) -> bool:
        return self.tag in BLOCKS


def tokens(html: str, site_url: str = "") -> list[Token]:
    """The sanitized tokens of ``html``: tags, runs of text, atoms."""
    parser = _Parser(site_url.rstrip("/"))
    parser.feed(html)
    parser.close()
    return _atoms(parser.finish())


def words(stream: list[Token]) -> list[Token]:
    """``stream`` with each text token cut into words, spaces and punctuation marks (done only where two
    blocks are compared word by word: most of a page is unchanged)."""
    out = []
    for t in stream:
        if t.kind == "text":
            out += [Token("text", escape(w, quote=False), raw=w) for w in _WORDS.findall(t.raw)]
        else:
            out.append(t)
    return out


# words, punctuation marks, CJK characters one by one (Chinese has no spaces between words)
_CJK = "\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_WORDS = re.compile(rf"\s+|[{_CJK}]|[^\W{_CJK}]+|[^\w\s]")


class _Parser(HTMLParser):
    def __init__(self, site_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.site_url = site_url
        self.out: list[Token] = []
        self.open: list[tuple[str, bool]] = []  # (tag, transparent)
        self.dropping: list[str] = []  # the dropped elements we are inside

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping:
            if tag in _DROP:
                self.dropping.append(tag)
            return
        if tag in _DROP:
            self.dropping.append(tag)
            return
        if tag in _UNWRAP:
            return
        kept = self._attrs(tag, attrs)
        html = f"<{tag}{kept}>"
        if tag in _VOID:
            self.out.append(Token("atom", html, tag))  # no end tag: whole by itself
            return
        classes = set((dict(attrs).get("class") or "").split())
        transparent = tag in _TRANSPARENT_TAGS or (tag == "div" and bool(classes & _TRANSPARENT_CLASSES))
        self.open.append((tag, transparent))
        self.out.append(Token("open", html, tag, transparent))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and not self.dropping and tag not in _DROP | _UNWRAP:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag == self.dropping[-1]:
                self.dropping.pop()
            return
        if tag in _UNWRAP or tag in _VOID or all(t != tag for t, _ in self.open):
            return  # nothing open to close
        while self.open:
            name, transparent = self.open.pop()
            self.out.append(Token("close", f"</{name}>", name, transparent))
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(Token("text", escape(data, quote=False), raw=data))

    def finish(self) -> list[Token]:
        while self.open:
            name, transparent = self.open.pop()
            self.out.append(Token("close", f"</{name}>", name, transparent))
        return self.out

    def _attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        out = []
        for name, value in attrs:
            name = name.lower()
            if name.startswith("on") or name in {"srcdoc", "formaction", "srcset", "ping", "style"}:
                continue  # scripts, other fetches; inline styles could place content over the report
            if not re.fullmatch(r"[a-z][a-z0-9:_.-]*", name):
                continue
            value = value or ""
            if name in _URL_ATTRS:
                value = self._url(tag, value)
                if value is None:
                    continue
            out.append(f' {name}="{escape(value)}"')
        return "".join(out)

    def _url(self, tag: str, url: str) -> str | None:
        plain = _CONTROL.sub("", url)  # "java\tscript:" is javascript: to a browser
        if tag == "img" and _DATA_IMAGE.match(plain):
            return url
        if not _SAFE_SCHEME.match(plain):
            return None
        if plain.startswith("/") and not plain.startswith("//"):
            return self.site_url + plain
        return url


def _atoms(stream: list[Token]) -> list[Token]:
    """Each atomic element, with all it holds, made one token."""
    out: list[Token] = []
    i = 0
    while i < len(stream):
        t = stream[i]
        if t.kind == "open" and t.tag in ATOMS and not t.transparent:
            depth, j = 0, i
            while True:
                if stream[j].kind == "open":
                    depth += 1
                elif stream[j].kind == "close":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            out.append(Token("atom", "".join(x.html for x in stream[i : j + 1]), t.tag))
            i = j + 1
            continue
        out.append(t)
        i += 1
    return out
