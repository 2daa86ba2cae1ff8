"""Command line: ``python -m superficial check`` validates data/, the content folder and the editions' claims;
``python -m superficial editions`` lists the editions as the dashboard reads them;
``python -m superficial claims FILE...`` prints every claim of edition files, checked against data/;
``python -m superficial import FILE`` merges an LMSYS leaderboard table into data/."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from superficial import config
from superficial.claims import report
from superficial.claims.edition import edition_claims
from superficial.claims.terms import vocabulary
from superficial.db.store import Store
from superficial.display import edition_byline
from superficial.editions.names import ModelNameCheck
from superficial.editions.versions import index_editions
from superficial.ingest.catalog import Catalog, read_catalog
from superficial.ingest.content import ContentLoad, read_edition
from superficial.ingest.leaderboard import import_file
from superficial.ingest.problems import Problem
from superficial.ingest.source import load_content

CONTENT_HELP = "content folder: a folder of posts, or an astro-cactus blog checkout (default: SUPERFICIAL_CONTENT_DIR, else content/)"


def counted(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def claim_checks(data_dir: Path, catalog: Catalog, content: ContentLoad,
                 as_of_edition: bool = False) -> tuple[list, Problem | None]:
    """(edition, check) for every claim of the editions, or the problem that kept them from being checked."""
    try:
        store = Store(catalog, content)
        words = vocabulary(store)
        return [(e, c) for e in content.editions for c in edition_claims(store, e, as_of_edition, words)], None
    except Exception as err:  # the data could not be loaded into a store: say so, report everything else
        return [], Problem(str(data_dir), 0, f"claims not checked: {type(err).__name__}: {err}", "warning")


def check(data_dir: Path, content_dir: Path, strict: bool = False) -> int:
    """Print every problem as file:line: reason, each edition's unknown model names and each claim that
    differs from the data; exit 1 on errors."""
    catalog = read_catalog(data_dir)
    content = load_content(config.content_source(content_dir))
    index = index_editions(content.editions)
    names = ModelNameCheck(catalog.models, catalog.aliases)
    unknown = [p for e in index.listed(include_drafts=True) for v in e.versions for p in names.problems(v.edition)]
    checks, failure = claim_checks(data_dir, catalog, content)
    differing = [report.differs_problem(e, c) for e, c in checks if c.verdict == "differs"]
    problems = [*catalog.problems, *content.problems, *index.problems, *unknown, *differing,
                *([failure] if failure else [])]
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
        f"{len(catalog.benchmarks)} benchmarks, {posts}, {counted(len(checks), 'claim')}; "
        f"{len(errors)} error(s), {len(warnings)} warning(s)"
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


def claims(files: list[Path], data_dir: Path, fmt: str = "text", as_of_edition: bool = False) -> int:
    """Print every claim of the edition files; exit 1 when a file cannot be read as an edition."""
    editions, problems = [], []
    for path in files:
        edition, found = read_edition(path)
        problems += [p for p in found if p.severity == "error"]
        if edition is not None:
            editions.append(edition)
    for problem in problems:
        print(problem, file=sys.stderr)
    checks, failure = claim_checks(data_dir, read_catalog(data_dir), ContentLoad(editions, []), as_of_edition)
    if failure:
        print(failure, file=sys.stderr)
        return 1
    for edition, check in checks:
        print(json.dumps(report.record(edition, check), ensure_ascii=False) if fmt == "jsonl"
              else report.text(edition, check))
    if fmt == "text":
        print(report.summary([c for _, c in checks], len(editions)))
    return 1 if problems else 0


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
    claims_cmd = commands.add_parser(
        "claims", help="print every claim of edition files, checked against data/",
        description="Find the sizes, scores and comparisons the edition files state about models the data knows, "
                    "and check each against data/: agrees, differs, depends (on the setting or benchmark) or "
                    "not-in-data.")
    claims_cmd.add_argument("files", type=Path, nargs="+", metavar="FILE", help="edition files (.md or .txt)")
    claims_cmd.add_argument("--format", choices=("text", "jsonl"), default="text",
                            help="text (default) or one JSON object a line")
    claims_cmd.add_argument("--as-of-edition", action="store_true",
                            help="count only models released by each edition's date")
    claims_cmd.add_argument("--data", type=Path, default=config.data_dir(), help="data folder (default: data/)")
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
    if args.command == "claims":
        return claims(args.files, args.data, args.format, args.as_of_edition)
    if args.command == "editions":
        return list_editions(args.content, args.all)
    if args.command == "import":
        outcome = import_file(args.file, args.data, dry_run=args.dry_run, date=args.date,
                              with_unscored=args.with_unscored)
        for line in outcome.lines():
            print(line)
        return 0 if outcome.ok else 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
