#!/usr/bin/env python3
"""Generates the typed bench export: 20 typed columns written as CRM exports write them.

    python3 benches/typed/gen_typed.py COUNT OUT.csv
"""
import csv
import random
import sys

count, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(11)
industries = ["SaaS", "saas ", "Retail", "FinTech", "Logistics"]
cities = ["Austin", "atlanta", "Boston", "Taipei", "Amsterdam", "Berlin"]
header = (["Record ID"] + [f"Number {i}" for i in range(1, 7)] + [f"Amount {i}" for i in range(1, 4)]
          + [f"Rate {i}" for i in range(1, 4)] + [f"Seen {i}" for i in range(1, 4)]
          + [f"Flag {i}" for i in range(1, 4)] + ["Industry", "City"])
with open(out, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(header)
    for n in range(count):
        row = [f"R{n:08d}"]
        row += [str(rng.randrange(1000)) for _ in range(6)]
        row += ["${:,}".format(rng.randrange(1_000_000)) for _ in range(3)]
        row += [f"{rng.randrange(100)}%" for _ in range(3)]
        row += [f"2026-{rng.randrange(9, 12):02d}-{rng.randrange(1, 29):02d} {rng.randrange(24):02d}:{rng.randrange(60):02d}" for _ in range(3)]
        row += [rng.choice(["Yes", "No"]) for _ in range(3)]
        row += [rng.choice(industries), rng.choice(cities)]
        w.writerow(row)
