import http.client
import os
import socket
import time

import pytest

from renderer.preview import Preview, PreviewServer

from .conftest import write


@pytest.fixture
def server(site_root):
    (site_root.parent / "secret.txt").write_text("do not serve", encoding="utf-8")
    os.symlink(site_root.parent / "secret.txt", site_root / "assets" / "images" / "link-out.txt")
    os.symlink(site_root.parent, site_root / "assets" / "up")
    srv = PreviewServer(Preview(site_root), "127.0.0.1", 0)
    srv.start()
    srv.watching.wait(10)
    yield srv
    srv.stop()


def get(
    srv: PreviewServer, path: str, method: str = "GET", timeout: float = 10
) -> tuple[int, dict[str, str], str]:
    conn = http.client.HTTPConnection(*srv.server_address[:2], timeout=timeout)
    conn.putrequest(method, path, skip_host=False, skip_accept_encoding=True)
    conn.endheaders()
    resp = conn.getresponse()
    body = resp.read().decode("utf-8", "replace")
    conn.close()
    return resp.status, dict(resp.getheaders()), body


def test_binds_to_this_machine_only(server):
    assert server.server_address[0] == "127.0.0.1"


def test_pages_assets_and_redirects(server):
    status, headers, body = get(server, "/en/guide/mooring")
    assert status == 200 and "Gull Quay" in body and "/__preview/events" in body
    assert body.index("/__preview/events") < body.rindex("</body>")
    assert get(server, "/")[0] == 302 and get(server, "/")[1]["Location"] == "/en"
    assert get(server, "/en/guide/mooring/")[1]["Location"] == "/en/guide/mooring"
    status, headers, body = get(server, "/assets/images/buoy.txt")
    assert status == 200 and body == "a buoy\n"
    assert get(server, "/en/guide/mooring", "HEAD")[0] == 200
    assert get(server, "/en/guide/nowhere")[0] == 404


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/assets/../../secret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt",
        "/assets/%2E%2E%2F%2E%2E%2Fsecret.txt",
        "/assets/..%2f..%2fsecret.txt",
        "/assets/..%5c..%5csecret.txt",
        "/%2e%2e/%2e%2e/secret.txt",
        "/assets/images/link-out.txt",
        "/assets/up/secret.txt",
        "/static/../../secret.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/assets/etc/passwd",
        "/assets//etc/passwd",
        "/assets/%2fetc%2fpasswd",
        "http://127.0.0.1/etc/passwd",
        "/en/../../../secret.txt",
        "/assets/images/buoy.txt%00.png",
    ],
)
def test_nothing_outside_the_roots(server, path):
    status, _, body = get(server, path)
    # http.client sends an absolute URL's own host, without the port: a name this server does not answer
    assert status == (421 if path.startswith("http://") else 404)
    assert "do not serve" not in body and "root:" not in body


def test_a_bad_request_line_does_not_stop_the_server(server):
    with socket.create_connection(server.server_address[:2], timeout=5) as s:
        s.sendall(b"GARBAGE\r\n\r\n")
        s.recv(1000)
    assert get(server, "/en/guide/tides")[0] == 200


def read_events(srv: PreviewServer, href: str, token: str, seconds: float) -> str:
    conn = http.client.HTTPConnection(*srv.server_address[:2], timeout=seconds)
    conn.request("GET", f"/__preview/events?page={href}&token={token}")
    resp = conn.getresponse()
    assert resp.getheader("Content-Type").startswith("text/event-stream")
    seen = b""
    end = time.monotonic() + seconds
    try:
        while time.monotonic() < end and b"event: reload" not in seen:
            seen += resp.fp.read1(1000)
    except TimeoutError:
        pass
    conn.close()
    return seen.decode()


def test_event_stream_reloads_only_the_changed_page(server, site_root):
    token = server.preview.document_at("/en/guide/tides").token
    assert "event: reload" not in read_events(server, "/en/guide/tides", token, 0.5)
    old = server.preview.document_at("/en/guide/mooring").token
    stale = read_events(server, "/en/guide/mooring", "an-old-token", 2)
    assert "event: reload" in stale  # a tab that missed a change reloads at once
    import threading

    results = {}
    threads = [
        threading.Thread(target=lambda h=h, t=t: results.__setitem__(h, read_events(server, h, t, 3)))
        for h, t in (("/en/guide/mooring", old), ("/en/guide/tides", token))
    ]
    for t in threads:
        t.start()
    time.sleep(0.3)
    write(site_root, "data/reusables/guide/ropes.md", "Use a spring line too.\n")
    for t in threads:
        t.join()
    assert "event: reload" in results["/en/guide/mooring"]
    assert "event: reload" not in results["/en/guide/tides"]
    status, _, body = get(server, "/en/guide/mooring")
    assert "Use a spring line too." in body


def test_a_broken_file_never_stops_the_server(server, site_root):
    write(site_root, "data/variables/harbour.yml", "name: [unclosed\n")
    write(site_root, "content/guide/tides.md", "---\ntitle: [\n---\n")
    write(site_root, "data/reusables/guide/ropes.md", "{% for %}\n")
    time.sleep(0.5)
    status, _, body = get(server, "/en/guide/mooring")
    # the page reads both broken data files: the overlay names the first one the render met
    assert status == 500 and ("data/reusables/guide/ropes.md" in body or "data/variables/harbour.yml" in body)
    write(site_root, "data/reusables/guide/ropes.md", "Fixed.\n")
    write(site_root, "data/variables/harbour.yml", "name: Gull Quay\n")
    time.sleep(0.5)
    status, _, body = get(server, "/en/guide/mooring")
    assert status == 200 and "Fixed." in body and "Gull Quay" in body


def test_a_change_while_the_tab_was_loading_is_not_lost(server, site_root):
    # the page was served, then changed before its tab opened the event stream
    token = server.preview.document_at("/en/guide/mooring").token
    write(site_root, "data/reusables/guide/ropes.md", "Changed in between.\n")
    time.sleep(0.5)
    assert "event: reload" in read_events(server, "/en/guide/mooring", token, 2)


@pytest.mark.parametrize("how", ["in place", "temp and rename", "delete and recreate", "many quick saves"])
def test_every_way_an_editor_saves_reaches_the_page(server, site_root, how):
    assert "two bow lines" in get(server, "/en/guide/mooring")[2]  # rendered and cached before the save
    target = site_root / "data/reusables/guide/ropes.md"
    final = f"Saved {how}.\n"
    if how == "in place":
        target.write_text(final, encoding="utf-8")
    elif how == "temp and rename":
        tmp = target.with_name(".ropes.md.swp")
        tmp.write_text(final, encoding="utf-8")
        os.replace(tmp, target)
    elif how == "delete and recreate":
        target.unlink()
        time.sleep(0.01)
        target.write_text(final, encoding="utf-8")
    else:
        for i in range(15):
            target.write_text(f"draft {i}\n", encoding="utf-8")
            time.sleep(0.004)
        target.write_text(final, encoding="utf-8")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if final.strip() in get(server, "/en/guide/mooring")[2]:
            break
        time.sleep(0.05)
    body = get(server, "/en/guide/mooring")[2]
    assert final.strip() in body and "draft" not in body


def get_with_host(srv: PreviewServer, path: str, host: str) -> int:
    conn = http.client.HTTPConnection(*srv.server_address[:2], timeout=10)
    conn.putrequest("GET", path, skip_host=True)
    conn.putheader("Host", host)
    conn.endheaders()
    status = conn.getresponse().status
    conn.close()
    return status


def test_answers_only_the_names_of_the_address_it_listens_on(server):
    # DNS rebinding: a page of attacker.example whose name now resolves to 127.0.0.1 must not read the drafts
    port = server.server_address[1]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}"):
        assert get_with_host(server, "/en/guide/mooring", host) == 200, host
    for host in (f"attacker.example:{port}", "attacker.example", f"127.0.0.1:{port + 1}", ""):
        assert get_with_host(server, "/en/guide/mooring", host) == 421, host
        assert get_with_host(server, "/assets/images/buoy.txt", host) == 421, host


def test_a_server_listening_everywhere_answers_any_name():
    from renderer.preview.server import allowed_hosts

    assert allowed_hosts("0.0.0.0", 4000) is None
    assert "docs.lan:4000" not in allowed_hosts("192.168.1.5", 4000)
    assert "192.168.1.5:4000" in allowed_hosts("192.168.1.5", 4000)
    assert "localhost" in allowed_hosts("127.0.0.1", 80)


def test_a_path_cannot_close_the_reload_script(server):
    status, _, body = get(server, "/en/%3C/script%3E%3Cimg%20src=x%20onerror=alert(1)%3E")
    assert status == 404
    script = body[body.index("<script>\n(function") :]
    script = script[: script.index("</script>")]
    assert "<" not in script[len("<script>") :] and "onerror" in script  # the path is there, as \u003c escapes


def test_the_search_index_is_served_and_follows_edits(server, site_root):
    import json

    status, headers, body = get(server, "/search/en/free-pro-team@latest.json")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    entries = json.loads(body)
    assert entries and all(e["url"].startswith("/en") for e in entries)
    assert {"url", "title", "intro", "headings", "text", "product"} <= set(entries[0])
    assert get(server, "/search/en/no-such@version.json")[0] == 404
    assert get(server, "/search/xx/free-pro-team@latest.json")[0] == 404
    page = next(p for p in (site_root / "content").rglob("*.md") if p.name != "index.md")
    page.write_text(page.read_text(encoding="utf-8") + "\nQuetzalcoatl wrote this.\n", encoding="utf-8")
    deadline = time.monotonic() + 10
    while "Quetzalcoatl" not in get(server, "/search/en/free-pro-team@latest.json")[2]:
        assert time.monotonic() < deadline, "the index never saw the edit"
        time.sleep(0.1)


def test_the_search_index_is_gzipped_for_a_browser_that_accepts_it(server):
    import gzip
    import json

    conn = http.client.HTTPConnection(*server.server_address[:2], timeout=10)
    conn.request("GET", "/search/en/free-pro-team@latest.json", headers={"Accept-Encoding": "gzip, deflate, br"})
    resp = conn.getresponse()
    raw = resp.read()
    conn.close()
    assert resp.status == 200 and resp.getheader("Content-Encoding") == "gzip"
    assert resp.getheader("Vary") == "Accept-Encoding" and int(resp.getheader("Content-Length")) == len(raw)
    plain = get(server, "/search/en/free-pro-team@latest.json")[2]  # no Accept-Encoding: as it is
    assert json.loads(gzip.decompress(raw)) == json.loads(plain)


def test_a_page_whose_front_matter_is_broken_shows_the_error_not_not_available(server, site_root):
    page = next(p for p in sorted((site_root / "content").rglob("*.md")) if p.name != "index.md")
    url = "/en/" + page.relative_to(site_root / "content").as_posix()[: -len(".md")]
    assert get(server, url)[0] == 200
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("title:", "title: [unclosed", 1), encoding="utf-8")
    deadline = time.monotonic() + 10
    while True:
        status, _, body = get(server, url)
        if status == 500:
            break
        assert time.monotonic() < deadline, f"still {status}"
        time.sleep(0.1)
    assert "invalid YAML in front matter" in body and "docs-preview-overlay" in body
    assert "not available" not in body.lower()
