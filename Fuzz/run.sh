#!/usr/bin/env bash
# Runs every fuzz target for FUZZ_SECONDS with libFuzzer: Fuzz/run.sh <nko-fuzz built with the fuzzer> <targets…>
# Corpora grow in Fuzz/corpus/<target>/ (seeded from the portal by Fuzz/seed_corpus.py), crash inputs
# land in Fuzz/crashes/<target>/, each run's log in Fuzz/logs/<target>.log; all three are git-ignored.
# Prints executions and crashes per target; fails when a target crashed.
set -u
binary=$1; shift
seconds=${FUZZ_SECONDS:-24}
python3 Fuzz/seed_corpus.py . Fuzz/corpus || exit 1
mkdir -p Fuzz/logs
# Crashes go to libFuzzer (its report, the input saved), not to Swift's backtracer; leaks are not crashes.
export SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0:handle_abort=1
failed=0
printf '%-14s %12s %8s %8s\n' target executions exec/s crashes
for target in "$@"; do
    mkdir -p "Fuzz/corpus/$target" "Fuzz/crashes/$target"
    dict=(); [ -f "Fuzz/dictionaries/$target.dict" ] && dict=(-dict="Fuzz/dictionaries/$target.dict")
    before=$(ls "Fuzz/crashes/$target" | wc -l)
    "$binary" "$target" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 "${dict[@]}" \
        -artifact_prefix="Fuzz/crashes/$target/" "Fuzz/corpus/$target" "Fuzz/seeds/$target" \
        > "Fuzz/logs/$target.log" 2>&1
    status=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "Fuzz/logs/$target.log" | grep -o '[0-9]*$' | tail -1)
    speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "Fuzz/logs/$target.log" | grep -o '[0-9]*$' | tail -1)
    crashes=$(( $(ls "Fuzz/crashes/$target" | wc -l) - before ))
    [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ] && crashes=1  # failed without saving an input
    printf '%-14s %12s %8s %8s\n' "$target" "${runs:-?}" "${speed:-?}" "$crashes"
    if [ "$crashes" -ne 0 ]; then
        failed=1
        grep -m1 -E 'Fatal error|ERROR: (libFuzzer|AddressSanitizer)' "Fuzz/logs/$target.log" | sed 's/^/    /'
        for file in $(ls -t "Fuzz/crashes/$target" | head -"$crashes"); do echo "    Fuzz/crashes/$target/$file"; done
        echo "    log: Fuzz/logs/$target.log; replay: .build/debug/nko-fuzz $target <file>"
    fi
done
exit $failed
