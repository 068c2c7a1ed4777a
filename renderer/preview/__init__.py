"""The live preview behind ``docs-renderer serve``: render on request, watch the sources, reload only the tabs
whose page changed, and show errors as an overlay instead of failing.

Modules, one job each: ``paths`` (which URL maps to which file, never outside the roots), ``dependencies`` (which
rendered pages a changed file makes stale), ``app`` (the rendered-page cache over the site model),
``reload`` (per-page tokens and the browser script), ``problems`` (what is wrong with a rendered page, located),
``overlay`` (the error overlay), ``watcher`` (debounced file events), ``server`` (the threaded HTTP server tying
them together).
"""

from renderer.preview.app import Preview
from renderer.preview.server import PreviewServer

__all__ = ["Preview", "PreviewServer"]
