"""The compare page's data: the models named in the URL, the picker, and their scores side by side (no Streamlit)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from superficial.db import queries
from superficial.db.store import Store

MAX_MODELS = 6
# What a reader sees before picking: the newsletter's own question, Phi-2 against models up to 25× larger.
DEFAULT_MODELS = ("Phi-2", "Llama 2 70B", "Mixtral 8x7B")
OFFER_ALL_UP_TO = 200  # up to this many models, the picker lists them all; beyond, a search finds them
SEARCH_LIMIT = 50  # models offered for a search (or, with none, the ones with the most scores)


def default_models(known: Mapping[str, str]) -> list[str]:
    """The default comparison, limited to the models the data has.

    ``known``: {lowercased name or alias: canonical name}, as ``queries.model_lookup(store, DEFAULT_MODELS)`` returns.
    """
    return [known[name.lower()] for name in DEFAULT_MODELS if name.lower() in known]


def parse_models(values: Iterable[str], known: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """'?models=A,B' (or repeated keys) -> (known names in order, at most six; names not found).

    A value that is a name whole is that model, commas and all ('?models=A, B&models=C' when 'A, B' is a
    name); any other value is split at its commas. ``known``: {lowercased name or alias: canonical name}
    for at least the names asked for, as ``queries.model_lookup(store, values)`` returns.
    """
    wanted = [name.strip() for value in map(str, values)
              for name in ([value] if value.strip().lower() in known else value.split(",")) if name.strip()]
    found, unknown = [], []
    for name in dict.fromkeys(wanted):
        match = known.get(name.lower())
        if match is None:
            unknown.append(name)
        elif match not in found:
            found.append(match)
    return found[:MAX_MODELS], unknown


def model_options(picked: list[str], found: pd.DataFrame, offer_all: bool) -> list[str]:
    """The picker's options: the models found (all of them A–Z, or a search's best first), picked ones kept.

    ``found`` is ``queries.find_models``'s frame; a picked model missing from it stays an option, since a
    multiselect drops any value that is not among its options.
    """
    names = found["name"].tolist()
    if offer_all:
        return sorted(dict.fromkeys([*names, *picked]), key=str.lower)
    return list(dict.fromkeys([*picked, *names]))


def search_note(text: str, found: pd.DataFrame, total: int) -> str:
    """What the picker offers for a search, as one line under the search box."""
    text = " ".join(str(text or "").split())
    matches = int(found["matches"].iat[0]) if len(found) else 0
    if not text:
        return (f"The list offers the {len(found)} models with the most scores. "
                f"Type part of a name or alias to find any of the {total:,}.")
    if not matches:
        return f"No model name or alias contains “{text}”."
    if matches > len(found):
        return (f"{matches:,} models match “{text}”: the list offers {len(found)}, names that start with it first, "
                "then those with the most scores. Type more to narrow.")
    if matches == 1:
        return f"1 model matches “{text}”: it is in the list."
    return f"{matches:,} models match “{text}”, all in the list."


def example(store: Store) -> list[str]:
    """The default comparison, limited to the models the store has (what the example button picks)."""
    return default_models(queries.model_lookup(store, list(DEFAULT_MODELS)))


def start(store: Store, asked: Iterable[str] = ()) -> tuple[list[str], list[str]]:
    """The models a visit starts with: those a link names (``?models=``, and the names not found), else the example."""
    asked = list(asked)
    if asked:
        return parse_models(asked, queries.model_lookup(store, asked))
    return example(store), []


@dataclass(frozen=True)
class Picker:
    """What the model picker offers for a search, and the line under the search box."""

    searchable: bool  # too many models to list them all: a search box fills the list
    options: tuple[str, ...]
    note: str | None  # None when every model is listed


def picker(popular: pd.DataFrame, found: pd.DataFrame | None, text: str, picked: Iterable[str]) -> Picker:
    """The picker for a search ``text``, keeping the ``picked`` models.

    ``popular`` is ``queries.find_models(store, "", OFFER_ALL_UP_TO)`` and ``found`` its answer for ``text``
    (None when the text is blank).
    """
    picked = list(picked)
    total = int(popular["matches"].iat[0]) if len(popular) else 0
    if total <= OFFER_ALL_UP_TO:
        return Picker(False, tuple(model_options(picked, popular, offer_all=True)), None)
    found = popular.head(SEARCH_LIMIT) if found is None or not text.strip() else found
    return Picker(True, tuple(model_options(picked, found, offer_all=False)), search_note(text, found, total))


def models_param(names: list[str]) -> str | list[str]:
    """The URL value for picked models: 'Phi-2,Llama 2 70B', or a key per model when a name holds a comma."""
    return list(names) if any("," in name for name in names) else ",".join(names)


def side_by_side(scores: pd.DataFrame, models: list[str]) -> pd.DataFrame:
    """One row per benchmark and setting, one column per model: the highest value reported (blank if none)."""
    columns = ["benchmark", "setting", *models]
    if scores.empty:
        return pd.DataFrame(columns=columns)
    table = scores.pivot_table(index=["benchmark", "setting"], columns="model", values="value", aggfunc="max")
    table = table.reindex(columns=models).reset_index()
    table.columns.name = None
    return table[columns].sort_values(["benchmark", "setting"], kind="mergesort").reset_index(drop=True)


@dataclass(frozen=True)
class CompareView:
    """The picked models' facts and scores, and the scores side by side."""

    facts: pd.DataFrame  # queries.model_facts, in the order picked
    scores: pd.DataFrame  # queries.model_scores: every value with its source
    side_by_side: pd.DataFrame  # one row per benchmark and setting, a column per model


def view(store: Store, models: Iterable[str]) -> CompareView:
    """Query what the compare page draws for the picked models."""
    models = list(models)
    scores = queries.model_scores(store, models)
    return CompareView(facts=queries.model_facts(store, models), scores=scores,
                       side_by_side=side_by_side(scores, models))
