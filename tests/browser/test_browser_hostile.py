"""XSS payloads and remote resources in every form in an edition: in a real browser nothing runs, loads or navigates."""
from __future__ import annotations

import contextlib
import re
import shutil

import pytest

from tests.browser.conftest import PageWatch, assert_no_exception
from tests.conftest import FIXTURES, ROOT
from tools.browser import AppServer, wait_ready

HOSTILE = FIXTURES / "hostile" / "2023-12-31-hostile.md"


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    content = tmp_path_factory.mktemp("content")
    for path in (ROOT / "content").iterdir():
        if path.is_file():
            shutil.copy(path, content / path.name)
    shutil.copy(HOSTILE, content / HOSTILE.name)
    with AppServer(env={"SUPERFICIAL_CONTENT_DIR": str(content)}) as server:
        yield server


def test_payload_count():
    text = HOSTILE.read_text()
    assert sum(1 for i in range(1, 39) if f"p{i:02d}" in text) >= 30  # script payloads
    assert len(set(re.findall(r"tracker\.example/t(\d\d)-", text))) >= 35  # remote resources, one class each


@pytest.mark.parametrize("path", ["editions?edition=2023-12-31-hostile", "", "timeline"])
def test_nothing_executes_loads_or_navigates(browser, hostile_server, path):
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    page = context.new_page()
    watch = PageWatch(page, hostile_server.url)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
    page.goto(f"{hostile_server.url}/{path}")
    wait_ready(page)
    if path.startswith("editions"):  # st.html's component is loaded on first use
        page.wait_for_selector("[data-testid='stMain'] [data-testid='stHtml'] h1")
    page.wait_for_timeout(1500)
    # Hover and click over the article to trigger any handler that slipped through.
    main = page.locator("[data-testid='stMain']")
    for element in main.locator("p, b, strong, em, span, div.stMarkdown").all()[:80]:
        with contextlib.suppress(Exception):  # an element that scrolled away or vanished is fine
            element.hover(timeout=500)
    page.wait_for_timeout(500)
    assert watch.dialogs == [], watch.dialogs
    assert watch.foreign_requests == [], watch.foreign_requests
    assert requests and not [url for url in requests if "tracker.example" in url or "evil.example" in url]
    assert watch.page_errors == []
    assert all(url.startswith(hostile_server.url) for url in navigations), navigations
    assert page.url.startswith(hostile_server.url)
    assert_no_exception(page)
    # No element from the payloads made it into the DOM as live HTML.
    # Streamlit draws its own icons as svg; none may come from the edition's HTML.
    dangerous = main.locator("iframe, object, embed, form, svg script, svg image, [data-testid=stHtml] svg, "
                             "script:not([type='application/json']), video, audio, picture, source, input[type=image], "
                             "marquee, base, meta, link, details[ontoggle]")
    assert dangerous.count() == 0
    loading = page.evaluate("""() => [...document.querySelectorAll('[data-testid=stMain] *')]
        .filter(el => ['src', 'srcset', 'poster', 'background', 'data'].some(a => el.hasAttribute(a)
                      && !(el.getAttribute(a) || '').startsWith(location.origin) && !el.getAttribute(a).startsWith('/')
                      && !el.getAttribute(a).startsWith('data:') && !el.getAttribute(a).startsWith('blob:'))
                    || (el.getAttribute('style') || '').includes('url('))
        .map(el => el.outerHTML.slice(0, 80))""")
    assert loading == []
    handlers = page.evaluate("""() => [...document.querySelectorAll('[data-testid=stMain] *')]
        .filter(el => [...el.attributes].some(a => a.name.startsWith('on')))
        .map(el => el.outerHTML.slice(0, 80))""")
    assert handlers == []
    links = page.eval_on_selector_all("[data-testid=stMain] a[href]", "els => els.map(a => a.href)")
    assert not [href for href in links if href.lower().startswith(("javascript:", "data:", "vbscript:"))]
    if path.startswith("editions"):
        text = main.inner_text()
        assert "Readable sentence one: Mixtral beats Llama 2 70B." in text
        assert "Readable sentence two: Phi-2 is small." in text
        assert "callout text p36" in text
        for words in ("t12 cell", "t13 list item", "t15 quote", "t16 callout text", "t18 footnote text",
                      "Image not shown here"):
            assert words in text, words
        # Code the author wrote in backticks or a fence is shown as code; everywhere else no HTML source shows.
        prose = page.evaluate("""() => { const main = document.querySelector('[data-testid=stMain]').cloneNode(true);
            main.querySelectorAll('code, pre').forEach(el => el.remove()); return main.innerText; }""")
        assert "<script" not in prose and "onerror" not in prose and "<iframe" not in prose
        assert "alert('p34 in code')" in text  # the code span is still there, as text
    context.close()
