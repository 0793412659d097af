"""Forms filled on their pages, in headless Chromium: the forms engine compiled to WebAssembly
gives the same document and the same messages as `nko form render` / `nko form check`.

For each form of the library (its page on the demo portal):
- its sample.yaml loaded through «Загрузить ответы» (and, for two forms, typed into the fields)
  gives an ODT whose content.xml, styles.xml and meta.xml are byte-identical to those of
  `nko form render ID --data sample.yaml --now 2026-11-23`;
- its invalid sample (Tests/FormsTests/Samples) shows exactly the (field, message) pairs that
  `nko form check` prints;
- after the engine has loaded, nothing is requested from the network;
- axe-core (4.9.1, from selenium-axe-python) finds no violation, at 1280 and at 375 CSS px.
"""

import json
import os
import re
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from selenium.webdriver.common.by import By

from conftest import REPO, SITE, axe_violations, set_viewport

NKO = Path(os.environ.get("NKO_BIN", REPO / ".build" / "debug" / "nko"))
NOW = "2026-11-23"
PARTS = ("content.xml", "styles.xml", "meta.xml")
TYPED = ("tax-benefit-letter", "property-notice")  # filled key by key, not from a file


LIBRARY = sorted(p.name for p in (REPO / "content" / "_forms").iterdir() if (p / "form.yaml").is_file())


def form_pages():
    """form id → the address of its page, from the built site (model acts are forms too: test_acts)."""
    pages = {}
    for page in sorted(SITE.rglob("*.html")):
        match = re.search(r'<form class="answers" data-form="([a-z0-9-]+)"', page.read_text(encoding="utf-8"))
        if match:
            pages[match.group(1)] = "/" + page.relative_to(SITE).as_posix().removesuffix("index.html")
    return pages


FORMS = {form_id: page for form_id, page in form_pages().items() if form_id in LIBRARY}


def test_every_form_of_the_library_has_a_page_to_fill_it():
    assert sorted(FORMS) == LIBRARY, "a form page without the form to fill (was the engine built? make engine)"


def open_form(browser, form_id, downloads=None, pages=None):
    browser.open((pages or FORMS)[form_id])
    browser.execute_script("window.localStorage.clear()")
    browser.refresh()
    for _ in range(100):
        if browser.execute_script("return !!(window.nkoForm && window.nkoForm.ready)"):
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"{form_id}: the forms engine did not start")
    browser.execute_script("window.nkoToday = arguments[0]; window.nkoResources = performance.getEntriesByType('resource').length", NOW)
    if downloads is not None:
        browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})


def load_answers(browser, path):
    browser.find_element(By.CSS_SELECTOR, "input.answers-load").send_keys(str(path))
    time.sleep(0.3)


def download_odt(browser, downloads):
    before = set(downloads.glob("*.odt"))
    browser.find_element(By.CSS_SELECTOR, "button.answers-odt").click()
    for _ in range(100):
        new = [p for p in set(downloads.glob("*.odt")) - before if p.stat().st_size > 0]
        if new:
            time.sleep(0.2)
            return new[0]
        time.sleep(0.1)
    problems = browser.execute_script("return window.nkoForm.problems()")
    pytest.fail(f"no ODT downloaded; the page shows: {problems}")


def nko_parts(form_id, tmp_path):
    out = tmp_path / f"{form_id}-nko.odt"
    subprocess.run([str(NKO), "form", "render", form_id, "--format", "odt", "--now", NOW,
                    "--data", str(REPO / "content" / "_forms" / form_id / "sample.yaml"), "--out", str(out)],
                   cwd=REPO, check=True, capture_output=True)
    with zipfile.ZipFile(out) as z:
        return {name: z.read(name) for name in PARTS}


def requests_since_ready(browser):
    # The favicon is fetched by the browser itself whenever it gets round to it, not by the page.
    return browser.execute_script(
        "return performance.getEntriesByType('resource').slice(window.nkoResources)"
        ".map(e => e.name).filter(n => !n.endsWith('/favicon.svg'))")


@pytest.mark.parametrize("form_id", sorted(FORMS))
def test_the_sample_loaded_from_a_file_gives_nkos_document(browser, form_id, tmp_path):
    open_form(browser, form_id, downloads=tmp_path)
    load_answers(browser, REPO / "content" / "_forms" / form_id / "sample.yaml")
    odt = download_odt(browser, tmp_path)
    with zipfile.ZipFile(odt) as z:
        assert z.namelist()[0] == "mimetype" and z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        page = {name: z.read(name) for name in PARTS}
    expected = nko_parts(form_id, tmp_path)
    for name in PARTS:
        assert page[name] == expected[name], f"{form_id}: {name} differs from nko form render"
    assert requests_since_ready(browser) == [], "the page asked the network for something after it loaded"


def fill_by_typing(browser, answers, prefix="f-"):
    """Types the answers into the fields as a person would: rows added with the button."""
    for name, value in answers.items():
        element_id = prefix + name
        if isinstance(value, dict):
            fill_by_typing(browser, value, element_id + "-")
        elif isinstance(value, list):
            add = browser.find_element(By.CSS_SELECTOR, f"#{element_id} > .answers__add")
            while len(browser.find_elements(By.CSS_SELECTOR, f"#{element_id} .answers__row")) < len(value):
                add.click()
            for index, row in enumerate(value, 1):
                if isinstance(row, dict):
                    fill_by_typing(browser, row, f"{element_id}-{index}-")
                else:
                    type_value(browser, f"{element_id}-{index}", row)
        else:
            type_value(browser, element_id, value)


def type_value(browser, element_id, value):
    text = value if isinstance(value, str) else ("true" if value is True else "false" if value is False else str(value))
    radios = [r for r in browser.find_elements(By.CSS_SELECTOR, f"input[type=radio][name='{element_id}']")
              if r.get_attribute("value") == text]
    if radios:
        radios[0].click()
        return
    element = browser.find_element(By.ID, element_id)
    kind = element.get_attribute("type")
    if kind in ("date", "datetime-local") or element.tag_name == "select":
        # The browser's own date picker is not typed into; its value is set as a picker would.
        browser.execute_script(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
            "arguments[0].dispatchEvent(new Event('change', {bubbles: true}))", element, text.replace(" ", "T"))
    else:
        element.clear()
        element.send_keys(text)


@pytest.mark.parametrize("form_id", TYPED)
def test_the_sample_typed_into_the_fields_gives_nkos_document(browser, form_id, tmp_path):
    open_form(browser, form_id, downloads=tmp_path)
    sample = yaml.load((REPO / "content" / "_forms" / form_id / "sample.yaml").read_text(encoding="utf-8"),
                       Loader=yaml.BaseLoader)  # every scalar as its text, as the page holds it
    fill_by_typing(browser, sample)
    odt = download_odt(browser, tmp_path)
    with zipfile.ZipFile(odt) as z:
        page = {name: z.read(name) for name in PARTS}
    expected = nko_parts(form_id, tmp_path)
    for name in PARTS:
        assert page[name] == expected[name], f"{form_id}: {name} differs from nko form render"
    assert requests_since_ready(browser) == []


@pytest.mark.parametrize("form_id", sorted(FORMS))
def test_an_invalid_sample_shows_the_problems_of_nko_form_check(browser, form_id):
    invalid = REPO / "Tests" / "FormsTests" / "Samples" / f"{form_id}-invalid.yaml"
    open_form(browser, form_id)
    load_answers(browser, invalid)
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('.answers-summary li > *')).map(e => [e.dataset.path, e.textContent])")
    result = subprocess.run([str(NKO), "form", "check", form_id, "--data", str(invalid), "--format", "json"],
                            cwd=REPO, capture_output=True, text=True)
    expected = {(d.get("path", ""), d["message"]) for d in json.loads(result.stdout)}
    assert expected, f"{form_id}: the invalid sample has no problems"
    assert {tuple(p) for p in shown} == expected
    # Each message with a field is also beside that field, which is marked invalid.
    for path, message in expected:
        if path:
            assert browser.execute_script(
                "return Array.from(document.querySelectorAll('.answers__error:not([hidden])')).some(e => e.textContent.includes(arguments[0]))",
                message), f"{form_id}: «{message}» is not shown at its field {path}"
    assert requests_since_ready(browser) == []


def test_the_summary_links_to_the_field_and_takes_the_focus(browser):
    open_form(browser, "subsidy-application")
    browser.find_element(By.CSS_SELECTOR, "form.answers button[type=submit]").click()
    assert browser.execute_script("return document.activeElement.classList.contains('answers-summary')")
    link = browser.find_element(By.CSS_SELECTOR, ".answers-summary a[data-path='inn']")
    link.click()
    assert browser.execute_script("return document.activeElement.id") == "f-inn"


def test_answers_survive_a_reload_and_clear_removes_them(browser):
    open_form(browser, "tax-benefit-letter")
    field = browser.find_element(By.CSS_SELECTOR, "form.answers input[type=text]")
    field.send_keys("Проверка черновика")
    time.sleep(0.8)
    assert "Черновик сохранён" in browser.find_element(By.CSS_SELECTOR, ".answers-draft").text
    browser.refresh()
    for _ in range(100):
        if browser.execute_script("return !!(window.nkoForm && window.nkoForm.ready)"):
            break
        time.sleep(0.1)
    field = browser.find_element(By.CSS_SELECTOR, "form.answers input[type=text]")
    assert field.get_attribute("value") == "Проверка черновика"
    browser.execute_script("window.confirm = () => true")
    browser.find_element(By.CSS_SELECTOR, ".answers-clear").click()
    assert field.get_attribute("value") == ""
    assert browser.execute_script("return localStorage.length") == 0


def test_without_javascript_the_page_offers_the_blank_and_says_how(browser):
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    browser.open(FORMS["subsidy-application"])
    assert not browser.find_element(By.CSS_SELECTOR, "form.answers").is_displayed()
    assert "включите в браузере JavaScript" in browser.find_element(By.CSS_SELECTOR, ".answers-nojs").text
    assert browser.find_element(By.PARTIAL_LINK_TEXT, "Бланк в формате ODT").is_displayed()


@pytest.mark.parametrize("width", (1280, 375))
@pytest.mark.parametrize("form_id", sorted(FORMS))
def test_axe_finds_no_violation_on_the_form_page(browser, form_id, width):
    set_viewport(browser, width, 1)
    open_form(browser, form_id)
    browser.find_element(By.CSS_SELECTOR, "form.answers button[type=submit]").click()  # the summary and messages too
    result = axe_violations(browser)
    assert result == [], f"{form_id} at {width}px: {result}"


def test_personal_data_is_never_published_nor_kept_in_the_draft(browser):
    """`personal: true` fields (a passport, an address): the sample on the portal prints lines in
    their place, and the page's draft in localStorage leaves them out."""
    form_id = "hearing-initiative-members"
    sample = yaml.load((REPO / "content" / "_forms" / form_id / "sample.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    folder = SITE / FORMS[form_id].strip("/")
    html = (folder / f"{form_id}-sample.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(folder / f"{form_id}-sample.odt") as z:
        content = z.read("content.xml").decode("utf-8")
    for member in sample["members"]:
        for published in (html, content):
            assert member["name"] in published
            assert member["passport"] not in published and member["address"] not in published
    open_form(browser, form_id)
    type_value(browser, "f-members-1-name", "Иванова Мария Петровна")
    type_value(browser, "f-members-1-passport", "92 04 123456")
    time.sleep(0.8)
    draft = browser.execute_script("return localStorage.getItem('nko-answers:' + arguments[0])", form_id)
    assert "Иванова" in draft and "123456" not in draft
    assert "не публикует" in browser.find_element(By.ID, "f-members-1-passport-hint").text
