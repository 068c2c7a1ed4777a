"""How often Python's cycle collector runs while rendering a whole site.

Rendering allocates millions of short-lived objects (Markdown tokens, Jinja2 frames) and makes few reference
cycles, while the heap it keeps (page tree, data, compiled templates, caches) only grows. With the default
thresholds the collector runs every 700 allocations and rescans that heap again and again: about 15% of a
build's CPU on the 2021 corpus. Collecting less often keeps memory bounded all the same.
"""

from __future__ import annotations

import gc

THRESHOLDS = (50_000, 20, 100)  # youngest generation after 50,000 net allocations (the default is 700)


def for_batch_work() -> None:
    """Collect cycles rarely: for a process that renders many pages (commands, benchmarks)."""
    gc.set_threshold(*THRESHOLDS)
