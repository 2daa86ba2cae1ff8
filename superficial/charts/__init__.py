"""Plotly figures for the pages: pure functions of DataFrames, no Streamlit.

Figures set no background, so ``st.plotly_chart(theme="streamlit")`` colours them for the light or
dark theme; legends sit above the plot and margins are small, for a phone's width. Each point or bar
carries its model name as ``customdata[0]``, which ``selected_models`` reads back from a chart selection.

Small charts are built with ``plotly.graph_objects`` and cached per parameters as specs (``ui.cache``).
The dense scatters and the Explore page's score bars (built on every run) are plain dicts wrapped
unvalidated (``core.unvalidated_figure``): Plotly's property-by-property validation of thousands of
points, or of a trace per organization, would cost more than building them. tests/charts validates
every builder's output in full.
"""
