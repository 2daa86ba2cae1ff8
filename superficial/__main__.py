"""Command line: ``python -m superficial check`` validates data/ and content/;
``python -m superficial import FILE`` merges an LMSYS leaderboard table into data/."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from superficial import config
from superficial.ingest.catalog import read_catalog
from superficial.ingest.content import load_editions
from superficial.ingest.leaderboard import import_file


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
    import_cmd = commands.add_parser(
        "import", help="merge an LMSYS leaderboard_table_YYYYMMDD.csv into data/",
        description="Add the models and scores of an LMSYS Chatbot Arena leaderboard table to data/. Each model "
                    "of the table (its key, or its name) is one model of the data: known ones are matched by name, "
                    "key or alias, never duplicated, and each of its values is kept or reported; running it twice "
                    "changes nothing; a malformed file changes nothing.")
    import_cmd.add_argument("file", type=Path, help="leaderboard_table_YYYYMMDD.csv")
    import_cmd.add_argument("--data", type=Path, default=config.data_dir(), help="data folder (default: data/)")
    import_cmd.add_argument("--date", type=dt.date.fromisoformat, default=None,
                            help="leaderboard date YYYY-MM-DD (default: from the file name)")
    import_cmd.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    import_cmd.add_argument("--with-unscored", action="store_true",
                            help="also record the models the table lists without any score (organization, "
                                 "license, link, knowledge cutoff)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.data, args.content, args.strict)
    if args.command == "import":
        report = import_file(args.file, args.data, dry_run=args.dry_run, date=args.date,
                             with_unscored=args.with_unscored)
        for line in report.lines():
            print(line)
        return 0 if report.ok else 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
