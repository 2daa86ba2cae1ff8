"""The compare page's data: the models named in the URL, and their scores side by side (no Streamlit)."""
from __future__ import annotations

import pandas as pd

MAX_MODELS = 6
# What a reader sees before picking: the newsletter's own question, Phi-2 against models up to 25× larger.
DEFAULT_MODELS = ("Phi-2", "Llama 2 70B", "Mixtral 8x7B")


def default_models(known: list[str]) -> list[str]:
    """The default comparison, limited to the models the data has."""
    return [name for name in DEFAULT_MODELS if name in known]


def parse_models(values: list[str] | str | None, known: list[str]) -> tuple[list[str], list[str]]:
    """'?models=A,B' (or repeated keys) -> (known names in order, at most six; names not found)."""
    if values is None:
        return [], []
    if isinstance(values, str):
        values = [values]
    wanted = [name.strip() for value in values for name in str(value).split(",") if name.strip()]
    by_lower = {name.lower(): name for name in known}
    found, unknown = [], []
    for name in dict.fromkeys(wanted):
        match = by_lower.get(name.lower())
        if match is None:
            unknown.append(name)
        elif match not in found:
            found.append(match)
    return found[:MAX_MODELS], unknown


def models_param(names: list[str]) -> str:
    """The URL value for picked models: 'Phi-2,Llama 2 70B'."""
    return ",".join(names)


def side_by_side(scores: pd.DataFrame, models: list[str]) -> pd.DataFrame:
    """One row per benchmark and setting, one column per model: the highest value reported (blank if none)."""
    columns = ["benchmark", "setting", *models]
    if scores.empty:
        return pd.DataFrame(columns=columns)
    table = scores.pivot_table(index=["benchmark", "setting"], columns="model", values="value", aggfunc="max")
    table = table.reindex(columns=models).reset_index()
    table.columns.name = None
    return table[columns].sort_values(["benchmark", "setting"], kind="mergesort").reset_index(drop=True)
