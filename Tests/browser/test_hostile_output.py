"""The demo portal built with hostile values in every kind of field (markup, formulas, calendar
lines, quotes, Mustache tags, long lines) — the build succeeds, and every output stays what it
claims to be: no executable vector in any HTML page, every Atom and XML file well-formed, every
`.ics` parses with exactly the events of the clean build, every CSV cell neutral, every JSON parses.

The payloads reach the pages (each is found escaped); the build runs the debug `nko` (NKO_BINARY to
use another) on two copies of the demo portal, clean and hostile.
"""

import csv
import io
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import feedparser
import icalendar
import pytest

from conftest import REPO

BINARY = os.environ.get("NKO_BINARY", str(REPO / ".build" / "debug" / "nko"))
# With the forms engine the form pages carry their definitions (make test builds it first).
ENGINE = os.environ.get("NKO_FORMS_ENGINE", str(REPO / ".build" / "debug" / "nko-forms.wasm"))

# The values as they are meant (written into YAML as quoted strings); no control characters: those
# are build errors by design.
SCRIPT = "<script>alert('nko-1')</script>"
ATTRIBUTE = "\"><img src=x onerror=alert('nko-2')>"
CALENDAR = "Казань\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:nko-3;,\\ " + "длинная строка " * 8
FORMULA = '=HYPERLINK("http://evil.example/","nko-4")'
MUSTACHE = "{{site.title}} {{{page.body}}} nko-5"
CDATA = "]]><x>&amp;</x> nko-6"
HOSTILE = [SCRIPT, ATTRIBUTE, CALENDAR, FORMULA, MUSTACHE, CDATA]
# Markdown bodies: inert raw HTML tags are dropped with a warning (a script or a scripted link is a
# build error, tested elsewhere); links and images with script addresses.
BODY = ("\n\n[ссылка](javascript:alert('nko-7')) [вторая](JaVaScRiPt:alert(1)) "
        "[данные](data:text/html;base64,PHNjcmlwdD4=) <img src=x onerror=alert('nko-8')>\n"
        "`<script>` &lt;script&gt; ![картинка](javascript:alert(1))\n")


def build(root, out):
    run = subprocess.run([BINARY, "build", "--now", "2026-11-23", "--root", str(root), "--out", str(out),
                          "--forms-engine", ENGINE], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stderr


def copy_portal(target):
    target.mkdir()
    for name in ("portal.yaml", "content", "templates"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)


def set_field(text, name, value, count=1):
    """Replaces the value of `name:` (a whole line, in front matter or a data file) `count` times."""
    pattern = re.compile(rf"^(\s*-?\s*{name}: ).*$", re.MULTILINE)
    return pattern.sub(lambda m: m.group(1) + yaml_string(value), text, count=count)


def yaml_string(value):
    """A YAML double-quoted string: a JSON string is one."""
    return json.dumps(value, ensure_ascii=False)


def poison(root):
    """Hostile values in titles, descriptions, places, stage titles, organisers and bodies."""
    edits = {
        "content/press/news/forum-sonko-2026-itogi.md": [("title", SCRIPT), ("description", FORMULA)],
        "content/press/events/events.yaml": [("title", ATTRIBUTE), ("place", CALENDAR), ("organiser", MUSTACHE)],
        "content/contests/subsidii-sonko-2026.md": [("title", CALENDAR), ("submission", CDATA)],
        "content/property/almetevskii-raion.yaml": [("title", FORMULA), ("address", SCRIPT)],
        "content/organizations/impuls.md": [("title", MUSTACHE)],
        # Into a form's definition, which its page carries as JSON in a script element.
        "content/_forms/tax-benefit-letter/form.yaml": [("title", SCRIPT), ("hint", CDATA)],
    }
    for path, fields in edits.items():
        file = root / path
        if not file.exists():
            pytest.fail(f"{path}: the demo portal lost a file this test poisons")
        text = file.read_text("utf-8")
        for name, value in fields:
            changed = set_field(text, name, value)
            assert changed != text, f"{path}: no {name}:"
            text = changed
        file.write_text(text, "utf-8")
    # Stage titles of a contest (flow mappings).
    contest = root / "content/contests/subsidii-sonko-2026.md"
    text = contest.read_text("utf-8").replace("{title: Приём заявок,", "{title: " + yaml_string(CALENDAR) + ",", 1)
    contest.write_text(text, "utf-8")
    for path in ["content/press/news/forum-sonko-2026-itogi.md", "content/contests/subsidii-sonko-2026.md"]:
        file = root / path
        file.write_text(file.read_text("utf-8") + BODY, "utf-8")


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    clean, hostile = base / "clean", base / "hostile"
    copy_portal(clean)
    copy_portal(hostile)
    poison(hostile)
    build(clean, base / "clean-site")
    messages = build(hostile, base / "hostile-site")
    return base / "clean-site", base / "hostile-site", messages


class Vectors(HTMLParser):
    """Collects what could run: script elements (other than the portal's own files and JSON data
    blocks that parse to their end tag), event handler attributes, script and data URLs, frames,
    objects, base and refresh tags."""

    OWN_SCRIPTS = ("/assets/", "/pagefind/")
    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.data_block = None  # the text of a <script type="application/json"> being read

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and attributes.get("type") == "application/json" and "src" not in attributes:
            self.data_block = ""  # data, not code (a form's definition): it must be JSON to its end tag
        elif tag == "script" and not any(own in (attributes.get("src") or "") for own in self.OWN_SCRIPTS):
            self.found.append(f"<script {attributes}>")
        if tag in ("iframe", "frame", "object", "embed", "base", "applet"):
            self.found.append(f"<{tag}>")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in self.URL_ATTRIBUTES and value:
                scheme = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.found.append(f"<{tag} {name}={value}>")

    def handle_data(self, data):
        if self.data_block is not None:
            self.data_block += data

    def handle_endtag(self, tag):
        if tag == "script" and self.data_block is not None:
            try:
                json.loads(self.data_block)
            except ValueError:
                self.found.append("<script type=application/json> that is not JSON to its end tag")
            self.data_block = None


def test_the_hostile_portal_builds_and_its_values_reach_the_pages(sites):
    _, site, _ = sites
    pages = "\n".join(p.read_text("utf-8") for p in site.rglob("*.html") if "pagefind" not in p.parts)
    for marker in ("nko-1", "nko-2", "nko-3", "nko-4", "nko-5", "nko-6"):
        assert marker in pages, f"{marker}: the payload never reached a page"
    assert "nko-7" not in pages and "ссылка вторая данные" in pages, "links to scripts keep their text, lose their address"
    assert "&lt;script&gt;alert(&#39;nko-1&#39;)&lt;/script&gt;" in pages or "&lt;script&gt;alert('nko-1')" in pages
    assert "{{site.title}}" in pages, "content is not a template: Mustache tags stay as written"


def test_no_executable_vector_in_any_page(sites):
    _, site, _ = sites
    for page in sorted(site.rglob("*.html")):
        if "pagefind" in page.relative_to(site).parts:
            continue
        parser = Vectors()
        parser.feed(page.read_text("utf-8"))
        assert not parser.found, f"{page.relative_to(site)}: {parser.found}"


def test_every_atom_and_xml_file_is_well_formed(sites):
    _, site, _ = sites
    files = sorted(site.rglob("*.xml"))
    assert any(f.name == "feed.xml" for f in files) and any(f.name == "sitemap.xml" for f in files)
    for file in files:
        ET.parse(file)  # raises on anything not well-formed
        if file.name == "feed.xml":
            feed = feedparser.parse(file.read_bytes())
            assert not feed.bozo, f"{file}: {feed.get('bozo_exception')}"


def events(file):
    calendar = icalendar.Calendar.from_ical(file.read_bytes())
    return [e for e in calendar.walk("VEVENT")]


def test_every_calendar_has_exactly_the_events_of_the_clean_build(sites):
    clean, site, _ = sites
    files = sorted(p.relative_to(clean) for p in clean.rglob("*.ics"))
    assert files == sorted(p.relative_to(site) for p in site.rglob("*.ics"))
    assert len(files) > 10
    for path in files:
        raw = (site / path).read_bytes()
        assert all(len(line) <= 75 for line in raw.split(b"\r\n")), f"{path}: a line over 75 octets"
        assert b"\n" not in raw.replace(b"\r\n", b""), f"{path}: a bare line break"
        assert len(events(site / path)) == len(events(clean / path)), f"{path}: events added or lost"
        for line in raw.decode("utf-8").replace("\r\n ", "").split("\r\n"):
            assert not line.startswith(("SUMMARY:nko-3", "X-")) or line.startswith("X-WR-"), f"{path}: {line}"
    seminar = events(site / "press/events/seminar-podgotovka-proekta/seminar-podgotovka-proekta.ics")[0]
    assert str(seminar["LOCATION"]).startswith("Казань\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:nko-3;,\\ ")


def test_every_csv_cell_is_neutral_and_every_json_parses(sites):
    _, site, _ = sites
    for package_file in sorted(site.rglob("datapackage.json")):
        package = json.loads(package_file.read_text("utf-8"))
        resource = package["resources"][0]
        numeric = {f["name"] for f in resource["schema"]["fields"] if f["type"] in ("integer", "number")}
        rows = list(csv.DictReader(io.StringIO((package_file.parent / resource["path"]).read_text("utf-8"), newline="")))
        for row in rows:
            for name, cell in row.items():
                if cell and name not in numeric:
                    assert cell[0] not in "=+-@\t\r", f"{package_file.parent.name}/{row.get('slug')}: {name}={cell!r}"
    for file in sorted(site.rglob("*.json")):
        json.loads(file.read_text("utf-8"))
    news = json.loads((site / "press/news/data.json").read_text("utf-8"))
    assert any(r.get("title") == "<script>alert('nko-1')</script>" for r in news), "JSON keeps values exact"
