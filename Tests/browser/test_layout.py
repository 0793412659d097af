"""What a reader sees first and how the text breaks, on every kind of page of the demo portal
(headless Chromium, axe-core as pinned in the Makefile):

- on a phone (375 × 800 CSS px) the page's h1 starts within the first screen: the menu is a
  closed disclosure there, and it opens without JavaScript;
- on a wide screen (1366 px) the menu is a row of the sections, with the subsections of the
  current section as a second one, and no table cell breaks a word anywhere but at a soft hyphen the build put there
  (each character's line box is compared with the one before it);
- on a wide screen the short fields of a contest or an act stand beside its text;
- axe-core finds no violation, on a wide screen and on a phone.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import axe_violations, first_page, set_viewport

WIDE = 1366
PHONE = (375, 800)


@pytest.fixture(scope="module")
def page_kinds(sample_pages):
    """Every kind of page: the shared sample, and the kinds only this file looks at."""
    return {
        **sample_pages,
        "search": "/search/?q=помещение",
        "sitemap for people": "/sitemap/",
        "feedback": "/feedback/",
        "registry with short values (resource centres)": "/resource-centres/",
        "contacts": "/contacts/",
        "regulation": first_page("regulations/*/index.html"),
        "model act (law)": "/information/model-acts/prilozhenie-1-model-law-podderzhka-sonko/",
        "form document, blank (standalone HTML)": first_page("information/documents/*/*-blank.html"),
        "model act filled (standalone HTML)": first_page("information/model-acts/*/*-sample.html"),
    }


def test_the_h1_is_on_the_first_phone_screen(browser, page_kinds):
    set_viewport(browser, PHONE[0], 1, PHONE[1])
    late = []
    for kind, path in page_kinds.items():
        browser.open(path)
        top = browser.execute_script(
            "const h = document.querySelector('h1'); if (!h) return null;"
            "const r = h.getBoundingClientRect(); return r.height ? r.top + window.scrollY : 0")
        if top is None or top + 40 > PHONE[1]:
            late.append(f"{kind} {path}: h1 at {top} px")
    assert not late, "the page's title is below the first phone screen:\n" + "\n".join(late)


def test_the_phone_menu_opens_without_javascript(browser):
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    set_viewport(browser, PHONE[0], 1, PHONE[1])
    browser.open("/information/documents/")
    link = browser.find_element(By.CSS_SELECTOR, ".site-nav__list a[href$='/information/model-acts/']")
    assert not link.is_displayed()
    browser.find_element(By.CSS_SELECTOR, ".site-nav__toggle").click()
    assert link.is_displayed()
    assert not any(e.is_displayed() for e in browser.find_elements(By.CSS_SELECTOR, ".site-nav__row, .site-nav__local")), \
        "the rows of the wide menu are not repeated on a phone"


def test_the_wide_menu_is_a_compact_row(browser):
    set_viewport(browser, WIDE, 1, 900)
    browser.open("/information/documents/")
    assert not browser.find_element(By.CSS_SELECTOR, ".site-nav__menu").is_displayed()
    row = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".site-nav__row a") if a.is_displayed()]
    assert len(row) >= 8 and "Информация" in row, row
    local = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".site-nav__local a") if a.is_displayed()]
    assert "Модельные акты" in local and "Документы" in local, local
    height = browser.execute_script("return document.querySelector('.site-nav').getBoundingClientRect().height")
    assert height < 200, f"the wide menu is {height} px high"


@pytest.mark.parametrize("path", ["/contests/granty-kazan-2025/", "/regulations/km-rt-289-2021-tsentr-upravleniia-regionom/"])
def test_the_facts_stand_beside_the_text_on_a_wide_screen(browser, path):
    """A contest's or an act's short fields are a column beside its text at 1366 px, so that the
    text starts on the first screen; their tables (winners, amendments) stay in the text's column.
    On a phone the facts come first, above the text."""
    where = ("const box = s => document.querySelector(s).getBoundingClientRect();"
             "const f = box('.facts'), m = box('.page-columns__main'), t = box('.fields--tables');"
             "return {facts: [f.left, f.top], main: [m.left, m.right, m.top], tables: [t.left, t.right]}")
    set_viewport(browser, WIDE, 1, 900)
    browser.open(path)
    wide = browser.execute_script(where)
    assert wide["facts"][0] >= wide["main"][1], f"the facts are not beside the text: {wide}"
    assert abs(wide["facts"][1] - wide["main"][2]) < 40, "the facts start level with the text"
    assert wide["main"][0] <= wide["tables"][0] and wide["tables"][1] <= wide["main"][1] + 1
    set_viewport(browser, PHONE[0], 1, PHONE[1])
    browser.open(path)
    phone = browser.execute_script(where)
    assert phone["facts"][1] < phone["main"][2] and abs(phone["facts"][0] - phone["main"][0]) < 2


def test_the_footer_leads_to_a_sitemap_for_people_with_every_section(browser, site):
    browser.open("/")
    browser.find_element(By.LINK_TEXT, "Карта сайта").click()
    assert browser.current_url.endswith("/sitemap/")
    links = {a.get_attribute("href").split("/", 3)[3] for a in browser.find_elements(By.CSS_SELECTOR, "main a[href]")}
    sections = {p.parent.relative_to(site).as_posix() + "/" for p in site.glob("*/index.html")} - {"sitemap/", "search/"}
    assert sections <= links, f"sections missing from the sitemap: {sections - links}"


# Line boxes of every character of each text node in the cells: a character that starts a new
# line must follow a space, a soft hyphen, a hyphen or dash, or a slash.
BROKEN_WORDS_JS = r"""
const bad = [], range = document.createRange();
for (const cell of document.querySelectorAll('td, th')) {
  if (!cell.getClientRects().length) continue;
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, text = node.data;
    let prevTop = null, prevChar = null;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (/\s/.test(ch) || ch === '\u00AD') { prevChar = ch; continue; }
      range.setStart(node, i); range.setEnd(node, i + 1);
      // a character just after a break may also report an empty box at the end of the line before
      const rects = [...range.getClientRects()].filter(r => r.width > 0);
      if (!rects.length) continue;
      const top = rects[rects.length - 1].top;
      if (prevTop !== null && top > prevTop + 2 && !/[\s\u00AD\-–—\/]/.test(prevChar)) {
        bad.push(JSON.stringify(text.slice(Math.max(0, i - 12), i) + '|' + text.slice(i, i + 12)));
      }
      prevTop = top; prevChar = ch;
    }
  }
}
return bad.slice(0, 8);
"""


def test_no_table_cell_breaks_a_word_without_a_hyphen(browser, page_kinds):
    set_viewport(browser, WIDE, 1, 900)
    problems = []
    for kind, path in page_kinds.items():
        browser.open(path)
        bad = browser.execute_script(BROKEN_WORDS_JS)
        if bad:
            problems.append(f"{kind} {path}: " + ", ".join(bad))
    assert not problems, "words broken without a hyphen at 1366 px:\n" + "\n".join(problems)


@pytest.mark.parametrize("width", [WIDE, PHONE[0]], ids=["1366px", "375px"])
def test_axe_finds_no_violation_on_any_page_kind(browser, page_kinds, width):
    set_viewport(browser, width, 1, 900)
    problems = []
    for kind, path in page_kinds.items():
        browser.open(path)
        if path.startswith("/search/"):
            WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".search-result"))
        for rule, help_text, nodes in axe_violations(browser):
            problems.append(f"{kind} {path}: {rule} — {help_text}: {nodes}")
    assert not problems, f"axe-core at {width} px:\n" + "\n".join(problems)


def test_feedback_is_sent_only_with_consent_as_a_letter_to_the_moderator(browser):
    browser.open("/feedback/")
    form = browser.find_element(By.CSS_SELECTOR, "form[data-feedback]")
    assert form.get_attribute("action") == "mailto:nko@example.org", "without a feedback_endpoint: the moderator's e-mail"
    consent = browser.find_element(By.CSS_SELECTOR, "label[for=feedback-consent]").text
    assert "152-ФЗ" in consent and "Министерство экономики Республики Татарстан" in consent
    browser.find_element(By.ID, "feedback-message").send_keys("Добавьте, пожалуйста, календарь семинаров.")
    button = browser.find_element(By.CSS_SELECTOR, "form[data-feedback] button[type=submit]")
    button.click()
    status = browser.find_element(By.CSS_SELECTOR, "[data-feedback-status]")
    assert status.text == "", "nothing is composed before the consent is given"
    assert browser.execute_script("return document.getElementById('feedback-consent').validity.valueMissing")
    browser.find_element(By.ID, "feedback-consent").click()
    button.click()
    link = WebDriverWait(browser, 5).until(lambda b: b.find_elements(By.CSS_SELECTOR, "[data-feedback-status] a"))[0]
    href = link.get_attribute("href")
    assert href.startswith("mailto:nko@example.org?subject=")
    query = parse_qs(urlsplit(href).query)
    assert query["subject"] == ["Обращение с портала: Работа портала"]
    assert "Добавьте, пожалуйста, календарь семинаров." in query["body"][0]
