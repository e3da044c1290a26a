"""The engine never crashes on any well-formed case, and every answer is complete and consistent."""

from __future__ import annotations

import os
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit import model as m
from audit.rules.checklist import load_checklist
from audit.rules.engine import evaluate

START = date(2020, 6, 1)
CL = load_checklist("las-40a-2020")
ITEM_IDS = [i.id for i in CL.items]

day = st.integers(0, 500).map(lambda n: START + timedelta(days=n))
maybe_bool = st.sampled_from([None, True, False])


@st.composite
def events(draw):
    kind = draw(st.sampled_from(m.EVENT_TYPES))
    ev: dict = {"type": kind, "dato": draw(day)}
    if kind == "visitation":
        ev["målgruppe"] = draw(st.sampled_from(m.TARGET_GROUPS))
    elif kind == "jobsamtale":
        ev["første"] = draw(maybe_bool)
    elif kind == "vejledning":
        ev["former"] = tuple(draw(st.sets(st.sampled_from(m.GUIDANCE_FORMS))))
    elif kind == "sanktion":
        ev["paragraf"] = draw(st.sampled_from((None,) + m.SANCTION_PARAGRAPHS))
        ev["vedrører"] = draw(st.one_of(st.none(), day))
    elif kind == "vejledning_skærpet":
        ev["skriftlig"] = draw(maybe_bool)
        ev["elementer"] = tuple(draw(st.sets(st.sampled_from(m.SHARPENED_ELEMENTS))))
        ev["ægtefælle_vejledt"] = draw(maybe_bool)
    elif kind == "tilsidesættelse":
        ev["art"] = draw(st.sampled_from(m.BREACH_KINDS))
        ev["rimelig_grund"] = draw(st.sampled_from((None,) + m.YES_NO_UNKNOWN))
        ev["forklaring"] = draw(st.sampled_from([None, "Jeg var syg"]))
    else:
        ev["vedrører"] = draw(st.one_of(st.none(), day))
        if kind == "partshøring":
            ev["svar"] = draw(st.sampled_from([None, "Jeg glemte det"]))
            ev["svar_dato"] = draw(st.one_of(st.none(), day))
        elif kind == "kontaktforsøg":
            ev["kanal"] = draw(st.sampled_from(m.CONTACT_CHANNELS))
            ev["opnået"] = draw(maybe_bool)
            ev["samtykke"] = draw(maybe_bool)
        elif kind == "vurdering_13_8":
            ev["andre_forhold"] = draw(st.sampled_from([None, "Ingen"]))
            ev["fremmer_rådighed"] = draw(st.sampled_from([None, "ja", "nej"]))
    return m.Event.model_validate({k: v for k, v in ev.items() if v is not None})


@st.composite
def cases(draw):
    decision = {
        "dato": draw(day), "vedrører": draw(st.one_of(st.none(), day)),
        "virkning_fra": draw(st.one_of(st.none(), day)), "længde_måneder": draw(st.sampled_from([None, 0, 1, 2, 3, 7])),
        "længde_begrundelse": draw(st.sampled_from([None, "Begrundet"])), "vilje_vurderet": draw(maybe_bool),
        "vægt_på": tuple(draw(st.sets(st.sampled_from(m.WEIGHTED_CIRCUMSTANCES)))),
        "begrundelse": draw(st.sampled_from([None, "Du er jobparat", "Du er aktivitetsparat, jf. § 13, stk. 8"])),
        "forholdt_til_målgruppe": draw(maybe_bool), "henvist_regler": draw(maybe_bool),
        "tilbud": draw(st.one_of(st.none(), st.builds(lambda a, s: {"art": a, "startdato": s},
                                                      st.sampled_from(m.OFFER_KINDS), st.one_of(st.none(), day)))),
        "lukning_ved_udeblivelse": draw(maybe_bool), "ægtefælle_afgørelse": draw(maybe_bool),
        "fremmøde_oplyst": draw(maybe_bool), "klagevejledning": draw(maybe_bool), "skriftlig": draw(maybe_bool),
    }
    reviews = draw(st.dictionaries(st.sampled_from(ITEM_IDS), st.builds(
        lambda a, v: m.Review.model_validate({"svar": a, **({"virkning": v} if v else {})}),
        st.sampled_from(m.ANSWERS), st.sampled_from((None,) + m.CONSEQUENCES)), max_size=3))
    return m.Case.model_validate({
        "sagsnummer": "F-1", "kommune": "Fuzz Kommune",
        "civilstand": draw(st.sampled_from([None, "gift", "ugift"])),
        "hændelser": tuple(draw(st.lists(events(), max_size=14))),
        "afgørelse": m.Decision.model_validate({k: v for k, v in decision.items() if v is not None}),
        "vurderinger": reviews,
    })


EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "400"))  # more for a local hunt: FUZZ_EXAMPLES=5000


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_engine_total_and_consistent(case):
    r = evaluate(case, CL).to_dict()
    assert r["samlet"] in ("i_overensstemmelse", "aendres", "hjemvises")
    assert r["kritik"] in ("kritik", "bemaerkning", "ingen")
    assert [p["id"] for p in r["punkter"]] == ITEM_IDS
    for p in r["punkter"]:
        assert p["svar"] in ("ja", "nej", "ved_ikke", "ikke_relevant")
        assert p["begrundelse"].strip()
        assert p["hjemmel"]
        if p["svar"] in ("ja", "ikke_relevant"):
            assert p["virkning"] is None
        if p["kilde"] == "beregnet" and p["svar"] in ("nej", "ved_ikke"):
            assert p["maader"], p
        for rec in p["anbefalinger"]:
            assert rec in CL.recommendations
        for d in p["datoer"]:
            assert date.fromisoformat(d) <= case.decision.date or p["id"] in ("ny_tilsidesaettelse", "tilbud")
    binding = [p for p in r["punkter"] if not p["vejledende"]]
    if any(p["svar"] == "nej" and p["virkning"] == "aendres" for p in binding):
        assert r["samlet"] == "aendres"
    if r["samlet"] != "i_overensstemmelse":
        assert r["kritik"] == "ingen"
