"""Command line: solve a Cordeau benchmark file and write the plan as JSON.

``python -m smartvillage.optim.darp INSTANCE_FILE --time-limit SECONDS [--seed N]
[--max-iterations N] [--output FILE]``
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .check import check
from .cordeau import InstanceFormatError, read_cordeau, solution_json
from .solver import solve


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 1 infeasible result, 2 bad input)."""
    parser = argparse.ArgumentParser(
        prog="python -m smartvillage.optim.darp",
        description="Solve a Cordeau (2006) dial-a-ride instance; print or write JSON.",
    )
    parser.add_argument("instance", help="instance file (Cordeau format)")
    parser.add_argument("--time-limit", type=float, required=True, help="seconds")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-iterations", type=int, default=None)
    parser.add_argument("--output", help="JSON file to write (default: standard output)")
    args = parser.parse_args(argv)
    try:
        instance = read_cordeau(args.instance)
    except InstanceFormatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    result = solve(
        instance.problem,
        time_limit=args.time_limit,
        seed=args.seed,
        max_iterations=args.max_iterations,
    )
    report = check(instance.problem, result.plan)
    document = json.dumps(solution_json(instance, result.plan, result.cost, result.seconds))
    if args.output:
        with open(args.output, "w") as handle:
            handle.write(document + "\n")
    else:
        print(document)
    for violation in report.violations:
        print(f"infeasible: {violation.message}", file=sys.stderr)
    return 0 if report.feasible else 1


if __name__ == "__main__":
    sys.exit(main())
