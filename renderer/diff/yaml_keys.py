"""Which keys of a YAML data file differ between two revisions, so an edit to one variable in a file every page
reads (``variables/product.yml``) is traced to the pages that use that variable, not to every page.

Keys are dotted like ``site.data`` keys: ``variables.product.prodname_ghe_server``. Mappings are compared key by
key; any other value (a string, a list) is compared whole.
"""

from __future__ import annotations

from typing import Any

import yaml

_MISSING: Any = object()


def load(raw: bytes | None) -> Any:
    """A data file's YAML value; ``_MISSING`` when the file is absent or unreadable."""
    if raw is None:
        return _MISSING
    try:
        return yaml.load(raw.decode("utf-8").lstrip("\ufeff"), Loader=yaml.CSafeLoader)
    except (UnicodeDecodeError, yaml.YAMLError):
        return _MISSING


def changed_keys(old: Any, new: Any, file_key: str) -> list[str]:
    """The dotted keys under ``file_key`` whose values differ; the file key itself when that is all one can say."""
    if old is _MISSING or new is _MISSING:
        return [file_key]
    return _differing(old, new, file_key)


def _differing(a: Any, b: Any, prefix: str) -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        out: list[str] = []
        keys = {str(k): k for k in a} | {str(k): k for k in b}
        for name, k in sorted(keys.items()):
            out.extend(_differing(a.get(k, _MISSING), b.get(k, _MISSING), f"{prefix}.{name}"))
        return out
    return [] if a is not _MISSING and b is not _MISSING and a == b and type(a) is type(b) else [prefix]


def has_value(data: Any, parts: list[str]) -> bool:
    """Whether ``data`` holds a non-empty plain value (not a mapping) at ``parts``: then the language that has it
    never falls back to another language's value for that key."""
    for part in parts:
        if not isinstance(data, dict):
            return False
        data = {str(k): v for k, v in data.items()}.get(part, _MISSING)
    if data is _MISSING or data is None or isinstance(data, (dict, list)):
        return False
    return not (isinstance(data, str) and not data.strip())
