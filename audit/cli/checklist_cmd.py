"""``audit checklist``: print the rule set (items, questions, hjemmel, parameters)."""

from __future__ import annotations

import json
from datetime import date

from rich.table import Table

from audit.cli.app import app, console, fail, safe
from audit.cli.common import JSON_OPTION, REGELSAET_OPTION
from audit.rules.checklist import ChecklistError, checklist_for, load_checklist


@app.command("checklist")
def checklist(
    regelsaet: str = REGELSAET_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Vis tjeklisten: punkter, spørgsmål, hjemmel, virkninger og parametre.

    Eksempel:

        audit checklist --regelsaet las-40a-2020
    """
    try:
        cl = load_checklist(regelsaet) if regelsaet else checklist_for(date.today())
    except ChecklistError as exc:
        raise fail(str(exc)) from None
    if cl is None:
        raise fail("intet regelsæt gælder i dag; angiv --regelsaet")
    if as_json:
        data = {
            "id": cl.id, "titel": cl.title, "gyldig_fra": cl.valid_from.isoformat(),
            "gyldig_til": cl.valid_to.isoformat() if cl.valid_to else None, "parametre": cl.parameters,
            "punkter": [{"id": i.id, "nummer": i.number, "spoergsmaal": i.question, "hjemmel": i.hjemmel,
                         "gaelder": i.applies, "vejledende": i.advisory,
                         "maader": {k: {"svar": w.answer, "virkning": w.consequence} for k, w in i.ways.items()},
                         "anbefalinger": list(i.recommendations)} for i in cl.items],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    console.print(f"[bold]{safe(cl.title)}[/]  (id: {cl.id}, gælder fra {cl.valid_from.isoformat()})")
    table = Table(show_lines=True)
    for col in ("Punkt", "Nr.", "Spørgsmål", "Hjemmel", "Gælder", "Fejl giver"):
        table.add_column(col)
    for i in cl.items:
        cons = "; ".join(f"{w.answer}: {w.consequence or 'ingen virkning'} ({k})" for k, w in i.ways.items())
        table.add_row(i.id + (" (vejledende)" if i.advisory else ""), i.number, safe(i.question),
                      safe(i.hjemmel), i.applies, safe(cons))
    console.print(table)
    params = Table(title="Parametre", title_justify="left")
    params.add_column("Navn")
    params.add_column("Værdi", justify="right")
    params.add_column("Forklaring")
    for k, v in cl.parameters.items():
        params.add_row(k, str(v), safe(cl.parameter_notes.get(k, "")))
    console.print(params)
