"""Screenshot dashboard pages in headless Chromium: python -m tools.screenshot OUT_DIR [path ...] [--width N]."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tools.browser import AppServer, launch_chromium, wait_ready


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("paths", nargs="*", default=[""])
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--url", help="use an app already running at this URL")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    def shoot(base_url: str) -> None:
        with sync_playwright() as p:
            browser = launch_chromium(p)
            context = browser.new_context(viewport={"width": args.width, "height": args.height},
                                          color_scheme="dark" if args.dark else "light")
            page = context.new_page()
            for path in args.paths:
                page.goto(f"{base_url}/{path}")
                wait_ready(page, 60_000)
                page.wait_for_timeout(1500)  # let Plotly finish drawing
                name = re.sub(r"[^a-zA-Z0-9]+", "_", path).strip("_") or "home"
                target = args.out / f"{name}-{args.width}{'-dark' if args.dark else ''}.png"
                page.screenshot(path=str(target), full_page=True)
                errors = page.locator("[data-testid='stException']").count()
                print(f"{target} exceptions={errors}")
            browser.close()

    if args.url:
        shoot(args.url.rstrip("/"))
    else:
        with AppServer() as server:
            shoot(server.url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
