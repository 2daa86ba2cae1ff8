"""SQL: a read-only console over the tables; the query lives in the URL (?q=) so a link shares it."""
import streamlit as st

from superficial.db import sql_console
from superficial.db.schema import table_blurbs
from superficial.ui import cache, upload
from superficial.ui.cache import get_store

store = get_store()

st.title("SQL")
st.markdown(
    f"Ask the tables your own question. One read-only statement at a time (`SELECT`, `WITH`, `VALUES`, "
    f"`DESCRIBE`, `SHOW`, `SUMMARIZE`, `EXPLAIN`); no files, network or settings; stopped after "
    f"{sql_console.TIME_LIMIT_S:g} s; the first {sql_console.MAX_ROWS:,} rows are shown. "
    "The query is kept in the page address, so you can share the link."
)
if upload.uploaded():
    st.info("These tables include the leaderboard you uploaded on the Data page (this session only).",
            icon=":material/upload_file:")

st.caption("Examples — one click puts the query in the editor and runs it")
columns = st.columns(4)
for i, (label, example) in enumerate(sql_console.EXAMPLES):
    columns[i % 4].button(label, key=f"example_{i}", on_click=st.session_state.update, kwargs={"q": example},
                          width="stretch")

sql = st.text_area("Query", key="q", bind="query-params", height=180,
                   placeholder="SELECT model, value FROM scores WHERE benchmark = 'MMLU' ORDER BY value DESC",
                   help="Ctrl+Enter runs it too.")
st.button("Run", type="primary", icon=":material/play_arrow:")

if sql and sql.strip():
    result = sql_console.run(store, sql)
    if result.refused:
        st.error(result.error, icon=":material/block:")
    elif not result.ok:
        st.warning(result.error, icon=":material/timer_off:" if result.timed_out else ":material/error:")
    else:
        st.caption(f"{result.summary()} · {result.elapsed_s * 1000:,.0f} ms")
        st.dataframe(result.frame, hide_index=True, width="stretch")
        figure = sql_console.quick_chart(result.frame)
        if figure is not None:
            st.plotly_chart(figure, key="quick_chart")
        st.download_button("Download CSV" + (" (rows shown)" if result.truncated else ""),
                           sql_console.to_csv(result.frame), file_name="query.csv", mime="text/csv",
                           icon=":material/download:")

with st.expander("Schema: tables, columns, meaning and units", icon=":material/schema:"):
    for table, blurb in table_blurbs().items():
        st.markdown(f"- **{table}** — {blurb}")
    st.dataframe(cache.schema(store), hide_index=True, width="stretch")
