#!/usr/bin/env python3
"""A legal-text corpus of N acts for the legal benchmark (make bench), written three times from
the same Markdown files:

- `legal/`: an nko portal whose collection is `legal: true` (the product's core content: points
  and articles anchored, «пунктом 3.2 настоящего Положения» linked, «(далее – …)» collected, an
  ODT per act);
- `plain/`: the same portal and files with `legal: false`;
- `hugo/`: a Hugo site of the same files with a minimal equivalent layout.

Each act looks like those the portal publishes (about 19 KB): a resolution with its preamble and
operative points, and an approved Regulation in chapters («### 2. Порядок …») of numbered points
(«2.3.»), sub-points («1)», «а)»), cross-references to points and chapters of the same act and to
other acts, a table and footnotes. Deterministic for a given N.

Usage: legal_corpus.py N OUT_DIR TEMPLATES_DIR
"""
import os
import random
import shutil
import sys

from site_corpus import hugo_base, write

WORDS = ("поддержка социально ориентированных некоммерческих организаций муниципального района "
         "имущество субсидия конкурс заявка помещение договор порядок предоставления реестр "
         "организация проект отчёт комиссия решение уполномоченный орган срок рабочих дней "
         "бюджета средства получатель соглашение мероприятие программа отбор критерий оценка").split()
CHAPTERS = ["Общие положения", "Условия и порядок предоставления субсидий", "Порядок проведения конкурса",
            "Контроль за соблюдением условий", "Заключительные положения"]


def sentence(rng, n=14):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def act(rng, i, total):
    other = (i * 7919 + 13) % total
    parts = ["::: header", "", "ПРАВИТЕЛЬСТВО РЕСПУБЛИКИ\\", "ПОСТАНОВЛЕНИЕ", "",
             f"от {1 + i % 28} марта 2025 г. № {100 + i}", "", f"Об утверждении Положения о порядке № {i}", "", ":::", "",
             f"В соответствии с [постановлением № {100 + other}](../act-{other}/) {sentence(rng, 20).lower()} "
             "Правительство Республики ПОСТАНОВЛЯЕТ:", "",
             f"1\\. Утвердить прилагаемое Положение о порядке {sentence(rng, 8).lower()} (далее – Положение).", "",
             "2\\. Контроль за исполнением настоящего постановления возложить на уполномоченный орган.", "",
             "## Положение о порядке предоставления поддержки", ""]
    for c, chapter in enumerate(CHAPTERS, start=1):
        parts += [f"### {c}. {chapter}", ""]
        for p in range(1, 6):
            ref_c, ref_p = 1 + (c + p) % len(CHAPTERS), 1 + (p * 3) % 5
            text = f"{c}.{p}. {sentence(rng, 12)} в соответствии с пунктом {ref_c}.{ref_p} настоящего Положения, {sentence(rng, 8).lower()}."
            if p == 2:
                text += f"[^{c}]"
            parts += [text, ""]
            if p == 3:
                for s in range(1, 4):
                    parts += [f"{s}\\) {sentence(rng, 12).lower()};", ""]
                for letter in "абв":
                    parts += [f"{letter}\\) {sentence(rng, 9).lower()};", ""]
            if p == 5 and c % 2 == 0:
                parts += [f"{sentence(rng, 10)} указаны в разделе {1 + c % len(CHAPTERS)} настоящего Положения.", ""]
        if c == 3:
            parts += ["| № | Критерий | Баллы | Вес |", "|---|---|---|---|"]
            parts += [f"| {r} | {sentence(rng, 7)} | от 0 до 10 | {r * 5} % |" for r in range(1, 5)]
            parts.append("")
    parts += [f"[^{c}]: {sentence(rng, 10)}." for c in range(1, len(CHAPTERS) + 1)]
    return "\n".join(parts) + "\n"



def schema(legal):
    return ("title: Нормативные акты\nsort: -date\n"
            + ("layout: legal\nlegal: true\n" if legal else "")
            + "fields:\n"
            "  - name: kind\n    role: act-kind\n    label: Вид акта\n    type: enum\n    required: true\n"
            "    choices:\n      - {value: postanovlenie, label: Постановление}\n"
            "  - {name: issuer, label: Принявший орган, type: string, required: true}\n"
            "  - {name: number, label: Номер, type: string}\n"
            "  - {name: date, label: Дата принятия, type: date, required: true}\n")


def main():
    n, out, templates = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    rng = random.Random(n)
    shutil.rmtree(out, ignore_errors=True)
    texts = []
    for i in range(n):
        front = (f"---\ntitle: Об утверждении Положения о порядке № {i}\nkind: postanovlenie\n"
                 f"issuer: Правительство Республики\nnumber: № {100 + i}\ndate: 2025-03-{1 + i % 28:02d}\n---\n\n")
        texts.append((f"act-{i}.md", front + act(rng, i, n)))

    for variant in ("legal", "plain"):
        root = os.path.join(out, variant)
        write(os.path.join(root, "portal.yaml"),
              "title: Портал НКО\ndescription: Синтетический портал нормативных актов для замера скорости.\n"
              "base_url: https://nko.example.ru/\n"
              "region: {name: Республика Татарстан, genitive: Республики Татарстан, prepositional: Республике Татарстан}\n"
              "navigation: [acts]\n")
        write(os.path.join(root, "content", "_index.md"), "---\ntitle: Портал НКО\n---\nСинтетический портал.\n")
        write(os.path.join(root, "content", "acts", "_schema.yaml"), schema(variant == "legal"))
        shutil.copytree(templates, os.path.join(root, "templates"))
        for name, text in texts:
            write(os.path.join(root, "content", "acts", name), text)

    hugo = os.path.join(out, "hugo")
    layouts = hugo_base(hugo)
    write(os.path.join(hugo, "content", "acts", "_index.md"), "---\ntitle: Нормативные акты\n---\n")
    write(os.path.join(layouts, "single.html"),
          '{{ define "main" }}<article><h1>{{ .Title }}</h1><dl><dt>Вид акта</dt><dd>{{ .Params.kind }}</dd>'
          '<dt>Принявший орган</dt><dd>{{ .Params.issuer }}</dd><dt>Номер</dt><dd>{{ .Params.number }}</dd>'
          '<dt>Дата принятия</dt><dd>{{ .Date.Format "2006-01-02" }}</dd></dl>'
          '{{ .TableOfContents }}{{ .Content }}</article>{{ end }}\n')
    write(os.path.join(layouts, "list.html"),
          '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}'
          '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}</ul>{{ end }}\n')
    for name, text in texts:
        write(os.path.join(hugo, "content", "acts", name), text)


if __name__ == "__main__":
    main()
