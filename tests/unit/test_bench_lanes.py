"""`make bench`'s lanes (benchmarks/bench.py `in_lanes`): the lanes of a stage run at the same time,
each pinned to its own core (swapped every other round), each job timed by its own CPU time, and a
failing job stops the bench with its output."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from bench import Job, in_lanes, median_ratio, times_of

# Burns `seconds` of its own CPU time, then writes the cores it may run on.
BURN = """
import os, sys, time
end = time.process_time() + float(sys.argv[1])
while time.process_time() < end:
    pass
print(sorted(os.sched_getaffinity(0)))
"""


def burn(name: str, seconds: float, folder: Path) -> Job:
    return Job(name, [sys.executable, "-c", BURN, str(seconds)], folder, folder / f"{name}.log")


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="two lanes need two cores")
def test_each_job_is_timed_by_its_own_cpu_time_on_its_own_core(tmp_path: Path) -> None:
    cores = sorted(os.sched_getaffinity(0))[:2]
    lanes = ([burn("long", 0.6, tmp_path)], [burn("short", 0.2, tmp_path), burn("after", 0.2, tmp_path)])
    rounds = in_lanes([lanes], rounds=2, cores=cores)
    assert [sorted(found) for found in rounds] == [["after", "long", "short"]] * 2
    # Process start-up adds a little CPU time to each; the wall time of a job includes it too.
    assert 0.6 <= times_of(rounds, "long").median < 0.9
    assert 0.2 <= times_of(rounds, "short").median < 0.5
    assert 1.5 < median_ratio(rounds, "long", "short") < 3.5
    # The second round swapped the lanes' cores: the last job of each lane wrote where it ran.
    assert (tmp_path / "long.log").read_text().strip() == f"[{cores[1]}]"
    assert (tmp_path / "after.log").read_text().strip() == f"[{cores[0]}]"


def test_a_failing_job_stops_the_bench_with_its_output(tmp_path: Path) -> None:
    failing = Job(
        "broken",
        [sys.executable, "-c", "print('the build broke here'); raise SystemExit(3)"],
        tmp_path,
        tmp_path / "broken.log",
    )
    with pytest.raises(SystemExit, match="the build broke here"):
        in_lanes([([failing],)], rounds=1, cores=sorted(os.sched_getaffinity(0))[:1])
