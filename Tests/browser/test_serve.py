"""`nko serve` in headless Chromium: a page reloads by itself after a content edit, a broken edit
shows the build's messages over the last good page, and fixing it takes them away; the server
gives nothing outside the site (raw requests with `..`, encoded traversal and symbolic links).

The server runs the debug build (NKO_BINARY to use another) on a copy of the demo portal, on a
free port of 127.0.0.1.
"""

import http.client
import os
import re
import shutil
import socket
import subprocess
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPO

BINARY = os.environ.get("NKO_BINARY", str(REPO / ".build" / "debug" / "nko"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve")
    for name in ("portal.yaml", "content", "templates"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    port = free_port()
    log = root.parent / "serve.log"
    with open(log, "w", encoding="utf-8") as messages:
        server = subprocess.Popen([BINARY, "serve", "--root", str(root), "--port", str(port), "--now", "2026-11-23"],
                                  stdout=subprocess.DEVNULL, stderr=messages, text=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            assert server.poll() is None, log.read_text("utf-8")
            time.sleep(0.3)
    else:
        server.kill()
        pytest.fail("nko serve did not start")
    try:
        yield root, f"http://127.0.0.1:{port}", port, log
    finally:
        server.terminate()
        server.wait(timeout=10)


def raw_status(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("GET", path, skip_accept_encoding=True)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def test_a_content_edit_reloads_the_open_page(driver, served):
    root, base, _, _ = served
    driver.get(base + "/property/")
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    time.sleep(1)  # the page's event stream connects
    driver.execute_script("window.nkoMarker = 1")
    page = root / "content" / "property" / "_index.md"
    page.write_text(page.read_text("utf-8").replace("Перечень формирует", "Перечень (исправлено) формирует"), "utf-8")
    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return window.nkoMarker === undefined"))
    assert "Перечень (исправлено) формирует" in driver.find_element(By.TAG_NAME, "main").text


def test_the_search_index_follows_an_edit_after_the_page_reloads(driver, served):
    """The rebuild publishes the edited page and reloads it without waiting for Pagefind; the index
    is built again after that, in the background, and then finds the new word."""
    root, base, _, log = served
    word = "зюзюкщ"  # no prefix of it is a word of the portal either (Pagefind falls back to those)
    answer = ("const s = document.querySelector('[data-search-status]');"
              "return s && s.textContent.startsWith('По запросу')"
              " ? {links: Array.from(document.querySelectorAll('.search-result__title a')).map(a => a.href)} : null")
    driver.get(base + "/search/?q=" + word)
    assert WebDriverWait(driver, 20).until(lambda d: d.execute_script(answer))["links"] == [], "the word is found before the edit"
    driver.get("about:blank")  # an open page of the portal reloads itself after the rebuild (and goes stale)
    start = log.read_text("utf-8").count("\n")
    page = root / "content" / "press" / "news" / "forum-sonko-2026-itogi.md"
    page.write_text(page.read_text("utf-8").rstrip("\n") + f"\n\nДобавлено: {word}.\n", "utf-8")
    found = []
    for _ in range(60):
        driver.get(base + "/search/?q=" + word)
        found = WebDriverWait(driver, 20).until(lambda d: d.execute_script(answer))["links"]
        if found:
            break
        time.sleep(1)
    assert found and found[0].endswith("/forum-sonko-2026-itogi/"), "the search index does not follow the edit"
    # The rebuild's line comes before the line of the index run that followed it: an index built
    # inside the rebuild says nothing of its own.
    lines = log.read_text("utf-8").splitlines()[start:]
    built = next(i for i, line in enumerate(lines) if line.startswith("Собрано заново страниц"))
    assert any(line.startswith("Поисковый индекс обновлён") for line in lines[built + 1:]), lines


def test_a_broken_edit_shows_the_messages_over_the_last_good_page(driver, served):
    root, base, _, _ = served
    driver.get(base + "/press/news/")
    time.sleep(1)
    broken = root / "content" / "press" / "news" / "broken.md"
    broken.write_text("---\ntitle: \"Без кавычки\n---\nТекст.\n", "utf-8")
    overlay = WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.ID, "nko-error-overlay"))[0]
    assert "content/press/news/broken.md:2:8" in overlay.text
    assert "ошибка синтаксиса YAML" in overlay.text
    assert driver.find_element(By.CSS_SELECTOR, "h1.page-title").text == "Новости", "the last good page stays under it"
    broken.unlink()
    WebDriverWait(driver, 60).until(lambda d: not d.find_elements(By.ID, "nko-error-overlay"))


def test_nothing_outside_the_site_is_served(served):
    root, _, port, _ = served
    planted = [root / "site" / "leak.txt", root / "site" / "up"]
    planted[0].symlink_to(root / "portal.yaml")
    planted[1].symlink_to(root)
    try:
        assert raw_status(port, "/")[0] == 200
        for path in ["/../portal.yaml", "/%2e%2e/portal.yaml", "/press/%2E%2E/%2E%2E/portal.yaml", "/..%2fportal.yaml",
                     "/%2e%2e%2fportal.yaml", "/..%5cportal.yaml", "/leak.txt", "/up/portal.yaml", "/%252e%252e/portal.yaml"]:
            status, body = raw_status(port, path)
            assert status == 404 and b"base_url" not in body, f"{path}: {status}"
    finally:
        for link in planted:
            link.unlink()  # the search index of later rebuilds is not to walk them


def test_links_out_of_the_portal_are_refused_and_never_served(driver, served):
    """A symbolic link in content/, templates/ or templates/assets/ to a file or a folder outside the
    portal stops the build with a message naming it; nothing of its target reaches the site."""
    root, base, port, _ = served
    secret = root.parent / "outside-the-portal"
    (secret / "inner").mkdir(parents=True)
    (secret / "passwd").write_text("NKO-SECRET-MARKER\n", "utf-8")
    (secret / "inner" / "shadow").write_text("NKO-SECRET-MARKER\n", "utf-8")
    links = {
        root / "content" / "about" / "passwd.txt": secret / "passwd",
        root / "content" / "about" / "etc": secret,
        root / "templates" / "assets" / "etc": secret,
        root / "templates" / "assets" / "secret.css": secret / "passwd",
    }
    driver.get(base + "/about/")
    time.sleep(1)
    for link, target in links.items():
        link.symlink_to(target)
    overlay = WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.ID, "nko-error-overlay"))[0]
    WebDriverWait(driver, 30).until(lambda d: overlay.text.count("символическая ссылка ведёт за пределы портала") == len(links))
    assert "content/about/passwd.txt" in overlay.text and "templates/assets/etc" in overlay.text
    for path in ["/about/passwd.txt", "/about/etc/passwd", "/about/etc/inner/shadow", "/assets/etc/passwd",
                 "/assets/etc/inner/shadow", "/assets/secret.css"]:
        status, body = raw_status(port, path)
        assert status == 404 and b"NKO-SECRET-MARKER" not in body, f"{path}: {status}"
    for link in links:
        link.unlink()
    WebDriverWait(driver, 60).until(lambda d: not d.find_elements(By.ID, "nko-error-overlay"))


def test_a_busy_port_is_named_with_the_way_out(served):
    root, _, port, _ = served
    second = subprocess.run([BINARY, "serve", "--root", str(root), "--port", str(port), "--now", "2026-11-23"],
                            capture_output=True, text=True, timeout=120)
    assert second.returncode != 0
    assert f"порт {port} занят" in second.stderr and "--port" in second.stderr, second.stderr
    # Russian only: no line of the server's own (English) log, no raw bind error
    assert not re.search(r"\b(bind|Address already in use|info|Server started)\b", second.stderr + second.stdout), second.stderr
