"""Compare: two to six models side by side on every benchmark and setting, each number with its source."""
import streamlit as st

from superficial import charts, compare, queries
from superficial.ui import get_store, score_table

store = get_store()
known = queries.models(store)["name"].tolist()

st.title("Compare")
# ?models=A,B is the link to this view: read it on arrival, write it back on every change.
if "compare_models" not in st.session_state:
    picked, unknown = compare.parse_models(st.query_params.get_all("models"), known)
    if "models" not in st.query_params:
        picked = compare.default_models(known)
    st.session_state["compare_models"] = picked
    if unknown:
        st.warning(f"Not in the data, so left out: {', '.join(unknown)}.", icon=":material/warning:")
names = st.multiselect("Models (two to six)", sorted(known, key=str.lower), key="compare_models",
                       max_selections=compare.MAX_MODELS, placeholder="Pick models to compare")
if names:
    st.query_params["models"] = compare.models_param(names)
elif "models" in st.query_params:
    del st.query_params["models"]

if len(names) < 2:
    st.info("Pick two to six models to see them side by side.", icon=":material/compare_arrows:")
    st.page_link("pages/compare.py", label="For example: Phi-2 against Llama 2 70B and Mixtral 8x7B",
                 icon=":material/arrow_forward:", query_params={"models": "Phi-2,Llama 2 70B,Mixtral 8x7B"})
    st.stop()

st.dataframe(queries.model_facts(store, names), hide_index=True, width="stretch", key="compare_facts",
             column_config={"link": st.column_config.LinkColumn("link", display_text="source"),
                            "total_params_b": st.column_config.NumberColumn("total params (B)", format="%g"),
                            "active_params_b": st.column_config.NumberColumn("active params (B)", format="%g"),
                            "release_date": st.column_config.DateColumn("released")})
scores = queries.model_scores(store, names)
if scores.empty:
    st.info("None of these models has a score yet.", icon=":material/search_off:")
    st.stop()

st.subheader("Every benchmark and setting", anchor=False)
st.dataframe(compare.side_by_side(scores, names), hide_index=True, width="stretch", key="compare_side",
             column_config={n: st.column_config.NumberColumn(n, format="%g") for n in names})
st.caption("None: no value reported in that setting. Where a setting has several reports, the highest is shown; "
           "every value and its source is in the table below.")
event = st.plotly_chart(charts.compare_bars(scores, names), theme="streamlit", on_select="rerun",
                        selection_mode=("points",), key="chart_compare", config={"displayModeBar": False})
st.subheader("Each number with its source", anchor=False)
score_table(scores[["model", "benchmark", "setting", "value", "source_url", "note"]], value_range=None,
            file_name="compare.csv", key="compare", selected=charts.selected_models(event))
