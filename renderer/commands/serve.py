"""``docs-renderer serve``: preview the docs with live reload while writing.

Pages render on request at the same URLs and with the same layout as ``build``; edits to content, data,
translations, templates or the configuration reload the browser tabs whose page changed; errors show in the
page as an overlay. See docs/preview.md.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
import webbrowser
from pathlib import Path

from renderer.commands.options import add_common
from renderer.console.diagnostics import print_diagnostic
from renderer.preview import Preview, PreviewServer
from renderer.preview.terminal import TerminalReport


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="preview the site with live reload",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example: docs-renderer serve --root . --open",
    )
    add_common(p, selection=False)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=4000, help="port (default: 4000; 0 picks a free one)")
    p.add_argument("--open", action="store_true", help="open the home page in a browser")


STOP_WITHIN = 5.0  # seconds


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    # each render error is printed here as well as shown in the browser (preview/terminal.py)
    preview = Preview(args.root, args.config, report=TerminalReport(Path(args.root).resolve()))
    try:
        server = PreviewServer(preview, args.host, args.port, log=args.verbose)
    except OSError as e:
        print(f"docs-renderer: error: cannot listen on {args.host}:{args.port}: {e.strerror}", file=sys.stderr)
        return 2
    stop = threading.Event()
    # Ctrl-C (and SIGTERM) stop the server even where the parent process started it with SIGINT ignored
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    try:
        # the page tree (front matter of every page) loads in the background: a request that needs it waits
        server.start(warm=True)
        site = preview.site
        home = server.url + site.href(site.config.source_language, site.config.default_version, "")
        if not args.quiet:
            took = (time.perf_counter() - started) * 1000
            print(f"serving {preview.root} at {home} (ready in {took:.0f} ms); Ctrl-C stops", file=sys.stderr)
        for warning in site.config.warnings:  # after the address: tools read the first line for it
            print_diagnostic(warning, preview.root, sys.stderr)
        if args.open:
            webbrowser.open(home)
        while not stop.wait(0.2):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        # Ctrl-C ends the command promptly whatever the watcher, warm-up or open tabs are doing: stop what can be
        # stopped within a few seconds, then leave without waiting for background threads at interpreter exit
        stopper = threading.Thread(target=server.stop, daemon=True)
        stopper.start()
        stopper.join(timeout=STOP_WITHIN)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
