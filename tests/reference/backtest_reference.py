#!/usr/bin/env python3
"""An independent computation of `leadplay backtest`'s tier and score figures.

Reads the leads CSV (for the outcome column) and `leadplay eval --dry-run --format
jsonl` (for each lead's tier and scores), and prints the figures as JSON. AUC is
counted pair by pair (no sorting tricks), so it checks the engine's rank formula.

    backtest_reference.py LEADS.csv EVAL.jsonl FIELD WON[,WON] LOST[,LOST] TIER[,TIER]
"""

import csv
import json
import sys


def norm(text):
    return text.strip().lower()


def rate(part, whole):
    return part / whole if whole else None


def main():
    leads_path, eval_path, field, won_arg, lost_arg, tiers_arg = sys.argv[1:7]
    won_values = {norm(v) for v in won_arg.split(",")}
    lost_values = {norm(v) for v in lost_arg.split(",")}
    with open(leads_path, encoding="utf-8") as f:
        outcome = {row["id"]: norm(row[field]) for row in csv.DictReader(f)}
    with open(eval_path, encoding="utf-8") as f:
        evaluated = [json.loads(line) for line in f if line.strip()]

    decided = []
    for lead in evaluated:
        value = outcome[lead["id"]]
        if value in won_values:
            decided.append((lead, True))
        elif value in lost_values:
            decided.append((lead, False))
    won = sum(1 for _, w in decided if w)
    base = rate(won, len(decided))
    tiers = []
    for tier in tiers_arg.split(","):
        members = [w for lead, w in decided if lead["tier"] == tier]
        tier_won = sum(members)
        win_rate = rate(tier_won, len(members))
        tiers.append({
            "tier": tier,
            "leads": len(members),
            "won": tier_won,
            "lost": len(members) - tier_won,
            "win_rate": win_rate,
            "lift": win_rate / base if win_rate is not None and base else None,
            "share_of_wins": rate(tier_won, won),
        })
    scores = []
    for name in evaluated[0]["scores"]:
        wins = [lead["scores"][name] for lead, w in decided if w]
        losses = [lead["scores"][name] for lead, w in decided if not w]
        pairs = 0.0
        for a in wins:
            for b in losses:
                pairs += 1.0 if a > b else 0.5 if a == b else 0.0
        auc = pairs / (len(wins) * len(losses)) if wins and losses else None
        scores.append({"score": name, "auc": auc, "deciles": deciles(decided, name)})
    print(json.dumps({
        "decided": len(decided),
        "won": won,
        "lost": len(decided) - won,
        "base_rate": base,
        "tiers": tiers,
        "scores": scores,
    }))


def deciles(decided, name):
    """Rank deciles; equal scores stay in the decile of the first of them."""
    ranked = sorted((lead["scores"][name], w) for lead, w in decided)
    n = len(ranked)
    bins = {}
    first_rank = {}
    for rank, (score, _) in enumerate(ranked):
        first_rank.setdefault(score, rank)
    for score, w in ranked:
        index = min(9, first_rank[score] * 10 // n)
        entry = bins.setdefault(index, {"from": score, "to": score, "leads": 0, "won": 0})
        entry["to"] = score
        entry["leads"] += 1
        entry["won"] += w
    return [
        {"from": b["from"], "to": b["to"], "leads": b["leads"], "win_rate": b["won"] / b["leads"]}
        for _, b in sorted(bins.items())
    ]


if __name__ == "__main__":
    main()
