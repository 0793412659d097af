"""The forms engine of the form pages (make bench): its transfer size, compressed as a static host
serves it, and the time to check and render the subsidy contract in V8, the JavaScript and
WebAssembly engine of Chromium (node runs the module as the page does). Goals (issue 14): at most
400 KB compressed, at most 100 ms to check and render.

    python3 engine_bench.py NKO ENGINE.wasm REPO
"""

import gzip
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

nko, engine, repo = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
FORM = "subsidy-contract"
RUNS = 15

data = engine.read_bytes()
print(f"forms engine: {len(data) / 1024:.0f} KB, {len(gzip.compress(data, 9)) / 1024:.0f} KB with gzip -9 (goal: ≤ 400 KB)")
node = shutil.which("node")
if not node:
    print("forms engine: no node on this machine, the time in V8 is not measured")
    sys.exit(0)
with tempfile.TemporaryDirectory() as tmp:
    definition = Path(tmp) / "definition.json"
    definition.write_text(subprocess.run([nko, "form", "show", FORM, "--format", "json"], cwd=repo, check=True,
                                         capture_output=True, text=True).stdout, encoding="utf-8")
    result = subprocess.run([node, str(Path(__file__).with_name("engine_bench.js")), str(engine), str(definition),
                             str(repo / "content" / "_forms" / FORM / "sample.yaml"), str(RUNS)],
                            check=True, capture_output=True, text=True)
times = json.loads(result.stdout)
print(f"forms engine, {FORM} (medians of {RUNS}): start {times['start']:.1f} ms, check {times['check']:.1f} ms, "
      f"render the ODT {times['render']:.1f} ms; check and render {times['check'] + times['render']:.1f} ms (goal: ≤ 100 ms)")
