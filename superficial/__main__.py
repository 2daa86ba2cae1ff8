"""Command line: ``python -m superficial check`` validates data/ and the content folder;
``python -m superficial editions`` lists the editions as the dashboard reads them;
``python -m superficial import FILE`` merges an LMSYS leaderboard table into data/."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from superficial import config
from superficial.display import edition_byline
from superficial.editions.names import ModelNameCheck
from superficial.editions.versions import index_editions
from superficial.ingest.catalog import read_catalog
from superficial.ingest.leaderboard import import_file
from superficial.ingest.source import load_content

CONTENT_HELP = "content folder: a folder of posts, or an astro-cactus blog checkout (default: SUPERFICIAL_CONTENT_DIR, else content/)"


def counted(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def check(data_dir: Path, content_dir: Path, strict: bool = False) -> int:
    """Print every problem as file:line: reason, then each edition's unknown model names; exit 1 on errors."""
    catalog = read_catalog(data_dir)
    content = load_content(config.content_source(content_dir))
    index = index_editions(content.editions)
    names = ModelNameCheck(catalog.models, catalog.aliases)
    unknown = [p for e in index.listed(include_drafts=True) for v in e.versions for p in names.problems(v.edition)]
    problems = [*catalog.problems, *content.problems, *index.problems, *unknown]
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    for problem in errors:
        print(f"{problem}", file=sys.stdout)
    for problem in warnings:
        print(f"{problem} (warning)", file=sys.stdout)
    editions = index.listed(include_drafts=True)
    posts = f"{counted(len(editions), 'edition')} in {counted(sum(len(e.versions) for e in editions), 'file')}"
    if content.source.is_blog:
        posts += f" and {counted(len(index.editions) - len(editions), 'other post')}"
    print(
        f"checked: {len(catalog.models)} models, {len(catalog.scores)} scores, {len(catalog.aliases)} aliases, "
        f"{len(catalog.benchmarks)} benchmarks, {posts}; {len(errors)} error(s), {len(warnings)} warning(s)"
    )
    return 1 if errors or (strict and warnings) else 0


def list_editions(content_dir: Path, every_post: bool = False) -> int:
    """Print the editions newest first, each with its versions' files, as the dashboard lists them."""
    index = index_editions(load_content(config.content_source(content_dir)).editions)
    for edition in index.listed(every_post=every_post, include_drafts=True):
        flags = [flag for flag, on in (("draft", edition.draft), ("not an edition", not edition.is_edition)) if on]
        print(f"{edition_byline(edition.number, edition.publish_date)} · {edition.title}"
              + (f" ({', '.join(flags)})" if flags else ""))
        for version in edition.versions:
            print(f"    {version.label}: {version.edition.path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m superficial", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser(
        "check", help="validate data/ and the content folder",
        description="Report every problem in the data and the posts as file:line: reason, and the names in each "
                    "edition that look like model names but are no model or alias of the data.")
    check_cmd.add_argument("--data", type=Path, default=config.data_dir(), help="data folder (default: data/)")
    check_cmd.add_argument("--content", type=Path, default=config.content_dir(), help=CONTENT_HELP)
    check_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    editions_cmd = commands.add_parser("editions", help="list the editions and their versions",
                                       description="List the newsletter editions newest first with the files of "
                                                   "their versions, drafts included, as the dashboard reads them.")
    editions_cmd.add_argument("--content", type=Path, default=config.content_dir(), help=CONTENT_HELP)
    editions_cmd.add_argument("--all", action="store_true", help="every post of a blog, not only the editions")
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
    if args.command == "editions":
        return list_editions(args.content, args.all)
    if args.command == "import":
        report = import_file(args.file, args.data, dry_run=args.dry_run, date=args.date,
                             with_unscored=args.with_unscored)
        for line in report.lines():
            print(line)
        return 0 if report.ok else 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
