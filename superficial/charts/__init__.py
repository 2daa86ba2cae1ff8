"""Plotly figures for the pages: pure functions of DataFrames, no Streamlit.

Figures set no template or background, so ``st.plotly_chart(theme="streamlit")`` colours them for
the light or dark theme; legends sit above the plot and margins are small, for a phone's width.
Each point or bar carries its model name as ``customdata[0]``, which ``selected_models`` reads back
from a chart selection.

Figures are written as plain dicts (traces and layout) and wrapped unvalidated by ``figure``: Plotly's
property validation cost 60 ms per bar chart on every rerun, ten times the rest of the build. The tests
validate every builder's output in full instead (tests/test_charts.py).
"""
