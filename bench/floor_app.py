"""The floor: a bare Streamlit page drawing ``?charts=N`` Plotly charts of 10 points each.

Nothing is read, queried or cached; the sidebar has the same size slider as the benchmark pages so a
"filter change" reruns it the same way. Run: ``streamlit run bench/floor_app.py`` and open ``/?charts=3``.
"""
import random

import plotly.graph_objects as go
import streamlit as st

SIZE_LABELS = ("0B", "1B", "3B", "7B", "13B", "34B", "70B", "180B", "∞")

st.set_page_config(page_title="floor", layout="wide")
try:
    charts = max(1, min(int(st.query_params.get("charts", "1")), 50))
except ValueError:
    charts = 1
with st.sidebar:
    size = st.select_slider("Parameters", options=SIZE_LABELS, value=(SIZE_LABELS[0], SIZE_LABELS[-1]), key="size")
st.title("Floor")
rng = random.Random(f"{size}")
for i in range(charts):
    x = [f"model {j}" for j in range(10)]
    y = [round(rng.uniform(20, 90), 1) for _ in range(10)]
    fig = go.Figure(go.Bar(x=y, y=x, orientation="h"))
    fig.update_layout(height=300, margin=dict(l=0, r=8, t=8, b=0))
    st.plotly_chart(fig, key=f"chart_{i}", config={"displayModeBar": False})
