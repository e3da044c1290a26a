"""audit tekst: normalisation, per-element recognition on both sides, the document readers, the command, and
vejledning_skærpet.tekst in a case (issue 16). Expected answers come from the law's wording and E11."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audit.cli.main import app
from audit.tekst import analyse
from audit.tekst.laes import ReadError, find_documents, read_document
from audit.tekst.normalise import clean, match_form, sentences

CORPUS = Path(__file__).parent / "tekst_corpus"
E11 = (CORPUS / "e11_ankestyrelsen.txt").read_text(encoding="utf-8")
COMPLETE = (
    "Hvis du igen uden rimelig grund udebliver fra dit tilbud, kan kommunen give dig en skærpet rådighedssanktion. "
    "Det betyder, at du i op til tre måneder kun får udbetalt hjælp for de dage, hvor du møder frem. Hvis du i en "
    "hel kalendermåned ikke møder frem, ophører din hjælp, og din sag lukkes. Er du gift, lukkes din ægtefælles "
    "sag også, og hjælpen til din ægtefælle ophører.")
runner = CliRunner()


def status(text: str, element: str, kind: str = "vejledning_35_2") -> str:
    return analyse(text, kind).element(element).status


# -- normalisation ----------------------------------------------------------------------------------

def test_hyphenation_at_line_end_is_joined_but_ranges_are_kept():
    assert clean("du mi-\n\nster retten") == "du mister retten"
    assert "§§ 36-40" in clean("efter §§ 36-\n40 a")


def test_abbreviations_and_dates_do_not_end_a_sentence():
    s = sentences("Jf. § 40 a, stk. 2, m.v. gælder det fra 1. maj 2026. Du skal møde op.")
    assert s == ["Jf. § 40 a, stk. 2, m.v. gælder det fra 1. maj 2026.", "Du skal møde op."]


def test_number_words_become_digits_but_the_article_stays():
    assert match_form("i en, to eller tre måneder") == "i 1, 2 eller 3 måneder"
    assert match_form("i en hel kalendermåned") == "i en hel kalendermåned"
    assert match_form("op til tre måneder") == "op til 3 måneder"


def test_bullets_are_sentences():
    assert sentences("Det betyder:\n• at du mister hjælpen\n• at sagen lukkes") == [
        "Det betyder:", "at du mister hjælpen", "at sagen lukkes"]


# -- E11 and a complete letter (the "done means") ------------------------------------------

def test_e11_misses_exactly_the_three_elements_and_says_why():
    a = analyse(E11)
    assert a.type.id == "vejledning_35_2"
    assert [e.spec.id for e in a.missing()] == ["kun_fremmødedage", "lukning_kalendermåned", "ægtefælle"]
    assert a.element("konsekvens").quote.endswith("mister retten til hjælp i op til 3 måneder.")
    why = a.element("kun_fremmødedage")
    assert why.status == "nej" and "betinget af, hvor meget du deltager" in why.quote and "E11" in why.reason
    assert a.element("ægtefælle").quote is None


def test_complete_letter_finds_all_four_with_their_sentences():
    a = analyse(COMPLETE)
    assert a.complete
    assert a.element("ægtefælle").quote.startswith("Er du gift")
    assert a.element("lukning_kalendermåned").quote.startswith("Hvis du i en hel kalendermåned")


# -- each element on both sides -----------------------------------------------------------------------

@pytest.mark.parametrize("text, element, want", [
    ("Du kan få en skærpet rådighedssanktion, og du mister retten til hjælp i 1, 2 eller 3 måneder.",
     "konsekvens", "ja"),
    ("Du kan få en skærpet rådighedssanktion.", "konsekvens", "usikker"),
    ("Du mister ikke din hjælp, selv om du får en skærpet rådighedssanktion.", "konsekvens", "nej"),
    ("Du får alene udbetalt hjælp for de dage, du deltager.", "kun_fremmødedage", "ja"),
    ("Du får hjælp for de dage, hvor du deltager.", "kun_fremmødedage", "usikker"),
    ("Din hjælp afhænger af, hvor meget du deltager.", "kun_fremmødedage", "nej"),
    ("Du får ikke kun hjælp for de dage, du møder frem.", "kun_fremmødedage", "nej"),
    ("Hvis du ikke møder frem en hel kalendermåned, lukkes din sag.", "lukning_kalendermåned", "ja"),
    ("Din sag vil ikke blive lukket, selv om du udebliver en hel kalendermåned.", "lukning_kalendermåned", "nej"),
    ("Hvis du udebliver, kan din sag blive lukket.", "lukning_kalendermåned", "usikker"),
    ("Din ægtefælles sag lukkes også, og ægtefællens hjælp ophører.", "ægtefælle", "ja"),
    ("Din ægtefælles hjælp påvirkes ikke.", "ægtefælle", "nej"),
    ("Sanktionen har ingen betydning for din ægtefælle.", "ægtefælle", "nej"),
    ("Det samme gælder din ægtefælle.", "ægtefælle", "usikker"),
    ("Din ægtefælles sag lukkes ikke.", "ægtefælle", "nej"),
])
def test_element_both_sides(text, element, want):
    assert status(text, element) == want


def test_a_sentence_and_its_denial_is_unsure_not_yes():
    text = "Din ægtefælles sag lukkes også. Din ægtefælle påvirkes dog ikke af sanktionen."
    r = analyse(text).element("ægtefælle")
    assert r.status == "usikker" and "påvirkes dog ikke" in r.reason


# -- the other kinds of letter ---------------------------------------------------------------------

def test_seed_004_guidance_lacks_the_possibility_of_40a():
    a = analyse((CORPUS / "seed004_vejledning_35_1.txt").read_text(encoding="utf-8"))
    assert a.type.id == "vejledning_35_1"
    assert [e.spec.id for e in a.missing()] == ["skærpet_mulighed"]
    assert "igen få kontanthjælp" in a.element("skridt_igen_hjælp").quote


DECISION = (
    "Kommunen har truffet afgørelse om, at du får en skærpet rådighedssanktion i 2 måneder, jf. § 40 a, stk. 1, "
    "i lov om aktiv socialpolitik. Vi har lagt vægt på, at du to gange er udeblevet fra dit tilbud. Afgørelsen "
    "gælder fra den 3. oktober 2022. Du skal deltage i virksomhedspraktik, som du kan påbegynde samme dag, jf. "
    "§ 40 a, stk. 2. Du får kun udbetalt hjælp for de dage, hvor du deltager. Hvis du udebliver en hel "
    "kalendermåned, ophører din hjælp, og din sag lukkes, jf. § 40 a, stk. 7. Din ægtefælles sag lukkes også, og "
    "ægtefællens hjælp ophører. Du kan klage over afgørelsen inden 4 uger.")


def test_decision_letter_all_elements():
    a = analyse(DECISION)
    assert a.type.id == "afgørelse_40a"
    assert a.complete, [(e.spec.id, e.status) for e in a.missing()]


def test_decision_letter_without_stk_7_and_reason_for_length():
    text = DECISION.replace(", jf. § 40 a, stk. 7", "").replace("Vi har lagt vægt på, at du to gange er "
                                                                "udeblevet fra dit tilbud. ", "")
    a = analyse(text)
    assert a.element("hjemmel_40a").status == "nej" and "stk. 7" in a.element("hjemmel_40a").reason
    assert a.element("længde").status == "usikker"


# -- readers ---------------------------------------------------------------------------------------

def _pdf_bytes(text: str) -> bytes:
    """A one-page PDF with Helvetica in WinAnsiEncoding (æ, ø, å included), written by hand."""
    escaped = text.encode("cp1252").replace(b"(", b"\\(").replace(b")", b"\\)")
    stream = b"BT /F1 10 Tf 40 800 Td (" + escaped + b") Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    out, offsets = b"%PDF-1.4\n", []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)


def test_readers_docx_pdf_html_txt(tmp_path):
    import docx

    d = docx.Document()
    for s in sentences(COMPLETE):
        d.add_paragraph(s)
    d.save(tmp_path / "brev.docx")
    (tmp_path / "brev.pdf").write_bytes(_pdf_bytes("Din ægtefælles sag lukkes også, og ægtefællens hjælp ophører."))
    (tmp_path / "brev.html").write_text("<html><head><title>x</title><style>p{}</style></head><body><p>" + E11
                                        + "</p><script>lukkes</script></body></html>", encoding="utf-8")
    (tmp_path / "brev.txt").write_bytes(COMPLETE.encode("cp1252"))
    assert analyse(read_document(tmp_path / "brev.docx").text).complete
    assert status(read_document(tmp_path / "brev.pdf").text, "ægtefælle") == "ja"
    html = read_document(tmp_path / "brev.html").text
    assert "lukkes" not in html and "x" not in html.split()
    assert [e.spec.id for e in analyse(html).missing()] == ["kun_fremmødedage", "lukning_kalendermåned", "ægtefælle"]
    assert analyse(read_document(tmp_path / "brev.txt").text).complete  # Windows-1252 text


def test_folders_unknown_types_and_broken_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text(E11, encoding="utf-8")
    (tmp_path / "a" / "y.csv").write_text("x", encoding="utf-8")
    (tmp_path / "brudt.docx").write_bytes(b"ikke en docx")
    files, problems = find_documents([str(tmp_path / "a"), str(tmp_path / "mangler.txt"),
                                      str(tmp_path / "a" / "y.csv")])
    assert files == [tmp_path / "a" / "x.txt"]
    assert any("findes ikke" in p for p in problems) and any("'.csv'" in p for p in problems)
    with pytest.raises(ReadError, match="kan ikke læses som .docx"):
        read_document(tmp_path / "brudt.docx")


# -- the command -----------------------------------------------------------------------------------

def test_cli_exit_codes_json_and_html(tmp_path):
    good = tmp_path / "god.txt"
    good.write_text(COMPLETE, encoding="utf-8")
    bad = CORPUS / "e11_ankestyrelsen.txt"
    r = runner.invoke(app, ["tekst", str(good)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["tekst", str(bad), "--json", "--html", str(tmp_path / "side.html")])
    assert r.exit_code == 1
    data = json.loads(r.output)
    f = data["filer"][0]
    assert f["type"] == "vejledning_35_2"
    assert [(e["id"], e["fundet"]) for e in f["elementer"]] == [
        ("konsekvens", "ja"), ("kun_fremmødedage", "nej"), ("lukning_kalendermåned", "nej"), ("ægtefælle", "nej")]
    assert f["elementer"][3]["citat"] == "ikke fundet" and "§ 35, stk. 2, nr. 4" in f["elementer"][3]["hjemmel"]
    page = (tmp_path / "side.html").read_text(encoding="utf-8")
    assert "Ankestyrelsen anbefaler" in page and "betinget af, hvor meget du deltager" in page
    assert runner.invoke(app, ["tekst", str(tmp_path / "findes-ikke.txt")]).exit_code == 2
    assert runner.invoke(app, ["tekst", str(good), "--type", "brev"]).exit_code == 2


def test_cli_masks_cpr(tmp_path):
    f = tmp_path / "brev.txt"
    f.write_text("CPR 010203-1234. " + E11, encoding="utf-8")
    r = runner.invoke(app, ["tekst", str(f), "--json"])
    assert "010203-1234" not in r.output and "1234" not in r.output


# -- vejledning_skærpet.tekst in a case (deliverable 3) ----------------------------------------------

def test_text_only_case_gets_the_same_answer_as_coded_elements(tmp_path):
    lines = (Path(__file__).parent.parent / "sample_cases" / "skovbjerg.jsonl").read_text(encoding="utf-8").splitlines()
    cases = {json.loads(x)["sagsnummer"]: json.loads(x) for x in lines}
    coded, text_only = cases["SKB 21/05520"], cases["SKB 21/05521"]
    ev = next(e for e in text_only["hændelser"] if e["type"] == "vejledning_skærpet")
    assert "elementer" not in ev and ev["tekst"].startswith("Du skal være opmærksom på")
    # a complete text makes the item ja, like coding all four elements
    full = json.loads(json.dumps(text_only))
    full["sagsnummer"] = "SKB 21/09999"
    next(e for e in full["hændelser"] if e["type"] == "vejledning_skærpet")["tekst"] = COMPLETE
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in (coded, text_only, full)),
                                       encoding="utf-8")
    r = runner.invoke(app, ["run", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "ud"), "--quiet"])
    assert r.exit_code == 0, r.output
    res = {}
    for line in (tmp_path / "ud" / "resultater.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        res[d["sagsnummer"]] = (d["samlet"], next(i for i in d["punkter"] if i["id"] == "vejledning_35_2"))
    (s1, i1), (s2, i2), (_, i3) = res["SKB 21/05520"], res["SKB 21/05521"], res["SKB 21/09999"]
    assert (s1, i1["svar"], i1["virkning"], i1["maader"]) == (s2, i2["svar"], i2["virkning"], i2["maader"])
    assert i2["maader"] == ["elementer_mangler"] and "betinget af, hvor meget du deltager" in i2["begrundelse"]
    assert i3["svar"] == "ja" and "Er du gift, lukkes din ægtefælles sag" in i3["begrundelse"]
