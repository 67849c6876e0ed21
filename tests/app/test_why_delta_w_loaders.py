"""The /why_delta_w store (lowrank/ui/why_delta_w.py): one computation per key for all sessions,
with progress while it runs."""

from __future__ import annotations

import threading
import time

from lowrank.ui import why_delta_w


def test_concurrent_requests_share_one_computation() -> None:
    calls: list[int] = []
    seen: list[float] = []

    def compute(progress) -> str:
        calls.append(1)
        time.sleep(0.2)
        progress(0.5)
        seen.append(0.5)
        return "result"

    key = ("test-store", time.monotonic())
    results: list[str] = []
    threads = [
        threading.Thread(target=lambda: results.append(why_delta_w._shared(key, "", compute)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["result"] * 8
    assert len(calls) == 1 and seen == [0.5]
    assert why_delta_w._shared(key, "", compute) == "result" and len(calls) == 1
