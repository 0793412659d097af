"""Browser checks of the built demo portal (headless Chromium through Selenium).

`make test` runs them after the Nu validator, on the site it has just built into
.build/demo-site (another folder: NKO_SITE=path). The site is served over http on 127.0.0.1
(a free port) by Python's http.server; one browser session serves every test.

What is checked (WCAG 2.1 AA / ГОСТ Р 52872-2019, as promised in the README):
- every page: lang="ru" and exactly one h1;
- the skip link is the first Tab stop, is visible when focused and moves focus to <main>;
- «Версия для слабовидящих»: the button is shown when JavaScript runs (hidden without it),
  toggles html.a11y, enlarges the body text at least 1.5 times, is remembered across pages
  and switches back;
- no horizontal scrolling at 320 CSS px and at 200 % zoom of a 1280 px window (a 640 CSS px
  viewport at device scale 2), in both versions, on a sample of page kinds;
- every Tab stop shows a focus outline of at least 2 px.

Needs Debian's chromium and chromium-driver (`make test-deps` installs them); Selenium runs
offline (SE_OFFLINE) and never downloads a browser or a driver.
"""

import re

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import PHONE, ZOOM_200, set_viewport

LABEL_OFF = "Версия для слабовидящих"  # what the button says in the ordinary version
LABEL_ON = "Обычная версия"  # what it says in the version for the visually impaired
# ---------- helpers ----------


def press(driver, key):
    ActionChains(driver).send_keys(key).perform()


def active(driver):
    return driver.execute_script(
        """const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
        return {tag: e.tagName.toLowerCase(), id: e.id, cls: e.className, href: e.getAttribute('href'),
                text: (e.textContent || '').trim().slice(0, 60), width: r.width, height: r.height,
                top: r.top, left: r.left, outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth,
                outlineColor: s.outlineColor, node: e};"""
    )


def body_font_px(driver):
    return driver.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")


def has_a11y_class(driver):
    return driver.execute_script("return document.documentElement.classList.contains('a11y')")


def toggle_button(driver):
    buttons = driver.find_elements(By.CSS_SELECTOR, "[data-a11y-toggle]")
    assert len(buttons) == 1, f"{len(buttons)} «{LABEL_OFF}» buttons on {driver.current_url}"
    return buttons[0]


OVERFLOW_JS = """
const de = document.documentElement, limit = Math.min(window.innerWidth, de.clientWidth);
const wide = [];
if (de.scrollWidth > limit) {
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > limit + 0.5) {
      wide.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim().split(/\\s+/).join('.') : '')
                + ' right=' + Math.round(r.right));
    }
  }
}
return {innerWidth: window.innerWidth, clientWidth: de.clientWidth, scrollWidth: de.scrollWidth,
        wide: wide.slice(0, 6)};
"""


# ---------- tests ----------


def test_every_page_is_russian_with_one_h1(browser, all_pages):
    problems = []
    for path in all_pages:
        browser.open(path)
        lang, h1 = browser.execute_script(
            "return [document.documentElement.getAttribute('lang'), document.querySelectorAll('h1').length]"
        )
        if lang != "ru":
            problems.append(f'{path}: <html lang="{lang}">, expected "ru"')
        if h1 != 1:
            problems.append(f"{path}: {h1} h1 elements, expected exactly 1")
    assert not problems, "\n".join(problems)


def test_skip_link_is_first_tab_stop_and_focuses_main(browser, sample_pages):
    for kind, path in sample_pages.items():
        browser.open(path)
        press(browser, Keys.TAB)
        first = active(browser)
        assert first["tag"] == "a" and "skip-link" in first["cls"].split(), (
            f"{kind} {path}: the first Tab stop is <{first['tag']} class='{first['cls']}'> «{first['text']}», "
            "not the skip link"
        )
        assert first["href"] == "#main", f"{kind} {path}: the skip link points to {first['href']!r}"
        # Hidden until focused, it must show up (not stay a clipped 1 px box) once it has focus.
        assert first["width"] > 100 and first["height"] > 20 and first["top"] >= 0, (
            f"{kind} {path}: the focused skip link is not visible: {first['width']}×{first['height']} px "
            f"at top {first['top']}"
        )
        press(browser, Keys.ENTER)
        target = active(browser)
        assert target["tag"] == "main" and target["id"] == "main", (
            f"{kind} {path}: after activating the skip link focus is on <{target['tag']} id='{target['id']}'>, "
            "not on <main id='main'>"
        )


def test_a11y_version_toggles_grows_text_and_is_remembered(browser, sample_pages):
    browser.open(sample_pages["section"])
    button = toggle_button(browser)
    assert button.is_displayed(), "the «Версия для слабовидящих» button is not shown although JavaScript runs"
    assert button.text == LABEL_OFF
    assert not has_a11y_class(browser), "html.a11y is set before the button was pressed"
    normal_px = body_font_px(browser)

    button.click()
    assert has_a11y_class(browser), "pressing the button did not set class a11y on <html>"
    assert toggle_button(browser).text == LABEL_ON
    large_px = body_font_px(browser)
    assert round(large_px / normal_px, 3) >= 1.5, (
        f"body text grows only from {normal_px}px to {large_px}px ({large_px / normal_px:.2f}×, expected ≥ 1.5×)"
    )

    # Another page: the choice is remembered (localStorage) and applied before the first paint.
    browser.open(sample_pages["news item"])
    assert has_a11y_class(browser), "the version for the visually impaired is off again on the next page"
    assert toggle_button(browser).text == LABEL_ON
    assert body_font_px(browser) == large_px

    toggle_button(browser).click()
    assert not has_a11y_class(browser), "pressing «Обычная версия» did not remove class a11y"
    assert toggle_button(browser).text == LABEL_OFF
    assert body_font_px(browser) == normal_px

    browser.open(sample_pages["home"])
    assert not has_a11y_class(browser), "the ordinary version chosen back is not remembered on the next page"
    assert toggle_button(browser).text == LABEL_OFF


def test_a11y_button_stays_hidden_without_javascript(browser, sample_pages):
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.open(sample_pages["home"])
        assert not toggle_button(browser).is_displayed(), "without JavaScript the button is shown but cannot work"
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


@pytest.mark.parametrize("version", ["ordinary", "a11y"])
@pytest.mark.parametrize("viewport", [PHONE, ZOOM_200], ids=["320px", "1280px-at-200pct"])
def test_no_horizontal_scrolling(browser, sample_pages, viewport, version):
    if version == "a11y":
        browser.execute_script("window.localStorage.setItem('nko-a11y', 'on')")
    width, scale = viewport
    set_viewport(browser, width, scale)
    problems = []
    for kind, path in sample_pages.items():
        browser.open(path)
        assert has_a11y_class(browser) == (version == "a11y"), f"{kind} {path}: wrong version shown"
        m = browser.execute_script(OVERFLOW_JS)
        assert m["innerWidth"] == width, f"viewport emulation failed: innerWidth {m['innerWidth']} ≠ {width}"
        if m["scrollWidth"] > min(m["innerWidth"], m["clientWidth"]):
            problems.append(
                f"{kind} {path}: scrollWidth {m['scrollWidth']} > viewport {m['innerWidth']} "
                f"(client {m['clientWidth']}); sticking out: {', '.join(m['wide']) or '?'}"
            )
    assert not problems, f"horizontal scrolling at {width} CSS px × {scale}, {version} version:\n" + "\n".join(problems)


@pytest.mark.parametrize("version", ["ordinary", "a11y"])
def test_every_tab_stop_has_visible_focus_outline(browser, sample_pages, version):
    if version == "a11y":
        browser.execute_script("window.localStorage.setItem('nko-a11y', 'on')")
    problems, checked = [], 0
    for kind in ("home", "news item"):
        path = sample_pages[kind]
        browser.open(path)
        first_node = None
        for _ in range(200):
            press(browser, Keys.TAB)
            a = active(browser)
            if a["tag"] == "body" or (first_node is not None and a["node"] == first_node):
                break  # focus left the page or came round again
            if first_node is None:
                first_node = a["node"]
            checked += 1
            width = float(re.sub(r"px$", "", a["outlineWidth"]) or 0)
            transparent = a["outlineColor"] in ("transparent", "rgba(0, 0, 0, 0)")
            if a["outlineStyle"] == "none" or width < 2 or transparent:
                problems.append(
                    f"{kind} {path}: <{a['tag']} class='{a['cls']}'> «{a['text']}»: outline "
                    f"{a['outlineStyle']} {a['outlineWidth']} {a['outlineColor']}"
                )
        else:
            problems.append(f"{kind} {path}: more than 200 Tab stops, focus never left the page")
    assert checked >= 10, f"only {checked} Tab stops on the sample pages"
    assert not problems, f"focus not visible ({version} version):\n" + "\n".join(problems)
