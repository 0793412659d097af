"""Shared fixtures of the browser and output checks: the built demo site (NKO_SITE, by default
.build/demo-site), served over http on 127.0.0.1 by Python's http.server, and one headless
Chromium session (Selenium, offline: Debian's chromium and chromium-driver)."""

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

os.environ.setdefault("SE_OFFLINE", "true")

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("NKO_SITE", REPO / ".build" / "demo-site")).resolve()

DESKTOP = (1280, 1)  # CSS width, device scale factor
PHONE = (320, 1)  # WCAG 1.4.10 reflow: 320 CSS px
ZOOM_200 = (640, 2)  # a 1280 px window at 200 % zoom: 640 CSS px drawn on 1280 device px


def url_path(html_file):
    """The address of a built page: dir/index.html → /dir/, 404.html → /404.html."""
    rel = html_file.relative_to(SITE).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def first_page(pattern):
    found = sorted(SITE.glob(pattern))
    assert found, f"no page {pattern} in {SITE}: the demo portal lost its sample pages"
    return url_path(found[0])


# ---------- fixtures ----------


@pytest.fixture(scope="module")
def site():
    assert (SITE / "index.html").is_file() and (SITE / "404.html").is_file(), (
        f"no built site in {SITE}: run `make test` (it builds the demo portal first) "
        "or point NKO_SITE at a built site"
    )
    return SITE


@pytest.fixture(scope="module")
def all_pages(site):
    pages = sorted(url_path(p) for p in site.rglob("*.html"))
    assert len(pages) >= 5, f"only {len(pages)} pages in {site}"
    return pages


@pytest.fixture(scope="module")
def sample_pages(site):
    """One page of each kind: home, section, Markdown item, item from a YAML data file, 404,
    legal texts with wide tables (a plan, a roadmap, forms with their tables) and a form to fill."""
    return {
        "home": "/",
        "section": "/press/news/",
        "news item": first_page("press/news/*/index.html"),
        "event (data file)": first_page("press/events/*/index.html"),
        "404": "/404.html",
        "plan (regulation)": "/regulations/tambov-145-r-2011-plan/",
        "roadmap (regulation)": "/regulations/smolensk-dorozhnaia-karta-nko/",
        "model act with forms": "/information/model-acts/prilozhenie-2-finansovaia-podderzhka/",
        "registry grouped by municipality": "/property/",
        "registry sorted by a column": "/contests/sort/fund-desc/",
        "contest with its schedule": first_page("contests/*/index.html"),
        "contest with computed results": "/contests/subsidii-sonko-2025/",
        "property competition with its scores": "/contests/imushchestvo-naberezhnye-chelny-2026/",
        "organisation with the support it received": "/organizations/ravnye-vozmozhnosti/",
        "form to fill (subsidy application)": "/information/documents/zaiavlenie-na-subsidiiu/",
    }


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def base_url(site):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, name="nko-site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def find_program(env_name, *names):
    if os.environ.get(env_name):
        return os.environ[env_name]
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    pytest.fail(f"{' or '.join(names)} not found (`make test-deps` installs Debian's chromium and chromium-driver)")


@pytest.fixture(scope="module")
def driver():
    options = webdriver.ChromeOptions()
    options.binary_location = find_program("CHROMIUM", "chromium", "chromium-browser")
    # --hide-scrollbars: no classic 15 px scrollbar eating into the 320 px layout width (a phone
    # has overlay scrollbars), so the layout viewport is exactly the emulated width.
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--lang=ru", "--no-first-run", "--disable-extensions"):
        options.add_argument(arg)
    service = Service(executable_path=find_program("CHROMEDRIVER", "chromedriver"))
    browser = webdriver.Chrome(service=service, options=options)
    browser.set_page_load_timeout(30)
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture
def browser(driver, base_url):
    """The shared session, reset for each test: desktop viewport, JavaScript on, ordinary version."""
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    set_viewport(driver, *DESKTOP)
    driver.get(base_url + "/")
    driver.execute_script("window.localStorage.clear()")
    driver.open = lambda path: driver.get(base_url + path)
    return driver


def set_viewport(driver, width, scale, height=900):
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": False},
    )


# axe-core as pinned by selenium-axe-python (PY_TOOLS in the Makefile).
AXE = Path(__import__("selenium_axe_python").__file__).parent / "axe-core" / "axe.min.js"


def axe_violations(driver, within=None):
    """axe-core's violations on the open page (or in the elements of the selector `within`):
    [rule, help, up to three elements]."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(arguments[0] ? {include: [arguments[0]]} : document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => "
        "[v.id, v.help, v.nodes.slice(0, 3).map(n => n.target.join(' '))])))", within)


