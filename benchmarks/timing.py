"""Timing for the benchmarks: one run, or the median of several after a warm-up run."""

from __future__ import annotations

import statistics
import time


def timed(func) -> float:
    """Seconds one call of `func` takes."""
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def timed_cpu(func) -> tuple[float, float]:
    """(wall, CPU) seconds of one call: on a shared machine the CPU time of the process is the steadier of the two
    (calamine reads on threads of this process, so the floor's CPU time counts them too)."""
    wall, cpu = time.perf_counter(), time.process_time()
    func()
    return time.perf_counter() - wall, time.process_time() - cpu


def median_seconds(func, repeat: int = 5) -> float:
    """Median seconds of `repeat` calls, after one call that warms caches (and brings stored data up to date)."""
    func()
    return statistics.median(timed(func) for _ in range(repeat))
