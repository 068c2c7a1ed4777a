"""What every check reads: the site, its source files, and each source's Liquid parsed once (never compiled).

Parsing without compiling is what keeps ``check`` fast: the static checks walk node trees; only the link
check renders, and only the page-versions it looks at. HTML comments are blanked, not removed, before parsing
(the reference dropped them before Liquid), so that lines and columns still point into the file.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from renderer.check.findings import ERROR, WARNING, Finding
from renderer.liquid import Environment, LiquidError
from renderer.liquid import nodes as n
from renderer.liquid.lexer import Source
from renderer.liquid.parser import Parser
from renderer.model.config import Language
from renderer.model.errors import DocsError
from renderer.model.frontmatter import key_position, read_text
from renderer.model.site import Site, SourceFile
from renderer.octicons import render_octicon

_COMMENT = re.compile(r"<!--[\s\S]*?(?:-->|$)")
# What a lookup gives for a path into a data file that cannot be read (not UTF-8, unreadable): that file's own
# finding says so, once; the paths into it are neither missing nor a reason to stop checking.
UNREADABLE: Any = type("Unreadable", (), {"__repr__": lambda self: "UNREADABLE"})()

# Front matter values that hold Liquid and are rendered on the page (title and intro by the renderer,
# the others by the layout of the real site).
LIQUID_KEYS = ("title", "shortTitle", "intro", "product", "permissions")


def blank_comments(text: str) -> str:
    """``text`` with each HTML comment replaced by spaces (newlines kept), so offsets stay where they were."""
    if "<!--" not in text:
        return text
    return _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


@dataclass
class Parsed:
    """One Liquid text of a file (a page body, a front matter value, a data value) and its node tree."""

    file: str
    text: str
    line: int  # file line (1-based) where the text starts
    column: int  # file column (1-based) where the text's first line starts
    nodes: list[n.Node] | None
    error: LiquidError | None = None
    data_path: str | None = None  # for data values: the dotted site.data path, for cycle reports
    _flat: list[n.Node] | None = None

    @property
    def flat(self) -> list[n.Node]:
        """Every node of the tree (expressions too), in source order; computed once."""
        if self._flat is None:
            self._flat = list(walk(self.nodes or []))
        return self._flat

    def position(self, offset: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, offset)
        start = self.text.rfind("\n", 0, offset) + 1
        column = offset - start + 1
        return self.line + line, column + (self.column - 1 if line == 0 else 0)


class CheckContext:
    """The site under check, with caches the individual checks share."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.root = site.root
        self.env = Environment(compat="liquidjs", octicon=render_octicon)
        self._parsed: dict[tuple[str, str], Parsed] = {}
        self._views: dict[str, Any] = {}
        self._lookups: dict[tuple[str, tuple[str, ...]], tuple[Any, int]] = {}

    # -- files ---------------------------------------------------------------------------------------------
    @cached_property
    def languages(self) -> tuple[Language, ...]:
        return self.site.config.languages

    def content_files(self, lang: Language) -> list[str]:
        """Every ``.md`` under a language's content folder, root-relative, sorted."""
        return self._files(self.site.content_dir(lang), (".md",))

    def data_dir(self, lang: Language) -> str:
        return "data" if lang.is_source else f"{lang.dir}/data"

    def data_files(self, lang: Language) -> list[str]:
        return self._files(self.data_dir(lang), (".md", ".yml", ".yaml"))

    def _files(self, folder: str, exts: tuple[str, ...]) -> list[str]:
        out = []
        base = self.root / folder
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(exts) and name.lower() != "readme.md":
                    out.append(os.path.relpath(os.path.join(dirpath, name), self.root).replace(os.sep, "/"))
        return out

    def is_translation(self, relfile: str) -> bool:
        return any(not lang.is_source and relfile.startswith(lang.dir + "/") for lang in self.languages)

    def severity(self, relfile: str) -> str:
        """Problems in translations are warnings: the renderer serves English in their place."""
        return WARNING if self.is_translation(relfile) else ERROR

    def finding(self, kind: str, message: str, file: str, line: int = 1, column: int = 1, hint: str = "",
                where: list[str] | None = None) -> Finding:
        return Finding(kind, message, file, line, column, hint, self.severity(file), where=list(where or ()))

    def source(self, relfile: str) -> SourceFile | None:
        return self.site.source(relfile)

    # -- Liquid ----------------------------------------------------------------------------------------------
    def parse(self, file: str, part: str, text: str, line: int = 1, column: int = 1,
              data_path: str | None = None) -> Parsed:
        """Parse ``text`` (found in ``file`` at ``line``/``column``) once; ``part`` names it within the file."""
        key = (file, part)
        parsed = self._parsed.get(key)
        if parsed is None:
            text = blank_comments(text)
            try:
                tree = Parser(Source(text, file, line - 1), self.env.tags, True, set(self.env.filter_names)).parse()
                parsed = Parsed(file, text, line, column, tree, None, data_path)
            except LiquidError as e:
                parsed = Parsed(file, text, line, column, None, e, data_path)
            except RecursionError:
                err = LiquidError("nesting too deep to parse", file, line, column)
                parsed = Parsed(file, text, line, column, None, err, data_path)
            self._parsed[key] = parsed
        return parsed

    def page_texts(self, relfile: str) -> list[Parsed]:
        """The Liquid texts of a page: its body and the front matter values that hold Liquid."""
        src = self.source(relfile)
        if src is None or src.doc is None:
            return []
        out = [self.parse(relfile, "body", src.doc.body, src.doc.body_line + 1)]
        for key in LIQUID_KEYS:
            value = src.doc.meta.get(key)
            if isinstance(value, str) and ("{%" in value or "{{" in value):
                line, column = self.front_matter_position(relfile, key)
                out.append(self.parse(relfile, key, value, line, column))
        return out

    def front_matter_position(self, relfile: str, key: str) -> tuple[int, int]:
        """Line and column of ``key:``'s value in a page's front matter (1, 1 when not found)."""
        return key_position(self.lines(relfile), key)

    def lines(self, relfile: str) -> list[str]:
        cache = self.__dict__.setdefault("_lines", {})
        if relfile not in cache:
            try:
                text = (self.root / relfile).read_bytes().decode("utf-8", errors="replace")
            except OSError:
                text = ""
            cache[relfile] = text.lstrip("\ufeff").splitlines()
        return cache[relfile]

    def data_view(self, lang: Language) -> Any:
        view = self._views.get(lang.code)
        if view is None:
            view = self._views[lang.code] = self.site.data(lang, set())
        return view

    def lookup(self, lang: Language, keys: tuple[str, ...]) -> tuple[Any, int]:
        """``resolve`` under a language's site.data, memoised: the same paths come up on many pages.
        ``UNREADABLE`` (with every key counted as found) for a path into a data file that cannot be read."""
        key = (lang.code, keys)
        found = self._lookups.get(key)
        if found is None:
            from renderer.check.liquid import resolve

            try:
                found = resolve(self.data_view(lang), list(keys))
            except DocsError:
                found = (UNREADABLE, len(keys))
            self._lookups[key] = found
        return found

    def language_of(self, relfile: str) -> Language:
        for lang in self.languages:
            if not lang.is_source and relfile.startswith(lang.dir + "/"):
                return lang
        return self.site.config.source_language

    def data_texts(self, relfile: str) -> list[Parsed]:
        """The Liquid texts of a data file: a reusable's whole text, or each YAML string holding Liquid."""
        lang = self.language_of(relfile)
        base = data_path_of(relfile, self.data_dir(lang))
        try:
            text = read_text((self.root / relfile).read_bytes(), relfile)
        except (OSError, DocsError):
            return []
        if relfile.endswith(".md"):
            return [self.parse(relfile, "text", text.rstrip(), 1, 1, base)]
        if "{{" not in text and "{%" not in text:
            return []
        out = []
        for keys, value, line, column in yaml_strings(text):
            if "{{" in value or "{%" in value:
                path = ".".join((base, *keys))
                out.append(self.parse(relfile, path, value, line, column, path))
        return out


def walk(nodes: Any) -> Iterator[n.Node]:
    """Every node under ``nodes`` (template nodes and expressions), depth first, in source order."""
    stack = [iter([nodes])]
    while stack:
        try:
            item = next(stack[-1])
        except StopIteration:
            stack.pop()
            continue
        if isinstance(item, n.Node):
            yield item
            stack.append(iter([getattr(item, name) for name in _field_names(type(item))]))
        elif isinstance(item, (list, tuple)):
            stack.append(iter(item))
        elif isinstance(item, dict):
            stack.append(iter(item.values()))


_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        fields = dataclasses.fields(cls) if dataclasses.is_dataclass(cls) else ()
        names = _FIELDS[cls] = tuple(f.name for f in fields if f.name != "offset")
    return names


def data_path_of(relfile: str, data_dir: str) -> str:
    """``data/reusables/a/b.md`` -> ``reusables.a.b`` (the site.data path of a data file)."""
    rel = relfile[len(data_dir) + 1 :]
    return os.path.splitext(rel)[0].replace("/", ".")


def yaml_strings(text: str) -> Iterator[tuple[tuple[str, ...], str, int, int]]:
    """Each string scalar of a YAML document: (key path, value, 1-based line, column of its first character)."""
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return
    stack: list[tuple[tuple[str, ...], Any]] = [((), root)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.append((path + (str(key.value),), value))
        elif isinstance(node, yaml.SequenceNode):
            for i, value in reversed(list(enumerate(node.value))):
                stack.append((path + (str(i),), value))
        elif isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str"):
            mark = node.start_mark
            line, column = mark.line + 1, mark.column + 1
            if node.style in ("'", '"'):
                column += 1
            elif node.style in ("|", ">"):
                line, column = line + 1, 1
            yield path, node.value, line, column
