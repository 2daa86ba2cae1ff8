"""What every table and column of the store means, with its unit: the one source for the schema docs."""
from __future__ import annotations

import pandas as pd

# table -> (what one row is, {column: (meaning, unit)}); the types come from the database itself.
TABLES: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {
    "models": ("One language model (a released checkpoint, an API snapshot or a tuned version), "
               "each variant on its own row.", {
        "name": ("Canonical model name; scores and aliases refer to it.", ""),
        "variant_of": ("The model this one is a variant of (an API snapshot, a chat or instruct tune, a "
                       "context-length version), as models.name; empty for a base model.", ""),
        "base_model": ("The root of the variant_of chain (the model itself when it is no variant): "
                       "the models sharing it are one family of variants.", ""),
        "organization": ("Who released the model.", ""),
        "family": ("Broader model line, e.g. Llama 2, Mixtral (text, not a reference).", ""),
        "total_params_b": ("Total parameter count; empty when undisclosed.", "billions of parameters"),
        "active_params_b": ("Parameters used per token (mixture-of-experts only).", "billions of parameters"),
        "architecture": ("dense, MoE or SSM; empty when undisclosed.", ""),
        "release_date": ("First public release or announcement.", "date"),
        "knowledge_cutoff": ("Month the training data ends, as its source states it; \"online\" for a "
                             "model that reads the live web.", "YYYY-MM"),
        "open_weights": ("Whether the weights can be downloaded.", "true/false"),
        "license": ("Licence of the weights or service.", ""),
        "link": ("Primary page about the model.", "URL"),
        "source_line": ("Line of data/models.csv the row came from.", "line number"),
    }),
    "scores": ("One benchmark result for one model, in one setting, from one source.", {
        "model": ("The model, as models.name.", ""),
        "benchmark": ("The benchmark, as benchmarks.benchmark.", ""),
        "setting": ("How it was measured: shots, prompting, judge, leaderboard date.", ""),
        "value": ("The result, in the benchmark's unit (see benchmarks.unit).",
                  "MMLU/GSM8K/HumanEval/HellaSwag/ARC: percent 0–100; MT-Bench: 0–10; Arena Elo: Elo points"),
        "source_url": ("Where the number was read.", "URL"),
        "note": ("Table, row or caveat in the source.", ""),
        "source_line": ("Line of data/scores.csv the row came from.", "line number"),
    }),
    "aliases": ("Another name under which a model appears in papers and leaderboards.", {
        "alias": ("The other name (matched case-insensitively on import).", ""),
        "model": ("The model it stands for, as models.name.", ""),
        "source_line": ("Line of data/aliases.csv the row came from.", "line number"),
    }),
    "benchmarks": ("One benchmark and its scale.", {
        "benchmark": ("Benchmark name.", ""),
        "unit": ("Unit of scores.value for this benchmark.", ""),
        "min_value": ("Lowest possible value.", "benchmark unit"),
        "max_value": ("Highest possible value.", "benchmark unit"),
        "higher_is_better": ("Whether a higher value is better.", "true/false"),
        "description": ("What the benchmark measures.", ""),
        "link": ("Paper or page defining the benchmark.", "URL"),
        "source_line": ("Line of data/benchmarks.csv the row came from.", "line number"),
    }),
    "mention_terms": ("One spelling an edition may name a model or a family by (a model's name, an alias, a family "
                      "name), filed under one of its words.", {
        "word": ("The term's rarest word, lower case: a text looks up its own words ('' for a term without one).",
                 ""),
        "term": ("The spelling, lower case.", ""),
        "kind": ("model or family.", ""),
        "target": ("The model (models.name) or the family it names.", ""),
    }),
    "editions": ("One edition of the content folder, however many versions (files) it has: the facts of its default "
                 "version (the blog post), every version's slug in versions. In a blog, its other posts too.", {
        "slug": ("Short identifier of the default version, used in links (?edition=).", ""),
        "title": ("Title of the edition.", ""),
        "number": ("Edition number from the title (#N).", ""),
        "publish_date": ("Publication date (a newsletter text takes its blog post's).", "date"),
        "updated_date": ("Last update, when given.", "date"),
        "description": ("One-line summary.", ""),
        "tags": ("Tags.", "list of text"),
        "draft": ("Drafts are hidden from readers.", "true/false"),
        "format": ("Format of the default version: markdown or text.", ""),
        "path": ("File of the default version.", ""),
        "body": ("Full text of the default version.", "Markdown or plain text"),
        "is_edition": ("A newsletter edition (in a blog: tagged weekly-digest, or the tag set by "
                       "SUPERFICIAL_EDITION_TAG); false for the blog's other posts.", "true/false"),
        "versions": ("Slugs of every version of the edition, the default first (?edition= takes any).",
                     "list of text"),
    }),
    "scored": ("One score with its model's facts (scores joined to models and benchmarks), built for fast "
               "filtering; the same rows as scores.", {
        "model_id": ("A number per model (alphabetical), for grouping.", ""),
        "model": ("The model, as models.name.", ""),
        "benchmark": ("The benchmark, as benchmarks.benchmark.", ""),
        "setting": ("How it was measured (scores.setting).", ""),
        "value": ("The result, in the benchmark's unit.", "benchmark unit"),
        "source_url": ("Where the number was read.", "URL"),
        "note": ("Table, row or caveat in the source.", ""),
        "higher_is_better": ("The benchmark's direction (benchmarks.higher_is_better).", "true/false"),
        "variant_of": ("The model this one is a variant of (models.variant_of).", ""),
        "base_model": ("The root of the model's variant_of chain (models.base_model).", ""),
        "base_model_id": ("A number per base_model (alphabetical), for grouping a family of variants.", ""),
        "organization": ("Who released the model (models.organization).", ""),
        "total_params_b": ("Total parameter count; empty when undisclosed.", "billions of parameters"),
        "active_params_b": ("Parameters used per token (mixture-of-experts only).", "billions of parameters"),
        "architecture": ("dense, MoE or SSM; empty when undisclosed.", ""),
        "release_date": ("The model's release date.", "date"),
        "open_weights": ("Whether the weights can be downloaded.", "true/false"),
        "license": ("Licence of the weights or service.", ""),
        "pick_in_setting": ("Whether this is the model's pick in its setting: the best of its values there (the "
                            "highest, or the lowest where lower is better; ties to the first source).", "true/false"),
        "pick_in_benchmark": ("Whether this is the model's pick across the benchmark's settings (ties to the first "
                              "setting, then source).", "true/false"),
        "setting_reports": ("How many values the model has in this setting of the benchmark.", "count"),
        "benchmark_reports": ("How many values the model has on the benchmark, every setting.", "count"),
        "benchmark_settings": ("In how many settings the model has a value on the benchmark.", "count"),
    }),
}


def schema_frame(types: dict[tuple[str, str], str] | None = None) -> pd.DataFrame:
    """One row per column: table, column, type (when given), meaning, unit."""
    rows = []
    for table, (_, columns) in TABLES.items():
        for column, (meaning, unit) in columns.items():
            rows.append({"table": table, "column": column, "type": (types or {}).get((table, column), ""),
                         "meaning": meaning, "unit": unit})
    return pd.DataFrame(rows, columns=["table", "column", "type", "meaning", "unit"])


def table_blurbs() -> dict[str, str]:
    """What one row of each table is."""
    return {table: blurb for table, (blurb, _) in TABLES.items()}
