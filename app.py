"""Entry point: navigation over the pages and the shared sidebar."""
import logging

import streamlit as st

from superficial.ui.memory import hand_back_memory
from superficial.ui.navigation import FAVICON, app_navigation, available_pages
from superficial.ui.upload import upload_notice

# The app's own icon: an emoji would load Streamlit's emoji catalogue, a Material icon comes from Google's fonts.
st.set_page_config(page_title="Superficial Intelligence dashboard", page_icon=FAVICON, layout="wide")

pages = [st.Page(p.file, title=p.title, icon=p.icon, url_path=p.url_path, default=(i == 0))
         for i, p in enumerate(available_pages())]
current = app_navigation(pages)

with st.sidebar:
    st.caption("**Superficial Intelligence** — the weekly AI newsletter beside the live data it talks about.")
    upload_notice()

try:
    current.run()
except Exception:  # a failing page gets a polite message; the detail goes to the server log
    logging.getLogger("superficial").exception("page %s failed", current.title)
    st.error("Sorry — this page ran into a problem and could not be shown. The rest of the dashboard still works.")
    st.page_link(pages[0], label="Back to the home page", icon=":material/home:")
finally:
    hand_back_memory()
