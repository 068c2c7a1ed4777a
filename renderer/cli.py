"""The ``docs-renderer`` command line: one module per command under ``renderer/commands/``.

Each command module provides ``add_parser(subparsers)`` (its options, help and examples) and ``run(args) -> int``
(the exit status); this module only dispatches, and turns what stops a command into its exit status (the
table in docs/environment.md): a problem in the docs or the arguments (a ``DocsError``, 2), the disk refusing
(74), another build holding ``--out`` (75), Ctrl-C (130), SIGTERM (143), a closed pipe (141), a bug (70).
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import importlib
import os
import signal
import sys
import tempfile
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

from renderer import __version__, gc_policy
from renderer.console.diagnostics import print_diagnostic
from renderer.model.config import discover_root
from renderer.model.errors import DocsError, StorageError, Terminated, storage_error

COMMANDS = ("init", "build", "export", "serve", "diff", "check", "config", "migrate", "retire")


def _modules() -> dict[str, object]:
    found = {}
    for name in COMMANDS:
        try:
            found[name] = importlib.import_module(f"renderer.commands.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"renderer.commands.{name}":
                raise
    return found


def parser(modules: dict[str, object] | None = None) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="docs-renderer", description="Render multi-version Markdown + Liquid docs.")
    ap.add_argument("-V", "--version", action="version", version=f"docs-renderer {__version__}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (modules or _modules()).values():
        module.add_parser(sub)  # type: ignore[attr-defined]
    return ap


def main(argv: list[str] | None = None) -> int:
    modules = _modules()
    args = parser(modules).parse_args(argv)
    gc_policy.for_batch_work()
    if hasattr(args, "root") and args.root is None:
        args.root = discover_root(Path.cwd())
    try:
        with _sigterm_unwinds():
            return modules[args.command].run(args)  # type: ignore[attr-defined]
    except DocsError as e:
        print_diagnostic(e, getattr(args, "root", Path(".")), sys.stderr)
        return e.exit_status
    except KeyboardInterrupt:
        return 130
    except Terminated:
        return 143  # 128 + SIGTERM, what a shell reports for a process the signal ended
    except BrokenPipeError:
        # the reader went away (`export | head`): stop quietly, as command-line tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as e:
        error = storage_error(e)  # a full or read-only disk is the machine's problem, not a bug of ours
        if error is None:
            return _internal_error()
        print_diagnostic(error, getattr(args, "root", Path(".")), sys.stderr)
        return error.exit_status
    except Exception:  # noqa: BLE001 - a bug in the renderer: a short message, the details in a file
        return _internal_error()


def command() -> NoReturn:
    """The installed ``docs-renderer`` command (and ``python -m renderer``): ``main``, then a quick exit.

    A command's work is done and its files closed when ``main`` returns; what a normal exit adds is freeing
    every object of the heap one by one (0.1-0.2 s on the corpus, more the larger the site: a third of a
    no-change rebuild). So the standard streams are flushed, the ``atexit`` handlers run (multiprocessing's,
    tempfile's), and the process ends without that teardown, as mypy's ``--fast-exit`` does. Tests call ``main``.
    """
    status = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away after the last line was written (`export | head`)
        status = status or 141
    except OSError as e:  # the end of ``export > file`` did not fit on the disk
        error = storage_error(e, "standard output") or StorageError(str(e), "standard output")
        print_diagnostic(error, Path.cwd(), sys.stderr)
        status = status or error.exit_status
    sys.stderr.flush()
    atexit._run_exitfuncs()
    os._exit(status)


def _internal_error() -> int:
    """A bug in the renderer (the exception being handled): a short message, the details in a file."""
    name = sys.exc_info()[1].__class__.__name__
    try:
        with tempfile.NamedTemporaryFile("w", prefix="docs-renderer-crash-", suffix=".txt", delete=False) as f:
            traceback.print_exc(file=f)
        where = f"Details were written to {f.name}"
    except OSError:  # no room even for that: the details go to the terminal
        traceback.print_exc()
        where = "Details are above"
    print(f"docs-renderer: internal error ({name}); this is a bug, not your docs. {where}", file=sys.stderr)
    return 70


@contextlib.contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """SIGTERM (``kill``, a CI timeout, ``docker stop``) raises ``Terminated`` in the main thread, so the command
    cleans up as for Ctrl-C (no staging folder left, workers stopped) and exits 143. A second SIGTERM while it
    cleans up ends the process at once. The previous handler is put back afterwards (``main`` is called many
    times in one process by the tests)."""

    def terminate(_signum: int, _frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        raise Terminated

    try:
        previous = signal.signal(signal.SIGTERM, terminate)
    except ValueError:  # not the main thread: signals are not ours to handle
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


if __name__ == "__main__":
    command()
