"""`make bench`: every performance figure of issue 19, each next to its goal.

    .venv/bin/python benchmarks/bench.py            # BENCH_RUNS=5 rounds (default)
    BENCH_RUNS=7 .venv/bin/python benchmarks/bench.py
    .venv/bin/python benchmarks/bench.py --only p1,search   # some figures only

Builds run as separate `mkdocs build --strict` processes on throwaway copies of the project in a
temporary folder. The variants of one comparison run A/B interleaved, round after round, and each
figure is the median of the rounds. A build's time is the CPU time of its process tree (user +
system): the machine is shared, and CPU seconds are what a build costs whatever else runs beside
it; the wall-clock median is printed beside it. The edit loop under `mkdocs serve` is wall-clock
time by nature (it includes MkDocs' own file-watch delay).
"""

from __future__ import annotations

import argparse
import gc
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

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from projects import ROOT, bigger_bank, copy_project, prerendered_project, synthetic_project  # noqa: E402

RUNS = max(5, int(os.environ.get("BENCH_RUNS", "5")))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
FIGURES = ("p1", "p2", "bank", "linking", "p5", "p3", "search")


@dataclass
class Times:
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.cpu)

    def describe(self) -> str:
        return f"{self.median:6.2f} s CPU (wall {statistics.median(self.wall):.2f} s)"


def timed(command: list[str], **kwargs) -> tuple[float, float]:
    """(CPU seconds of the process tree, wall seconds) of one command that must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True, env=ENV, **kwargs)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stdout}{completed.stderr}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def build_command(config: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(site)]


def build(config: Path, site: Path) -> tuple[float, float]:
    return timed(build_command(config, site), cwd=config.parent)


def interleaved(variants: dict[str, Callable[[], tuple[float, float]]]) -> dict[str, Times]:
    """Run every variant once per round, RUNS rounds, in the same order each round."""
    results = {name: Times() for name in variants}
    for _ in range(RUNS):
        for name, run in variants.items():
            cpu, wall = run()
            results[name].cpu.append(cpu)
            results[name].wall.append(wall)
    return results


class Report:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def figure(self, name: str, value: float, goal: float, unit: str = "", higher_is_worse: bool = True) -> None:
        ok = value <= goal if higher_is_worse else value >= goal
        shown = f"{value:.2f}{unit}"
        self.rows.append((name, shown, f"≤ {goal:g}{unit}", "ok" if ok else "MISSED"))
        print(f"  => {name}: {shown} (goal ≤ {goal:g}{unit}) {'ok' if ok else 'MISSED'}", flush=True)

    def print(self) -> None:
        width = max(len(row[0]) for row in self.rows)
        print(f"\nSummary ({RUNS} interleaved rounds, medians)")
        print(f"{'figure':<{width}}  {'measured':>9}  {'goal':>9}")
        for name, value, goal, verdict in self.rows:
            print(f"{name:<{width}}  {value:>9}  {goal:>9}  {verdict}")


# --- P1, P3 and the 2,000-question bank: real content ----------------------------------------


def chromium_pss_peak(root_pid: int, stop: threading.Event, peak: list[int]) -> None:
    """Sample the PSS of every Chromium process under `root_pid` every 50 ms; keep the peak sum."""
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
        stop.wait(0.05)


def pdf_run(site: Path, peaks: list[int]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "tools.pdf", "--site", str(site)],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    stop, peak = threading.Event(), [0]
    sampler = threading.Thread(target=chromium_pss_peak, args=(process.pid, stop, peak), daemon=True)
    sampler.start()
    output, _ = process.communicate()
    stop.set()
    sampler.join()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"tools.pdf failed:\n{output}")
    peaks.append(peak[0])
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def real_content(work: Path, report: Report, figures: set[str]) -> Path:
    full = copy_project(work / "full")
    variants: dict[str, Callable[[], tuple[float, float]]] = {
        "full build": lambda: build(full / "mkdocs.yml", work / "full-site")
    }
    if "p3" in figures:
        peaks: list[int] = []
        variants["PDF step"] = lambda: pdf_run(work / "full-site", peaks)
    if "p1" in figures:
        pre = prerendered_project(full, work / "prerendered", build)
        variants["pre-rendered, hooks off"] = lambda: build(pre / "mkdocs.yml", work / "pre-site")
    if "bank" in figures:
        big = copy_project(work / "bank-2000")
        before = bigger_bank(big, 2000)
        variants["2,000-question bank"] = lambda: build(big / "mkdocs.yml", work / "big-site")
    print(f"Real content: {', '.join(variants)} ({RUNS} rounds)", flush=True)
    times = interleaved(variants)
    for name, result in times.items():
        print(f"  {name:<26} {result.describe()}")
    full_time = times["full build"].median
    if "p1" in figures:
        report.figure("P1 own overhead: full / pre-rendered", full_time / times["pre-rendered, hooks off"].median, 1.25)
    if "bank" in figures:
        report.figure(f"P2 2,000 / {before}-question bank", times["2,000-question bank"].median / full_time, 4.0)
    if "p3" in figures:
        pdf_wall = statistics.median(times["PDF step"].wall)
        html_wall = statistics.median(times["full build"].wall)
        # Chromium's own processes are not children the kernel reports to this one until they
        # exit, so the PDF ratio is wall clock against wall clock.
        report.figure("P3 PDF / HTML build (wall)", pdf_wall / html_wall, 2.0)
        report.figure("P3 peak PSS of Chromium (MiB)", statistics.median(peaks) / 2**20, 1024.0)
    return full


# --- P2: synthetic content at 1x, 2x, 4x ------------------------------------------------------


def synthetic_growth(work: Path, report: Report) -> None:
    projects = {scale: synthetic_project(work / f"synthetic-{scale}x", scale) for scale in (1, 2, 4)}
    print(
        f"Synthetic content 1x/2x/4x: 3/6/12 chapters, 120/240/480 questions, 300/600/1,200 terms ({RUNS} rounds)",
        flush=True,
    )
    times = interleaved(
        {
            f"{scale}x": (lambda p=project, s=scale: build(p / "mkdocs.yml", work / f"synthetic-site-{s}"))
            for scale, project in projects.items()
        }
    )
    for name, result in times.items():
        print(f"  {name:<26} {result.describe()}")
    report.figure("P2 t(2N) / t(N)", times["2x"].median / times["1x"].median, 2.0)
    report.figure("P2 t(4N) / t(2N)", times["4x"].median / times["2x"].median, 2.0)


# --- Glossary linking and glossary search: in process -----------------------------------------


def cpu_seconds(run: Callable[[], object]) -> float:
    gc.collect()
    started = time.process_time()
    run()
    return time.process_time() - started


def glossary_linking(report: Report) -> None:
    import random

    from glossary_linking import synthetic_prose, synthetic_terms

    from confidant.glossary import build_matcher, link_terms

    rng = random.Random(20261126)
    terms = synthetic_terms(2000, rng)
    html = synthetic_prose(terms[:1000], rng)
    matchers = {"1,000 terms": build_matcher(terms[:1000]), "2,000 terms": build_matcher(terms)}
    print(f"Glossary linking: the same {len(html) / 1e6:.1f} MB of HTML with 1,000 and 2,000 terms", flush=True)
    times = {name: [] for name in matchers}
    for _ in range(RUNS):
        for name, matcher in matchers.items():
            times[name].append(cpu_seconds(lambda m=matcher: link_terms(html, m, lambda t, s: s)))
    for name, values in times.items():
        print(f"  {name:<26} {statistics.median(values):6.2f} s CPU")
    report.figure(
        "P2 glossary linking 2,000 / 1,000 terms",
        statistics.median(times["2,000 terms"]) / statistics.median(times["1,000 terms"]),
        1.1,
    )


def glossary_search(report: Report) -> None:
    """Material's search indexing of the glossary page as the build makes it, at 1k/2k/4k terms."""
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
        terms = every_term[:count]
        converter = markdown.Markdown(
            extensions=["toc", "attr_list", "md_in_html"], extension_configs={"toc": {"permalink": True}}
        )
        content = converter.convert("# Glossary\n\n" + glossary_markdown(terms))
        toc = get_toc(converter.toc_tokens)
        toc = toc_for_glossary_page(toc) if cut else toc
        return SimpleNamespace(content=content, toc=toc, url="glossary/", meta={}, title="Glossary")

    # The page as the build makes it (letter headings only in its table of contents) at each size, and
    # once at 1,000 terms with a heading per term in the table, for comparison (quadratic: not at 4,000).
    pages = {(count, True): page_for(count) for count in (1000, 2000, 4000)}
    pages[1000, False] = page_for(1000, cut=False)
    print("Search indexing of the glossary page at 1,000 / 2,000 / 4,000 terms", flush=True)
    times: dict[tuple[int, bool], list[float]] = {key: [] for key in pages}

    def index(page: SimpleNamespace, repeat: int) -> None:
        for _ in range(repeat):
            SearchIndex().add_entry_from_context(page)

    for _ in range(RUNS):
        for (count, cut), page in pages.items():
            # Each sample indexes 4,000 terms' worth (the 1,000-term page four times), so every size is
            # timed over the same stretch of CPU time; best of three per round, as a few tenths of a
            # second are easily disturbed on a shared machine.
            repeat = 4000 // count
            best = min(cpu_seconds(lambda p=page, r=repeat: index(p, r)) for _ in range(3))
            times[count, cut].append(best / repeat)
    medians = {count: statistics.median(times[count, True]) for count in (1000, 2000, 4000)}
    for count, value in medians.items():
        print(f"  {count:,} terms{'':<16} {value:6.3f} s CPU")
    print(
        f"  (1,000 terms, a heading per term in the table of contents: {statistics.median(times[1000, False]):.3f} s)"
    )
    report.figure("Search on glossary t(2k) / t(1k)", medians[2000] / medians[1000], 2.2)
    report.figure("Search on glossary t(4k) / t(2k)", medians[4000] / medians[2000], 2.2)


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


def edit_loop(project: Path, report: Report) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    chapter = sorted((project / "docs" / "chapters").glob("*.md"))[0]
    url = f"{base}chapters/{chapter.stem}/"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-a",
            f"127.0.0.1:{port}",
        ],
        cwd=project,
        env={**ENV, "CONFIDANT_SITE_URL": base},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 300
        while "</html>" not in fetch(url):
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("mkdocs serve did not start")
            time.sleep(0.2)
        print(
            f"Edit loop under mkdocs serve: save docs/chapters/{chapter.name}, poll until served ({RUNS} edits)",
            flush=True,
        )
        original = chapter.read_text(encoding="utf-8")
        seconds, cpu = [], []
        for number in range(RUNS):
            time.sleep(1.5)
            token = f"Bench edit {number} {time.time_ns()}."
            heading = re.search(r"^# .*\n", original, flags=re.MULTILINE)
            text = f"{original[: heading.end()]}\n{token}\n{original[heading.end() :]}"
            before = process_cpu(server.pid)
            started = time.perf_counter()
            chapter.write_text(text, encoding="utf-8")
            while token not in fetch(url):
                if time.perf_counter() - started > 120:
                    raise SystemExit("the edited chapter was not served within 120 s")
                time.sleep(0.02)
            seconds.append(time.perf_counter() - started)
            cpu.append(process_cpu(server.pid) - before)
        chapter.write_text(original, encoding="utf-8")
        print(
            f"  save to served page{'':<7} {statistics.median(seconds):6.2f} s wall ({', '.join(f'{s:.2f}' for s in seconds)})"
        )
        # The server's own CPU time for each rebuild (and the polls it answered): what the edit costs
        # whatever else runs on the machine.
        print(
            f"  server CPU per edit{'':<7} {statistics.median(cpu):6.2f} s CPU ({', '.join(f'{s:.2f}' for s in cpu)})"
        )
        report.figure("P5 edit loop, save to served page (s)", statistics.median(seconds), 1.5)
    finally:
        server.terminate()
        server.wait(timeout=30)


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
        if figures & {"linking"}:
            glossary_linking(report)
        if figures & {"search"}:
            glossary_search(report)
        if figures & {"p2"}:
            synthetic_growth(work, report)
        full = real_content(work, report, figures) if figures & {"p1", "p3", "bank"} else None
        if "p5" in figures:
            edit_loop(full or copy_project(work / "full"), report)
    report.print()
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    # On a shared machine the wall clock says more about the neighbours than about the bench; its CPU
    # time is about what it takes on an idle one (the builds run one at a time, each mostly on one core).
    print(f"\nmake bench took {time.perf_counter() - started:.0f} s ({cpu:.0f} s of CPU time)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
