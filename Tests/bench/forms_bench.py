#!/usr/bin/env python3
"""Batch contract generation: documents per second for ODT and HTML (make bench).

Generates N valid contract records (contract_rows.py), renders them with
`nko form render subsidy-contract --data rows.csv --out DIR` and reports, for each format,
the documents per second of the whole run (reading, checking and writing included), per core,
and the peak memory; the median of 3 runs, written to a tmpfs (/dev/shm) where there is one, as
the site benchmarks do: creating thousands of files on this machine's disk took as long as
making them, and varied twice over from run to run. Usage: forms_bench.py NKO ROOT [N ...]
"""
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(nko, root, rows, fmt, out):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([nko, "form", "render", "subsidy-contract", "--root", root, "--data", rows,
                    "--format", fmt, "--out", out, "--now", "2026-11-23"], check=True, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    written = len(os.listdir(out))
    return written, seconds, peak


def main():
    nko, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    sizes = [int(n) for n in sys.argv[3:]] or [1000, 5000]
    cores = os.cpu_count() or 1
    scratch = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    work = tempfile.mkdtemp(prefix="nko-bench-", dir=scratch)
    try:
        print(f"Пакетная генерация договоров (subsidy-contract), ядер: {cores}, вывод: {'tmpfs' if scratch else 'disk'}, медиана 3")
        print(f"{'записей':>8} {'формат':>6} {'секунд':>8} {'док/с':>8} {'док/с на ядро':>14} {'пик памяти, МБ':>15}")
        for n in sizes:
            rows = os.path.join(work, f"rows-{n}.csv")
            subprocess.run([sys.executable, os.path.join(HERE, "contract_rows.py"), str(n), rows], check=True)
            for fmt in ("odt", "html"):
                out = os.path.join(work, f"out-{n}-{fmt}")
                runs = []
                for _ in range(3):
                    shutil.rmtree(out, ignore_errors=True)
                    runs.append(run(nko, root, rows, fmt, out))
                    assert runs[-1][0] == n, f"{runs[-1][0]} documents written, {n} expected"
                seconds, peak = statistics.median(r[1] for r in runs), max(r[2] for r in runs)
                rate = n / seconds
                print(f"{n:>8} {fmt:>6} {seconds:>8.2f} {rate:>8.0f} {rate / cores:>14.0f} {peak / 1024:>15.0f}")
                shutil.rmtree(out)
        print("Цель: 500 и более документов ODT в секунду на ядро.")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
