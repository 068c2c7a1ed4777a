import re
import signal
import subprocess
import sys
import urllib.request

from renderer.cli import parser


def test_options():
    args = parser().parse_args(["serve", "--root", "docs", "--port", "0", "--open"])
    assert (args.host, args.port, args.open) == ("127.0.0.1", 0, True)


def test_serve_starts_answers_and_stops_on_ctrl_c(site_root):
    proc = subprocess.Popen(
        [sys.executable, "-m", "renderer", "serve", "--root", str(site_root), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stderr.readline()
        m = re.search(r"at (http://127\.0\.0\.1:\d+)/en \(ready in \d+ ms\)", line)
        assert m, line
        with urllib.request.urlopen(m[1] + "/en/guide/tides", timeout=10) as resp:
            assert resp.status == 200 and "High water" in resp.read().decode()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_no_content_folder_is_a_clear_error(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "renderer", "serve", "--root", str(tmp_path), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2 and "no content/ folder" in done.stderr
