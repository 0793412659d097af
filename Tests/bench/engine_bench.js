// The forms engine as a form's page runs it (WebAssembly in V8, the engine of Chromium): the time
// to start it with a form's definition, and to check and render the filled document, medians of
// repeated runs. `node engine_bench.js ENGINE.wasm DEFINITION.json ANSWERS.yaml RUNS`
'use strict';
const fs = require('fs');
const [wasmPath, definitionPath, answersPath, runs] = process.argv.slice(2);
const encoder = new TextEncoder();
const decoder = new TextDecoder();
let instance;
const wasi = {
  fd_write: () => 0, fd_seek: () => 0, fd_close: () => 0, proc_exit: () => { throw new Error('exit'); },
  random_get: (pointer, length) => { new Uint8Array(instance.exports.memory.buffer, pointer, length).fill(7); return 0; },
};

function call(name, ...texts) {
  const exports = instance.exports;
  const args = [];
  for (const text of texts) {
    const bytes = encoder.encode(text);
    const pointer = exports.nko_alloc(bytes.length);
    new Uint8Array(exports.memory.buffer, pointer, bytes.length).set(bytes);
    args.push(pointer, bytes.length);
  }
  const result = exports[name](...args);
  const length = new DataView(exports.memory.buffer).getUint32(result, true);
  const text = decoder.decode(new Uint8Array(exports.memory.buffer, result + 4, length).slice());
  exports.nko_free(result);
  for (let i = 0; i < args.length; i += 2) exports.nko_free(args[i]);
  return JSON.parse(text);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

(async () => {
  const bytes = fs.readFileSync(wasmPath);
  const starts = [], checks = [], renders = [];
  for (let run = 0; run < Number(runs); run++) {
    let t = performance.now();
    instance = (await WebAssembly.instantiate(bytes, { wasi_snapshot_preview1: wasi })).instance;
    const loaded = call('nko_load', fs.readFileSync(definitionPath, 'utf8'));
    if (loaded.error) throw new Error(loaded.error);
    starts.push(performance.now() - t);
    const answers = JSON.stringify(call('nko_read', fs.readFileSync(answersPath, 'utf8'), 'yaml').answers);
    t = performance.now();
    const checked = call('nko_check', answers);
    checks.push(performance.now() - t);
    if (checked.problems.some(p => p.severity === 'error')) throw new Error(JSON.stringify(checked.problems));
    t = performance.now();
    const rendered = call('nko_render', answers, '2026-11-23', 'odt');
    renders.push(performance.now() - t);
    if (!rendered.parts) throw new Error(JSON.stringify(rendered));
  }
  console.log(JSON.stringify({ start: median(starts), check: median(checks), render: median(renders) }));
})();
