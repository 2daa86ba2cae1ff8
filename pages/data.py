"""Data: the tables behind every chart, their sources, and the problems found reading them."""
import streamlit as st

from superficial import queries
from superficial.ui import get_store, show_problems

store = get_store()

st.title("Data")
st.markdown("Every chart is drawn from these tables, built at start from the CSV files in `data/` and the editions in `content/`.")

errors = [p for p in store.problems if p.severity == "error"]
if errors:
    st.warning(f"{len(errors)} row(s) or file(s) were skipped; everything else is loaded. See the list below.")
show_problems(store.problems)

tabs = st.tabs(["Models", "Scores", "Benchmarks", "Aliases"])
with tabs[0]:
    st.dataframe(queries.models(store), hide_index=True, width="stretch",
                 column_config={"link": st.column_config.LinkColumn("link"),
                                "total_params_b": st.column_config.NumberColumn("total params (B)", format="%g"),
                                "active_params_b": st.column_config.NumberColumn("active params (B)", format="%g")})
with tabs[1]:
    st.dataframe(queries.scores(store), hide_index=True, width="stretch",
                 column_config={"source_url": st.column_config.LinkColumn("source")})
with tabs[2]:
    st.dataframe(queries.benchmarks(store), hide_index=True, width="stretch",
                 column_config={"link": st.column_config.LinkColumn("paper")})
with tabs[3]:
    st.dataframe(queries.aliases(store), hide_index=True, width="stretch")
