"""The case timeline (issue 15, Deliver 1 and 5): geometry read back from the SVG with xml.etree.

The expected positions are computed here from the drawing's own scale (``data-fra``/``data-til`` are the
first and last day drawn, ``data-x0``/``data-x1`` their x), not from the module's code: a date's x is linear
in the date between those two points.
"""

from __future__ import annotations

import json
import shutil
import sys
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audit.cli.main import app
from audit.reporting.timeline import CHAR_W, CHAR_W_BOLD, timeline_svg

sys.path.insert(0, str(Path(__file__).parent))
from resultbuilder import fixture_results, result  # noqa: E402

NS = {"s": "http://www.w3.org/2000/svg"}
SAMPLES = Path(__file__).resolve().parent.parent / "sample_cases"


def chain_case(**extra):
    """A case with the whole chain: B1 10 Jan, S1 26 Jan with § 35 stk. 2 guidance, B2 14 Feb, D 1 Mar 2022,
    effective 7 Mar; guidance under § 35 stk. 1 on 10 Jan 2021 and none after (a gap of more than six months
    before B1: vejledning_35_1 is nej between those two dates)."""
    fields = dict(
        sagsnummer="NH-1", kommune="Nordhavn Kommune", afgoerelse_dato="2022-03-01", virkning_fra="2022-03-07",
        samlet="aendres",
        kaede={"afgoerelse": "2022-03-01", "forudgaaende_sanktion": "2022-01-26",
               "vejledning_skaerpet": "2022-01-26", "ny_tilsidesaettelse": "2022-02-14",
               "tidligere_tilsidesaettelse": "2022-01-10"},
        haendelser=[
            {"type": "visitation", "dato": "2020-12-01", "maalgruppe": "jobparat"},
            {"type": "vejledning", "dato": "2021-01-10"},
            {"type": "jobsamtale", "dato": "2021-01-10"},
            {"type": "visitation", "dato": "2021-08-01", "maalgruppe": "aktivitetsparat"},
            {"type": "tilsidesættelse", "dato": "2021-11-02", "rimelig_grund": "ja"},
            {"type": "tilsidesættelse", "dato": "2022-01-10", "rimelig_grund": "nej"},
            {"type": "partshøring", "dato": "2022-01-12", "vedroerer": "2022-01-10"},
            {"type": "sanktion", "dato": "2022-01-26", "vedroerer": "2022-01-10", "paragraf": "§ 36"},
            {"type": "vejledning_skærpet", "dato": "2022-01-26", "skriftlig": True},
            {"type": "tilsidesættelse", "dato": "2022-02-14"},
            {"type": "kontaktforsøg", "dato": "2022-02-15", "vedroerer": "2022-02-14", "kanal": "brev",
             "opnaaet": False},
            {"type": "vurdering_13_8", "dato": "2022-02-20", "vedroerer": "2022-02-14"},
        ],
        punkter=[
            {"id": "vejledning_35_1", "kort": "Vejledning efter § 35, stk. 1", "svar": "nej",
             "virkning": "aendres", "maader": ["genvejledning_mangler"], "datoer": ["2021-01-10", "2022-01-10"]},
            {"id": "partshoering", "kort": "Partshøring", "svar": "ja", "datoer": ["2022-01-10", "2022-01-12"]},
            {"id": "klagevejledning", "kort": "Klagevejledning", "svar": "nej", "virkning": "kritik",
             "datoer": ["2022-03-01"]},
            {"id": "oplysning", "kort": "Sagsoplysning", "svar": "ved_ikke", "virkning": "hjemvises", "datoer": []},
        ],
    )
    fields.update(extra)
    return result(**fields)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def scale(root: ET.Element):
    lo, hi = date.fromisoformat(root.get("data-fra")), date.fromisoformat(root.get("data-til"))
    x0, x1 = float(root.get("data-x0")), float(root.get("data-x1"))
    return lambda d: x0 + (date.fromisoformat(d) - lo).days / (hi - lo).days * (x1 - x0)


def groups(root: ET.Element, cls: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{{{NS['s']}}}g") if cls in (g.get("class") or "").split()]


def texts(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{{{NS['s']}}}text"))


def boxes(root: ET.Element) -> list[tuple[str, float, float, float, float]]:
    """Each text's box (label, left, top, right, bottom), estimated like the layout does (generous widths)."""
    out = []
    for t in texts(root):
        text = "".join(t.itertext())
        size = float(t.get("font-size"))
        w = len(text) * size * (CHAR_W_BOLD if t.get("font-weight") == "bold" else CHAR_W)
        x, y = float(t.get("x")), float(t.get("y"))
        anchor = t.get("text-anchor", "start")
        left = x - (w if anchor == "end" else w / 2 if anchor == "middle" else 0)
        out.append((text, left, y - size * 0.8, left + w, y + size * 0.2))
    return out


def overlapping(bs):
    hits = []
    for i, a in enumerate(bs):
        for b in bs[i + 1:]:
            if a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5 and a[2] < b[4] - 0.5 and b[2] < a[4] - 0.5:
                hits.append((a[0], b[0]))
    return hits


def test_valid_svg_with_danish_legend():
    root = parse(timeline_svg(chain_case()))
    assert root.tag == f"{{{NS['s']}}}svg"
    legend = " ".join(" ".join(t.itertext()) for g in groups(root, "signatur") for t in texts(g))
    assert "Signaturforklaring" in legend
    for words in ("Tilsidesættelse uden rimelig grund", "Tilsidesættelse med rimelig grund",
                  "Sanktion efter §§ 36-40", "Partshøring", "Kontaktforsøg, ikke opnået",
                  "Vurdering efter § 13, stk. 8", "Afgørelsen (D)", "Afgørelsen har virkning fra",
                  "Nej: mellem punktets datoer", "Nej: på punktets dato", "Målgruppe jobparat",
                  "Målgruppe aktivitetsparat", "S1 forudgående sanktion", "B2 ny tilsidesættelse"):
        assert words in legend, words
    assert not root.findall(".//s:script", NS)


def test_events_in_date_order_at_their_dates():
    case = chain_case()
    root = parse(timeline_svg(case))
    x = scale(root)
    drawn = [(g.get("data-dato"), float(g.get("data-x")), g.get("data-type")) for g in groups(root, "haendelse")]
    assert len(drawn) == len(case.events)
    for d, gx, _ in drawn:
        assert gx == pytest.approx(x(d), abs=0.11)
    ordered = sorted(drawn, key=lambda t: t[0])
    xs = [gx for _, gx, _ in ordered]
    assert xs == sorted(xs)
    assert len({gx for _, gx, _ in drawn}) > 5  # spread out, not all at one x


def test_chain_markers_at_their_dates():
    case = chain_case()
    root = parse(timeline_svg(case))
    x = scale(root)
    marks = {g.get("data-led"): g.get("data-dato") for g in groups(root, "kaede")}
    assert marks == {"S1": "2022-01-26", "B1": "2022-01-10", "B2": "2022-02-14", "D": "2022-03-01",
                     "Virkning": "2022-03-07"}
    lines = {ln.get("data-led"): float(ln.get("x1")) for ln in root.iter(f"{{{NS['s']}}}line")
             if ln.get("class") == "kaede-linje"}
    for led in ("S1", "B1", "B2"):
        assert lines[led] == pytest.approx(x(marks[led]), abs=0.11)
    d_line = next(ln for ln in root.iter(f"{{{NS['s']}}}line") if ln.get("class") == "afgoerelse")
    assert float(d_line.get("x1")) == pytest.approx(x("2022-03-01"), abs=0.11)
    eff = next(ln for ln in root.iter(f"{{{NS['s']}}}line") if ln.get("class") == "virkning")
    assert float(eff.get("x1")) == pytest.approx(x("2022-03-07"), abs=0.11)
    assert eff.get("stroke-dasharray")  # dashed, unlike the decision's line


def test_failed_item_span_between_its_dates_and_only_failed_items_drawn():
    root = parse(timeline_svg(chain_case()))
    x = scale(root)
    failed = {g.get("data-punkt"): g for g in groups(root, "mangel")}
    assert set(failed) == {"vejledning_35_1", "klagevejledning", "oplysning"}  # not partshoering (ja)
    span = next(r for r in failed["vejledning_35_1"].iter(f"{{{NS['s']}}}rect") if r.get("class") == "spand")
    left, width = float(span.get("x")), float(span.get("width"))
    assert left == pytest.approx(x("2021-01-10"), abs=0.11)
    assert left + width == pytest.approx(x("2022-01-10"), abs=0.11)
    label = " ".join(" ".join(t.itertext()) for t in texts(failed["vejledning_35_1"]))
    assert "Vejledning efter § 35, stk. 1" in label and "Nej" in label
    # one date: a marker at it; no date: said so in words
    circle = next(failed["klagevejledning"].iter(f"{{{NS['s']}}}circle"))
    assert float(circle.get("cx")) == pytest.approx(x("2022-03-01"), abs=0.11)
    assert "ingen dato i sagen" in " ".join(" ".join(t.itertext()) for t in texts(failed["oplysning"]))
    assert failed["oplysning"].get("data-svar") == "ved_ikke"


def test_breach_before_the_prior_sanction_is_a_misplaced_marker():
    case = chain_case(kaede={"afgoerelse": "2022-03-01", "forudgaaende_sanktion": "2022-01-26",
                             "vejledning_skaerpet": "2022-01-26", "ny_tilsidesaettelse": "2022-01-20",
                             "tidligere_tilsidesaettelse": "2022-01-10"},
                      punkter=[{"id": "ny_tilsidesaettelse", "kort": "Ny tilsidesættelse", "svar": "nej",
                                "virkning": "aendres", "maader": ["foer_sanktion"],
                                "datoer": ["2022-01-20", "2022-01-26"]}])
    root = parse(timeline_svg(case))
    x = scale(root)
    (g,) = groups(root, "mangel")
    marker = next(p for p in g.iter(f"{{{NS['s']}}}polygon") if p.get("class") == "fejlplaceret")
    apex_x = float(marker.get("points").split()[0].split(",")[0])
    assert apex_x == pytest.approx(x("2022-01-20"), abs=0.11)
    arrow = next(ln for ln in g.iter(f"{{{NS['s']}}}line") if ln.get("class") == "pil")
    assert float(arrow.get("x1")) == pytest.approx(x("2022-01-20"), abs=0.11)
    assert float(arrow.get("x2")) == pytest.approx(x("2022-01-26"), abs=0.11)
    assert not [r for r in g.iter(f"{{{NS['s']}}}rect") if r.get("class") == "spand"]


def eighty_events():
    start = date(2020, 6, 1)
    kinds = ["jobsamtale", "vejledning", "tilsidesættelse", "partshøring", "kontaktforsøg", "sagsoplysning",
             "sanktion", "vejledning_skærpet", "vurdering_13_8", "visitation"]
    evs = []
    for i in range(80):
        d = (start + timedelta(days=9 * i)).isoformat()
        kind = kinds[i % len(kinds)]
        e = {"type": kind, "dato": d}
        if kind == "visitation":
            e["maalgruppe"] = "jobparat" if i % 20 else "aktivitetsparat"
        evs.append(e)
    # several on the same days and the chain's dates close together
    evs += [{"type": "tilsidesættelse", "dato": "2022-06-01", "rimelig_grund": "nej"},
            {"type": "tilsidesættelse", "dato": "2022-06-01", "rimelig_grund": "ja"},
            {"type": "jobsamtale", "dato": "2022-06-01"}]
    items = [{"id": f"p{i}", "kort": f"Punkt nummer {i} med en lang dansk titel", "svar": "nej",
              "virkning": "kritik", "datoer": [evs[i * 7]["dato"], evs[i * 7 + 3]["dato"]]} for i in range(8)]
    return chain_case(haendelser=evs, punkter=items,
                      kaede={"afgoerelse": "2022-07-01", "forudgaaende_sanktion": "2022-05-30",
                             "vejledning_skaerpet": "2022-05-30", "ny_tilsidesaettelse": "2022-06-01",
                             "tidligere_tilsidesaettelse": "2022-05-28"},
                      afgoerelse_dato="2022-07-01", virkning_fra="2022-07-02")


def test_eighty_events_stay_within_the_width_and_labels_do_not_overlap():
    root = parse(timeline_svg(eighty_events()))
    width = float(root.get("viewBox").split()[2])
    assert width <= 680  # fits A4 between the margins
    # the 83 events, and B1 (28 May) drawn as known only from its sanction (no breach event on that day)
    assert len(groups(root, "haendelse")) == 84
    assert [g.get("data-dato") for g in groups(root, "kendt-fra-sanktion")] == ["2022-05-28"]
    for g in groups(root, "haendelse"):
        assert 0 <= float(g.get("data-x")) <= width
    bs = boxes(root)
    assert all(0 <= b[1] and b[3] <= width for b in bs), [b for b in bs if b[1] < 0 or b[3] > width]
    assert overlapping(bs) == []
    assert min(float(t.get("font-size")) for t in texts(root) if "".join(t.itertext()) not in ("!", "?")) >= 12.5


def test_text_is_escaped_and_cpr_masked():
    case = chain_case(sagsnummer="<sag & 010190-1234>",
                      punkter=[{"id": "x", "kort": "Titel <b>010190-1234</b>", "svar": "nej", "virkning": "kritik",
                                "datoer": ["2022-01-01"]}])
    svg = timeline_svg(case)
    parse(svg)  # valid XML
    assert "010190-1234" not in svg and "0101901234" not in svg
    assert "xxxxxx-xxxx" in svg and "<b>" not in svg


def test_bad_dates_and_empty_case_do_not_crash():
    case = chain_case(haendelser=[{"type": "sanktion", "dato": "ikke en dato"}], kaede=None, virkning_fra=None,
                      afgoerelse_dato="2022-13-45", punkter=[])
    parse(timeline_svg(case))


def test_every_case_in_the_bilag_and_examples_have_a_timeline():
    from audit.reporting.html import render_report
    from audit.reporting.model import build_model, make_context

    results = fixture_results()
    ctx = make_context(results, {}, lambda _m: None)
    model = build_model(results, "alle", ctx, samlet=True)
    bilag = render_report(model, "bilag")
    assert bilag.count('<svg xmlns="http://www.w3.org/2000/svg" class="tidslinje"') == len(results)
    rapport = render_report(model, "rapport")
    n_examples = sum(len(s["examples"]) for ch in model["chapters"] for s in ch.get("sections", []))
    assert n_examples > 0
    assert rapport.count('class="tidslinje"') >= n_examples
    for e in model["examples"]:
        assert 'class="tidslinje"' in e.timeline


def test_check_html_page(tmp_path):
    cases = json.loads((SAMPLES / "nordhavn.json").read_text(encoding="utf-8"))
    cases = cases["sager"] if isinstance(cases, dict) else cases
    draft = tmp_path / "kladde.json"
    draft.write_text(json.dumps(cases[0], ensure_ascii=False), encoding="utf-8")
    page = tmp_path / "side.html"
    r = CliRunner().invoke(app, ["check", str(draft), "--html", str(page)])
    assert r.exit_code in (0, 1), r.output
    text = page.read_text(encoding="utf-8")
    assert ('NO-GO' in text) == (r.exit_code == 1)
    assert 'class="tidslinje"' in text and "Signaturforklaring" in text and 'lang="da"' in text
    assert "<script" not in text


def test_check_html_unwritable_is_a_danish_usage_error(tmp_path):
    cases = json.loads((SAMPLES / "nordhavn.json").read_text(encoding="utf-8"))
    cases = cases["sager"] if isinstance(cases, dict) else cases
    draft = tmp_path / "kladde.json"
    draft.write_text(json.dumps(cases[0], ensure_ascii=False), encoding="utf-8")
    blocker = tmp_path / "en-fil"
    blocker.write_text("x", encoding="utf-8")  # a file where the page's folder would have to be
    r = CliRunner().invoke(app, ["check", str(draft), "--html", str(blocker / "side.html")])
    assert r.exit_code == 2
    assert "siden kunne ikke skrives" in r.output


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium er ikke installeret")
def test_rendered_in_chromium_without_overlapping_text(tmp_path):
    """Rendered by the browser: every text's real box lies inside the drawing and no two overlap; a PNG is
    written for a person to look at (tmp_path/tidslinje.png)."""
    playwright = pytest.importorskip("playwright.sync_api")
    from audit.reporting.pdf import find_browser

    page_file = tmp_path / "tidslinje.html"
    page_file.write_text(f'<!DOCTYPE html><html lang="da"><body style="margin:0">{timeline_svg(chain_case())}'
                         f'{timeline_svg(eighty_events(), uid="b")}</body></html>', encoding="utf-8")
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_browser(), args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 700, "height": 800})
            page.goto(page_file.as_uri())
            result = page.evaluate("""() => [...document.querySelectorAll('svg.tidslinje')].map(svg => {
                const w = svg.viewBox.baseVal.width;
                return [w, [...svg.querySelectorAll('text')].map(t => {
                    const b = t.getBBox(); return [t.textContent, b.x, b.y, b.x + b.width, b.y + b.height]; })];
            })""")
            page.screenshot(path=str(tmp_path / "tidslinje.png"), full_page=True)
        finally:
            browser.close()
    for width, bs in result:
        assert all(-0.5 <= b[1] and b[3] <= width + 0.5 for b in bs), [b for b in bs if b[1] < 0 or b[3] > width]
        # real glyph boxes include ascent/descent: shrink them a little vertically before comparing
        shrunk = [(t, x0, y0 + 2, x1, y1 - 2) for t, x0, y0, x1, y1 in bs]
        assert overlapping(shrunk) == []
    assert (tmp_path / "tidslinje.png").stat().st_size > 10_000
