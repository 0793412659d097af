#!/usr/bin/env python3
"""Legal text against Hugo (make bench): the acts of legal_corpus.py built as a `legal: true`
collection and, from the same files, as a plain one, by nko; by Hugo with an equivalent layout;
and parsed by the cmark-gfm program alone (the floor: no build of Markdown pages can be faster
than parsing and rendering it, spread over the cores).

For each size: pages per second, nko's ratio to Hugo and to the cmark-gfm floor, peak memory;
then, for the legal portal, `nko build` in a new process after one act's text was edited (what
CI or an editor waits for). Builds are interleaved (legal, plain, Hugo; three times) into empty
folders on a tmpfs where there is one; medians are reported. Results go to
.build/bench/legal-*.json, with the previous run's figures printed beside the new ones.

Usage: legal_bench.py NKO TEMPLATES [N ...]
"""
import datetime
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from site_bench import pages, save, timed

HERE = os.path.dirname(os.path.abspath(__file__))
RUNS = 3
# A rebuild takes a tenth of a second, where this machine's noise is a fifth of it: the median of more.
REBUILD_RUNS = 11
GOALS = "Цели (10 000 актов): legal ≥ 2× Hugo, plain ≥ 4× Hugo, в пределах 3× от нижней границы cmark-gfm; " \
        "память ≤ 0,5 ГБ (≤ 1,5 ГБ на 50 000); пересборка после правки одного акта — до 0,1 с."


def bodies(folder, into):
    """The Markdown of every act without its front matter, as one file (what cmark-gfm parses)."""
    with open(into, "w", encoding="utf-8") as out:
        for name in sorted(os.listdir(folder)):
            if name.startswith("act-"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    out.write(f.read().split("\n---\n", 1)[1] + "\n")


def main():
    nko, templates = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    sizes = [int(n) for n in sys.argv[3:]] or [1000, 10000]
    hugo = shutil.which("hugo") or sys.exit("hugo not found (make bench installs Debian's hugo)")
    cmark = shutil.which("cmark-gfm") or sys.exit("cmark-gfm not found (make bench installs Debian's cmark-gfm)")
    version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()[1]
    cores = os.cpu_count()
    scratch = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    work = tempfile.mkdtemp(prefix="nko-legal-bench-")
    outputs = tempfile.mkdtemp(prefix="nko-legal-bench-out-", dir=scratch)
    results = {"date": datetime.datetime.now().isoformat(timespec="seconds"), "cores": cores, "hugo": version,
               "output": "tmpfs" if scratch else "disk", "sizes": []}
    try:
        print(f"Правовые тексты: nko и Hugo {version}, ядер: {cores}, вывод: {results['output']}, медиана {RUNS} сборок")
        print(f"{'актов':>7} {'сборка':>7} {'страниц':>8} {'стр/с':>7} {'× Hugo':>7} {'× граница':>10} {'память, МБ':>11}")
        for n in sizes:
            corpus = os.path.join(work, f"corpus-{n}")
            subprocess.run([sys.executable, os.path.join(HERE, "legal_corpus.py"), str(n), corpus, templates], check=True)
            builds = {
                "legal": ([nko, "build", "--root", os.path.join(corpus, "legal"), "--out", os.path.join(outputs, "legal"),
                           "--now", "2026-11-23"], os.path.join(outputs, "legal")),
                "plain": ([nko, "build", "--root", os.path.join(corpus, "plain"), "--out", os.path.join(outputs, "plain"),
                           "--now", "2026-11-23"], os.path.join(outputs, "plain")),
                "Hugo": ([hugo, "--source", os.path.join(corpus, "hugo"), "--destination", os.path.join(outputs, "hugo"),
                          "--quiet"], os.path.join(outputs, "hugo")),
            }
            runs = {name: [] for name in builds}
            for _ in range(RUNS):
                for name, (command, out) in builds.items():
                    runs[name].append(timed(command, out))
            merged = os.path.join(work, "bodies.md")
            bodies(os.path.join(corpus, "legal", "content", "acts"), merged)
            floor_one_core = statistics.median(
                timed([cmark, "--validate-utf8", "--to", "html", merged]
                      + [a for e in ("footnotes", "table", "strikethrough", "autolink", "tagfilter") for a in ("-e", e)])[0]
                for _ in range(RUNS))
            floor = floor_one_core / cores
            row = {"documents": n, "cmark_one_core_seconds": round(floor_one_core, 3), "floor_seconds": round(floor, 3)}
            hugo_seconds = statistics.median(r[0] for r in runs["Hugo"])
            hugo_rate = pages(builds["Hugo"][1]) / hugo_seconds
            for name, (_, out) in builds.items():
                seconds = statistics.median(r[0] for r in runs[name])
                memory = max(r[1] for r in runs[name])
                count = pages(out)
                rate = count / seconds
                row[name] = {"pages": count, "seconds": round(seconds, 3), "pages_per_second": round(rate),
                             "to_hugo": round(rate / hugo_rate, 2), "to_floor": round(seconds / floor, 1),
                             "memory_mb": round(memory)}
                print(f"{n:>7} {name:>7} {count:>8} {rate:>7.0f} {rate / hugo_rate:>7.2f} {seconds / floor:>9.1f}× "
                      f"{memory:>11.0f}")
            print(f"{'':>7} граница cmark-gfm: {floor_one_core:.2f} с на одном ядре, {floor:.2f} с на {cores}")

            # One act's text edited, then `nko build` in a new process over the legal portal's last output.
            command, out = builds["legal"]
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            act = os.path.join(corpus, "legal", "content", "acts", "act-0.md")
            times = []
            for run in range(REBUILD_RUNS):
                with open(act, encoding="utf-8") as f:
                    text = f.read()
                with open(act, "w", encoding="utf-8") as f:
                    f.write(text.replace("1.1. ", "1.1. Правка. ", 1) if run % 2 == 0 else text.replace("1.1. Правка. ", "1.1. ", 1))
                start = time.perf_counter()
                subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                times.append(time.perf_counter() - start)
            row["one_act_rebuild_seconds"] = round(statistics.median(times), 3)
            print(f"{'':>7} пересборка после правки одного акта (новый процесс nko build, медиана {REBUILD_RUNS}): "
                  f"{row['one_act_rebuild_seconds']:.2f} с")
            results["sizes"].append(row)
            shutil.rmtree(corpus, ignore_errors=True)
        print(GOALS)
        save(results, "legal", lambda old, now: f"legal {old['legal']['seconds']} с → {now['legal']['seconds']} с, "
                                                f"plain {old['plain']['seconds']} с → {now['plain']['seconds']} с")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(outputs, ignore_errors=True)

if __name__ == "__main__":
    main()
