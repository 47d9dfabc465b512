#!/usr/bin/env bash
# Fuzz one target with AFL++ through SharpFuzz: tests/MiniMalloc.Fuzz/fuzz.sh json|csv|solve|onnx|pools [SECONDS]
# Needs: apt-get install afl++; dotnet tool install -g SharpFuzz.CommandLine --version 2.3.0
set -euo pipefail
target=${1:?json, csv, solve, onnx or pools}
seconds=${2:-600}
here=$(cd "$(dirname "$0")" && pwd)
work=${FUZZ_WORK:-$here/../../artifacts/fuzz}
# FUZZ_CONFIGURATION=Debug keeps the libraries' Debug.Assert invariants (a failed one ends the process: a crash).
configuration=${FUZZ_CONFIGURATION:-Release}
out="$work/build-$target"
if [ "$configuration" != Release ]; then out="$out-$configuration"; fi
case "$target" in json|onnx|pools) corpus="$here/corpus/$target" ;; *) corpus="$here/corpus/csv" ;; esac
# The pools target inserts whole keys of the format (pools.dict) besides flipping bytes.
dictionary=()
if [ "$target" = pools ]; then dictionary=(-x "$here/pools.dict"); fi
export PATH="$PATH:$HOME/.dotnet/tools"
dotnet build -c "$configuration" "$here" -o "$out" -nologo -v quiet
# Instrument the libraries under test (not the harness, not the runtime) so that AFL sees their branches.
for dll in MiniMalloc.Solver.dll MiniMalloc.Planning.dll MiniMalloc.Onnx.dll; do sharpfuzz "$out/$dll"; done
findings="$work/findings-$target"
if [ "$configuration" != Release ]; then findings="$findings-$configuration"; fi
mkdir -p "$findings"
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
afl-fuzz "${dictionary[@]}" -V "$seconds" -i "$corpus" -o "$findings" -t 10000 -m none -- dotnet "$out/MiniMalloc.Fuzz.dll" "$target"
echo "crashes: $(ls "$findings"/default/crashes 2>/dev/null | grep -vc README || true)"
