"""Version conditions, in either syntax, simplified for a site that no longer has a release.

Retiring ``enterprise-server@2.21`` (the plan's oldest release) leaves, of that plan, every release above
2.21 — today's and those not yet published. A part of a condition is replaced by what it is for every one of
them, or kept as written:

- ``ghes = 2.21`` / ``currentVersion == "enterprise-server@2.21"``, ``ghes < 2.22``-like comparisons whose
  release is at most the retired one: false in every remaining version;
- ``ghes != 2.21``: true;
- ``ghes > 2.21`` / ``currentVersion ver_gt "enterprise-server@2.21"``, ``ghes >= R`` with R at most 2.21:
  true exactly in the plan's versions, so the plan's name (``ghes`` /
  ``enterpriseServerVersions contains currentVersion``);
- anything else (another plan, a later release, ``page.x``): as written.

Then ``and`` / ``or`` / ``not`` with a constant are folded. A condition is a tree of ``("and"|"or", a, b)``,
``("not", a)``, ``True``/``False`` and atoms ``("atom", text, meaning)`` where ``meaning`` is
``("plan", NAME)``, ``("cmp", NAME, OP, RELEASE)`` or None (not about versions).
"""

from __future__ import annotations

import re
from typing import Any

from renderer.model.config import SiteConfig
from renderer.model.versions import plans_by_name, release_key

Tree = Any  # bool | tuple

_SPLIT_2021 = re.compile(r"""("[^"]*"|'[^']*'|\s+(?:and|or)\s+)""")
_CURRENT = re.compile(r"""^\s*currentVersion\s*(==|!=|ver_gt|ver_lt)\s*["']([^"']+)["']\s*$""")
_CURRENT_REVERSED = re.compile(r"""^\s*["']([^"']+)["']\s*(==|!=)\s*currentVersion\s*$""")
_CONTAINS = re.compile(r"^\s*enterpriseServerVersions\s+contains\s+currentVersion\s*$")
_OPS_2021 = {"==": "=", "!=": "!=", "ver_gt": ">", "ver_lt": "<"}


class Retiring:
    """The plan and release being retired, and the names the site's conditions use for plans."""

    def __init__(self, config: SiteConfig, version: str) -> None:
        plan_name, _, release = version.partition("@")
        plan = config.plan(plan_name)
        if plan is None or not plan.numbered or release not in plan.releases:
            raise ValueError(f"{version!r} is not a supported release of a numbered plan of this site")
        if release != plan.releases[-1]:
            raise ValueError(f"retire the oldest release first: {plan.name}@{plan.releases[-1]}")
        self.config, self.plan, self.release = config, plan, release
        self.key = release_key(release)
        self.names = plans_by_name(config)

    # -- reading -----------------------------------------------------------------------------------------
    def parse_2021(self, markup: str) -> Tree:
        """A 2021 condition (liquidjs: no parentheses, ``and``/``or`` grouped right to left)."""
        parts = [p for p in _SPLIT_2021.split(markup) if p]
        atoms: list[str] = [""]
        ops: list[str] = []
        for part in parts:
            word = part.strip()
            if word in ("and", "or") and not part.startswith(("'", '"')):
                ops.append(word)
                atoms.append("")
            else:
                atoms[-1] += part
        tree: Tree = self._atom_2021(atoms[-1])
        for op, text in zip(reversed(ops), reversed(atoms[:-1])):
            tree = (op, self._atom_2021(text), tree)
        return tree

    def _atom_2021(self, text: str) -> Tree:
        text = text.strip()
        if _CONTAINS.match(text):
            return ("atom", text, ("plan", _enterprise(self.config)))
        m = _CURRENT.match(text)
        if m:
            op, value = m.group(1), m.group(2)
        else:
            m = _CURRENT_REVERSED.match(text)
            op, value = (m.group(2), m.group(1)) if m else (None, None)
        if op is None:
            return ("atom", text, None)
        plan_name, at, release = value.partition("@")
        if not at:
            plan_name, release = _enterprise(self.config) or "", value
        plan = self.names.get(plan_name)
        if plan is None or not plan.numbered or release_key(release) is None:
            return ("atom", text, None)
        return ("atom", text, ("cmp", plan.name, _OPS_2021[op], release))

    def from_ifversion(self, tree: tuple) -> Tree:
        """A condition as ``liquid/version_tags.py`` parses it."""
        kind = tree[0]
        if kind in ("and", "or"):
            return (kind, self.from_ifversion(tree[1]), self.from_ifversion(tree[2]))
        if kind == "not":
            return ("not", self.from_ifversion(tree[1]))
        plan = self.names.get(tree[1])
        if kind == "name":
            return ("atom", tree[1], ("plan", plan.name) if plan else None)
        text = f"{tree[1]} {tree[2]} {tree[3]}"
        if plan is None or not plan.numbered or release_key(tree[3]) is None:
            return ("atom", text, None)
        return ("atom", text, ("cmp", plan.name, tree[2], tree[3]))

    # -- simplifying -------------------------------------------------------------------------------------
    def simplify(self, tree: Tree) -> Tree:
        if isinstance(tree, bool):
            return tree
        kind = tree[0]
        if kind == "atom":
            return self._atom(tree)
        if kind == "not":
            inner = self.simplify(tree[1])
            return (not inner) if isinstance(inner, bool) else ("not", inner)
        left, right = self.simplify(tree[1]), self.simplify(tree[2])
        if _same(left, right):
            return left  # x and x, x or x
        other = "or" if kind == "and" else "and"
        for a, b in ((left, right), (right, left)):  # absorption: x and (x or y), x or (x and y)
            if isinstance(b, tuple) and b[0] == other and any(_same(a, part) for part in b[1:]):
                return a
        if kind == "and":
            if left is False or right is False:
                return False
            if left is True:
                return right
            if right is True:
                return left
            # the plan's name and a comparison of its release: the comparison says both
            for a, b in ((left, right), (right, left)):
                if _meaning(a)[:1] == ("plan",) and _meaning(b)[:2] == ("cmp", _meaning(a)[1]):
                    return b
            return ("and", left, right)
        if left is True or right is True:
            return True
        if left is False:
            return right
        return left if right is False else ("or", left, right)

    def _atom(self, atom: tuple) -> Tree:
        meaning = atom[2]
        if meaning is None or meaning[0] != "cmp" or meaning[1] != self.plan.name:
            return atom
        _, plan, op, release = meaning
        if release_key(release) > self.key:
            return atom  # a later release: its truth differs between the remaining ones
        if op in ("=", "<", "<="):
            return False
        if op == "!=":
            return True
        return ("atom", None, ("plan", plan))  # > or >= a release at most the retired one: the whole plan

    def names_retired(self, tree: Tree) -> bool:
        """Whether a condition names a release at most the retired one (so that retiring changes it)."""
        if isinstance(tree, bool):
            return False
        if tree[0] == "atom":
            m = tree[2]
            return bool(m and m[0] == "cmp" and m[1] == self.plan.name and release_key(m[3]) <= self.key)
        return any(self.names_retired(t) for t in tree[1:])

    def mentions(self, tree: Tree) -> str | None:
        """The text of a part that names the retired release but is no comparison of versions (a string
        ``>=``, a misspelt variable): kept as written, and said."""
        if isinstance(tree, bool):
            return None
        if tree[0] == "atom":
            mentioned = tree[2] is None and re.search(rf"(?<![\w.]){re.escape(self.release)}(?![\w.])", tree[1] or "")
            return tree[1] if mentioned else None
        return next((m for m in map(self.mentions, tree[1:]) if m), None)

    # -- writing -----------------------------------------------------------------------------------------
    def write_2021(self, tree: Tree) -> str:
        if tree[0] == "atom":
            if tree[1] is not None:
                return tree[1]
            if tree[2][1] == _enterprise(self.config):
                return "enterpriseServerVersions contains currentVersion"
            raise ValueError("no 2021 spelling for this plan's versions")
        if tree[0] == "not":
            raise ValueError("no not in the 2021 syntax")
        left = tree[1]
        if isinstance(left, tuple) and left[0] in ("and", "or"):
            raise ValueError("a group on the left (liquidjs groups right to left, with no parentheses)")
        return f"{self.write_2021(left)} {tree[0]} {self.write_2021(tree[2])}"

    def write_ifversion(self, tree: Tree) -> str:
        kind = tree[0]
        if kind == "atom":
            if tree[1] is not None:
                return tree[1]
            short = next((n for n, p in self.names.items() if p.name == tree[2][1] and n != p.name), tree[2][1])
            return short
        if kind == "not":
            if tree[1][0] != "atom":
                raise ValueError("not of a group (ifversion has no parentheses)")
            return f"not {self.write_ifversion(tree[1])}"
        if kind == "and" and any(isinstance(t, tuple) and t[0] == "or" for t in tree[1:]):
            raise ValueError("and over an or (ifversion has no parentheses)")
        return f"{self.write_ifversion(tree[1])} {kind} {self.write_ifversion(tree[2])}"

    # -- front matter ranges -----------------------------------------------------------------------------
    def range(self, spec: str) -> str | None:
        """A ``versions:`` range of the retired plan, for the remaining releases: the same range, simpler, or
        None when it holds for none of them."""
        alternatives = []
        for alt in str(spec).split("||"):
            tokens = re.sub(r"(<=|>=|<|>|=)\s+", r"\1", alt.strip()).split()
            kept, possible = [], True
            for token in tokens:
                m = re.fullmatch(r"(<=|>=|<|>|=|\^|~)?v?(\d+(?:\.\d+){0,2}|\*|x)", token)
                if not m or m.group(2) in ("*", "x") or m.group(1) in ("^", "~"):
                    kept.append(token)
                    continue
                op, key = m.group(1) or "=", release_key(m.group(2))
                if key is None or key > self.key or (op == "=" and m.group(2).count(".") < 1):
                    kept.append(token)
                elif op in (">", ">="):
                    continue  # every remaining release is above it
                else:
                    possible = False  # =, <, <= a release at most the retired one
            if possible:
                alternatives.append(" ".join(kept) or "*")
        if not alternatives:
            return None
        return "*" if "*" in alternatives else " || ".join(alternatives)


def _meaning(tree: Tree) -> tuple:
    return tree[2] or () if isinstance(tree, tuple) and tree[0] == "atom" else ()


def _same(a: Tree, b: Tree) -> bool:
    """Whether two simplified conditions say the same (atoms of one meaning, however spelled)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if a[0] == "atom" and b[0] == "atom":
        return (a[2] is not None and a[2] == b[2]) or (a[2] is None and b[2] is None and a[1] == b[1])
    return a == b


def _enterprise(config: SiteConfig) -> str | None:
    """The numbered plan ``enterpriseServerVersions`` lists (the first numbered plan)."""
    return next((p.name for p in config.plans if p.numbered), None)
