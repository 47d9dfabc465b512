#!/usr/bin/env python3
"""Random small, valid version-2 lifetimes files for replaying through the pools target (structured inputs reach the
planner every time, where afl-fuzz's byte mutations mostly stop at the reader):

    python3 tests/MiniMalloc.Fuzz/generate_pools.py OUT FIRST_SEED COUNT [--tight]
    dotnet artifacts/fuzz/build-pools/MiniMalloc.Fuzz.dll pools OUT/*.json

--tight: 4-10 buffers of 4-40 bytes against pools of 8-100 bytes (more infeasible and spilled plans). Deterministic:
a seed gives the same file. Some files break a rule of the format on purpose (a hint off the alignment, an alias
larger than allowed); the target skips those that read with errors."""
import json
import os
import random
import sys


def generate(seed, tight):
    r = random.Random(seed)
    pools = []
    for p in range(r.randint(1, 4)):
        pool = {"name": f"p{p}", "capacity": r.choice([8, 16, 24, 32, 40, 48, 56, 64, 72, 100] if tight else [8, 16, 24, 32, 48, 64, 100, 128, 256])}
        if r.random() < 0.4: pool["alignment"] = r.choice([1, 2, 4, 8, 16])
        if r.random() < 0.5: pool["cost"] = r.randint(0, 6)
        pools.append(pool)
    names = [p["name"] for p in pools]
    buffers = []
    for i in range(r.randint(4, 6 if r.random() < 0.8 else 10) if tight else r.randint(1, 6 if r.random() < 0.8 else 10)):
        start = r.randint(0, 5 if tight else 8)
        end = start + r.randint(1, 6)
        size = r.randint(4, 40) if tight else r.randint(1, 64)
        b = {"id": f"b{i}", "start": start, "end": end, "size": size}
        if r.random() < 0.3: b["alignment"] = r.choice([1, 2, 4, 8])
        if r.random() < 0.4: b["pools"] = r.sample(names, r.randint(1, len(names)))
        if r.random() < 0.3: b["weight"] = r.randint(0, 200)
        if r.random() < 0.2 and end - start >= 3:
            gap_start = r.randint(start + 1, end - 2)
            gap = {"start": gap_start, "end": r.randint(gap_start + 1, end - 1)}
            if r.random() < 0.5:
                lower = r.randint(0, size)
                gap["window"] = [lower, r.randint(lower, size)]
            b["gaps"] = [gap]
        if r.random() < 0.1:
            b["pools"] = [r.choice(names)]
            b["offset"] = r.randint(0, 8) * 8
        owners = [x for x in buffers if "offset" not in x and "alias" not in x and x["size"] >= size]
        if r.random() < 0.15 and owners:
            owner = r.choice(owners)
            b = {"id": f"b{i}", "start": start, "end": end, "size": r.randint(1, owner["size"]), "alias": {"of": owner["id"]}}
            if r.random() < 0.5: b["alias"]["offset"] = r.randint(0, owner["size"] - b["size"])
        if r.random() < 0.15 and "alias" not in b and "offset" not in b: b["hint"] = r.randint(0, 64)
        buffers.append(b)
    document = {"version": 2, "pools": pools, "buffers": buffers}
    if r.random() < 0.3: document["alignment"] = r.choice([1, 2, 4])
    return document


def main():
    out, first, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    tight = "--tight" in sys.argv[4:]
    os.makedirs(out, exist_ok=True)
    for seed in range(first, first + count):
        with open(os.path.join(out, f"{seed:07d}.json"), "w", encoding="utf-8") as f:
            json.dump(generate(seed, tight), f)


if __name__ == "__main__":
    main()
