"""The pages that show a contest's computed results — the contests themselves, the organisation
that received support, the property object granted — in Chromium: axe-core finds no violation
at desktop and phone widths, and the results table is there with its open data."""

from pathlib import Path

import pytest

from conftest import set_viewport

AXE = Path(__import__("selenium_axe_python").__file__).parent / "axe-core" / "axe.min.js"

PAGES = ["/contests/subsidii-sonko-2025/", "/contests/imushchestvo-naberezhnye-chelny-2026/",
         "/organizations/ravnye-vozmozhnosti/", "/property/chelny-siuiumbike-31/"]


@pytest.mark.parametrize("width", (1280, 375))
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violation_on_pages_with_results(browser, path, width):
    set_viewport(browser, width, 1)
    browser.open(path)
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => "
        "[v.id, v.help, v.nodes.slice(0, 3).map(n => n.target.join(' '))])))")
    assert result == [], f"{path} at {width}px: {result}"


def test_the_results_table_links_its_open_data(browser):
    browser.open(PAGES[0])
    rows = browser.execute_script("return document.querySelectorAll('.contest-results__table tbody tr').length")
    assert rows >= 6
    links = browser.execute_script(
        "return Array.from(document.querySelectorAll('.contest-results a[download]')).map(a => a.getAttribute('href'))")
    assert links == ["/contests/subsidii-sonko-2025/results.csv", "/contests/subsidii-sonko-2025/results.json"]
