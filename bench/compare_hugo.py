#!/usr/bin/env python3
"""Times `tanni build` against Hugo building the same pages.

Generates a bilingual Hugo site from the catalog tanni built (one page per
meeting in each language with its names, credits, category, aliases, flags and
source lines; one list page per category; the rules and about pages), with
plain templates comparable to tanni's, then runs hyperfine on both builds.

Needs: hugo and hyperfine (Debian: apt-get install hugo hyperfine), and a
release build of tanni (cargo build --release). Run from the repository root:

    python3 bench/compare_hugo.py
"""

import json
import pathlib
import shutil
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
TANNI = ROOT / "target" / "release" / "tanni"

SINGLE = """<!DOCTYPE html><html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8">
<title>{{ .Title }} | {{ .Site.Title }}</title>
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Lang }}" href="{{ .Permalink }}">{{ end }}
<link rel="stylesheet" href="/style.css"></head><body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Lang }}">{{ .Lang }}</a>{{ end }}</header>
<main><h1>{{ .Title }}</h1><p>{{ .Params.other_name }}</p>
<p><strong>{{ with .Params.credits }}{{ . }}{{ else }}-{{ end }}</strong>{{ if .Params.required }} required{{ end }}</p>
<dl><dt>category</dt><dd>{{ .Params.category }}</dd>
{{ with .Params.aliases_list }}<dt>aliases</dt><dd><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul></dd>{{ end }}</dl>
{{ with .Params.flags }}<ul>{{ range . }}<li>{{ .kind }} {{ .note }}</li>{{ end }}</ul>{{ end }}
<pre>{{ range .Params.source }}{{ . }}
{{ end }}</pre>{{ .Content }}</main></body></html>
"""

LIST = """<!DOCTYPE html><html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8">
<title>{{ .Title }} | {{ .Site.Title }}</title><link rel="stylesheet" href="/style.css"></head><body>
<main><h1>{{ .Title }}</h1><table>{{ range .Pages }}<tr><th><a href="{{ .RelPermalink }}">{{ .Title }}</a></th>
<td>{{ .Params.credits }}</td><td>{{ if .Params.required }}required{{ end }}</td></tr>{{ end }}</table>{{ .Content }}</main></body></html>
"""


def front(values: dict) -> str:
    return "---\n" + json.dumps(values, ensure_ascii=False, indent=1) + "\n---\n"


def generate(site: pathlib.Path, catalog: dict) -> None:
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "layouts" / "_default" / "single.html").write_text(SINGLE)
    (site / "layouts" / "_default" / "list.html").write_text(LIST)
    (site / "static").mkdir()
    shutil.copy(ROOT / "themes" / "default" / "static" / "style.css", site / "static" / "style.css")
    (site / "config.json").write_text(json.dumps({
        "baseURL": "https://tanni.example.org/",
        "title": "tanni",
        "defaultContentLanguage": "ja",
        "defaultContentLanguageInSubdir": True,
        "languages": {"ja": {"weight": 1, "contentDir": "content/ja"}, "en": {"weight": 2, "contentDir": "content/en"}},
        "disableKinds": ["taxonomy", "term", "RSS"],
    }))
    for lang, other in (("ja", "en"), ("en", "ja")):
        base = site / "content" / lang
        for category in catalog["categories"]:
            folder = base / f"c{category['id']}"
            folder.mkdir(parents=True)
            (folder / "_index.md").write_text(front({"title": category["name"][lang]}) + category["description"][lang] + "\n")
        for meeting in catalog["meetings"]:
            page = base / f"c{meeting['category']}" / f"{meeting['id']}.md"
            page.write_text(front({
                "title": meeting["name"][lang],
                "translationKey": meeting["id"],
                "other_name": meeting["name"][other],
                "credits": meeting["credits"],
                "required": meeting["required"],
                "category": meeting["category"],
                "aliases_list": meeting["aliases"],
                "flags": [{"kind": f["kind"], "note": f[lang]} for f in meeting["flags"]],
                "source": meeting["source"],
            }))
        for name in ("rules", "about"):
            text = (ROOT / "content" / lang / f"{name}.md").read_text().split("+++", 2)[2]
            (base / f"{name}.md").write_text(front({"title": name, "translationKey": name}) + text)


def main() -> None:
    subprocess.run([str(TANNI), "build", "--output-dir", "/tmp/tanni-bench-public"], cwd=ROOT, check=True)
    catalog = json.loads(pathlib.Path("/tmp/tanni-bench-public/data/catalog.json").read_text())
    with tempfile.TemporaryDirectory() as work:
        site = pathlib.Path(work) / "hugo-site"
        generate(site, catalog)
        subprocess.run(["hugo", "--quiet", "--source", str(site), "--destination", str(pathlib.Path(work) / "hugo-public")], check=True)
        pages = len(list((pathlib.Path(work) / "hugo-public").rglob("*.html")))
        print(f"Hugo builds {pages} HTML pages from {len(catalog['meetings'])} meetings in two languages")
        # tanni writes the new site into the spare beside the output (only
        # the files whose bytes changed) and swaps it in; Hugo writes over
        # its destination in place. Both are timed over their previous
        # output and into an empty folder.
        fresh = f"{work}/tanni-fresh"
        subprocess.run([
            "hyperfine", "--warmup", "3", "--runs", "20",
            "--prepare", "true", "--command-name", "tanni build (over its previous output)",
            f"{TANNI} build --root {ROOT} --output-dir {work}/tanni-public",
            "--prepare", f"rm -rf {fresh} {work}/.tanni-fresh.tanni-spare", "--command-name", "tanni build (into an empty folder)",
            f"{TANNI} build --root {ROOT} --output-dir {fresh}",
            "--prepare", "true", "--command-name", "hugo (over its previous output)",
            f"hugo --quiet --source {site} --destination {work}/hugo-public",
            "--prepare", f"rm -rf {work}/hugo-fresh", "--command-name", "hugo (into an empty folder)",
            f"hugo --quiet --source {site} --destination {work}/hugo-fresh",
        ], check=True)


if __name__ == "__main__":
    main()
