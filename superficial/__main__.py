"""Command line: ``python -m superficial check`` validates data/ and content/."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from superficial import config
from superficial.catalog import read_catalog
from superficial.content import load_editions


def check(data_dir: Path, content_dir: Path, strict: bool = False) -> int:
    """Print every problem as file:line: reason; exit 1 when there are errors."""
    catalog = read_catalog(data_dir)
    content = load_editions(content_dir)
    problems = [*catalog.problems, *content.problems]
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    for problem in errors:
        print(f"{problem}", file=sys.stdout)
    for problem in warnings:
        print(f"{problem} (warning)", file=sys.stdout)
    print(
        f"checked: {len(catalog.models)} models, {len(catalog.scores)} scores, {len(catalog.aliases)} aliases, "
        f"{len(catalog.benchmarks)} benchmarks, {len(content.editions)} editions; "
        f"{len(errors)} error(s), {len(warnings)} warning(s)"
    )
    return 1 if errors or (strict and warnings) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m superficial", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate data/ and content/")
    check_cmd.add_argument("--data", type=Path, default=config.data_dir(), help="data folder (default: data/)")
    check_cmd.add_argument("--content", type=Path, default=config.content_dir(), help="content folder")
    check_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.data, args.content, args.strict)
    return 2


if __name__ == "__main__":
    sys.exit(main())
