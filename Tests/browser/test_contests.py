"""The pages that show a contest's computed results — the contests themselves, the organisation
that received support, the property object granted — in Chromium: axe-core finds no violation
at desktop and phone widths, and the results table is there with its open data."""

import pytest

from conftest import axe_violations, set_viewport

PAGES = ["/contests/subsidii-sonko-2025/", "/contests/imushchestvo-naberezhnye-chelny-2026/",
         "/organizations/ravnye-vozmozhnosti/", "/property/chelny-siuiumbike-31/"]


@pytest.mark.parametrize("width", (1280, 375))
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violation_on_pages_with_results(browser, path, width):
    set_viewport(browser, width, 1)
    browser.open(path)
    result = axe_violations(browser)
    assert result == [], f"{path} at {width}px: {result}"


def test_the_results_table_links_its_open_data(browser):
    browser.open(PAGES[0])
    rows = browser.execute_script("return document.querySelectorAll('.contest-results__table tbody tr').length")
    assert rows >= 6
    links = browser.execute_script(
        "return Array.from(document.querySelectorAll('.contest-results a[download]')).map(a => a.getAttribute('href'))")
    assert links == ["/contests/subsidii-sonko-2025/results.csv", "/contests/subsidii-sonko-2025/results.json"]
