"""Model acts filled for a region on their pages, in headless Chromium: the same forms engine
(WebAssembly), given a profile file through «Загрузить ответы», gives an ODT whose content.xml,
styles.xml and meta.xml are byte-identical to those of `nko act fill ID --profile FILE`; a
profile that leaves a value out is refused with the message of `nko act check`; axe-core finds
no violation on the page."""

import subprocess
import zipfile

import pytest
from selenium.webdriver.common.by import By

from conftest import REPO, axe_violations, set_viewport
from test_forms import NKO, NOW, PARTS, download_odt, form_pages, load_answers, open_form, requests_since_ready

ACTS = sorted(p.stem for p in (REPO / "content" / "information" / "model-acts").glob("*.md") if not p.stem.startswith("_"))
PAGES = form_pages()
# A regional act with variants and a municipal one with parameters, each with its level's profile.
FILLED = (("prilozhenie-2-finansovaia-podderzhka", "content/_acts/respublika-tatarstan.yaml"),
          ("prilozhenie-8-publichnye-slushaniia", "content/_acts/naberezhnye-chelny.yaml"))


def test_every_model_act_has_its_page_to_fill_it():
    assert sorted(a for a in PAGES if a in ACTS) == ACTS, "a model act page without «Заполнить для своего региона»"


def nko_parts(act, profile, tmp_path):
    out = tmp_path / "nko"
    subprocess.run([str(NKO), "act", "fill", act, "--profile", profile, "--format", "odt", "--now", NOW, "--out", str(out)],
                   cwd=REPO, check=True, capture_output=True)
    with zipfile.ZipFile(out / f"{act}.odt") as z:
        return {name: z.read(name) for name in PARTS}


@pytest.mark.parametrize("act,profile", FILLED)
def test_a_profile_loaded_on_the_page_gives_the_act_of_nko(browser, act, profile, tmp_path):
    open_form(browser, act, downloads=tmp_path, pages=PAGES)
    load_answers(browser, REPO / profile)
    odt = download_odt(browser, tmp_path)
    with zipfile.ZipFile(odt) as z:
        assert z.namelist()[0] == "mimetype"
        page = {name: z.read(name) for name in PARTS}
    expected = nko_parts(act, profile, tmp_path)
    for name in PARTS:
        assert page[name] == expected[name], f"{act}: {name} differs from nko act fill"
    assert b"\xd0\x9c\xd0\xbe\xd0\xb4\xd0\xb5\xd0\xbb\xd1\x8c\xd0\xbd" not in page["content.xml"], "«Модельн…» left in the act"
    assert requests_since_ready(browser) == []


def test_a_profile_without_a_value_the_act_uses_is_refused_as_nko_refuses_it(browser, tmp_path):
    act, profile = FILLED[1]
    text = (REPO / profile).read_text(encoding="utf-8")
    incomplete = tmp_path / "incomplete.yaml"
    incomplete.write_text("\n".join(line for line in text.splitlines() if not line.startswith("initiative_group_size:")) + "\n",
                          encoding="utf-8")
    open_form(browser, act, pages=PAGES)
    load_answers(browser, incomplete)
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('.answers-summary li > *')).map(e => [e.dataset.path, e.textContent])")
    result = subprocess.run([str(NKO), "act", "fill", act, "--profile", str(incomplete), "--out", str(tmp_path / "out")],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode != 0 and not (tmp_path / "out").exists(), "nko wrote an act from an incomplete profile"
    assert any(path == "initiative_group_size" for path, _ in shown), shown
    message = next(message for path, message in shown if path == "initiative_group_size")
    assert message.split(";")[0] in result.stderr


@pytest.mark.parametrize("width", (1280, 375))
def test_axe_finds_no_violation_in_the_fill_section_of_a_model_act(browser, width):
    # The act's own text has known violations (empty table headers, footnote links): issue 17.
    set_viewport(browser, width, 1)
    open_form(browser, FILLED[0][0], pages=PAGES)
    browser.find_element(By.CSS_SELECTOR, "form.answers button[type=submit]").click()
    result = axe_violations(browser, ".answers-section, .form-files, .form-fields, .fill-link")
    assert result == [], f"at {width}px: {result}"
