#!/usr/bin/env python3
"""Times `tanni build` against Hugo at several catalog sizes.

For each size (the real site, or a synthetic one of N meetings written by
examples/synth.rs) this builds tanni once to get its data/catalog.json,
generates the Hugo twin site with the same pages (compare_hugo.generate), and
then times both tools in paired rounds in the same run, interleaved
(tanni, hugo, tanni, hugo, ...), in two modes:

- into an empty folder: a new, never-used output folder every round (old
  round folders are deleted only after all timings: on ext4, creating files
  soon after deleting many is slowed by the check for recently deleted
  inodes);
- over the previous output: tanni into the folder it built the round before
  (it writes only the files whose bytes changed and swaps the new site in),
  Hugo into the same destination again (it rewrites every file in place).

Each run's wall time and peak RSS (ru_maxrss from os.wait4) are taken, and the
medians over the rounds are reported, with the files and bytes of each tool's
output. The file system is flushed (sync) before every timed run and outside
the timing, so that each run starts with no dirty pages of the previous one:
tanni's time includes flushing its own output to the disk (it calls syncfs
before swapping the site in), Hugo's does not (it leaves its writes to the
kernel).

Also timed, for each size: `tanni search 核医学 --root SITE --lang ja --output-dir OUT`
over the site built into a new folder (wall time
and peak RSS), and for the largest size, a rebuild over the previous output
after changing one meeting's credits (the first `credits = N` line of
catalog/meetings/01.toml), reporting how many files tanni says it wrote; the
edit is restored afterwards.

The tanni binary (target/release/tanni) is copied into the work folder at
the start, so that one binary is timed throughout even if it is rebuilt
meanwhile.

Needs: hugo (Debian: apt-get install hugo), a release build of tanni
(cargo build --release) and of the synth example (built here with cargo if
missing). No Python packages beyond the standard library. Run from the
repository root:

    python3 bench/compare_scale.py [--sizes real,10000,100000] [--rounds 3] [--work DIR]

The work folder (default /tmp/tanni-scale) must be new, empty, or one this
script made before (it leaves a marker file there); everything in it is
deleted at the end unless --keep is given. A 100,000-meeting size needs some
25 GB of disk in the work folder (23 GB of it the outputs of the rounds) and
7 GB of memory (Hugo's peak; tanni's is under 3 GB).
"""

import argparse
import hashlib
import json
import os
import pathlib
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in bench/
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from compare_hugo import ROOT, TANNI, generate  # noqa: E402

SYNTH = ROOT / "target" / "release" / "examples" / "synth"
MARKER = ".tanni-compare-scale"
SOURCES = ("site.toml", "catalog", "content", "themes")
QUERY = "核医学"
BUILT_LINE = re.compile(r"^built .*$", re.MULTILINE)
WRITTEN = re.compile(r"(\d+) files, (\d+) of them written")


# ---------------------------------------------------------------------------
# Running and measuring one command.

class Run:
    """One finished command: wall time (s), peak RSS (KiB), its output, and
    the CPU time (s) the rest of the machine used meanwhile (other processes
    and the kernel's own threads, its writeback among them): a busy machine
    shows there."""

    def __init__(self, argv, seconds, max_rss_kib, stdout, stderr, other_cpu):
        self.argv = argv
        self.seconds = seconds
        self.max_rss_kib = max_rss_kib
        self.stdout = stdout
        self.stderr = stderr
        self.other_cpu = other_cpu


def busy_cpu_seconds() -> float:
    """CPU time spent by the whole machine so far, idle and iowait excepted."""
    fields = [int(x) for x in pathlib.Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def run(argv, logs: pathlib.Path, flush=True) -> Run:
    """Runs argv with its output in files, timing it and reading its peak RSS.

    With flush, the file system is synced first (not timed), so that the run
    does not pay for the dirty pages of the one before."""
    if flush:
        os.sync()
    out, err = logs / "stdout", logs / "stderr"
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, str(out), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, str(err), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    ]
    busy = busy_cpu_seconds()
    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], [str(a) for a in argv], os.environ, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    other = max(0.0, busy_cpu_seconds() - busy - usage.ru_utime - usage.ru_stime)
    result = Run(argv, seconds, usage.ru_maxrss, out.read_text(errors="replace"),
                 err.read_text(errors="replace"), other)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"failed ({code}): {shlex.join(map(str, argv))}\n{result.stderr[-3000:]}")
    return result


def built_line(tanni_run: Run) -> str:
    """The 'built N meetings into …' line of a tanni build."""
    found = BUILT_LINE.findall(tanni_run.stderr)
    return found[-1] if found else "(no 'built' line)"


def files_written(tanni_run: Run) -> int:
    match = WRITTEN.search(tanni_run.stderr)
    if not match:
        sys.exit(f"cannot find 'N of them written' in tanni's output:\n{tanni_run.stderr[-2000:]}")
    return int(match.group(2))


def tree_size(folder: pathlib.Path):
    """(files, bytes) of the regular files under folder."""
    files = total = 0
    for parent, _, names in os.walk(folder):
        for name in names:
            info = os.lstat(os.path.join(parent, name))
            files += 1
            total += info.st_size
    return files, total


# ---------------------------------------------------------------------------
# The work folder and the sites.

def prepare_work(work: pathlib.Path) -> None:
    """Makes work ours (new, empty, or marked by us). What an earlier run
    left there is moved aside into a stale-* folder, deleted with the rest at
    the end: deleting it now would slow the first builds on ext4."""
    if work.exists() and not work.is_dir():
        sys.exit(f"{work} is not a folder")
    work.mkdir(parents=True, exist_ok=True)
    entries = [e for e in work.iterdir() if e.name != MARKER]
    if entries and not (work / MARKER).is_file():
        sys.exit(f"{work} is not empty and was not made by this script (no {MARKER}); "
                 "name another folder with --work, or empty this one")
    (work / MARKER).write_text("Made by tanni's bench/compare_scale.py; its contents are deleted by it.\n")
    stale = work / f"stale-{time.strftime('%Y%m%d-%H%M%S')}"
    if entries:
        stale.mkdir()
        for entry in entries:
            entry.rename(stale / entry.name)


def clean_work(work: pathlib.Path) -> None:
    for entry in work.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            subprocess.run(["rm", "-rf", "--one-file-system", str(entry)], check=True)
        else:
            entry.unlink()


def synth_binary() -> pathlib.Path:
    if not SYNTH.exists():
        subprocess.run(["cargo", "build", "--release", "--example", "synth"], cwd=ROOT, check=True)
    return SYNTH


def make_site(size: str, site: pathlib.Path, logs: pathlib.Path) -> None:
    """The real site's sources copied into site, or a synthetic one of size meetings."""
    if size == "real":
        site.mkdir(parents=True)
        for name in SOURCES:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, site / name)
            else:
                shutil.copy2(source, site / name)
    else:
        run([synth_binary(), "--meetings", size, "--out", site], logs, flush=False)


# ---------------------------------------------------------------------------
# Timing one size.

def tanni_build(tanni, site, output, logs) -> Run:
    return run([tanni, "build", "--root", site, "--output-dir", output], logs)


def hugo_build(hugo_site, output, logs) -> Run:
    # As bench/compare_hugo.py runs it.
    return run(["hugo", "--quiet", "--source", hugo_site, "--destination", output], logs)


def measure_size(size: str, folder: pathlib.Path, tanni: pathlib.Path, rounds: int, edit: bool) -> dict:
    site, hugo_site, out, logs = folder / "site", folder / "hugo-site", folder / "out", folder / "logs"
    for made in (folder, out, logs):
        made.mkdir(parents=True, exist_ok=True)
    say(f"[{size}] writing the site")
    make_site(size, site, logs)

    # One tanni build, which is also the first output of the "over the
    # previous output" mode; its catalog.json feeds the Hugo twin.
    say(f"[{size}] tanni build (first, for data/catalog.json)")
    tanni_over, hugo_over = out / "tanni-over", out / "hugo-over"
    first = tanni_build(tanni, site, tanni_over, logs)
    say(f"    {built_line(first)}")
    catalog = json.loads((tanni_over / "data" / "catalog.json").read_text())
    say(f"[{size}] generating the Hugo twin ({len(catalog['meetings'])} meetings)")
    generate(hugo_site, catalog)
    say(f"[{size}] hugo build (first)")
    hugo_build(hugo_site, hugo_over, logs)

    times = {key: [] for key in ("tanni_empty", "hugo_empty", "tanni_over", "hugo_over")}
    rss = {key: [] for key in times}
    other = {key: [] for key in times}
    written_over = []
    for number in range(1, rounds + 1):
        steps = (
            ("tanni_empty", lambda: tanni_build(tanni, site, out / f"tanni-empty-{number}", logs)),
            ("hugo_empty", lambda: hugo_build(hugo_site, out / f"hugo-empty-{number}", logs)),
            ("tanni_over", lambda: tanni_build(tanni, site, tanni_over, logs)),
            ("hugo_over", lambda: hugo_build(hugo_site, hugo_over, logs)),
        )
        for key, step in steps:
            result = step()
            times[key].append(result.seconds)
            rss[key].append(result.max_rss_kib)
            other[key].append(result.other_cpu)
            if key == "tanni_over":
                written_over.append(files_written(result))
            say(f"[{size}] round {number}/{rounds} {key:<11} {result.seconds:8.2f} s  {result.max_rss_kib / 1024:8.0f} MiB"
                f"  (other CPU {result.other_cpu:.1f} s)")

    row = {
        "size": size,
        "meetings": len(catalog["meetings"]),
        "time": {key: statistics.median(values) for key, values in times.items()},
        "rss": {key: statistics.median(values) for key, values in rss.items()},
        "all_times": times,
        "all_other": other,
        "written_over": written_over,
        "tanni_output": tree_size(out / "tanni-empty-1"),
        "hugo_output": tree_size(out / "hugo-empty-1"),
        "hugo_html": sum(1 for _ in (out / "hugo-empty-1").rglob("*.html")),
    }

    # Over the files of the site built last (as a member's `tanni search`
    # reads the site's public/).
    built = out / "tanni-empty-1"
    searches = [run([tanni, "search", QUERY, "--root", site, "--lang", "ja", "--output-dir", built], logs)
                for _ in range(rounds)]
    row["search"] = {
        "time": statistics.median(r.seconds for r in searches),
        "rss": statistics.median(r.max_rss_kib for r in searches),
        "results": len([line for line in searches[0].stdout.splitlines() if re.match(r"\s*\d+\. ", line)]),
        "first": next((line.strip() for line in searches[0].stdout.splitlines() if line.strip()), "").replace("|", "\\|"),
    }
    say(f"[{size}] search: {row['search']['time']:.2f} s, {row['search']['rss'] / 1024:.0f} MiB")

    if edit:
        row["edit"] = edit_and_rebuild(tanni, site, tanni_over, logs)
    return row


def edit_and_rebuild(tanni, site, output, logs) -> dict:
    """Changes the first `credits = N` of catalog/meetings/01.toml, rebuilds
    over the previous output, and restores the file."""
    path = site / "catalog" / "meetings" / "01.toml"
    original = path.read_bytes()
    text = original.decode()
    match = re.search(r"^credits = (\d+)$", text, re.MULTILINE)
    if not match:
        sys.exit(f"no 'credits = N' line in {path}")
    before = int(match.group(1))
    after = before + 1 if before < 100 else before - 1
    path.write_text(text[:match.start()] + f"credits = {after}" + text[match.end():])
    try:
        result = tanni_build(tanni, site, output, logs)
    finally:
        path.write_bytes(original)
    say(f"    {built_line(result)}")
    return {
        "change": f"credits = {before} → credits = {after} (catalog/meetings/01.toml, line {text.count(chr(10), 0, match.start()) + 1})",
        "seconds": result.seconds,
        "rss": result.max_rss_kib,
        "written": files_written(result),
        "line": built_line(result),
    }


# ---------------------------------------------------------------------------
# The report.

def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def mib(kib: float) -> str:
    return f"{kib / 1024:,.0f} MiB"


def files_bytes(pair) -> str:
    files, total = pair
    return f"{files:,} files, {total / 2**20:,.1f} MiB"


def meetings_label(row: dict) -> str:
    return f"{row['meetings']:,} (real)" if row["size"] == "real" else f"{row['meetings']:,}"


def machine_info(tanni_copy: pathlib.Path, work: pathlib.Path) -> list:
    def output(argv, cwd=None):
        try:
            return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return "?"

    commit = output(["git", "describe", "--always", "--dirty", "--abbrev=12"], cwd=ROOT)
    subject = output(["git", "log", "-1", "--format=%cd %s", "--date=short"], cwd=ROOT)[:100]
    cpu = next((line.split(":", 1)[1].strip() for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((line.split()[1] for line in pathlib.Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "0")
    digest = hashlib.sha256(tanni_copy.read_bytes()).hexdigest()[:16]
    built = time.strftime("%Y-%m-%d %H:%M", time.localtime(TANNI.stat().st_mtime))
    return [
        f"- nproc: {os.cpu_count()} ({cpu}), memory {int(memory) / 2**20:.1f} GiB, Linux {platform.release()}",
        f"- work folder: {work} on {filesystem_of(work)}",
        f"- hugo: {output(['hugo', 'version'])}",
        f"- tanni: git {commit} ({subject}); binary target/release/tanni built {built}, sha256 {digest}…",
        f"- python: {platform.python_version()}; load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
    ]


def filesystem_of(path: pathlib.Path) -> str:
    best, kind = "", "?"
    for line in pathlib.Path("/proc/mounts").read_text().splitlines():
        fields = line.split()
        point = fields[1]
        if str(path).startswith(point.rstrip("/") + "/") or str(path) == point:
            if len(point) >= len(best):
                best, kind = point, f"{fields[2]} ({fields[0]} at {point})"
    return kind


def report(rows: list, command: str, info: list, rounds: int) -> None:
    print(f"Command: `{command}`\n")
    print("Machine:")
    print("\n".join(info))
    print(f"\n### Build time, median of {rounds} paired rounds (tanni, Hugo interleaved)\n")
    print("| meetings | tanni empty folder | Hugo empty folder | ratio | tanni over previous | Hugo over previous | ratio"
          " | peak RSS tanni / Hugo | output files and bytes tanni / Hugo |")
    print("|---|---:|---:|---:|---:|---:|---:|---|---|")
    for row in rows:
        t, r = row["time"], row["rss"]
        print(f"| {meetings_label(row)} | {seconds(t['tanni_empty'])} | {seconds(t['hugo_empty'])}"
              f" | {t['tanni_empty'] / t['hugo_empty']:.2f} | {seconds(t['tanni_over'])} | {seconds(t['hugo_over'])}"
              f" | {t['tanni_over'] / t['hugo_over']:.2f}"
              f" | {mib(max(r['tanni_empty'], r['tanni_over']))} / {mib(max(r['hugo_empty'], r['hugo_over']))}"
              f" | {files_bytes(row['tanni_output'])} / {files_bytes(row['hugo_output'])} |")
    print("\nratio: tanni's time / Hugo's (below 1: tanni faster). Peak RSS: the larger of the two modes' medians."
          " tanni's times include flushing its output to the disk (syncfs) and swapping it in; Hugo's do not flush."
          " Hugo's output holds these HTML pages: "
          + ", ".join(f"{row['hugo_html']:,} ({meetings_label(row)})" for row in rows) + ".")
    print("\nEvery round, tanni empty / Hugo empty / tanni over / Hugo over: wall seconds, and in brackets the CPU"
          " seconds the rest of the machine used meanwhile (other processes and kernel threads, writeback included;"
          f" the machine has {os.cpu_count()} CPUs); then the files tanni wrote over its previous output:\n")
    keys = ("tanni_empty", "hugo_empty", "tanni_over", "hugo_over")
    for row in rows:
        a, o = row["all_times"], row["all_other"]
        rounds_text = "; ".join(
            " / ".join(f"{a[key][i]:.2f} [{o[key][i]:.1f}]" for key in keys)
            for i in range(len(a["tanni_empty"])))
        print(f"- {meetings_label(row)}: {rounds_text}; written {row['written_over']}")

    print(f"\n### `tanni search {QUERY} --root SITE --lang ja --output-dir OUT`, median of {rounds}\n")
    print("| meetings | wall | peak RSS | results shown | first result |")
    print("|---|---:|---:|---:|---|")
    for row in rows:
        s = row["search"]
        print(f"| {meetings_label(row)} | {seconds(s['time'])} | {mib(s['rss'])} | {s['results']} | {s['first']} |")

    for row in rows:
        if "edit" in row:
            e = row["edit"]
            print(f"\n### Rebuild after editing one meeting ({meetings_label(row)} meetings)\n")
            print(f"{e['change']}, then `tanni build` over the previous output:"
                  f" {e['written']:,} files written, {seconds(e['seconds'])} wall, peak RSS {mib(e['rss'])}"
                  f" (with no edit: median {seconds(row['time']['tanni_over'])}, written {row['written_over']}).")
            print(f"tanni said: `{e['line']}`")


# ---------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description="Times tanni against Hugo at several catalog sizes.")
    parser.add_argument("--sizes", default="real,10000,100000",
                        help="comma-separated: 'real' (this repository's site) or a number of synthetic meetings")
    parser.add_argument("--rounds", type=int, default=3, help="paired rounds per size and mode (median taken)")
    parser.add_argument("--work", type=pathlib.Path, default=pathlib.Path("/tmp/tanni-scale"),
                        help="work folder: new, empty, or made by this script before")
    parser.add_argument("--keep", action="store_true", help="keep the work folder's contents at the end")
    args = parser.parse_args()
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    for size in sizes:
        if size != "real" and not (size.isdigit() and int(size) > 0):
            sys.exit(f"--sizes: {size!r} is neither 'real' nor a number of meetings")
    if len(set(sizes)) != len(sizes):
        sys.exit("--sizes: each size once")
    if args.rounds < 1:
        sys.exit("--rounds: at least 1")
    if shutil.which("hugo") is None:
        sys.exit("hugo not found (Debian: apt-get install hugo)")
    if not TANNI.exists():
        sys.exit(f"{TANNI} not found: cargo build --release")

    command = shlex.join(["python3", "bench/compare_scale.py", *sys.argv[1:]])
    work = args.work.resolve()
    prepare_work(work)
    tanni = work / "tanni"
    shutil.copy2(TANNI, tanni)  # one binary for the whole run, even if target/ is rebuilt meanwhile
    info = machine_info(tanni, work)

    largest = max(sizes, key=lambda s: 0 if s == "real" else int(s))
    rows = []
    for size in sizes:
        rows.append(measure_size(size, work / f"size-{size}", tanni, args.rounds, edit=(size == largest)))

    print()
    report(rows, command, info, args.rounds)
    if args.keep:
        say(f"kept {work}")
    else:
        say(f"deleting {work}'s contents")
        clean_work(work)


if __name__ == "__main__":
    main()
