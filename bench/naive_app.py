"""The naive peer: the dashboard's pages written the common way, for the benchmark to compare against.

pandas reads the CSV files (and python-frontmatter the editions) on every rerun, filters with pandas,
and Plotly Express draws every row: no DuckDB, no caching. ``?page=explore`` (efficiency, compare,
timeline, editions) picks the page; it reads SUPERFICIAL_DATA_DIR and SUPERFICIAL_CONTENT_DIR like the app.
"""
import math
import os
from pathlib import Path

import frontmatter
import pandas as pd
import plotly.express as px
import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("SUPERFICIAL_DATA_DIR", ROOT / "data"))
CONTENT = Path(os.environ.get("SUPERFICIAL_CONTENT_DIR", ROOT / "content"))
SIZES = {"0B": 0.0, "1B": 1.0, "3B": 3.0, "7B": 7.0, "13B": 13.0, "34B": 34.0, "70B": 70.0, "180B": 180.0, "∞": math.inf}
LABELS = tuple(SIZES)

st.set_page_config(page_title="naive peer", layout="wide")
page = st.query_params.get("page", "explore")

models = pd.read_csv(DATA / "models.csv")
scores = pd.read_csv(DATA / "scores.csv")
benchmarks = pd.read_csv(DATA / "benchmarks.csv")


def filtered() -> pd.DataFrame:
    with st.sidebar:
        lo, hi = st.select_slider("Parameters", options=LABELS, value=(LABELS[0], LABELS[-1]), key="size")
        orgs = st.multiselect("Organization", sorted(models["organization"].dropna().unique()), key="org")
    keep = models[(models["total_params_b"].isna()) | ((models["total_params_b"] > SIZES[lo])
                                                         & (models["total_params_b"] <= SIZES[hi]))]
    if lo != LABELS[0] or hi != LABELS[-1]:
        keep = keep[keep["total_params_b"].notna()]
    if orgs:
        keep = keep[keep["organization"].isin(orgs)]
    st.sidebar.markdown(f"**{len(keep)} of {len(models)} models**")
    return keep


def best(rows: pd.DataFrame, benchmark: str, setting: str | None) -> pd.DataFrame:
    picked = scores[scores["benchmark"] == benchmark]
    if setting:
        picked = picked[picked["setting"] == setting]
    picked = picked.merge(rows, left_on="model", right_on="name")
    return picked.sort_values("value", ascending=False).drop_duplicates("model")


def editions() -> list:
    posts = []
    for path in sorted(CONTENT.glob("*.md")):
        post = frontmatter.load(path)
        posts.append({"slug": path.stem, "title": str(post.get("title", path.stem)),
                      "date": pd.to_datetime(post.get("publishDate"), errors="coerce"), "body": post.content})
    return sorted(posts, key=lambda p: (p["date"] is pd.NaT, p["date"]), reverse=True)


if page == "explore":
    rows = filtered()
    st.title("Explore")
    for benchmark, setting in (("MMLU", "5-shot"), ("MT-Bench", None)):
        data = best(rows, benchmark, setting)
        st.subheader(benchmark)
        st.plotly_chart(px.bar(data, x="value", y="model", color="organization", orientation="h",
                               hover_data=["setting", "source_url"], height=max(300, 26 * len(data))))
        st.dataframe(data)
elif page == "efficiency":
    rows = filtered()
    st.title("Efficiency")
    data = best(rows, "MMLU", "5-shot").dropna(subset=["total_params_b"])
    data["per_billion"] = data["value"] / data["total_params_b"]
    st.plotly_chart(px.scatter(data, x="total_params_b", y="value", color="organization", text="model", log_x=True))
    st.dataframe(data)
    top = data.sort_values("per_billion", ascending=False).head(15)
    st.plotly_chart(px.bar(top, x="per_billion", y="model", orientation="h"))
    moe = rows[rows["active_params_b"].notna()]
    st.plotly_chart(px.scatter(moe, x="total_params_b", y="name", log_x=True))
elif page == "compare":
    names = [n for n in st.query_params.get("models", "").split(",") if n]
    picked = st.multiselect("Models", sorted(models["name"]), default=[n for n in names if n in set(models["name"])],
                            key="compare_models")
    st.title("Compare")
    data = scores[scores["model"].isin(picked)]
    st.dataframe(models[models["name"].isin(picked)])
    st.plotly_chart(px.bar(data, x="setting", y="value", color="model", facet_row="benchmark", barmode="group"))
    st.dataframe(data)
elif page == "timeline":
    rows = filtered()
    st.title("Timeline")
    data = best(rows, "MMLU", "5-shot").dropna(subset=["release_date"])
    fig = px.scatter(data, x="release_date", y="value", color="organization", text="model")
    # One shape per edition, set at once (fig.add_vline in a loop is quadratic: minutes at 1,000 editions).
    fig.update_layout(shapes=[dict(type="line", x0=p["date"], x1=p["date"], xref="x", y0=0, y1=1, yref="paper",
                                   line=dict(dash="dash", width=1)) for p in editions() if p["date"] is not pd.NaT])
    st.plotly_chart(fig)
    st.dataframe(data)
elif page == "editions":
    posts = editions()
    slug = st.selectbox("Edition", [p["slug"] for p in posts], key="edition")
    post = next(p for p in posts if p["slug"] == slug)
    text, side = st.columns([3, 2])
    text.title(post["title"])
    text.markdown(post["body"])
    body = post["body"].lower()
    named = [n for n in models["name"] if n.lower() in body]
    for benchmark, setting in (("MMLU", "5-shot"), ("MT-Bench", "GPT-4 judge")):
        data = best(models, benchmark, setting)
        data["named"] = data["model"].isin(named)
        side.plotly_chart(px.bar(data, x="value", y="model", color="named", orientation="h"))
    data = best(models, "MMLU", "5-shot")
    side.plotly_chart(px.scatter(data, x="total_params_b", y="value", log_x=True, hover_name="model"))
else:
    st.title(page)
    st.dataframe(models)
