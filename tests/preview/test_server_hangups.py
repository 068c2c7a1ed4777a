"""A client that hangs up before the answer is written (a tab closed mid-load) costs no traceback."""

from __future__ import annotations

import socket
import struct
import time

import pytest

from renderer.preview import Preview, PreviewServer


def test_clients_that_hang_up_early_are_not_reported(site_root, capfd: pytest.CaptureFixture[str]) -> None:
    srv = PreviewServer(Preview(site_root), "127.0.0.1", 0, watch=False)
    srv.start()
    try:
        host, port = srv.server_address[:2]
        for _ in range(8):
            s = socket.create_connection((host, port), timeout=10)
            # close with a reset, not a FIN: the server's next write fails (BrokenPipe / ConnectionReset)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            s.sendall(f"GET /en/guide/mooring HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            s.close()
        time.sleep(1.0)  # the handlers write into the closed connections
        with socket.create_connection((host, port), timeout=10) as s:  # and it still serves
            s.sendall(f"GET /en/guide/mooring HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            assert s.recv(12).startswith(b"HTTP/1.0 200")
    finally:
        srv.stop()
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Exception occurred" not in err


def test_other_errors_are_still_printed(site_root, capfd: pytest.CaptureFixture[str]) -> None:
    srv = PreviewServer(Preview(site_root), "127.0.0.1", 0, watch=False)
    try:
        try:
            raise ValueError("a real problem")
        except ValueError:
            srv.handle_error(None, ("127.0.0.1", 1))
    finally:
        srv.server_close()
    assert "a real problem" in capfd.readouterr().err
