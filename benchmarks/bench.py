"""`make bench`: every performance figure of issue 19, each next to its goal.

    .venv/bin/python benchmarks/bench.py            # BENCH_RUNS=5 rounds (default)
    BENCH_RUNS=7 .venv/bin/python benchmarks/bench.py
    .venv/bin/python benchmarks/bench.py --only p1,search   # some figures only

Builds run as separate `mkdocs build --strict` processes on throwaway copies of the project in a
temporary folder. The machine is a shared virtual machine whose speed drifts from one minute to the
next, so the two sides of a comparison run at the same time, each pinned to its own core (which
core takes which alternates by round): the full build beside the pre-rendered one, then the
2,000-question bank beside the synthetic builds. A build's time is its own CPU time (user +
system, from `wait4`), its wall time printed beside it, and each figure is the median over the
rounds of the ratio within a round. The PDF step and the HTML build it is compared with run alone
(their figure is wall clock, and Chromium uses both cores), as does the edit loop under `mkdocs
serve` (wall clock by nature: it includes MkDocs' own file-watch delay).
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from projects import ROOT, bigger_bank, copy_project, prerendered_project, synthetic_project  # noqa: E402

RUNS = max(5, int(os.environ.get("BENCH_RUNS", "5")))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
FIGURES = ("p1", "p2", "bank", "linking", "p5", "p3", "search")
# One lane per core, at most two: the machine the goals are set for has two.
CORES = sorted(os.sched_getaffinity(0))[:2]


@dataclass
class Times:
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.cpu)

    @property
    def wall_median(self) -> float:
        return statistics.median(self.wall)

    def describe(self) -> str:
        return f"{self.median:6.2f} s CPU (wall {self.wall_median:.2f} s)"


def build_command(config: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(site)]


def on_core(core: int | None) -> Callable[[], None] | None:
    return None if core is None else (lambda: os.sched_setaffinity(0, {core}))


def start(command: list[str], cwd: Path, log: Path, core: int | None = None) -> subprocess.Popen:
    with log.open("w") as output:
        return subprocess.Popen(
            command, cwd=cwd, env=ENV, stdout=output, stderr=subprocess.STDOUT, preexec_fn=on_core(core)
        )


def reap(process: subprocess.Popen, log: Path, what: str) -> float:
    """Wait for `process`; (its own CPU seconds, user + system). Exits the bench if it failed."""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{what} failed:\n{log.read_text(errors='replace')[-4000:]}")
    return usage.ru_utime + usage.ru_stime


def build(config: Path, site: Path) -> tuple[float, float]:
    """One build alone: (CPU seconds, wall seconds)."""
    log = site.with_suffix(".log")
    started = time.perf_counter()
    cpu = reap(start(build_command(config, site), config.parent, log), log, f"mkdocs build -f {config}")
    return cpu, time.perf_counter() - started


@dataclass
class Job:
    name: str
    command: list[str]
    cwd: Path
    log: Path


def build_job(name: str, config: Path, site: Path) -> Job:
    return Job(name, build_command(config, site), config.parent, site.with_suffix(".log"))


# A stage runs its lanes at the same time, one per core, each lane's jobs one after another; it
# ends when every lane has. A round is a list of stages.
Lane = list[Job]
Stage = tuple[Lane, ...]


def run_stage(stage: Stage, cores: list[int]) -> dict[str, tuple[float, float]]:
    """(CPU seconds, wall seconds) of each job of the stage, lane i pinned to cores[i]."""
    pending = {core: list(lane) for core, lane in zip(cores, stage, strict=False)}
    if len(stage) > len(cores):  # one core: the lanes one after another
        pending[cores[0]] = [job for lane in stage for job in lane]
    running: dict[int, tuple[Job, int, float, subprocess.Popen]] = {}
    results: dict[str, tuple[float, float]] = {}

    def start_next(core: int) -> None:
        if pending[core]:
            job = pending[core].pop(0)
            process = start(job.command, job.cwd, job.log, core)
            running[process.pid] = (job, core, time.perf_counter(), process)

    for core in pending:
        start_next(core)
    while running:
        pid, status, usage = os.wait4(-1, 0)
        job, core, started, process = running.pop(pid)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise SystemExit(f"{' '.join(job.command)} failed:\n{job.log.read_text(errors='replace')[-4000:]}")
        results[job.name] = (usage.ru_utime + usage.ru_stime, time.perf_counter() - started)
        start_next(core)
    return results


def in_lanes(stages: list[Stage], rounds: int = RUNS, cores: list[int] = CORES) -> list[dict[str, tuple[float, float]]]:
    """Each round runs every stage in order; which core takes which lane alternates by round.
    Returns, per round, each job's (CPU seconds, wall seconds)."""
    results = []
    for number in range(rounds):
        order = cores if number % 2 == 0 else cores[::-1]
        found: dict[str, tuple[float, float]] = {}
        for stage in stages:
            found.update(run_stage(stage, order))
        results.append(found)
    return results


def times_of(rounds: list[dict[str, tuple[float, float]]], name: str) -> Times:
    return Times([found[name][0] for found in rounds], [found[name][1] for found in rounds])


def round_ratios(rounds: list[dict[str, tuple[float, float]]], slow: str, fast: str) -> list[float]:
    """CPU(slow) / CPU(fast) within each round."""
    return [found[slow][0] / found[fast][0] for found in rounds]


def median_ratio(rounds: list[dict[str, tuple[float, float]]], slow: str, fast: str) -> float:
    """Median over the rounds of CPU(slow) / CPU(fast) within the round."""
    return statistics.median(round_ratios(rounds, slow, fast))


class Report:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def figure(self, name: str, value: float, goal: float, unit: str = "") -> None:
        verdict = "ok" if value <= goal else "MISSED"
        shown = f"{value:.2f}{unit}"
        self.rows.append((name, shown, f"≤ {goal:g}{unit}", verdict))
        print(f"  => {name}: {shown} (goal ≤ {goal:g}{unit}) {verdict}", flush=True)

    def print(self) -> None:
        width = max(len(row[0]) for row in self.rows)
        print(f"\nSummary ({RUNS} rounds, medians)")
        print(f"{'figure':<{width}}  {'measured':>9}  {'goal':>9}")
        for name, value, goal, verdict in self.rows:
            print(f"{name:<{width}}  {value:>9}  {goal:>9}  {verdict}")


# --- P1, P2 and the 2,000-question bank: builds side by side -----------------------------------


@dataclass
class Projects:
    full: Path
    prerendered: Path | None = None
    bank: Path | None = None
    bank_before: int = 0
    synthetic: dict[int, Path] = field(default_factory=dict)


def make_projects(work: Path, figures: set[str]) -> Projects:
    projects = Projects(copy_project(work / "full"))
    if "p1" in figures:
        projects.prerendered = prerendered_project(projects.full, work / "prerendered", build)
    if "bank" in figures:
        projects.bank = copy_project(work / "bank-2000")
        projects.bank_before = bigger_bank(projects.bank, 2000)
    if "p2" in figures:
        projects.synthetic = {scale: synthetic_project(work / f"synthetic-{scale}x", scale) for scale in (1, 2, 4)}
    return projects


def side_by_side(projects: Projects, work: Path, report: Report, figures: set[str]) -> None:
    """Two stages per round: the full build beside the pre-rendered one (P1), then the
    2,000-question bank beside the synthetic 4x, 2x and 1x, one after another (P2)."""
    full = build_job("full build", projects.full / "mkdocs.yml", work / "full-site-lane")
    stages: list[Stage] = []
    if projects.prerendered:
        stages.append(
            ([full], [build_job("pre-rendered, hooks off", projects.prerendered / "mkdocs.yml", work / "pre-site")])
        )
    elif "bank" in figures:
        stages.append(([full],))
    synthetic = [
        build_job(f"synthetic {scale}x", project / "mkdocs.yml", work / f"synthetic-site-{scale}")
        for scale, project in sorted(projects.synthetic.items(), reverse=True)
    ]
    bank = [build_job("2,000-question bank", projects.bank / "mkdocs.yml", work / "bank-site")] if projects.bank else []
    if bank or synthetic:
        stages.append(tuple(lane for lane in (bank, synthetic) if lane))
    if not stages:
        return
    print(f"Builds side by side, one per core ({RUNS} rounds):", flush=True)
    print("  the full build beside the pre-rendered one; the 2,000-question bank beside the synthetic builds")
    if projects.synthetic:
        print("  synthetic 1x/2x/4x: 3/6/12 chapters, 120/240/480 questions, 300/600/1,200 terms")
    rounds = in_lanes(stages)
    for name in rounds[0]:
        print(f"  {name:<26} {times_of(rounds, name).describe()}")
    comparisons = []
    if "p1" in figures:
        comparisons.append(("P1 own overhead: full / pre-rendered", "full build", "pre-rendered, hooks off", 1.25))
    if "bank" in figures:
        comparisons.append(
            (f"P2 2,000 / {projects.bank_before}-question bank", "2,000-question bank", "full build", 4.0)
        )
    if "p2" in figures:
        comparisons.append(("P2 t(2N) / t(N)", "synthetic 2x", "synthetic 1x", 2.0))
        comparisons.append(("P2 t(4N) / t(2N)", "synthetic 4x", "synthetic 2x", 2.0))
    for figure, slow, fast, goal in comparisons:
        ratios = round_ratios(rounds, slow, fast)
        print(f"  {figure}, each round: {', '.join(f'{ratio:.2f}' for ratio in ratios)}")
        report.figure(figure, statistics.median(ratios), goal)


# --- P3: the PDF step against the HTML build, each alone -------------------------------------


# Reading smaps_rollup walks a process's page tables while it waits: sampled every 50 ms, the PDF
# step took about 2 s (12 %) longer; every 200 ms the peak moves by a few MiB at most.
PSS_INTERVAL = float(os.environ.get("BENCH_PSS_INTERVAL", "0.2"))


def chromium_pss_peak(root_pid: int, stop: threading.Event, peak: list[int]) -> None:
    """Sample the PSS of every Chromium process under `root_pid` every PSS_INTERVAL seconds; keep
    the peak sum."""
    while not stop.is_set():
        children: dict[int, list[int]] = {}
        names: dict[int, str] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            name = stat[stat.index("(") + 1 : stat.rindex(")")]
            parent = int(stat[stat.rindex(")") + 2 :].split()[1])
            children.setdefault(parent, []).append(int(entry))
            names[int(entry)] = name
        total, todo = 0, list(children.get(root_pid, []))
        while todo:
            pid = todo.pop()
            todo += children.get(pid, [])
            if "chrom" in names.get(pid, ""):
                try:
                    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
                    total += int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE).group(1)) * 1024
                except (OSError, AttributeError):
                    pass
        peak[0] = max(peak[0], total)
        stop.wait(PSS_INTERVAL)


def pdf_run(site: Path, peaks: list[int]) -> tuple[float, float]:
    """The PDF step alone: (CPU seconds of the Python process, wall seconds); its peak PSS into `peaks`."""
    log = site.with_suffix(".pdf.log")
    started = time.perf_counter()
    process = start([sys.executable, "-m", "tools.pdf", "--site", str(site)], ROOT, log)
    stop, peak = threading.Event(), [0]
    sampler = threading.Thread(target=chromium_pss_peak, args=(process.pid, stop, peak), daemon=True)
    sampler.start()
    try:
        cpu = reap(process, log, "tools.pdf")
    finally:
        stop.set()
        sampler.join()
    peaks.append(peak[0])
    return cpu, time.perf_counter() - started


def pdf_step(projects: Projects, work: Path, report: Report) -> None:
    site = work / "full-site"
    html, pdf, peaks = Times(), Times(), []
    print(f"PDF step and HTML build, each alone ({RUNS} rounds)", flush=True)
    for _ in range(RUNS):
        for times, run in (
            (html, lambda: build(projects.full / "mkdocs.yml", site)),
            (pdf, lambda: pdf_run(site, peaks)),
        ):
            cpu, wall = run()
            times.cpu.append(cpu)
            times.wall.append(wall)
    print(f"  {'HTML build':<26} {html.describe()}")
    # Chromium's processes are not this one's children, so the PDF step's CPU time is only its Python part.
    print(f"  {'PDF step':<26} {pdf.wall_median:6.2f} s wall ({pdf.median:.2f} s CPU in Python)")
    report.figure("P3 PDF / HTML build (wall)", pdf.wall_median / html.wall_median, 2.0)
    report.figure("P3 peak PSS of Chromium (MiB)", statistics.median(peaks) / 2**20, 1024.0)


# --- Glossary linking and glossary search: in process -----------------------------------------


def cpu_seconds(run: Callable[[], object], collector: bool = True) -> float:
    """CPU seconds of `run()`, from a freshly collected heap; with `collector=False`, Python's cyclic
    garbage collector is paused while it runs."""
    gc.collect()
    if not collector:
        gc.disable()
    try:
        started = time.process_time()
        run()
        return time.process_time() - started
    finally:
        gc.enable()


def linking_subjects() -> dict[str, Callable[[], object]]:
    """Glossary linking of the same 1.0 MB of prose with 1,000 and with 2,000 terms."""
    import random

    from glossary_linking import synthetic_prose, synthetic_terms

    from confidant.glossary import build_matcher, link_terms

    rng = random.Random(20261126)
    terms = synthetic_terms(2000, rng)
    html = synthetic_prose(terms[:1000], rng)
    matchers = {1000: build_matcher(terms[:1000]), 2000: build_matcher(terms)}
    return {
        f"linking {count}": (lambda m=matcher: link_terms(html, m, lambda t, s: s))
        for count, matcher in matchers.items()
    }


def search_subjects() -> dict[str, Callable[[], object]]:
    """Material's search indexing of the glossary page as the build hands it over (letter headings
    only in its table of contents, the entries not yet boxed) at 1k/2k/4k terms, and once at 1,000
    terms with a heading per term in the table of contents, for comparison (quadratic: not at 4,000)."""
    import random

    import markdown
    from glossary_linking import synthetic_terms
    from material.plugins.search.plugin import SearchIndex
    from mkdocs.structure.toc import get_toc

    from confidant.glossary import Term, glossary_markdown, toc_for_glossary_page

    # The same terms for every size: 2,000 holds the 1,000, and 4,000 the 2,000.
    every_term = [
        Term(t.term, t.slug, t.aliases, "A synthetic definition.", (), (), t.line)
        for t in synthetic_terms(4000, random.Random(4000))
    ]

    def page_for(count: int, cut: bool = True) -> SimpleNamespace:
        converter = markdown.Markdown(
            extensions=["toc", "attr_list", "md_in_html"], extension_configs={"toc": {"permalink": True}}
        )
        content = converter.convert("# Glossary\n\n" + glossary_markdown(every_term[:count]))
        toc = get_toc(converter.toc_tokens)
        toc = toc_for_glossary_page(toc) if cut else toc
        return SimpleNamespace(content=content, toc=toc, url="glossary/", meta={}, title="Glossary")

    pages = {f"search {count}": page_for(count) for count in (1000, 2000, 4000)}
    pages["search 1000, a heading per term"] = page_for(1000, cut=False)
    return {name: (lambda p=page: SearchIndex().add_entry_from_context(p)) for name, page in pages.items()}


def subject_worker(connection: Any, core: int) -> None:
    """On its own core: run the subject asked for `repeat` times; answer the CPU seconds per run."""
    os.sched_setaffinity(0, {core})
    subjects = {**linking_subjects(), **search_subjects()}
    while (request := connection.recv()) is not None:
        run, repeat = subjects[request[0]], request[1]
        # The collector is paused: when its full passes fall depends on all that the worker holds
        # (a small page is done before one is due, a big one is not), not on the work measured.
        seconds = cpu_seconds(lambda r=run, n=repeat: [r() for _ in range(n)], collector=False)
        connection.send(seconds / repeat)


class Workers:
    """One worker process per core for the in-process figures. The two subjects of a ratio run at
    the same time, one per core (which core takes which alternates), so a slower spell of the
    machine slows both; each figure is the median of the rounds' ratios."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self.pipes = [context.Pipe() for _ in CORES]
        self.processes = [
            context.Process(target=subject_worker, args=(child, core))
            for (_, child), core in zip(self.pipes, CORES, strict=True)
        ]
        for process in self.processes:
            process.start()

    def time(self, requests: list[tuple[str, int]]) -> list[float]:
        """Each (subject, repeat) on its own worker at once; with one core, one after the other."""
        if len(requests) > len(self.pipes):
            return [self._ask(self.pipes[0][0], request) for request in requests]
        pipes = [parent for parent, _ in self.pipes[: len(requests)]]
        for parent, request in zip(pipes, requests, strict=True):
            parent.send(request)
        return [parent.recv() for parent in pipes]

    @staticmethod
    def _ask(parent: Any, request: tuple[str, int]) -> float:
        parent.send(request)
        return parent.recv()

    def ratio(self, slow: tuple[str, int], fast: tuple[str, int], rounds: int, times: dict[str, list[float]]) -> float:
        """Median over `rounds` of t(slow) / t(fast), the two side by side; every time into `times`."""
        ratios = []
        for number in range(rounds):
            pair = [slow, fast] if number % 2 else [fast, slow]
            seconds = dict(zip((name for name, _ in pair), self.time(pair), strict=True))
            for name, value in seconds.items():
                times.setdefault(name, []).append(value)
            ratios.append(seconds[slow[0]] / seconds[fast[0]])
        return statistics.median(ratios)

    def close(self) -> None:
        for parent, _ in self.pipes:
            parent.send(None)
        for process in self.processes:
            process.join()


def in_process_figures(report: Report, figures: set[str]) -> None:
    """Glossary linking and the glossary page's search indexing, timed in worker processes."""
    workers = Workers()
    times: dict[str, list[float]] = {}
    rounds = 3 * RUNS  # a round takes about a second
    try:
        if "linking" in figures:
            print("Glossary linking: the same 1.0 MB of HTML with 1,000 and 2,000 terms (side by side)", flush=True)
            ratio = workers.ratio(("linking 2000", 5), ("linking 1000", 5), rounds, times)
            for count in (1000, 2000):
                print(f"  {count:,} terms{'':<16} {statistics.median(times[f'linking {count}']):6.3f} s CPU")
            report.figure("P2 glossary linking 2,000 / 1,000 terms", ratio, 1.1)
        if "search" in figures:
            print("Search indexing of the glossary page at 1,000 / 2,000 / 4,000 terms (side by side)", flush=True)
            # Each sample indexes 4,000 terms' worth (the 1,000-term page four times), so every size
            # is timed over the same stretch of CPU time.
            low = workers.ratio(("search 2000", 2), ("search 1000", 4), rounds, times)
            high = workers.ratio(("search 4000", 1), ("search 2000", 2), rounds, times)
            for count in (1000, 2000, 4000):
                print(f"  {count:,} terms{'':<16} {statistics.median(times[f'search {count}']):6.3f} s CPU")
            uncut = workers.time([("search 1000, a heading per term", 4)])[0]
            print(f"  (1,000 terms, a heading per term in the table of contents: {uncut:.3f} s)")
            report.figure("Search on glossary t(2k) / t(1k)", low, 2.2)
            report.figure("Search on glossary t(4k) / t(2k)", high, 2.2)
    finally:
        workers.close()


# --- P5: the edit loop under mkdocs serve -----------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # 127.0.0.1 only
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a running process so far (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Server:
    process: subprocess.Popen
    chapter: Path
    url: str


def start_server(project: Path, core: int | None) -> Server:
    """`mkdocs serve --strict` on the project; its first build runs while the bench does other work."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    chapter = sorted((project / "docs" / "chapters").glob("*.md"))[0]
    command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "-f", str(project / "mkdocs.yml")]
    process = subprocess.Popen(
        [*command, "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env={**ENV, "CONFIDANT_SITE_URL": base},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=on_core(core),
    )
    return Server(process, chapter, f"{base}chapters/{chapter.stem}/")


def edit_loop(server: Server, report: Report) -> None:
    deadline = time.monotonic() + 300
    while "</html>" not in fetch(server.url):
        if server.process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("mkdocs serve did not start")
        time.sleep(0.2)
    # From here on the server may use either core, as it would on a contributor's machine.
    os.sched_setaffinity(server.process.pid, set(CORES))
    chapter = server.chapter
    print(
        f"Edit loop under mkdocs serve: save docs/chapters/{chapter.name}, poll until served ({RUNS} edits)", flush=True
    )
    original = chapter.read_text(encoding="utf-8")
    heading = re.search(r"^# .*\n", original, flags=re.MULTILINE)
    seconds, cpu = [], []
    try:
        for number in range(RUNS):
            time.sleep(1.5)
            token = f"Bench edit {number} {time.time_ns()}."
            text = f"{original[: heading.end()]}\n{token}\n{original[heading.end() :]}"
            before = process_cpu(server.process.pid)
            started = time.perf_counter()
            chapter.write_text(text, encoding="utf-8")
            while token not in fetch(server.url):
                if time.perf_counter() - started > 120:
                    raise SystemExit("the edited chapter was not served within 120 s")
                time.sleep(0.02)
            seconds.append(time.perf_counter() - started)
            cpu.append(process_cpu(server.process.pid) - before)
    finally:
        chapter.write_text(original, encoding="utf-8")
    print(
        f"  save to served page{'':<7} {statistics.median(seconds):6.2f} s wall ({', '.join(f'{s:.2f}' for s in seconds)})"
    )
    # The server's own CPU time for each rebuild (and the polls it answered): what the edit costs
    # whatever else runs on the machine.
    print(f"  server CPU per edit{'':<7} {statistics.median(cpu):6.2f} s CPU ({', '.join(f'{s:.2f}' for s in cpu)})")
    report.figure("P5 edit loop, save to served page (s)", statistics.median(seconds), 1.5)


def stop_server(server: Server) -> None:
    server.process.terminate()
    server.process.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(FIGURES), help=f"comma-separated subset of: {', '.join(FIGURES)}")
    args = parser.parse_args(argv)
    figures = set(args.only.split(","))
    unknown = figures - set(FIGURES)
    if unknown:
        parser.error(f"unknown figures: {', '.join(sorted(unknown))}")
    report = Report()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="confidant-bench-") as folder:
        work = Path(folder)
        # Setting up runs beside the server's first build: the server on the second core, the
        # copies and the capture build of the pre-rendered project on the first.
        server = start_server(copy_project(work / "serve"), CORES[-1]) if "p5" in figures else None
        try:
            os.sched_setaffinity(0, {CORES[0]})
            projects = make_projects(work, figures)
            os.sched_setaffinity(0, set(CORES))
            if server:
                edit_loop(server, report)
        finally:
            if server:
                stop_server(server)
        if figures & {"linking", "search"}:
            in_process_figures(report, figures)
        side_by_side(projects, work, report, figures)
        if "p3" in figures:
            pdf_step(projects, work, report)
    report.print()
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    # Chromium's processes are not counted: they are not children of this process.
    print(f"\nmake bench took {time.perf_counter() - started:.0f} s ({cpu:.0f} s of CPU time)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
