"""The registries of the built demo portal: open data, feeds, calendars, filters and search.

- every registry's CSV (RFC 4180, read by Python's csv module) and JSON parse back to the same
  records, typed by the field types of its datapackage.json (Frictionless Data Package);
- the demo data is as plentiful as the registries issue asks, and every invented record is
  marked as an example on its page;
- the Atom feeds parse with feedparser without errors and carry the elements RFC 4287 requires;
- the portal's calendar and every «добавить в календарь» file parse with the icalendar library
  and carry what RFC 5545 requires, in lines of at most 75 octets ending in CRLF;
- in headless Chromium: the filters narrow the listing, keep their state in the address and
  restore it; the search page finds property pages for «помещение» and its other word forms.
"""

import csv
import html
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import feedparser
import pytest
import icalendar
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import REPO

SEEDS = REPO.parent / "shared" / "seeds"


def packages(site):
    """The registries' data packages (a contest's results have one of their own beside its page)."""
    found = sorted(p for p in site.rglob("datapackage.json") if (p.parent / "data.csv").is_file())
    assert len(found) >= 9, f"only {len(found)} registries publish open data"
    return found


def typed(text, field):
    """A CSV cell as the value its Frictionless field type says."""
    kind = field["type"]
    if kind == "integer":
        return int(text)
    if kind == "number":
        return Decimal(text)
    if kind == "boolean":
        assert text in ("true", "false"), text
        return text == "true"
    if kind in ("array", "object"):
        return json.loads(text, parse_float=Decimal)
    # A text a spreadsheet would run as a formula carries an apostrophe (datapackage.json says so).
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        return text[1:]
    assert text[:1] not in ("=", "+", "-", "@", "\t", "\r"), f"a formula in a CSV cell: {text!r}"
    return text


def records(site, registry):
    package = json.loads((site / registry / "datapackage.json").read_text("utf-8"))
    return json.loads((site / registry / "data.json").read_text("utf-8"), parse_float=Decimal), package


def test_csv_and_json_exports_parse_back_to_the_same_records(site):
    for path in packages(site):
        package = json.loads(path.read_text("utf-8"))
        folder = path.parent
        csv_resource, json_resource = package["resources"]
        fields = {f["name"]: f for f in csv_resource["schema"]["fields"]}
        raw = (folder / csv_resource["path"]).read_bytes()
        assert raw.endswith(b"\r\n") and raw.count(b"\r\n") > 1, f"{folder.name}: records end in CRLF"
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
        assert list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")).fieldnames) == list(fields)
        from_csv = [{k: typed(v, fields[k]) for k, v in row.items() if v != ""} for row in rows]
        from_json = json.loads((folder / json_resource["path"]).read_text("utf-8"), parse_float=Decimal)
        assert from_csv == from_json, f"{folder.name}: CSV and JSON differ"
        for record in from_json:
            for name, field in fields.items():
                if field.get("constraints", {}).get("required"):
                    assert name in record, f"{folder.name}/{record['slug']}: no {name}"
                if name in record and "enum" in field.get("constraints", {}):
                    assert record[name] in field["constraints"]["enum"]
            if "url" in record:
                page = site / record["url"].split("/", 3)[3] / "index.html"
                assert page.is_file(), f"{record['url']} is not a page of the site"


def test_every_field_is_described_in_russian_and_our_additions_are_marked(site):
    own = {}
    for path in packages(site):
        for field in json.loads(path.read_text("utf-8"))["resources"][0]["schema"]["fields"]:
            assert field["title"] and re.search("[а-яА-Я]", field["title"]), f"{path}: {field['name']} has no Russian title"
            assert "nko:own" in field or field["name"] == "url"
            own.setdefault(path.parent.name, set()).update([field["name"]] if field.get("nko:own") else [])
    assert {"status", "notice"} <= own["property"]
    assert "phone" in own["resource-centres"]


def test_the_demo_data_is_plentiful_and_examples_are_marked(site):
    prop, _ = records(site, "property")
    assert len(prop) >= 30 and len({r["municipality"] for r in prop}) >= 5
    contests, _ = records(site, "contests")
    assert len(contests) >= 6
    assert {r["status"] for r in contests} == {"announced", "accepting", "review", "results", "cancelled"}
    assert {r["kind"] for r in contests} == {"subsidies", "grants", "info-projects", "property"}
    assert len(records(site, "resource-centres")[0]) >= 6
    assert len(records(site, "organizations")[0]) >= 5
    assert len(records(site, "press/news")[0]) >= 5 and len(records(site, "press/events")[0]) >= 5
    # Contacts of every executive body that seed 000 lists in point 1.4.
    bodies = [line.strip().rstrip(";") for line in
              (next(SEEDS.glob("000_*.txt"))).read_text("utf-8").splitlines()
              if re.match(r"^(Министерство|Республиканское агентство)", line.strip())]
    assert len(bodies) == 11
    contacts = {r["title"] for r in records(site, "contacts")[0]}
    assert set(bodies) <= contacts, set(bodies) - contacts
    # Every invented record says so on its page, and only those.
    for path in packages(site):
        for record in json.loads((path.parent / "data.json").read_text("utf-8")):
            if "url" not in record:
                continue
            page = (site / record["url"].split("/", 3)[3] / "index.html").read_text("utf-8")
            assert ("notice--example" in page) == bool(record.get("example")), record["url"]


def test_the_support_programmes_are_open_data_with_the_one_that_seed_000_names(site):
    """001 asks the portal to inform about regional, inter-municipal and municipal programmes; 000
    names one (the 2014–2021 subprogramme): it is there as published, the invented ones are marked."""
    programmes, package = records(site, "information/programmes")
    seed = next(SEEDS.glob("000_*.txt")).read_text("utf-8").replace("\u00a0", " ")
    real = [r for r in programmes if not r.get("example")]
    assert [r["title"] for r in real] == ["Поддержка социально ориентированных некоммерческих организаций в Республике Татарстан на 2014-2021 годы"]
    assert f"«{real[0]['title']}»" in seed
    assert real[0]["approved_by"].split(" от ", 1)[1] in seed, "the approving act is the one the source names"
    assert {"regional", "municipal"} <= {r["level"] for r in programmes}
    # The model law's contents of a programme (001, art. 7 part 5): measures by form, funding, mechanisms.
    fields = {f["name"] for f in package["resources"][0]["schema"]["fields"]}
    assert {"measures", "funding", "mechanisms", "progress", "period", "approved_by"} <= fields
    assert any(r.get("measures") and r.get("funding") for r in programmes if r.get("example"))


@pytest.mark.parametrize("page, table, rows", [
    ("regulations/tambov-145-r-2011-plan", "plan", 43),            # 003: the plan of measures
    ("regulations/smolensk-dorozhnaia-karta-nko", "plan", 34),     # 004: the roadmap
    ("regulations/km-rt-289-2021-tsentr-upravleniia-regionom", "composition", None),  # 002: the project office
])
def test_the_structured_tables_of_the_regulations_are_open_data(site, page, table, rows):
    folder = site / page
    package = json.loads((folder / "datapackage.json").read_text("utf-8"))
    resource = next(r for r in package["resources"] if r["path"] == f"{table}.csv")
    columns = [f["name"] for f in resource["schema"]["fields"]]
    assert all(f["title"] for f in resource["schema"]["fields"]), "every column has a Russian title"
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as f:
        records = list(csv.DictReader(f))
    assert list(records[0].keys()) == columns
    if rows is not None:
        assert len(records) == rows, "a row per measure and sub-measure"
    else:
        assert len(records) > 10 and {"chair", "member"} <= {r["role"] for r in records}
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    assert json.loads((folder / f"{table}.json").read_text("utf-8"), parse_float=Decimal) == [
        {k: typed(v, fields[k]) for k, v in r.items() if v != ""} for r in records], "JSON has the CSV's values, typed"
    html = (folder / "index.html").read_text("utf-8")
    assert f'href="/{page}/{table}.csv" download>CSV</a>' in html, "the page links its open data"


def test_atom_feeds_are_well_formed_with_the_required_elements(site):
    feeds = sorted(site.rglob("feed.xml"))
    registries = {"contests", "press/news", "press/events"}
    assert {p.parent.relative_to(site).as_posix() for p in feeds} == registries | {"."}
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
        assert parsed.version == "atom10"
        feed = parsed.feed
        assert feed.id and feed.title and feed.updated and feed.author
        assert any(link.rel == "self" for link in feed.links)
        registry = path.parent.relative_to(site).as_posix()
        if registry == ".":
            # the portal's feed: the newest of all the registries' entries, every registry in it
            total = sum(len(records(site, r)[0]) for r in registries)
            assert len(parsed.entries) == min(total, 50)
            assert {entry.link.split("/")[3] for entry in parsed.entries} >= {"contests", "press"}
        else:
            assert len(parsed.entries) == len(records(site, registry)[0])
        for entry in parsed.entries:
            assert entry.id and entry.title and entry.updated and entry.link.startswith("https://")
        stamps = [entry.updated for entry in parsed.entries]
        assert stamps == sorted(stamps, reverse=True), f"{path}: newest first"


def test_every_page_links_the_portals_feed_and_the_home_page_shows_the_latest_news(site):
    for page in (site / "index.html", site / "press/news/index.html", site / "404.html"):
        text = page.read_text("utf-8")
        assert '<link rel="alternate" type="application/atom+xml" title="Все обновления' in text, page
        assert 'href="/feed.xml">Все обновления портала (лента Atom)</a>' in text, page
    news = sorted(records(site, "press/news")[0], key=lambda r: r["date"], reverse=True)[:5]
    home = (site / "index.html").read_text("utf-8")
    latest = home[home.index('id="latest-heading"'):]
    positions = [latest.index(html.escape(record["title"], quote=False)) for record in news]
    assert positions == sorted(positions), "the five latest news, newest first"


def calendars(site):
    files = sorted(site.rglob("*.ics"))
    assert (site / "calendar.ics") in files and len(files) > 10
    return files


def test_calendars_are_valid_icalendar(site):
    for path in calendars(site):
        raw = path.read_bytes()
        lines = raw.split(b"\r\n")
        assert lines[-1] == b"" and all(b"\n" not in line for line in lines), f"{path}: CRLF line ends"
        assert all(len(line) <= 75 for line in lines), f"{path}: a line longer than 75 octets"
        calendar = icalendar.Calendar.from_ical(raw)
        assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
        events = calendar.walk("VEVENT")
        assert events, path
        uids = [str(event["UID"]) for event in events]
        assert len(uids) == len(set(uids)), f"{path}: UIDs repeat"
        for event in events:
            for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
                assert required in event, f"{path}: {required} missing"
    whole = icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes())
    summaries = [str(e["SUMMARY"]) for e in whole.walk("VEVENT")]
    assert any(s.startswith("Окончание приёма заявок: ") for s in summaries)
    # A deadline on 31 December 2026, a day off: the event says where it moves.
    moved = [e for e in whole.walk("VEVENT") if "ст. 193 ГК РФ" in str(e.get("DESCRIPTION", ""))]
    assert moved and all(e["DTSTART"].dt.strftime("%m-%d") == "12-31" for e in moved)


def visible_rows(browser):
    return [row for row in browser.find_elements(By.CSS_SELECTOR, "[data-registry-row]") if row.is_displayed()]


def test_filters_narrow_the_listing_and_live_in_the_address(browser):
    browser.open("/property/")
    total = len(browser.find_elements(By.CSS_SELECTOR, "[data-registry-row]"))
    assert len(visible_rows(browser)) == total >= 30
    Select(browser.find_element(By.ID, "filter-status")).select_by_value("free")
    rows = visible_rows(browser)
    assert 0 < len(rows) < total
    assert all("|free|" in row.get_attribute("data-f-status") for row in rows)
    assert browser.current_url.endswith("/property/?status=free")
    assert browser.find_element(By.CSS_SELECTOR, "[data-registry-count]").text == f"Найдено: {len(rows)} из {total}"
    # Sort links keep the filter; the address restores it.
    assert browser.find_element(By.CSS_SELECTOR, "[data-sort-link]").get_attribute("href").endswith("?status=free")
    browser.open("/property/?status=free&municipality=kazan")
    rows = visible_rows(browser)
    assert rows and all("|kazan|" in row.get_attribute("data-f-municipality") for row in rows)
    assert Select(browser.find_element(By.ID, "filter-municipality")).first_selected_option.get_attribute("value") == "kazan"
    # Groups without a matching row are hidden with their heading.
    headings = [h for h in browser.find_elements(By.CSS_SELECTOR, ".registry-group__title") if h.is_displayed()]
    assert len(headings) == 1 and headings[0].text.startswith("город Казань")
    # Free text.
    browser.open("/contests/?q=" + "информационных")
    assert 0 < len(visible_rows(browser)) < len(browser.find_elements(By.CSS_SELECTOR, "[data-registry-row]"))


def test_without_javascript_the_whole_list_shows_and_sorting_is_links(browser):
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    browser.open("/contests/?status=results")
    assert not browser.find_element(By.CSS_SELECTOR, "[data-registry-filters]").is_displayed()
    rows = browser.find_elements(By.CSS_SELECTOR, "[data-registry-row]")
    assert len(visible_rows(browser)) == len(rows)
    # the header's text without the soft hyphens the build put into it
    link = browser.find_element(By.XPATH, "//th/a[starts-with(translate(normalize-space(), '\u00ad', ''), 'Общий объём средств')]")
    link.click()
    assert browser.current_url.endswith("/contests/sort/fund/")
    cells = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "td[data-label^='Общий объём']")]
    funds = [Decimal(re.sub(r"[^\d,]", "", text).replace(",", ".")) for text in cells if text != "—"]
    assert len(funds) > 3 and funds == sorted(funds)
    assert cells[len(funds):] == ["—"] * (len(cells) - len(funds)), "records without the value go last"


def search(browser, query):
    browser.open("/search/?q=" + query)
    WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".search-result__title a"))
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, ".search-result__title a")]
    marked = {m.text.lower() for m in browser.find_elements(By.CSS_SELECTOR, ".search-result mark")}
    return links, marked


def test_search_page_carries_the_query_and_counts_the_results(browser):
    links, _ = search(browser, "помещение")
    assert browser.find_element(By.ID, "search-query").get_attribute("value") == "помещение"
    assert browser.find_element(By.ID, "site-search-input").get_attribute("value") == "помещение"
    status = browser.find_element(By.CSS_SELECTOR, "[data-search-status]").text
    assert re.fullmatch(r"По запросу «помещение» найден[аоы] \d+ страниц[аы]?\.", status), status
    assert len(links) <= 10, "results come ten at a time"
    more = browser.find_element(By.CSS_SELECTOR, "[data-search-more]")
    total = int(re.search(r"\d+", status).group())
    assert more.is_displayed() == (total > 10)
    if total > 10:
        more.click()
        WebDriverWait(browser, 10).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, ".search-result")) > 10)
        assert browser.switch_to.active_element.get_attribute("href") == \
            browser.find_elements(By.CSS_SELECTOR, ".search-result__title a")[10].get_attribute("href")


def test_search_finds_words_the_build_hyphenated(browser, site):
    # A word found on the portal only with the soft hyphens of a table cell («меж\xadве\xadдом…»).
    hyphenated, whole = set(), set()
    for page in site.rglob("*.html"):
        if "pagefind" in page.parts:
            continue
        text = html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))).lower()
        for word in re.findall(r"[а-яё\u00ad]{12,}", text):
            (hyphenated if "\u00ad" in word else whole).add(word.replace("\u00ad", ""))
    only_hyphenated = sorted(hyphenated - whole)
    assert only_hyphenated, "no long word is hyphenated in a table cell of the demo portal"
    links, _ = search(browser, only_hyphenated[0])
    assert links, f"«{only_hyphenated[0]}» is not found"


def test_search_page_says_when_nothing_is_found(browser):
    browser.open("/search/?q=" + "ъъъщщщ")
    WebDriverWait(browser, 20).until(lambda b: "ничего не найдено" in b.find_element(By.CSS_SELECTOR, "[data-search-status]").text)
    assert not browser.find_elements(By.CSS_SELECTOR, ".search-result")


def test_search_finds_property_pages(browser):
    links, marked = search(browser, "помещение")
    assert any("/property/" in href for href in links), links
    assert "помещение" in marked


def test_search_knows_russian_word_forms(browser):
    # «помещениями» occurs nowhere on the portal: only stemming finds «помещение», «помещения» …
    links, marked = search(browser, "помещениями")
    assert any("/property/" in href for href in links), links
    assert marked and all(word.startswith("помещени") and word != "помещениями" for word in marked), marked
