"""Every cached value the pages read, declared in one place: the store, query results, views and figures.

``st.cache_data`` hands each caller its own copy, so a page may change what it gets; it holds frames,
views and figure specs. ``st.cache_resource`` hands everyone the same object, so it holds only what
nobody can change: the store (a read-only database), the mention matcher (a lookup in the store), the model
table (read-only arrays and lookups), the claims' vocabulary (mapping proxies and tuples), the listing and the
side boards.

A store is hashed by its database file, new for every build of ``data/`` and ``content/`` (and for a
reader's upload), so results cached for an older build are never served again.
"""
from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

from superficial import config, display
from superficial.benchmarks import compare, efficiency, explore, timeline
from superficial.charts.compare import compare_bars
from superficial.charts.core import color_map
from superficial.claims import panel
from superficial.claims.edition import edition_claims as find_edition_claims
from superficial.claims.model import Check
from superficial.claims.terms import Vocabulary, vocabulary
from superficial.db import build, queries
from superficial.db.model_table import ModelTable
from superficial.db.model_table import model_table as build_model_table
from superficial.db.store import Store
from superficial.editions import reading
from superficial.editions.mentions import StoredTerms
from superficial.ui.memory import out_of_collections
from superficial.ui.navigation import ensure_app_navigation

log = logging.getLogger("superficial")
UPLOADED_STORE_KEY = "uploaded_store"  # session only: bundled data plus the reader's leaderboard upload
HASH_FUNCS = {Store: lambda store: str(store.path)}


def data(max_entries: int = 64):
    """``st.cache_data`` as every query and view here uses it: per store build and parameters, copied per caller."""
    return st.cache_data(hash_funcs=HASH_FUNCS, max_entries=max_entries, show_spinner=False)


# --- the store ------------------------------------------------------------------------------------

@st.cache_resource(show_spinner="Loading benchmark data and editions…", max_entries=2)
def _bundled_store(data_dir: str, content_dir: str, fingerprint: str) -> Store:
    store = build.open_or_build(data_dir, content_dir)  # built in a child process, reused across processes
    for problem in store.problems:
        log.warning("%s", problem)
    return out_of_collections(store)


FOLDERS_CHECKED_EVERY = 1.0  # seconds: page runs closer together than this share one look at the folders
_folders_seen: tuple[float, tuple[Path, Path], str] | None = None  # when, which folders, their fingerprint


def _folders_fingerprint(data_dir: Path, content_dir: Path) -> str:
    """config.fingerprint of the folders, listed again at most once every FOLDERS_CHECKED_EVERY seconds."""
    global _folders_seen
    now = time.monotonic()
    seen = _folders_seen
    if seen is not None and seen[1] == (data_dir, content_dir) and 0 <= now - seen[0] < FOLDERS_CHECKED_EVERY:
        return seen[2]
    fingerprint = config.fingerprint(data_dir, content_dir)
    _folders_seen = (now, (data_dir, content_dir), fingerprint)
    return fingerprint


def bundled_store() -> Store:
    """The shared store, rebuilt when a file in ``data/`` or ``content/`` changes."""
    data_dir, content_dir = config.data_dir(), config.content_dir()
    return _bundled_store(str(data_dir), str(content_dir), _folders_fingerprint(data_dir, content_dir))


def get_store() -> Store:
    """The reader's uploaded store when they uploaded a leaderboard (pages/data.py), else the shared one."""
    ensure_app_navigation()
    uploaded = st.session_state.get(UPLOADED_STORE_KEY)
    return uploaded if uploaded is not None else bundled_store()


# --- query results --------------------------------------------------------------------------------

headline_figures = data()(queries.headline_figures)
editions = data()(queries.editions)
benchmarks = data()(queries.benchmarks)
models = data()(queries.models)
scores = data()(queries.scores)
aliases = data()(queries.aliases)
schema = data()(queries.schema)
filter_options = data()(queries.filter_options)
filtered_count = data()(queries.filtered_count)
benchmark_rows = data()(queries.benchmark_rows)
settings = data()(queries.settings)
default_setting = data()(queries.default_setting)
known_models = data()(queries.known_models)
find_models = data()(queries.find_models)


# --- views of the pages, and their figures --------------------------------------------------------
# A figure is cached as its dict (cheap to copy) and wrapped again unvalidated: unpickling a go.Figure
# would validate every property on every rerun.

class _SpecFigure(go.Figure):
    """A figure of a finished spec: its dict is the spec itself, so st.plotly_chart sends it without copying it
    out of a figure again. Only ``to_dict`` is for use (all st.plotly_chart calls): building the Figure's own
    property tree, which nothing reads, is skipped."""

    def __init__(self, spec: dict):  # not the base class's: it would build what nobody reads here
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec


def figure(spec: dict) -> go.Figure:
    """A figure from a cached spec, which a figure builder made and validated already."""
    return _SpecFigure(spec)


@data()
def benchmark_scales(store: Store) -> dict[str, tuple[float | None, float | None]]:
    """The benchmarks with scores, in the benchmarks' order, each with its scale (min_value, max_value): what the
    benchmark picker offers on every run, as plain values (frames cost a copy each)."""
    table = benchmarks(store)
    return {row.benchmark: (row.min_value, row.max_value) for row in table[table["scores"] > 0].itertuples()}


@data()
def setting_names(store: Store, benchmark: str) -> tuple[str, ...]:
    """A benchmark's settings, the one most models were scored in first (the setting picker's options)."""
    return tuple(settings(store, benchmark)["setting"])


@data()
def org_colors(store: Store) -> dict[str, str]:
    """A colour per organization of the store, the same in every chart whatever the filters."""
    return color_map(filter_options(store)["orgs"])


@data()
def edition_cards(store: Store, limit: int) -> tuple[display.EditionCard, ...]:
    """The home page's cards of the newest editions."""
    return display.edition_cards(editions(store), limit)


@st.cache_resource(max_entries=2, show_spinner=False, hash_funcs=HASH_FUNCS)
def mention_matcher(store: Store) -> StoredTerms:
    """The read-only matcher of every model, alias and family of a store."""
    return reading.matcher(store)


listing = st.cache_resource(max_entries=4, show_spinner=False, hash_funcs=HASH_FUNCS)(reading.listing)


@st.cache_resource(max_entries=4, show_spinner=False, hash_funcs=HASH_FUNCS)
def side_boards(store: Store, as_of: dt.date | None) -> tuple[reading.SideBoard, ...]:
    """The read-only boards every edition's side charts draw from (as of a date, or of today)."""
    return reading.side_boards(store, as_of)


@st.cache_resource(max_entries=2, show_spinner=False, hash_funcs=HASH_FUNCS)
def claim_vocabulary(store: Store) -> Vocabulary:
    """The read-only names claims are found by: the mention matcher's, and the benchmarks and their settings."""
    return vocabulary(store, mention_matcher(store))


@st.cache_resource(max_entries=2, show_spinner=False, hash_funcs=HASH_FUNCS)
def model_table(store: Store) -> ModelTable:
    """Every model's variants, sizes and release date, read-only: for checking claims and the side charts' variants."""
    return build_model_table(store)


@data(max_entries=32)
def edition_claims(store: Store, slug: str, as_of_edition: bool) -> tuple[Check, ...]:
    """The claims of one version of an edition, checked against the data (as of its date, or of today)."""
    return find_edition_claims(store, store.edition(slug), as_of_edition, claim_vocabulary(store),
                               model_table(store))


@data(max_entries=32)
def edition_view(store: Store, slug: str, as_of_edition: bool) -> reading.EditionView:
    """One version of an edition (by its slug), its claims marked, with everything the Editions page draws beside it."""
    edition = store.edition(slug)
    as_of = edition.publish_date if as_of_edition else None
    return reading.edition_view(store, edition, as_of_edition=as_of_edition, names=mention_matcher(store),
                                boards=side_boards(store, as_of), models=model_table(store),
                                marks=panel.marks(edition_claims(store, slug, as_of_edition)))


@data(max_entries=32)
def claims_panel(store: Store, slug: str, as_of_edition: bool) -> panel.Panel:
    """The Claims panel of one version of an edition."""
    edition = store.edition(slug)
    return panel.panel(edition_claims(store, slug, as_of_edition), edition.publish_date if as_of_edition else None)


@data(max_entries=16)
def shown_claim(store: Store, slug: str, as_of_edition: bool, number: int) -> panel.Shown | None:
    """Claim ``number`` of an edition's version in the side charts (None when it has no such claim)."""
    edition = store.edition(slug)
    return panel.shown(store, edition_claims(store, slug, as_of_edition), number,
                       edition.publish_date if as_of_edition else None)


@data(max_entries=16)
def explore_tab(store: Store, filters, setting: str | None, highlight: tuple[str, ...], benchmark: str) -> explore.Tab:
    """One tab of the Explore page: MMLU in ``setting`` (None: each model's best report), ``highlight`` outlined."""
    return explore.tab(store, filters, benchmark, setting, highlight, benchmarks=benchmarks(store),
                       default_settings={benchmark: default_setting(store, benchmark)},
                       kept=filtered_count(store, filters)["models"])


@data(max_entries=16)
def explore_figure(store: Store, filters, setting: str | None, highlight: tuple[str, ...], benchmark: str, *,
                   color_by: str, _tab: explore.Tab) -> dict:
    """The bars of ``_tab``, the Explore tab of the same parameters, as a spec (passed, not hashed)."""
    return explore.figure(_tab, color_by=color_by, org_colors=org_colors(store)).to_dict()


efficiency_view = data(max_entries=2)(efficiency.view)


@data(max_entries=8)
def efficiency_picker(store: Store, filters, benchmark: str, setting: str | None, wanted: tuple[str | None, ...], *,
                      _view: efficiency.EfficiencyView) -> efficiency.Picker:
    """The A/B pickers of ``_view``, the efficiency view of the same parameters, with the ``wanted`` models."""
    return efficiency.picker(store, filters, benchmark, setting, _view, list(wanted))


@data(max_entries=8)
def efficiency_figure(store: Store, filters, benchmark: str, setting: str | None, *,
                      highlight: tuple[str, ...], _view: efficiency.EfficiencyView,
                      _picker: efficiency.Picker | None = None) -> dict:
    """The score-against-size chart of ``_view``, the efficiency view of the same parameters, as a spec.

    The view is passed, not hashed (its parameters name it), so a new chart never copies it out of the cache again;
    ``_picker`` has the rows of the ``highlight`` models.
    """
    marked = None if _picker is None else _picker.rows[_picker.rows["model"].isin(highlight)]
    return efficiency.scatter(_view, benchmark=benchmark, basis=filters.basis, highlight=highlight,
                              colors=org_colors(store), marked=marked)


@data(max_entries=4)
def moe_figure(store: Store, filters) -> dict | None:
    """The filtered mixture-of-experts models' parameters, as a spec (None when there is none)."""
    return efficiency.moe_chart(store, filters)


timeline_view = data(max_entries=2)(timeline.view)


@data(max_entries=8)
def timeline_figure(store: Store, filters, benchmark: str, setting: str | None, *, color_by: str,
                    _view: timeline.TimelineView) -> dict:
    """The release-date chart of ``_view``, the timeline view of the same parameters, as a spec (passed, not hashed)."""
    return timeline.scatter(_view, benchmark=f"{benchmark} ({setting})", color_by=color_by,
                            org_colors=org_colors(store))


compare_start = data()(compare.start)
compare_example = data()(compare.example)


@data()
def compare_picker(store: Store, text: str, picked: tuple[str, ...]) -> compare.Picker:
    """The Compare page's model picker for a search text, keeping the models picked."""
    popular = find_models(store, "", compare.OFFER_ALL_UP_TO)
    found = find_models(store, text, compare.SEARCH_LIMIT) if text.strip() else None
    return compare.picker(popular, found, text, picked)


compare_view = data()(compare.view)


@data()
def compare_figure(store: Store, names: tuple[str, ...], *, _view: compare.CompareView) -> dict:
    """The picked models side by side on every benchmark, as a spec: ``_view`` is their compare view (not hashed)."""
    return compare_bars(_view.scores, list(names)).to_dict()
