"""Data: the tables behind every chart, their schema and sources, the problems found, your own upload."""
import streamlit as st

from superficial.db.schema import table_blurbs
from superficial.ui import cache, upload
from superficial.ui.cache import get_store
from superficial.ui.notices import show_problems, warn_skipped
from superficial.ui.tables import paged_table

store = get_store()

st.title("Data")
st.markdown("Every chart is drawn from these tables, built at start from the CSV files in `data/` and the editions in `content/`.")
if upload.uploaded():
    st.info("These tables — and every page and chart — include the leaderboard you uploaded below "
            "(this browser session only; nothing is saved).", icon=":material/upload_file:")

warn_skipped(store.problems)
show_problems(store.problems)

tabs = st.tabs(["Models", "Scores", "Benchmarks", "Aliases", "Schema"])
with tabs[0]:
    paged_table(lambda search, limit, offset: cache.models(store, search, limit, offset), key="models",
                search_help="Name, organization or family", file_name="models.csv",
                column_config={"link": st.column_config.LinkColumn("link"),
                               "total_params_b": st.column_config.NumberColumn("total params (B)", format="%g"),
                               "active_params_b": st.column_config.NumberColumn("active params (B)", format="%g"),
                               "release_date": st.column_config.DateColumn("released"),
                               "variant_of": st.column_config.TextColumn("variant of"),
                               "knowledge_cutoff": st.column_config.TextColumn("knowledge cutoff"),
                               "open_weights": st.column_config.CheckboxColumn("open weights")})
with tabs[1]:
    paged_table(lambda search, limit, offset: cache.scores(store, search=search, limit=limit, offset=offset),
                key="scores", search_help="Model or setting", file_name="scores.csv",
                column_config={"source_url": st.column_config.LinkColumn("source"),
                               "release_date": st.column_config.DateColumn("released")})
with tabs[2]:
    st.dataframe(cache.benchmarks(store), hide_index=True, width="stretch",
                 column_config={"link": st.column_config.LinkColumn("paper")})
with tabs[3]:
    paged_table(lambda search, limit, offset: cache.aliases(store, search, limit, offset), key="aliases",
                search_help="Alias or model", file_name="aliases.csv")
with tabs[4]:
    for table, blurb in table_blurbs().items():
        st.markdown(f"- **{table}** — {blurb}")
    st.dataframe(cache.schema(store), hide_index=True, width="stretch")
    st.page_link("pages/sql.py", label="Query these tables on the SQL page", icon=":material/terminal:")

st.subheader("Your own leaderboard")
st.markdown(
    "Upload a leaderboard table in the LMSYS Chatbot Arena format (`leaderboard_table_YYYYMMDD.csv`: "
    "`Model`, `MT-bench (score)`, `MMLU` as a fraction, `License`, `Link`, and in some files `Arena Elo rating`, "
    "`key`, `Organization`; `-` means no value). Known models are matched by name or alias, new ones are added, "
    "and every page shows the result **for this browser session only** — nothing is written to the server."
)
st.file_uploader("Leaderboard CSV", type=["csv"], key=upload.FILE_KEY, on_change=upload.apply_upload,
                 max_upload_size=5)
report = upload.report()
if report is not None:
    st.date_input("Leaderboard date", key=upload.DATE_KEY, on_change=upload.apply_upload,
                  help="Read from the file name (leaderboard_table_YYYYMMDD.csv); it dates the Arena Elo ratings.")
    if not report.ok:
        st.error("Nothing was added from " + report.file + ":\n\n"
                 + "\n".join(f"- `{p}`" for p in report.problems), icon=":material/error:")
    else:
        st.success(report.summary(), icon=":material/check_circle:")
        st.dataframe(report.frame(), hide_index=True, width="stretch")
if upload.uploaded():
    st.button("Remove my upload", icon=":material/delete:", on_click=upload.remove_upload)
