#!/usr/bin/env python3
"""A synthetic portal of N documents for the site benchmark (make bench), written twice: as an
nko portal (portal.yaml, content/ with schemas, the project's templates) and as a Hugo site
(config.toml, the same Markdown under content/, minimal equivalent layouts: a base page with the
menu of sections, breadcrumbs, the fields and the body; a list page per section).

Documents look like ours: front matter (title, date, kind, description), headings, numbered
points, a table, footnotes and cross-references to other documents. A tenth of the documents
are registry items (property objects with typed fields, a data table in nko, one file each in
Hugo, which has no pages from data). Deterministic for a given N.

Usage: site_corpus.py N OUT_DIR TEMPLATES_DIR
"""
import os
import random
import shutil
import sys

SECTIONS = 20
KINDS = [("law", "закон"), ("decree", "постановление"), ("order", "распоряжение"), ("plan", "план")]
WORDS = ("поддержка социально ориентированных некоммерческих организаций муниципального района "
         "имущество субсидия конкурс заявка помещение договор порядок предоставления реестр "
         "организация проект отчёт комиссия решение уполномоченный орган срок рабочих дней").split()


def sentence(rng, n=14):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def body(rng, index, total, section):
    other = (index * 7919 + 13) % total
    parts = [f"## Общие положения\n"]
    for p in range(1, 6):
        parts.append(f"{p}\\. {sentence(rng)} {sentence(rng, 10)}[^{p}]\n")
    parts.append(f"## Порядок\n")
    parts.append(f"См. также [документ {other}](/s{other % SECTIONS:02d}/doc-{other}/) и пункт 3 настоящего порядка.\n")
    parts.append("| № | Мероприятие | Срок | Ответственный |\n|---|---|---|---|")
    for r in range(1, 5):
        parts.append(f"| {r} | {sentence(rng, 6)} | до 0{r}.12.2026 | {rng.choice(WORDS)} |")
    parts.append("")
    for p in range(1, 6):
        parts.append(f"[^{p}]: {sentence(rng, 8)}")
    return "\n".join(parts) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def hugo_base(hugo):
    """The Hugo site's configuration, home page and base layout (a page with the menu of sections,
    breadcrumbs and the main part); returns the folder of layouts for the page kinds."""
    write(os.path.join(hugo, "config.toml"),
          'baseURL = "https://nko.example.ru/"\nlanguageCode = "ru"\ntitle = "Портал НКО"\n'
          # Hugo gives up on a page after 30 s by default: at 50 000 acts on a busy machine it did.
          'buildFuture = true\ntimeout = "10m"\ndisableKinds = ["taxonomy", "term", "RSS"]\n[markup.goldmark.renderer]\nunsafe = false\n'
          '[markup.goldmark.parser]\nautoHeadingID = true\n')
    write(os.path.join(hugo, "content", "_index.md"), "---\ntitle: Портал НКО\n---\nСинтетический портал.\n")
    layouts = os.path.join(hugo, "layouts", "_default")
    write(os.path.join(layouts, "baseof.html"),
          '<!doctype html>\n<html lang="ru">\n<head><meta charset="utf-8"><title>{{ .Title }} — {{ .Site.Title }}</title>'
          '<link rel="stylesheet" href="/assets/style.css"></head>\n<body>\n<a href="#main">Перейти к основному содержанию</a>\n'
          '<header><p><a href="/">{{ .Site.Title }}</a></p><nav><ul>{{ range .Site.Sections }}'
          '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav></header>\n'
          '<nav aria-label="Навигационная цепочка"><ol><li><a href="/">Главная</a></li>'
          '{{ if .Parent }}<li><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></li>{{ end }}</ol></nav>\n'
          '<main id="main">{{ block "main" . }}{{ end }}</main>\n<footer>{{ .Site.Title }}</footer>\n</body>\n</html>\n')
    return layouts


def main():
    n, out, templates = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    rng = random.Random(n)
    nko, hugo = os.path.join(out, "nko"), os.path.join(out, "hugo")
    shutil.rmtree(out, ignore_errors=True)
    registry = n // 10
    documents = n - registry

    # nko portal
    nav = [f"s{s:02d}" for s in range(SECTIONS)] + ["property"]
    write(os.path.join(nko, "portal.yaml"),
          "title: Портал НКО\ndescription: Синтетический портал для замера скорости.\n"
          "base_url: https://nko.example.ru/\n"
          "region: {name: Республика Татарстан, genitive: Республики Татарстан, prepositional: Республике Татарстан}\n"
          "navigation: [" + ", ".join(nav) + "]\n")
    write(os.path.join(nko, "content", "_index.md"), "---\ntitle: Портал НКО\n---\nСинтетический портал.\n")
    for s in range(SECTIONS):
        write(os.path.join(nko, "content", f"s{s:02d}", "_schema.yaml"),
              f"title: Раздел {s}\nsort: -date\nfields:\n"
              "  - {name: date, label: Дата, type: date, required: true}\n"
              "  - name: kind\n    label: Вид\n    type: enum\n    choices:\n"
              + "".join(f"      - {{value: {v}, label: {l}}}\n" for v, l in KINDS))
    write(os.path.join(nko, "content", "property", "_schema.yaml"),
          "title: Перечень имущества\nfields:\n"
          "  - {name: area, label: Площадь, type: decimal, required: true}\n"
          "  - {name: address, label: Адрес, type: text, required: true}\n"
          "  - {name: included_on, label: Дата включения, type: date, required: true}\n"
          "registry:\n  columns: [title, area, included_on]\n")
    shutil.copytree(templates, os.path.join(nko, "templates"))

    # Hugo site
    layouts = hugo_base(hugo)
    write(os.path.join(layouts, "single.html"),
          '{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ with .Description }}<p>{{ . }}</p>{{ end }}'
          '<dl>{{ with .Params.date }}<dt>Дата</dt><dd>{{ . }}</dd>{{ end }}{{ with .Params.kind }}<dt>Вид</dt><dd>{{ . }}</dd>{{ end }}'
          '{{ with .Params.area }}<dt>Площадь</dt><dd>{{ . }}</dd>{{ end }}{{ with .Params.address }}<dt>Адрес</dt><dd>{{ . }}</dd>{{ end }}</dl>'
          '{{ .Content }}</article>{{ end }}\n')
    write(os.path.join(layouts, "list.html"),
          '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}'
          '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.date }} <time>{{ . }}</time>{{ end }}'
          '{{ with .Description }}<p>{{ . }}</p>{{ end }}</li>{{ end }}</ul>{{ end }}\n')
    for s in range(SECTIONS):
        write(os.path.join(hugo, "content", f"s{s:02d}", "_index.md"), f"---\ntitle: Раздел {s}\n---\n")
    write(os.path.join(hugo, "content", "property", "_index.md"), "---\ntitle: Перечень имущества\n---\n")

    for i in range(documents):
        section = f"s{i % SECTIONS:02d}"
        kind = KINDS[i % len(KINDS)][0]
        date = f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}"
        front = (f"---\ntitle: Документ {i}\nslug: doc-{i}\ndate: {date}\nkind: {kind}\n"
                 f"description: {sentence(rng, 8)}\n---\n")
        text = front + body(rng, i, documents, section)
        write(os.path.join(nko, "content", section, f"doc-{i}.md"), text)
        write(os.path.join(hugo, "content", section, f"doc-{i}.md"), text)

    entries = []
    for j in range(registry):
        area = f"{20 + (j * 37) % 400}.{j % 10}"
        address = f"г. Казань, ул. Примерная, д. {j + 1}"
        included = f"2026-{1 + j % 12:02d}-{1 + j % 28:02d}"
        entries.append(f"- title: Помещение {j}\n  slug: object-{j}\n  area: {area}\n  address: {address}\n"
                       f"  included_on: {included}\n")
        write(os.path.join(hugo, "content", "property", f"object-{j}.md"),
              f"---\ntitle: Помещение {j}\nslug: object-{j}\narea: {area}\naddress: {address}\n"
              f"included_on: {included}\n---\n")
    write(os.path.join(nko, "content", "property", "objects.yaml"), "".join(entries))


if __name__ == "__main__":
    main()
