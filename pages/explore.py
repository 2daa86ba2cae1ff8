"""Explore: MMLU and MT-Bench for the filtered models, like for like or each model's best report."""
import streamlit as st

from superficial.charts.bars import score_bars
from superficial.charts.core import BAR_LIMIT, color_map
from superficial.charts.selection import selected_models
from superficial.ui import cache
from superficial.ui.cache import get_store
from superficial.ui.notices import missing_note
from superficial.ui.sidebar import filter_sidebar
from superficial.ui.tables import TABLE_ROWS, score_table

store = get_store()
filters = filter_sidebar(store)

st.title("Explore")
st.caption(filters.describe())

mmlu_settings = cache.settings(store, "MMLU")["setting"].tolist() or ["5-shot"]
cols = st.columns([2, 2, 2])
mode = cols[0].radio("MMLU settings", ("like for like", "best reported"), key="mode", bind="query-params",
                     help="Like for like: every bar in one setting. Best reported: each model's highest score, "
                          "whatever the setting — written on the bar.")
like_for_like = mode == "like for like"
setting = cols[1].selectbox("MMLU setting", mmlu_settings,
                            index=mmlu_settings.index("5-shot") if "5-shot" in mmlu_settings else 0,
                            key="setting", bind="query-params", disabled=not like_for_like)
color_by = cols[2].radio("Colour by", ("organization", "architecture"), key="color", bind="query-params")
highlight = cache.known_models(store, st.query_params.get_all("models"))
if highlight:
    st.caption("Outlined: " + ", ".join(highlight) + " (from the link you followed).")

if cache.filtered_count(store, filters)["models"] == 0:
    st.info("No model matches these filters. Widen the size range or clear a filter in the sidebar.",
            icon=":material/filter_alt_off:")
    st.stop()

benchmarks = cache.benchmarks(store).set_index("benchmark")
colors = color_map(cache.filter_options(store)["orgs"]) if color_by == "organization" else None
for tab, benchmark in zip(st.tabs(["MMLU", "MT-Bench"]), ["MMLU", "MT-Bench"]):
    with tab:
        info = benchmarks.loc[benchmark] if benchmark in benchmarks.index else None
        value_range = (info["min_value"], info["max_value"]) if info is not None else None
        unit = info["unit"] if info is not None else None
        if like_for_like:
            chosen = setting if benchmark == "MMLU" else cache.default_setting(store, benchmark)
        else:
            chosen = None
        rows = cache.top_chart_scores(store, filters, benchmark, chosen, limit=BAR_LIMIT, keep=highlight)
        what = f"{benchmark} score" + (f" ({chosen})" if chosen else "")
        if rows.empty:
            st.info(f"None of the filtered models has a {what}. Try “best reported” or widen the filters.",
                    icon=":material/search_off:")
            continue
        scored = int(rows["total"].iloc[0])
        st.markdown(f"**{benchmark}" + (f" · {chosen}" if chosen else " · each model's best reported setting")
                    + f"** — {scored:,} models")
        missing_note(*cache.missing_scores(store, filters, benchmark, chosen, limit=8), what)
        figure = score_bars(rows, benchmark=benchmark, color_by=color_by, label_setting=not like_for_like,
                                   value_range=value_range, unit=unit, colors=colors, highlight=highlight,
                                   more=scored - len(rows))
        event = st.plotly_chart(figure, theme="streamlit", on_select="rerun", selection_mode=("points", "box"),
                                key=f"chart_{benchmark}", config={"displayModeBar": False})
        st.caption("Hatched bars: closed weights. Where a model has several values for a setting (different "
                   "sources), the highest is drawn and the hover says so; the table lists every value.")
        table = cache.benchmark_rows(store, filters, benchmark, limit=TABLE_ROWS)
        score_table(table, value_range=value_range, file_name=f"{benchmark.lower()}-filtered.csv", key=benchmark,
                    selected=selected_models(event), total=int(table["total"].iloc[0]) if len(table) else 0,
                    everything=lambda b=benchmark: cache.benchmark_rows(store, filters, b))
