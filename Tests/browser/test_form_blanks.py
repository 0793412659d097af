"""The printable blanks of the form library (`<form>-blank.html` beside each form's page) as
Chromium lays them out at the width of the printed page (the sheet is 210 mm wide on a desktop
screen, its text 170 mm, as between the margins of A4):

- in a label/answer table (two columns: a label, a cell to write the answer in) the answer
  column takes at least 45 % of the table's width;
- every line or cell of an identifier or account number (its field's name says which) is wider
  than «7707083893» set in 12 pt Liberation Serif;
- a caption sits under its line, centred on it, in smaller type than the text;
- on a phone (320 CSS px) no line makes the page scroll sideways.

The same checks of the ODT, printed by LibreOffice, are Tests/FormsTests/BlankLayoutTests.swift.
"""

import re

from conftest import PHONE, set_viewport, url_path

IDENTIFIERS = {"inn", "ogrn", "ogrnip", "kpp", "bik", "snils", "account", "corr_account"}

MEASURE_JS = """
const digits = document.createElement('span');
digits.textContent = '7707083893';
digits.style.cssText = 'font: 12pt "Liberation Serif"; white-space: nowrap; position: absolute';
document.body.appendChild(digits);
const digitsWidth = digits.getBoundingClientRect().width;
digits.remove();

const tables = [];
for (const table of document.querySelectorAll('table')) {
  const rows = [...table.tBodies].flatMap(b => [...b.rows]);
  if (rows.length === 0 || !rows.every(r => r.cells.length === 2 && r.cells[0].textContent.trim() !== ''
                                          && r.cells[1].querySelector('.blank--room'))) continue;
  tables.push(rows[0].cells[1].getBoundingClientRect().width / table.getBoundingClientRect().width);
}

const lines = [];
for (const blank of document.querySelectorAll('[data-field]')) {
  let room = blank.getBoundingClientRect().width;
  if (blank.classList.contains('blank--room')) {
    const cell = blank.closest('td'), style = getComputedStyle(cell);
    room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  }
  lines.push({field: blank.dataset.field, room: room});
}

const captions = [];
for (const caption of document.querySelectorAll('.blank__caption')) {
  const line = caption.parentElement.firstElementChild.getBoundingClientRect(), box = caption.getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(caption);
  const text = range.getBoundingClientRect();
  captions.push({text: caption.textContent, below: box.top >= line.bottom - 0.5,
                 offCentre: Math.abs((text.left + text.right) / 2 - (line.left + line.right) / 2),
                 size: parseFloat(getComputedStyle(caption).fontSize),
                 textSize: parseFloat(getComputedStyle(caption.closest('p, td, th, li, div')).fontSize)});
}
const sheet = document.querySelector('.form-document'), sheetStyle = getComputedStyle(sheet);
return {digits: digitsWidth, tables: tables, lines: lines, captions: captions,
        text: sheet.clientWidth - parseFloat(sheetStyle.paddingLeft) - parseFloat(sheetStyle.paddingRight)};
"""

MM = 96 / 25.4  # CSS px per millimetre


def field_name(field):
    """`recipient.bank.account`, `grants[2].amount` → `account`, `amount`."""
    return re.sub(r"\[\d*\]", "", field).split(".")[-1]


def test_blanks_give_answers_and_identifiers_room(browser, site):
    blanks = sorted(site.rglob("*-blank.html"))
    assert len(blanks) >= 9, f"only {len(blanks)} blanks in {site}"
    label_answer = identifiers = 0
    for path in blanks:
        browser.open(url_path(path))
        m = browser.execute_script(MEASURE_JS)
        name = path.name
        assert min(abs(m["text"] - 170 * MM), abs(m["text"] - 257 * MM)) < 1, (
            f"{name}: the sheet's text is {m['text'] / MM:.1f} mm wide, not the 170 mm (257 mm turned) of A4"
        )
        for share in m["tables"]:
            label_answer += 1
            assert share >= 0.45, f"{name}: a label/answer table gives its answers {share:.1%} of the width"
        for line in m["lines"]:
            if field_name(line["field"]) in IDENTIFIERS:
                identifiers += 1
                assert line["room"] >= m["digits"], (
                    f"{name}: the line of {line['field']} is {line['room'] / MM:.1f} mm, "
                    f"narrower than 7707083893 in 12 pt ({m['digits'] / MM:.1f} mm)"
                )
        for caption in m["captions"]:
            assert caption["below"], f"{name}: the caption {caption['text']} is not under its line"
            assert caption["offCentre"] < 2, f"{name}: the caption {caption['text']} is off the line's centre"
            assert caption["size"] < caption["textSize"], f"{name}: the caption {caption['text']} is not in small type"
    assert label_answer >= 2, "the subsidy application's two label/answer tables were not found"
    assert identifiers >= 10, f"only {identifiers} lines of identifiers found in the blanks"


def test_blanks_fit_a_phone(browser, site):
    set_viewport(browser, *PHONE)
    for path in sorted(site.rglob("*-blank.html")):
        browser.open(url_path(path))
        width = browser.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], f"{path.name}: {width[0]} px wide on a {width[1]} px phone"
