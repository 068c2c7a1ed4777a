"""The progress bar: drawn only on a terminal outside CI and not when quiet; counts, rate, time left."""

from __future__ import annotations

import io

from renderer.console.progress import Progress, progress_enabled


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_enabled_only_on_a_terminal_outside_ci_and_not_quiet() -> None:
    assert progress_enabled(FakeTTY(), environ={}) is True
    assert progress_enabled(io.StringIO(), environ={}) is False
    assert progress_enabled(FakeTTY(), environ={"CI": "true"}) is False
    assert progress_enabled(FakeTTY(), quiet=True, environ={}) is False
    assert progress_enabled(FakeTTY(), environ={"TERM": "dumb"}) is False


def test_disabled_bar_writes_nothing() -> None:
    stream = io.StringIO()
    with Progress(10, "build", enabled=False, stream=stream) as bar:
        for _ in range(10):
            bar.advance()
    assert stream.getvalue() == ""
    assert bar.done == 10


def test_default_is_decided_by_the_stream() -> None:
    assert Progress(3, stream=io.StringIO()).enabled is False


def test_line_shows_count_percentage_rate_and_time_left() -> None:
    clock = Clock()
    bar = Progress(400, "build", enabled=True, stream=FakeTTY(), clock=clock, width=100)
    clock.now += 4.0
    bar.advance(100)
    line = bar.line()
    assert line.startswith("build [==========>")
    assert line.endswith("] 100/400   25%  25.0/s  ETA 0:12")
    assert len(line) < 100


def test_unknown_total_shows_count_rate_and_elapsed_time() -> None:
    clock = Clock()
    bar = Progress(None, "diff", enabled=True, stream=FakeTTY(), clock=clock, width=80)
    clock.now += 65
    bar.advance(13)
    assert bar.line() == "diff 13  0.2/s  1:05"


def test_narrow_terminal_drops_the_bar_not_the_numbers() -> None:
    clock = Clock()
    bar = Progress(10, "export", enabled=True, stream=FakeTTY(), clock=clock, width=30)
    clock.now += 1
    bar.advance(5)
    assert bar.line() == "export 5/10   50%  5.0/s  ETA"[:29]


def test_redraws_in_place_at_most_ten_times_a_second_and_erases_itself() -> None:
    clock = Clock()
    stream = FakeTTY()
    with Progress(1000, "build", enabled=True, stream=stream, clock=clock, width=80) as bar:
        for _ in range(500):  # all within one instant: only the first draw shows
            bar.advance()
        clock.now += 0.2
        bar.advance()
    out = stream.getvalue()
    draws = out.split("\r\x1b[2K")
    assert draws[0] == "" and draws[-1] == ""  # starts clearing the line; ends with it cleared
    assert [d.split("] ")[1].split()[0] for d in draws[1:-1]] == ["0/1000", "501/1000"]
    assert "\n" not in out


def test_last_item_is_always_drawn() -> None:
    clock = Clock()
    stream = FakeTTY()
    with Progress(3, "build", enabled=True, stream=stream, clock=clock, width=80) as bar:
        bar.advance(3)
    assert "3/3" in stream.getvalue() and "100%" in stream.getvalue()


def test_write_prints_above_the_bar() -> None:
    stream = FakeTTY()
    with Progress(2, "build", enabled=True, stream=stream, clock=Clock(), width=80) as bar:
        bar.write("warning: something")
    assert "\r\x1b[2Kwarning: something\n\r\x1b[2Kbuild [" in stream.getvalue()
    plain = io.StringIO()
    with Progress(2, "build", enabled=False, stream=plain) as bar:
        bar.write("warning: something")
    assert plain.getvalue() == "warning: something\n"


def test_interrupted_work_still_erases_the_bar() -> None:
    stream = FakeTTY()
    try:
        with Progress(5, "build", enabled=True, stream=stream, clock=Clock(), width=80) as bar:
            bar.advance()
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        pass
    assert stream.getvalue().endswith("\r\x1b[2K")


def test_total_can_be_given_once_known() -> None:
    clock = Clock()
    stream = FakeTTY()
    with Progress(None, "build", enabled=True, stream=stream, clock=clock, width=80) as bar:
        bar.set_total(4)
        clock.now += 1
        bar.advance(2)
        assert bar.line().endswith("2/4   50%  2.0/s  ETA 0:01")
    assert "0/4" in stream.getvalue()
