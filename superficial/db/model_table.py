"""Every model's variants, sizes, link and release date in memory, built once per store: read by every claim
check, every edition's side charts and its count of models released since, where a query per edition would
scan 100,000 models again."""
from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from superficial.db import queries
from superficial.db.store import Store

PARAM_COLUMNS = {"total": "total_params_b", "active": "active_params_b"}


class ModelTable:
    """Every model's name, variants, sizes, link and release date as arrays and hash lookups: built once per store
    (the data may hold 100,000 models) and only read after, by every check of every edition."""

    def __init__(self, models: pa.Table | pd.DataFrame):
        # From Arrow in C: 100,000 names through pandas' Arrow-backed strings cost a Python call each.
        table = models if isinstance(models, pa.Table) else pa.Table.from_pandas(models, preserve_index=False)
        columns = set(table.column_names)
        self.names = table["name"].to_numpy(zero_copy_only=False).astype(object)
        self.position = dict(zip(self.names.tolist(), range(len(self.names))))
        self.sizes = {basis: _floats(table[column]) for basis, column in PARAM_COLUMNS.items()}
        self.links = table["link"].to_numpy(zero_copy_only=False).astype(object)
        # Each model's scored.model_id, -1 when it has no score (queries.claim_scores looks scores up by id).
        self.score_ids = (pc.fill_null(table["model_id"].cast(pa.int64()), -1).to_numpy() if "model_id" in columns
                          else np.full(len(self.names), -1, dtype=np.int64))
        self.released = table["release_date"].cast(pa.timestamp("ns")).to_numpy().astype("datetime64[ns]")
        parents = table["variant_of"] if "variant_of" in columns else None  # when the data says
        self.is_variant = (pc.is_valid(parents).to_numpy(zero_copy_only=False) if parents is not None
                           else np.zeros(len(self.names), dtype=bool))
        children: dict[str, list[str]] = defaultdict(list)
        if parents is not None:
            for name, parent in zip(self.names[self.is_variant].tolist(), pc.drop_null(parents).to_pylist()):
                children[parent].append(name)
        self.children = {parent: tuple(names) for parent, names in children.items()}
        for array in (*self.sizes.values(), self.released, self.is_variant, self.names, self.links, self.score_ids):
            array.flags.writeable = False

    def scored_ids(self, names: Sequence[str]) -> list[int]:
        """The ``model_id``s of the scores of those of ``names`` that have any (for queries.claim_scores)."""
        return [int(self.score_ids[at]) for name in names
                if (at := self.position.get(name)) is not None and self.score_ids[at] >= 0]

    def released_after(self, day: dt.date) -> int:
        """How many models were released after ``day``."""
        return int((self.released > np.datetime64(day, "ns")).sum())

    @functools.cached_property
    def undated(self) -> int:
        """How many models have no release date."""
        return int(np.isnat(self.released).sum())

    def released_between(self, after: dt.date, until: dt.date) -> list[str]:
        """The models released after ``after`` (not included) up to ``until`` (included), oldest first, then by name."""
        at = np.flatnonzero((self.released > np.datetime64(after, "ns")) & (self.released <= np.datetime64(until, "ns")))
        return self.names[at[np.lexsort((self.names[at].astype(str), self.released[at]))]].tolist()

    def _release_order(self, name: str) -> tuple[bool, int, str]:
        """Oldest release first, undated last, then by name."""
        released = self.released[self.position[name]]
        return (bool(np.isnat(released)), 0 if np.isnat(released) else int(released.astype("int64")), name)

    def variants_meant(self, named: Sequence[str], as_of: dt.date | None = None) -> dict[str, list[str]]:
        """Each named model and what it stands for: itself, then the models whose variant_of chain leads to it
        (for a base model, its whole family) oldest first, those released after ``as_of`` left out (undated
        ones kept). A name with none of them left, or unknown, stands for itself."""
        cutoff = np.datetime64(as_of, "ns") if as_of is not None else None
        out = {}
        for name in named:
            family, seen, queue = [], {name}, [name]
            while queue:  # breadth first down the variant_of tree (a cycle in the data is visited once)
                for child in self.children.get(queue.pop(0), ()):
                    if child not in seen:
                        seen.add(child)
                        family.append(child)
                        queue.append(child)
            family.sort(key=self._release_order)
            kept = [m for m in ([name] if name in self.position else []) + family
                    if cutoff is None or not self.released[self.position[m]] > cutoff]
            out[name] = kept or [name]
        return out


def _floats(column: pa.ChunkedArray) -> np.ndarray:
    return pc.fill_null(column.cast(pa.float64()), np.nan).to_numpy()


def model_table(store: Store) -> ModelTable:
    """Every model of a store in a ModelTable (build once per store and reuse)."""
    return ModelTable(queries.claim_models(store))
