"""Compare: two to six models side by side on every benchmark and setting, each number with its source."""
import streamlit as st

from superficial.benchmarks import compare
from superficial.charts.selection import selected_models
from superficial.ui import cache
from superficial.ui.cache import get_store
from superficial.ui.tables import score_table

store = get_store()

st.title("Compare")
# ?models=A,B is the link to this view: read it on arrival, write it back on every change.
if "compare_models" not in st.session_state:
    picked, unknown = cache.compare_start(store, tuple(st.query_params.get_all("models")))
    if unknown:
        st.warning(f"Not in the data, so left out: {', '.join(unknown)}.", icon=":material/warning:")
    st.session_state["compare_models"] = picked

# Up to a few hundred models the list offers them all; beyond, a search (names and aliases) fills it.
picker = cache.compare_picker(store, st.session_state.get("compare_find", ""),
                              tuple(st.session_state["compare_models"]))
if picker.searchable:
    find_col, pick_col = st.columns([1, 2])
    find_col.text_input("Find a model", key="compare_find", type="search", live=True,
                        placeholder="Name or alias, e.g. llama 70b")
else:
    pick_col = st.container()
names = pick_col.multiselect("Models (two to six)", picker.options, key="compare_models",
                             max_selections=compare.MAX_MODELS, placeholder="Pick models to compare", select_all=False)
if picker.note:
    st.caption(picker.note)
if names:
    st.query_params["models"] = compare.models_param(names)
elif "models" in st.query_params:
    del st.query_params["models"]

if len(names) < 2:
    st.info("Pick two to six models to see them side by side.", icon=":material/compare_arrows:")
    example = cache.compare_example(store)
    if len(example) >= 2:  # a button, not a link to this page: a link would keep the picks made so far
        st.button(f"For example: {example[0]} against {' and '.join(example[1:])}", icon=":material/arrow_forward:",
                  key="compare_example", on_click=st.session_state.update, kwargs={"compare_models": example})
    st.stop()

view = cache.compare_view(store, tuple(names))
st.dataframe(view.facts, hide_index=True, width="stretch", key="compare_facts",
             column_config={"variant_of": st.column_config.TextColumn("variant of"),
                            "knowledge_cutoff": st.column_config.TextColumn("knowledge cutoff"),
                            "link": st.column_config.LinkColumn("link", display_text="source"),
                            "total_params_b": st.column_config.NumberColumn("total params (B)", format="%g"),
                            "active_params_b": st.column_config.NumberColumn("active params (B)", format="%g"),
                            "release_date": st.column_config.DateColumn("released")})
if view.scores.empty:
    st.info("None of these models has a score yet.", icon=":material/search_off:")
    st.stop()

st.subheader("Every benchmark and setting", anchor=False)
st.dataframe(view.side_by_side, hide_index=True, width="stretch", key="compare_side",
             column_config={n: st.column_config.NumberColumn(n, format="%g") for n in names})
st.caption("None: no value reported in that setting. Where a setting has several reports, the highest is shown; "
           "every value and its source is in the table below.")


@st.fragment
def chart_and_sources(names: tuple[str, ...], view) -> None:
    """The chart and the table of every number; selecting bars reruns only this."""
    event = st.plotly_chart(cache.figure(cache.compare_figure(store, names, _view=view)), theme="streamlit",
                            on_select="rerun", selection_mode=("points",), key="chart_compare",
                            config={"displayModeBar": False})
    st.subheader("Each number with its source", anchor=False)
    score_table(view.scores,
                columns=["model", "benchmark", "setting", "value", "source_url", "note"], value_range=None,
                file_name="compare.csv", key="compare", selected=selected_models(event))


chart_and_sources(tuple(names), view)
