"""The HTML reports: content, escaping, no CPR, no network, and rendering in a real headless Chromium.

The browser tests are skipped only when Chromium is not installed and the environment variable CI is
not set; in CI they must run (and fail if Chromium is missing).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from audit.privacy import contains_cpr
from audit.reporting.build import build_reports

sys.path.insert(0, str(Path(__file__).parent))
from resultbuilder import fixture_results, result  # noqa: E402

RUN_INFO = {
    "tidspunkt": "2024-05-02T10:00:00+02:00", "version": "0.1.0", "input": ["sager/nordhavn.xlsx"],
    "stikproeve": {"fil": "stik/stikproeve.csv", "sager": 8,
                   "log": {"seed": "ledelsestilsyn-2024", "metode": {"per": "enhed", "n": 8, "min_per": 1},
                           "population": {"antal": 40, "hash": "ab" * 32}}},
}
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_browser = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                                   reason="Chromium er ikke installeret (testen køres altid i CI)")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("rapporter")
    build_reports(fixture_results(), folder, per=None, pdf=False, run_info=RUN_INFO)
    return folder


@pytest.fixture(scope="module")
def nordhavn_html(out) -> str:
    return (out / "nordhavn-kommune" / "rapport.html").read_text(encoding="utf-8")


def all_html(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html"))}


def visible_text(html: str) -> str:
    """The text a reader sees (tags removed, entities kept as they are)."""
    html = re.sub(r"<style>.*?</style>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- files and structure ---------------------------------------------------------------------------

def test_one_folder_per_municipality_with_ascii_slugs(out):
    assert sorted(p.name for p in out.iterdir()) == [
        "aabybro-kommune", "aamose-kommune", "boegeby-kommune", "nordhavn-kommune", "samlet-bilag.html",
        "samlet.html", "samlet.xlsx"]
    for folder in ("aabybro-kommune", "aamose-kommune", "boegeby-kommune", "nordhavn-kommune"):
        assert sorted(p.name for p in (out / folder).iterdir()) == ["bilag.html", "rapport.html", "rapport.xlsx"]


def test_cover_names_the_municipality_period_run_and_method(nordhavn_html):
    assert "<title>Praksisundersøgelse om skærpet rådighedssanktion — Nordhavn Kommune</title>" in nordhavn_html
    text = visible_text(nordhavn_html)
    assert "15. juni 2021 – 30. juni 2022" in text
    assert "Kørselsdato 2. maj 2024" in text
    assert "las-40a-2020" not in text and "Regelsæt Skærpet rådighedssanktion, LAS § 40 a, stk. 1" in text
    assert "version 0.1.0" in text
    assert "efter Ankestyrelsens metode" in text
    assert "ikke udarbejdet eller godkendt af Ankestyrelsen" in text


def test_chapters_tables_and_kilde_lines(nordhavn_html):
    for n, title in ((1, "Sammenfatning"), (2, "Opfyldelse af materielle betingelser"),
                     (3, "Kommunens vejledning af borgeren"), (4, "Forvaltningsretlige regler"), (5, "Metode")):
        assert re.search(rf'id="kapitel-{n}".*?KAPITEL {n}</span> {title}', nordhavn_html, re.S)
    for t in ("2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "4.1", "4.2", "4.3", "5.1", "1.1"):
        assert f'<span class="tabel-nr">TABEL {t}</span>' in nordhavn_html
    assert nordhavn_html.count("Kilde: Gennemgang af 8 sager, 2024") >= 10
    assert "Landsplan 2022 (reference)" in nordhavn_html
    # the 2.5 table is in the report's order: aktivitetsparat before jobparat
    t25 = nordhavn_html[nordhavn_html.index('id="tabel-2-5"'):nordhavn_html.index('id="tabel-2-6"')]
    assert t25.index("Aktivitetsparat, der modtager") < t25.index("Jobparat, der modtager")


def test_summary_in_words_and_no_percentages(nordhavn_html):
    text = visible_text(nordhavn_html)
    assert "I to ud af otte sager er afgørelsen i overensstemmelse med regler og praksis." in text
    assert not re.search(r"\d\s*%", text)


def test_text_figures_shown_with_their_national_figure(nordhavn_html):
    text = visible_text(nordhavn_html)
    assert ("Borgeren er vejledt korrekt efter § 35, stk. 1, i syv ud af otte sager. "
            "Landsplan 2022, i orden: 46 af 61") in text
    # an item sentence on failures has the national failures beside it, labelled as such
    assert re.search(r"er afgørelsen ikke begrundet tilstrækkeligt\. Landsplan 2022, mangler: 55 af 61", text)
    assert "Landsplan 2022: " not in text  # never a national figure without saying which way it counts


def test_an_example_box_for_every_case_not_in_accordance(nordhavn_html):
    boxes = re.findall(r'<section class="boks boks-eksempel">(.*?)</section>', nordhavn_html, re.S)
    # 5 aendres + 1 hjemvises; at most one example per chapter (2-4), as Ankestyrelsen illustrates a chapter
    assert len(boxes) == 3
    joined = " ".join(boxes)
    assert joined.count("<p>I en sag traf kommunen") == 3  # anonymous, as Ankestyrelsen writes
    for number in ("NH-2022-0415", "NH-2021-0777", "NH-2022-0230", "NH-2022-0301", "NH-2022-0350", "HYPERLINK",
                   "NH-2022-0101", "NH-2022-0102"):
        assert number not in joined
    assert all(b.count("Vi ville ændre afgørelsen, fordi") + b.count("Vi ville hjemvise sagen, fordi") == 1
               for b in boxes)
    assert all('<ol class="fund">' in b for b in boxes if "Ved gennemgangen" in b)


def test_kapitel_1_recommendations_each_once_with_counts(nordhavn_html):
    kap1 = nordhavn_html[nordhavn_html.index('id="kapitel-1"'):nordhavn_html.index('id="kapitel-2"')]
    items = re.findall(r"<li>(.*?)\s*<span class=\"udloest\">\((.*?)\)</span>", kap1, re.S)
    texts = [re.sub(r"\s+", " ", t).strip() for t, _ in items]
    assert len(texts) == len(set(texts)) > 5
    begr = [c for t, c in items if t.strip().startswith("Kommunen skal begrunde, hvorfor kommunen vurderer")]
    assert len(begr) == 1 and begr[0].startswith("Fire sager")
    assert "Kommunen skal sikre, at kommunen overholder forvaltningslovens regler om partshøring." in texts
    assert "ANBEFALING FRA GENNEMGANGEN" in kap1  # the tool's own wording (klagevejledning), kept apart


def test_full_tjekliste_in_kapitel_1(nordhavn_html):
    tjek = re.search(r'<ol class="tjekliste">(.*?)</ol>', nordhavn_html, re.S).group(1)
    numbers = re.findall(r'<span class="tj-nr">(T\d+)</span>', tjek)
    assert numbers == [f"T{i}" for i in range(1, 18)]


def test_method_chapter_has_sample_seed_parameters_and_overrides(nordhavn_html):
    kap5 = visible_text(nordhavn_html[nordhavn_html.index('id="kapitel-5"'):nordhavn_html.index('id="bilag-1"')])
    assert "ledelsestilsyn-2024" in kap5
    assert "genvejledning_maaneder" not in kap5 and "Genvejledning mindst hvert" in kap5
    assert "Uden vurderingen: Hjemvises; med vurderingen: I overensstemmelse." in kap5
    assert "MAMC" in kap5


def test_bilag_2_has_every_case_and_marks_reviewer_answers(out, nordhavn_html):
    assert 'id="bilag-2"' not in nordhavn_html  # the analyseskema is the separate bilagsrapport
    bilag = (out / "nordhavn-kommune" / "bilag.html").read_text(encoding="utf-8")
    bilag2 = bilag[bilag.index('id="bilag-2"'):]
    assert bilag2.count('<article class="skema"') == 8
    assert "Beregnet svar: Nej (Hjemvises)" in bilag2
    assert "Vurdering af MAMC" in bilag2
    assert "LAS § 35, stk. 2" in bilag2


def test_per_enhed_groups_tabel_1_1_inside_the_municipality(tmp_path):
    build_reports(fixture_results(), tmp_path, per="enhed", run_info=RUN_INFO)
    html = (tmp_path / "nordhavn-kommune" / "rapport.html").read_text(encoding="utf-8")
    bilag1 = html[html.index('id="bilag-1"'):html.index('<footer')]
    labels = re.findall(r'<th scope="row" class="stub">(.*?)</th>', bilag1)
    assert labels == ["@Team Øst", "Team Nord", "Team Syd", "I alt"]
    with pytest.raises(ValueError):
        build_reports([], tmp_path / "x", per="maalgruppe")


def test_samlet_has_tabel_1_1_over_all_municipalities_in_danish_order(out):
    html = (out / "samlet.html").read_text(encoding="utf-8")
    bilag1 = html[html.index('id="bilag-1"'):html.index('<footer')]
    labels = re.findall(r'<th scope="row" class="stub">(.*?)</th>', bilag1)
    assert labels == ["Bøgeby Kommune", "Nordhavn Kommune", "Aabybro Kommune", "Åmose Kommune", "I alt"]
    assert "Landsplan 2022 (Ankestyrelsen, 13 kommuner)" in bilag1
    assert "Kilde: Gennemgang af 15 sager fra 4 kommuner, 2024" in bilag1


# --- safety ----------------------------------------------------------------------------------------

def test_case_text_is_escaped_and_there_is_no_script(out):
    for name, html in all_html(out).items():
        assert "<script" not in html.lower(), name
        assert "alert(1)</" not in html, name
    nordhavn = (out / "nordhavn-kommune" / "rapport.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in nordhavn


def test_no_cpr_anywhere(out):
    for name, html in all_html(out).items():
        assert not contains_cpr(html), name
        assert "0101901234" not in html and "010190-1234" not in html


def test_self_contained_without_network(out):
    for name, html in all_html(out).items():
        assert "<link" not in html, name
        assert "@import" not in html, name
        assert not re.search(r'(src|href)="(https?:)?//', html), name
        urls = set(re.findall(r"https?://[^\s\"'<>]+", html))
        assert urls <= {"http://www.w3.org/2000/svg"}, (name, urls)


def test_print_css_for_a4(nordhavn_html):
    assert "@page { size: A4" in nordhavn_html
    assert "break-before: page" in nordhavn_html
    assert "display: table-header-group" in nordhavn_html
    assert "break-inside: avoid" in nordhavn_html


# --- in a real browser ------------------------------------------------------------------------------

class DomCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def with_class(self, tag: str, cls: str) -> list[dict]:
        return [a for t, a in self.tags if t == tag and cls in (a.get("class") or "").split()]

    def count(self, tag: str) -> int:
        return sum(1 for t, _ in self.tags if t == tag)


def dump_dom(path: Path, tmp_path: Path) -> str:
    assert CHROMIUM, "Chromium mangler (apt-get install -y chromium)"
    profile = tmp_path / "chromium-profile"
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--dump-dom", path.resolve().as_uri()],
        capture_output=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-2000:]
    return proc.stdout.decode("utf-8")


@needs_browser
def test_browser_renders_tables_boxes_and_charts(out, tmp_path):
    dom = dump_dom(out / "nordhavn-kommune" / "rapport.html", tmp_path)
    c = DomCollector()
    c.feed(dom)
    assert c.count("table") >= 14
    assert len(c.with_class("figure", "tabel")) == 12  # 2.1-2.7, 4.1-4.3, 5.1, 1.1
    assert c.count("thead") >= 14
    for kind in ("hovedpointer", "anbefaler", "eksempel", "paragraf", "tjekliste"):
        assert c.with_class("section", f"boks-{kind}"), kind
    assert len(c.with_class("section", "boks-eksempel")) == 3
    assert len(c.with_class("svg", "chart")) == 2
    assert c.count("rect") > 20 and c.count("line") > 10
    assert c.count("script") == 0
    text = " ".join(c.text)
    assert "<script>alert(1)</script>" in text  # shown as text, not run
    assert not contains_cpr(text)
    bilag = DomCollector()
    bilag.feed(dump_dom(out / "nordhavn-kommune" / "bilag.html", tmp_path))
    assert "=HYPERLINK(\"x\")" in " ".join(bilag.text)  # case numbers are in the bilag, never run


@needs_browser
def test_browser_renders_samlet(out, tmp_path):
    dom = dump_dom(out / "samlet.html", tmp_path)
    c = DomCollector()
    c.feed(dom)
    assert len(c.with_class("figure", "tabel")) == 12
    assert len(c.with_class("svg", "chart")) == 2
    bilag = DomCollector()
    bilag.feed(dump_dom(out / "samlet-bilag.html", tmp_path))
    assert len(bilag.with_class("article", "skema")) == 15


def test_sparse_results_never_crash(tmp_path):
    sparse = [
        result(sagsnummer="", kommune="", samlet="uden_for_regelsaet", afgoerelse_dato="31-02-2022"),
        result(sagsnummer="X-1", kommune="Ærø Kommune", samlet="aendres", maalgruppe="ukendt",
               afgoerelse_dato="31-02-2022", fakta={"vaegt_paa": ["", "adfærd"], "laengde_maaneder": 7},
               punkter=[{"id": "begrundelse", "svar": "nej", "virkning": "aendres", "anbefalinger": ["R9.9.9"],
                         "kilde": "vurdering", "beregnet": {"svar": "ja", "begrundelse": "", "virkning": None},
                         "vurdering": {"af": None, "bemaerkning": None}, "datoer": ["i går", "2022-02-01"]},
                        {"id": "nyt_punkt", "svar": "ved_ikke", "virkning": "hjemvises"}]),
    ]
    written = build_reports(sparse, tmp_path, run_info={"tidspunkt": "ikke en tid", "stikproeve": "forkert"},
                            on_warning=lambda m: None)
    names = sorted(p.relative_to(tmp_path).as_posix() for p in written)
    assert "aeroe-kommune/rapport.html" in names and "samlet.xlsx" in names
    html = (tmp_path / "aeroe-kommune" / "rapport.html").read_text(encoding="utf-8")
    assert "Anbefaling R9.9.9 (teksten findes ikke i regelsættet)" in html
    bilag = (tmp_path / "aeroe-kommune" / "bilag.html").read_text(encoding="utf-8")
    assert "1. februar 2022" in bilag


def test_results_that_break_the_contract_are_reported_not_dropped_silently(tmp_path):
    messages: list[str] = []
    good = result(sagsnummer="B", kommune="K", samlet="aendres")
    build_reports(["ikke en sag", {"sagsnummer": "A", "kommune": "K", "samlet": "måske"}, good], tmp_path,
                  on_warning=messages.append)
    assert any("resultat nr. 1 er ikke et objekt" in m for m in messages)
    assert any("resultat nr. 2 følger ikke resultatformatet" in m for m in messages)
    html = (tmp_path / "samlet.html").read_text(encoding="utf-8")
    assert "Sag B" in (tmp_path / "samlet-bilag.html").read_text(encoding="utf-8")  # the good result is reported
    assert "Ukendt vurdering" not in html  # nothing unknown leaks into the tables


def test_sample_counts_the_municipality_against_its_own_population(tmp_path):
    """A sample over several municipalities: a municipality's report never names the whole draw's
    population as its own ('9 sager ud af 46' where 46 was all municipalities)."""
    results = fixture_results()
    nordhavn = sum(1 for r in results if r.municipality == "Nordhavn Kommune")
    by_kommune = {"fil": "/home/x/stik/stikproeve.csv", "sager": len(results),
                  "log": {"metode": {"per": "kommune", "n": len(results)}, "population": {"antal": 46},
                          "strata": [{"stratum": "Nordhavn Kommune", "antal": 20, "udtrukket": nordhavn},
                                     {"stratum": "Aabybro Kommune", "antal": 26, "udtrukket": 3}]}}
    build_reports(results, tmp_path / "a", per=None, pdf=False, run_info={"stikproeve": by_kommune})
    text = visible_text((tmp_path / "a" / "nordhavn-kommune" / "rapport.html").read_text(encoding="utf-8"))
    assert f"Sagerne er en stikprøve på {nordhavn} sager ud af 20 sager fra Nordhavn Kommune." in text
    assert "ud af 46" not in text and "/home/x" not in text
    samlet = visible_text((tmp_path / "a" / "samlet.html").read_text(encoding="utf-8"))
    assert f"Sagerne er en stikprøve på {len(results)} sager ud af 46 sager." in samlet

    by_unit = dict(by_kommune, log={"metode": {"per": "enhed"}, "population": {"antal": 46},
                                    "strata": [{"stratum": "Jobcenter", "antal": 46}]})
    build_reports(results, tmp_path / "b", per=None, pdf=False, run_info={"stikproeve": by_unit})
    text = visible_text((tmp_path / "b" / "nordhavn-kommune" / "rapport.html").read_text(encoding="utf-8"))
    assert (f"Rapportens {nordhavn} sager fra Nordhavn Kommune indgår i en stikprøve på i alt {len(results)} "
            "sager, udtrukket af 46 sager fra alle kommuner i udtrækket.") in text
    assert f"{nordhavn} sager ud af 46" not in text


def test_example_points_are_numbered_once_each_and_quotes_are_danish(tmp_path):
    from resultbuilder import fixture_dicts, from_dict

    dicts = [d for d in fixture_dicts() if d["kommune"] == "Nordhavn Kommune"]
    for p in (p for d in dicts for p in d["punkter"] if p["svar"] in ("nej", "ved_ikke")):
        p["begrundelse"] = ("Borgeren er ikke vejledt. 1) Gennemgået den 1. maj 2021. 2) Sendt den 3. maj 2021. "
                            "3) Seneste vejledning før den 3. juni 2021. 3) Før den nye tilsidesættelse.")
    build_reports([from_dict(d) for d in dicts], tmp_path, per=None, pdf=False, run_info={})
    html = (tmp_path / "nordhavn-kommune" / "rapport.html").read_text(encoding="utf-8")
    boxes = re.findall(r'<section class="boks boks-eksempel">(.*?)</section>', html, re.S)
    assert any("<li>Før den nye tilsidesættelse.</li>" in b for b in boxes)
    for box in boxes:
        text = visible_text(box)
        assert not re.search(r"(^|\s)\d\) ", text), text  # numbered by the list, never '1) 2) 3) 3)' in the text
        assert '"' not in text and "“" not in text
    assert any('<ol class="delpunkter">' in b for b in boxes)
