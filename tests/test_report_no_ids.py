"""No internal name in what a person reads (issue 13, Deliver 2 and 8).

Runs the bundled sample cases with reports and PDF, and scans the main report and the bilagsrapport
(HTML text and the PDF text from ``pdftotext``), the terminal output of ``audit run``, and the Excel cells
meant for people (every sheet except the columns that name an item's id for the ``Vurderinger`` sheet)
for any id of the checklist and any code value or field name of the case format (tests/idscan.py). The
PDF is checked as printed: page numbers "Side X af Y", the running header on page 2, the contents with
page numbers, and at most 20 pages for the main report of each bundled municipality.
"""

from __future__ import annotations

import html as htmllib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from audit.cli.main import app

sys.path.insert(0, str(Path(__file__).parent))
from idscan import find_internal_names, internal_names  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "sample_cases"
MUNICIPALITIES = ("aamose-kommune", "nordhavn-kommune", "skovbjerg-kommune")
needs_pdf = pytest.mark.skipif(shutil.which("chromium") is None or shutil.which("pdftotext") is None,
                               reason="Chromium og pdftotext (poppler-utils) skal være installeret")


def leaks(text: str) -> list[str]:
    """The internal names in ``text``; the analyseskema numbers its one advisory item by Ankestyrelsen's
    public recommendation number R2.0.16, which is its number, not an internal id."""
    return [h for h in find_internal_names(text) if "R2.0.16" not in h]


def visible(html: str) -> str:
    html = re.sub(r"<style>.*?</style>", " ", html, flags=re.S)
    return htmllib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def pdf_text(path: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pdf_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("koersel")
    pdf = ["--pdf"] if shutil.which("chromium") else []
    r = CliRunner().invoke(app, ["run", str(SAMPLES), "--out", str(out), "--report", *pdf])
    assert r.exit_code == 0, r.output
    return out, r.output


# --- the scanner itself, on both sides -------------------------------------------------------------

def test_scanner_knows_the_ids_and_finds_them_in_prose():
    names = internal_names()
    assert {"vejledning_35_1", "forholdt_til_målgruppe", "udeblevet_tilbud", "proportionalitet_maaneder",
            "i_overensstemmelse", "laengde", "R1.1.1"} <= names
    assert find_internal_names("disse betingelser ikke er opfyldt: vejledning_35_1, partshoering.")
    assert find_internal_names("(ifølge feltet forholdt_til_målgruppe)")
    assert find_internal_names("se punktet begrundelse")
    assert find_internal_names("Parameter proportionalitet_maaneder 6")
    assert find_internal_names("Ny tilsidesættelse (udeblevet_tilbud) den 28. juni 2021")


def test_scanner_leaves_danish_prose_alone():
    assert find_internal_names("Begrundelsen forholder sig til målgruppen. Tilbuddet kan begynde den 1. maj. "
                               "Sagen hjemvises, og der er ingen kritik. Borgeren er jobparat.") == []


# --- the outputs -------------------------------------------------------------------------------------

def test_no_internal_name_in_the_html_reports(run):
    out, _ = run
    pages = sorted((out / "rapporter").rglob("*.html"))
    assert len(pages) == 8
    for page in pages:
        hits = leaks(visible(page.read_text(encoding="utf-8")))
        assert hits == [], (page.name, hits[:5])


def test_no_internal_name_in_the_terminal_output_of_run(run):
    _, output = run
    assert leaks(output) == []


def test_no_internal_name_in_the_excel_cells_for_people(run):
    out, _ = run
    for book in sorted((out / "rapporter").rglob("*.xlsx")):
        wb = load_workbook(book, read_only=True)
        for ws in wb:
            rows = list(ws.iter_rows(values_only=True))
            # the columns that name items and recommendations by id, for the Vurderinger sheet and look-ups
            id_columns = ("Punkt id", "Id", "Anbefalinger")
            header = next((r for r in rows if r and any(v in id_columns for v in r)), None)
            skip = {i for i, v in enumerate(header or ()) if v in id_columns}
            for row in rows:
                for i, v in enumerate(row):
                    if i in skip or not isinstance(v, str):
                        continue
                    assert leaks(v) == [], (book.name, ws.title, v[:120])


def test_main_report_and_bilag_are_two_documents(run):
    out, _ = run
    folder = out / "rapporter" / "nordhavn-kommune"
    main = visible((folder / "rapport.html").read_text(encoding="utf-8"))
    bilag = (folder / "bilag.html").read_text(encoding="utf-8")
    assert "KAPITEL 5" in main and "Analyseskema for hver sag (særskilt bilagsrapport)" in main
    assert 'id="bilag-2"' in bilag and 'id="kapitel-2"' not in bilag
    # the case number heads the repeated table head, so it is on every printed page of a case
    assert re.search(r'<tr class="sag-hoved"><th colspan="5" scope="colgroup">Sag NH-2021-0733', bilag)
    assert "NH-2021-0733" not in main  # case numbers stay in the bilag and Excel


@needs_pdf
@pytest.mark.parametrize("kommune", MUNICIPALITIES)
def test_main_report_pdf_is_short_numbered_and_headed(run, kommune):
    out, _ = run
    pdf = out / "rapporter" / kommune / "rapport.pdf"
    n = pdf_pages(pdf)
    # Issue 13: at most 20 pages for the main report of each bundled municipality (measured 18-19).
    assert 8 <= n <= 20, n
    page2 = pdf_text(pdf, 2)
    assert "Gennemgang af afgørelser om skærpet rådighedssanktion" in page2.splitlines()[0]
    assert f"Side 2 af {n}" in page2
    first = pdf_text(pdf, 1)
    contents = re.search(r"Kapitel 1 Sammenfatning\s+(\d+)", first)
    assert contents and contents.group(1) == "2"  # the contents list carries page numbers
    # chapters follow on without forced page breaks: each page number in the contents is where it starts
    starts = re.findall(r"(Kapitel|Bilag) (\d) [^\n]*?\s(\d+)\n", first)
    assert len(starts) == 6, starts  # Kapitel 1-5 and Bilag 1
    for kind, number, page in starts:
        assert re.search(rf"^{kind.upper()} {number}\s*$", pdf_text(pdf, int(page)), re.M), (kind, number, page)
    assert leaks(pdf_text(pdf)) == []


@needs_pdf
def test_bilag_pdf_heads_each_case_with_its_number(run):
    out, _ = run
    pdf = out / "rapporter" / "nordhavn-kommune" / "bilag.pdf"
    n = pdf_pages(pdf)
    for page in range(3, min(n, 12) + 1):
        text = pdf_text(pdf, page)
        assert re.search(r"Sag NH-\d{4}-\d{4}", text), page
        assert f"Side {page} af {n}" in text
