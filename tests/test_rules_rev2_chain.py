"""Rules revision 2, changes 3, 4 and 7, where a YAML scenario cannot say it.

- Change 3: the prior breach known only by the date its sanction names is a sanctioned breach flagged
  ``known_from_sanction`` in the chain, so every item over the sanctioned breaches (also re-guidance in
  ``vejledning_35_1`` part 3) checks it on that date, and every such reason says it is known only so.
- The engine's windows ("on or after the breach") hold also for an event dated before the breach it names.
  Since revision 2 (change 10) the readers reject such a case as an input error, so a scenario cannot
  express it; the engine is checked here on a case built without the reader.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from casebuilder import B1, B2, S1, add, aktivitetsparat, audit, base, drop, item, set_event  # noqa: E402

from audit.model import Case  # noqa: E402
from audit.rules.chain import compute_chain  # noqa: E402
from audit.rules.engine import evaluate  # noqa: E402

KNOWN = "kendes kun fra sanktionen"


def _without_b1(raw: dict) -> dict:
    return drop(raw, "tilsidesættelse", dato=B1)


def test_chain_exposes_b1_known_from_sanction():
    case = Case.model_validate(_without_b1(base()))
    chain = compute_chain(case)
    assert chain.prior_breach is not None and chain.prior_breach.date == date.fromisoformat(B1)
    assert chain.prior_breach_known_from_sanction
    prior, new = chain.sanctioned_breaches
    assert (prior.label, prior.known_from_sanction, prior.sanction_date) == ("forudgående", True,
                                                                               date.fromisoformat(S1))
    assert (new.label, new.known_from_sanction) == ("ny", False)
    # the stand-in is not one of the case's events (it is no breach between S1 and B2 for the staleness rule)
    assert chain.prior_breach not in chain.events


def test_chain_b1_missing_only_without_vedroerer():
    raw = _without_b1(base())
    set_event(raw, "sanktion", {}, vedrører=None)
    chain = compute_chain(Case.model_validate(raw))
    assert chain.prior_breach is None and not chain.prior_breach_known_from_sanction
    assert [sb.label for sb in chain.sanctioned_breaches] == ["ny"]


def test_reguidance_part_3_runs_on_b1_known_from_sanction():
    """vejledning_35_1 part 3 at the prior breach known only by date: the latest guidance before
    4 October 2021 is 10 March 2021 (re-guidance 1 September 2021 removed; a new one 25 October 2021
    covers the new breach), more than 6 months: nej. Before revision 2 the breach was skipped (ja)."""
    raw = _without_b1(base())
    drop(raw, "vejledning", dato="2021-09-01")
    add(raw, {"type": "vejledning", "dato": "2021-10-25", "former": ["gennemgået", "tilgængeliggjort"]})
    p = item(audit(raw), "vejledning_35_1")
    assert p["svar"] == "nej" and "genvejledning_mangler" in p["maader"], p["begrundelse"]
    assert "4. oktober 2021" in p["begrundelse"] and KNOWN in p["begrundelse"]


def test_every_breach_item_names_b1_known_from_sanction_once():
    r = audit(aktivitetsparat(_without_b1(base())))
    assert r["samlet"] == "i_overensstemmelse"
    for item_id in ("vejledning_35_1", "partshoering", "personlig_kontakt", "vurdering_13_8", "oplysning",
                    "forudgaaende_sanktion"):
        text = item(r, item_id)["begrundelse"]
        assert text.count(KNOWN) == 1, (item_id, text)
    for item_id in ("laengde", "tilbud", "rimelig_grund"):
        assert KNOWN not in item(r, item_id)["begrundelse"], item_id


def _engine_only(raw: dict) -> dict:
    """Audit a case the reader would reject (an event dated before the breach it names)."""
    return evaluate(Case.model_validate(raw)).to_dict()


def test_contact_the_day_before_the_breach_does_not_count():
    raw = aktivitetsparat(base())
    drop(raw, "kontaktforsøg", vedrører=B2)
    add(raw, {"type": "kontaktforsøg", "dato": "2021-11-07", "vedrører": B2, "kanal": "hjemmebesøg",
              "opnået": False})
    assert item(_engine_only(raw), "personlig_kontakt")["svar"] == "nej"


def test_hearing_the_day_before_the_breach_does_not_count():
    raw = set_event(base(), "partshøring", {"vedrører": B2}, dato="2021-11-07")
    assert item(_engine_only(raw), "partshoering")["svar"] == "nej"


def test_assessment_the_day_before_the_prior_breach_does_not_count():
    raw = set_event(aktivitetsparat(base()), "vurdering_13_8", {"vedrører": B1}, dato="2021-10-03")
    assert item(_engine_only(raw), "vurdering_13_8")["svar"] == "nej"


def test_prior_sanction_correct_fact_follows_the_item():
    """Tabel 2.2: a prior sanction that exists but is wrong is "nej"; "ingen" only without one."""
    raw = set_event(base(), "tilsidesættelse", {"dato": B1}, rimelig_grund="ja")
    assert audit(raw)["fakta"]["forudgaaende_sanktion_korrekt"] == "nej"
    raw = drop(drop(base(), "sanktion"), "vejledning_skærpet")
    assert audit(raw)["fakta"]["forudgaaende_sanktion_korrekt"] == "ingen"
    assert audit(_without_b1(base()))["fakta"]["forudgaaende_sanktion_korrekt"] == "ja"
