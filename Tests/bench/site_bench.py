#!/usr/bin/env python3
"""Site builds against Hugo (make bench): pages per second, their ratio, peak memory, the
times of a rebuild after touching one document, one template and one data item, after adding
a document and after removing it, and the time `nko serve` takes to rebuild after a document
is saved (as it logs it, and from the save to the log line: what an editor waits for).

For each size N the synthetic corpus of site_corpus.py is built with nko and, in the same run,
the same Markdown with Debian's hugo and minimal equivalent layouts. Both write to a tmpfs
(/dev/shm) when there is one, so that the file system's quirks (ext4 slows down creating files
right after many were deleted) do not decide the comparison; each build runs from an empty
output folder, three times, and the median is reported. Results go to .build/bench/site-*.json,
and the previous run's figures are printed beside the new ones.

Usage: site_bench.py NKO TEMPLATES [N ...]
"""
import datetime
import json
import os
import re
import selectors
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RUNS = 3


def timed(command, out=None):
    """Runs `command` (a build into an empty `out`); returns (seconds, peak resident memory in MB)."""
    if out:
        shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def pages(out):
    return sum(1 for _, _, files in os.walk(out) for f in files if f.endswith(".html"))


def median_build(command, out):
    runs = [timed(command, out) for _ in range(RUNS)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def touch(path, old, new):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert old in text, f"{old!r} not in {path}"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))


def main():
    nko, templates = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    sizes = [int(n) for n in sys.argv[3:]] or [1000, 10000]
    hugo = shutil.which("hugo") or sys.exit("hugo not found (make bench installs Debian's hugo)")
    version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()[1]
    scratch = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    work = tempfile.mkdtemp(prefix="nko-site-bench-")
    outputs = tempfile.mkdtemp(prefix="nko-site-bench-out-", dir=scratch)
    results = {"date": datetime.datetime.now().isoformat(timespec="seconds"), "cores": os.cpu_count(),
               "hugo": version, "output": "tmpfs" if scratch else "disk", "sizes": []}
    try:
        print(f"Сборка сайта: nko и Hugo {version}, ядер: {os.cpu_count()}, вывод: {results['output']}, медиана {RUNS} сборок")
        print(f"{'документов':>10} {'страниц nko':>12} {'nko стр/с':>10} {'Hugo стр/с':>11} {'nko/Hugo':>9} "
              f"{'память nko, МБ':>15} {'память Hugo, МБ':>16}")
        for n in sizes:
            corpus = os.path.join(work, f"corpus-{n}")
            subprocess.run([sys.executable, os.path.join(HERE, "site_corpus.py"), str(n), corpus, templates], check=True)
            nko_out, hugo_out = os.path.join(outputs, "nko"), os.path.join(outputs, "hugo")
            nko_build = [nko, "build", "--root", os.path.join(corpus, "nko"), "--out", nko_out, "--now", "2026-11-23"]
            hugo_build = [hugo, "--source", os.path.join(corpus, "hugo"), "--destination", hugo_out, "--quiet"]
            nko_seconds, nko_memory = median_build(nko_build, nko_out)
            nko_pages = pages(nko_out)
            hugo_seconds, hugo_memory = median_build(hugo_build, hugo_out)
            hugo_pages = pages(hugo_out)
            nko_rate, hugo_rate = nko_pages / nko_seconds, hugo_pages / hugo_seconds
            print(f"{n:>10} {nko_pages:>12} {nko_rate:>10.0f} {hugo_rate:>11.0f} {nko_rate / hugo_rate:>9.2f} "
                  f"{nko_memory:>15.0f} {hugo_memory:>16.0f}")

            # A rebuild after one edit, into the output of the previous build (as an editor works).
            root = os.path.join(corpus, "nko")
            edits = {
                "документ": (os.path.join(root, "content", "s00", "doc-0.md"), "## Порядок", "## Порядок и сроки"),
                "шаблон": (os.path.join(root, "templates", "item.mustache"), "<article class=\"item\">",
                           "<article class=\"item\" data-edited>"),
                "запись реестра": (os.path.join(root, "content", "property", "objects.yaml"),
                                   "title: Помещение 0\n", "title: Помещение 0 (изменено)\n"),
            }
            subprocess.run(nko_build, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            rebuilds = {}

            def rebuild(what):
                start = time.perf_counter()
                subprocess.run(nko_build, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                rebuilds[what] = time.perf_counter() - start

            for what, (path, old, new) in edits.items():
                touch(path, old, new)
                rebuild(what)
            added = os.path.join(root, "content", "s01", "added.md")
            with open(added, "w", encoding="utf-8") as f:
                f.write("---\ntitle: Новый документ\nslug: added\ndate: 2026-11-23\nkind: law\n---\nТекст.\n")
            rebuild("новый документ")
            os.remove(added)
            rebuild("удалённый документ")
            print(f"{'':>10} пересборка после правки: " + ", ".join(f"{k} {v:.2f} с" for k, v in rebuilds.items()))
            serve = serve_rebuilds(nko, root, os.path.join(root, "content", "s00", "doc-0.md"))
            print(f"{'':>10} nko serve после сохранения документа: сборка {serve['build_ms']:.0f} мс, "
                  f"от сохранения до перезагрузки {serve['save_to_reload_ms']:.0f} мс (медиана {serve['runs']})")
            results["sizes"].append({"documents": n, "nko_pages": nko_pages, "hugo_pages": hugo_pages,
                                     "nko_seconds": round(nko_seconds, 3), "hugo_seconds": round(hugo_seconds, 3),
                                     "ratio": round(nko_rate / hugo_rate, 3), "nko_memory_mb": round(nko_memory),
                                     "hugo_memory_mb": round(hugo_memory),
                                     "rebuild_seconds": {k: round(v, 3) for k, v in rebuilds.items()},
                                     "serve": serve})
            shutil.rmtree(corpus, ignore_errors=True)
        print("Цели: на 10 000 документах nko не медленнее Hugo; пересборка после правки одного документа — до 0,1 с; "
              "память — до 1 ГБ на 50 000 документах.")
        save(results)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(outputs, ignore_errors=True)


def serve_rebuilds(nko, root, document, runs=7):
    """Starts `nko serve` on the corpus, saves `document` `runs` times, and returns the medians of
    the build time it logs and of the time from each save to that log line (the page reloads
    right after it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([nko, "serve", "--root", root, "--port", str(port), "--now", "2026-11-23"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    watch = selectors.DefaultSelector()
    watch.register(server.stderr, selectors.EVENT_READ)

    def next_build(timeout=600):
        """The milliseconds of the next build the server logs."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if watch.select(timeout=deadline - time.monotonic()):
                line = server.stderr.readline()
                found = re.search(r"Собрано заново страниц: \d+ из \d+ за (\d+) мс", line)
                if found:
                    return int(found.group(1))
                if not line:
                    break
        server.kill()
        sys.exit("nko serve did not report a build")

    try:
        next_build()  # the first, full build
        builds, waits = [], []
        for run in range(runs):
            time.sleep(0.5)
            with open(document, encoding="utf-8") as f:
                text = f.read()
            saved = time.perf_counter()
            with open(document, "w", encoding="utf-8") as f:
                f.write(text.replace("## Порядок", "## Порядок и сроки", 1) if run % 2 == 0
                        else text.replace("## Порядок и сроки", "## Порядок", 1))
            builds.append(next_build())
            waits.append((time.perf_counter() - saved) * 1000)
        return {"build_ms": statistics.median(builds), "save_to_reload_ms": round(statistics.median(waits)), "runs": runs}
    finally:
        server.kill()
        server.wait()


def save(results, name="site", describe=None):
    """Writes the results to .build/bench/NAME-latest.json (and a dated copy); `describe(old, new)`
    says how a size changed since the previous run."""
    describe = describe or (lambda old, now: f"nko {old['nko_seconds']} с → {now['nko_seconds']} с, "
                                             f"nko/Hugo {old['ratio']} → {now['ratio']}")
    folder = os.path.join(os.getcwd(), ".build", "bench")
    os.makedirs(folder, exist_ok=True)
    latest = os.path.join(folder, f"{name}-latest.json")
    if os.path.exists(latest):
        with open(latest, encoding="utf-8") as f:
            before = {s["documents"]: s for s in json.load(f)["sizes"]}
        for now in results["sizes"]:
            old = before.get(now["documents"])
            if old:
                print(f"Прошлый замер ({now['documents']} документов): " + describe(old, now))
    stamp = results["date"].replace(":", "-")
    for path in (os.path.join(folder, f"{name}-{stamp}.json"), latest):
        with open(path, "w", encoding="utf-8") as f:
            json.dump(results, f, ensure_ascii=False, indent=2)
    print(f"Результаты: {latest}")

if __name__ == "__main__":
    main()
