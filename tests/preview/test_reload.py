import threading
import time

from renderer.preview.reload import ReloadHub, inject, script, token_of


def test_script_goes_before_the_last_body_end():
    doc = "<html><body><p>x</p></BODY></html>"
    out = inject(doc, "<script></script>")
    assert out == "<html><body><p>x</p><script></script></BODY></html>"
    assert inject("<p>bare</p>", "<s>") == "<p>bare</p><s>"
    assert '"/en/a\\"b"' in script('/en/a"b', "t1")  # JSON-quoted: a URL cannot break out of the script


def test_tokens_follow_content():
    assert token_of("<p>a</p>") == token_of("<p>a</p>")
    assert token_of("<p>a</p>") != token_of("<p>b</p>")
    assert token_of("<p>a</p>", "1") != token_of("<p>a</p>")


def test_waiting_tab_wakes_only_for_its_page():
    hub = ReloadHub()
    hub.publish("/en/a", "t1")
    hub.publish("/en/b", "t1")
    got = {}

    def wait(href):
        got[href] = hub.wait(href, "t1", 2.0)

    threads = [threading.Thread(target=wait, args=(h,)) for h in ("/en/a", "/en/b")]
    for t in threads:
        t.start()
    time.sleep(0.1)
    hub.publish("/en/a", "t2")
    hub.publish("/en/b", "t1")  # the same token: nothing changed
    threads[0].join(2)
    assert got == {"/en/a": "t2"}
    hub.close()
    threads[1].join(2)
    assert got["/en/b"] is None


def test_a_tab_that_missed_a_change_learns_at_once():
    hub = ReloadHub()
    hub.publish("/en/a", "t2")
    assert hub.wait("/en/a", "t1", 0.01) == "t2"
    assert hub.wait("/en/unknown", "t1", 0.01) is None


def test_open_pages_are_counted_per_tab():
    hub = ReloadHub()
    with hub.tab("/en/a"):
        with hub.tab("/en/a"):
            assert hub.open_pages() == {"/en/a"}
        assert hub.open_pages() == {"/en/a"}
    assert hub.open_pages() == set()
