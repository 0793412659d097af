#!/usr/bin/env python3
"""Seeds the fuzz corpora from the portal's own files: python3 Fuzz/seed_corpus.py <portal> <corpus folder>.

Writes <corpus>/<target>/seed-*, in the input format of each target (Fuzz/Targets/FuzzTarget.swift):
  front-matter  every content file (.md, .yaml), its first line naming its collection; long bodies cut
  markdown      the bodies of content documents and form templates, long ones split at blank lines
  form-data     every form's sample.yaml, also as JSON and as a one-row CSV; first line «<form>.<format>»
  expression    every check:, when: and computed expression of the forms' form.yaml
  templates     each template of templates/, followed by those it uses, each as «#### <name>» and its text
Seeds over MAX bytes are cut or split: libFuzzer runs small inputs faster, and mutates them as well.
"""
import hashlib, json, os, re, sys, datetime

MAX = 4096
root, out = sys.argv[1], sys.argv[2]


def write(target, text):
    data = text.encode("utf-8")
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "seed-" + hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


def chunks(text):
    """Markdown cut at blank lines into pieces of at most about MAX bytes."""
    piece = ""
    for block in re.split(r"(?<=\n)\n", text):
        if piece and len((piece + block).encode()) > MAX:
            yield piece
            piece = ""
        piece += block + "\n"
    if piece.strip():
        yield piece[: MAX * 2]


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


content = os.path.join(root, "content")
for folder, _, files in sorted(os.walk(content)):
    relative = os.path.relpath(folder, content)
    for name in sorted(files):
        path = os.path.join(folder, name)
        if relative.startswith("_forms"):
            continue
        if name.endswith((".md", ".yaml", ".yml")) and not name.startswith("_schema"):
            text = read(path)
            write("front-matter", f"{relative}\n" + text[:MAX])
            if name.endswith(".md"):
                body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
                for piece in chunks(body):
                    write("markdown", piece)

forms = os.path.join(content, "_forms")
for form in sorted(os.listdir(forms)):
    folder = os.path.join(forms, form)
    if not os.path.isdir(folder):
        continue
    for piece in chunks(read(os.path.join(folder, "document.md"))):
        write("markdown", piece)
    definition = read(os.path.join(folder, "form.yaml"))
    for match in re.finditer(r"^\s*-?\s*(?:check|when|value|expression):\s*(.+)$", definition, re.M):
        write("expression", match.group(1).strip().strip("\"'"))
    sample_path = os.path.join(folder, "sample.yaml")
    if not os.path.exists(sample_path):
        continue
    sample = read(sample_path)
    write("form-data", f"{form}.yaml\n" + sample)
    try:
        import yaml
    except ImportError:
        continue
    data = yaml.safe_load(sample)
    default = lambda v: v.isoformat() if isinstance(v, (datetime.date, datetime.datetime)) else str(v)
    write("form-data", f"{form}.json\n" + json.dumps(data, ensure_ascii=False, indent=2, default=default))
    # One CSV row: a column per leaf, named by its path (`members[2].score`).
    columns = {}
    def flatten(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                flatten(item, f"{path}.{key}" if path else key)
        elif isinstance(value, list):
            for index, item in enumerate(value, 1):
                flatten(item, f"{path}[{index}]")
        else:
            columns[path] = "" if value is None else default(value) if not isinstance(value, bool) else str(value).lower()
    flatten(data, "")
    quote = lambda cell: '"' + cell.replace('"', '""') + '"' if re.search(r'[",\n]', cell) else cell
    write("form-data", f"{form}.csv\n" + ",".join(map(quote, columns)) + "\n" + ",".join(map(quote, columns.values())) + "\n")

templates = os.path.join(root, "templates")
sources = {n[: -len(".mustache")]: read(os.path.join(templates, n)) for n in sorted(os.listdir(templates)) if n.endswith(".mustache")}
for name, text in sources.items():
    # The template, then the partials and parents it uses, theirs too.
    used, queue = [], [name]
    while queue:
        for other in re.findall(r"\{\{\s*[<>]\s*([A-Za-z0-9_./-]+)\s*\}\}", sources.get(queue.pop(), "")):
            if other != name and other not in used and other in sources:
                used.append(other)
                queue.append(other)
    write("templates", text + "".join(f"#### {other}\n" + sources[other] for other in used))
