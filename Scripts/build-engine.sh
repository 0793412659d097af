#!/usr/bin/env bash
# Compiles the forms engine — the Foundation-free modules that `nko` itself runs — to WebAssembly
# with Embedded Swift, for the portal's form pages: `Scripts/build-engine.sh OUT.wasm`.
# Each module is compiled on its own, in dependency order, as SwiftPM would; then wasm-ld links
# them with the embedded Unicode tables, wasi-libc's malloc/free (Debian's wasi-libc) and
# compiler-rt's 128-bit arithmetic, which DecimalNumber uses (libclang-rt-14-dev-wasm32).
set -euo pipefail
out=${1:?usage: build-engine.sh OUT.wasm}
root=$(cd "$(dirname "$0")/.." && pwd)
swiftc=$(command -v swiftc)
toolchain=$(dirname "$(dirname "$(readlink -f "$swiftc")")")
work=$(dirname "$out")/engine-objects
builtins=$(ls /usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a 2>/dev/null | head -1)
[ -f /usr/lib/wasm32-wasi/libc.a ] && [ -n "$builtins" ] \
    || { echo "build-engine.sh: needs Debian's wasi-libc and libclang-rt-14-dev-wasm32 (make deps installs them)" >&2; exit 1; }
mkdir -p "$work"

# The modules of the engine, each after those it imports (see Package.swift).
modules=(RussianText Diagnostics Values DocumentTree ODF FormEngine)
flags=(-target wasm32-unknown-none-wasm -enable-experimental-feature Embedded -wmo -Osize -parse-as-library
       -swift-version 6 -package-name nko -warnings-as-errors
       -Xcc -fno-stack-protector -Xfrontend -disable-stack-protector -I "$work")
objects=()
for module in "${modules[@]}"; do
    "$swiftc" "${flags[@]}" -module-name "$module" "$root/Sources/$module"/*.swift \
        -emit-module -emit-module-path "$work/$module.swiftmodule" -c -o "$work/$module.o"
    objects+=("$work/$module.o")
done
"$swiftc" "${flags[@]}" -module-name FormEngineWasm "$root/Sources/FormEngineWasm"/*.swift -c -o "$work/FormEngineWasm.o"
objects+=("$work/FormEngineWasm.o")
"$toolchain/bin/clang" --target=wasm32-unknown-none -O2 -c "$root/Sources/FormEngineWasm/stack_protector.c" -o "$work/stack_protector.o"
objects+=("$work/stack_protector.o")

exports=(nko_alloc nko_free nko_load nko_read nko_check nko_render nko_yaml)
"$toolchain/bin/wasm-ld" --no-entry --strip-all --gc-sections ${exports[@]/#/--export=} \
    "${objects[@]}" "$toolchain/lib/swift/embedded/wasm32-unknown-none-wasm/libswiftUnicodeDataTables.a" \
    /usr/lib/wasm32-wasi/libc.a "$builtins" -o "$out"
echo "forms engine: $out ($(wc -c < "$out") bytes, $(gzip -9 -c "$out" | wc -c) gzipped)"
