"""``audit check FILE``: the pre-decision gate for one draft § 40 a decision."""

from __future__ import annotations

import json
from datetime import date

import typer
from rich.console import Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from audit.cli.app import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, app, console, err_console, fail, print_error, safe
from audit.cli.common import JSON_OPTION, MAPPING_OPTION, require_paths
from audit.contract import Source, Verdict, label
from audit.dates import format_da, parse_date
from audit.privacy import mask_cpr
from audit.reporting.labels import item_label
from audit.tilsyn.gate import Draft, GateItem, GateResult, assess, load_draft

OUTSIDE_TEXT = ("Afgørelsesdatoen ligger før regelsættet (1. januar 2020), så kladden kan ikke vurderes; "
                "kontrollér datoen.")


def verdict_text(verdict: Verdict) -> str:
    """Why a draft is NO-GO: the contract's wording of the verdict, or why it could not be assessed."""
    if verdict is Verdict.OUTSIDE:
        return OUTSIDE_TEXT
    return f"Afgørelsen {verdict.phrase}." if verdict is not Verdict.UPHELD else ""


@app.command("check")
def check_command(
    file: str = typer.Argument(..., metavar="FIL", help="Kladden: én sag (.json, .jsonl eller .xlsx)."),
    sag: str | None = typer.Option(
        None, "--sag", metavar="NR",
        help="Sagsnummeret på den sag, der skal tjekkes, når filen indeholder flere sager."),
    as_json: bool = JSON_OPTION,
    mapping: str | None = MAPPING_OPTION,
    html: str | None = typer.Option(
        None, "--html", metavar="FIL",
        help="Skriv også en side (HTML) med svaret, punkterne og sagens tidslinje til FIL."),
) -> None:
    """Tjek en kladde til en afgørelse om skærpet rådighedssanktion, før den sendes: GO eller NO-GO.

    Filen skal indeholde én sag med forløbet og den påtænkte afgørelse. Afgørelsens dato må ligge i
    fremtiden; mangler den, vurderes kladden, som om afgørelsen træffes i dag.
    Indeholder filen flere sager, vælges én med --sag.
    Afslutningskode 0: GO; 1: NO-GO; 2: filen kan ikke læses eller indeholder ikke netop én sag.

    Eksempel (én sag fra en fil med flere, og en side med sagens tidslinje):

        audit check sager.xlsx --sag NH-2024-0117 --html kladde.html
    """
    from audit.readers import MappingError

    require_paths([file])
    try:
        draft = load_draft(file, mapping) if sag is None else pick_case(file, mapping, sag)
    except MappingError as exc:
        if as_json:
            _unreadable(f"kolonneoversættelsen kan ikke bruges: {exc}", [], True)
            raise typer.Exit(EXIT_USAGE) from None
        raise fail(str(exc)) from None
    warnings = [i for i in draft.issues if not i.blocking]
    if draft.case is None:
        if draft.records > 1:
            message = (f"filen indeholder {draft.records} sager; vælg den, der skal tjekkes, med --sag NR "
                       f"(sagerne i filen: {', '.join(_numbers(file, mapping))}), "
                       "eller gennemgå dem alle med audit run")
        elif draft.records == 0 and sag is not None:
            message = (f"filen indeholder ingen sag med sagsnummer '{sag}' (sagerne i filen: "
                       f"{', '.join(_numbers(file, mapping))})")
        elif draft.records == 0 and not any(i.blocking for i in draft.issues):
            message = "filen indeholder ingen sag"
        else:
            message = "kladden kan ikke læses"
        _unreadable(message, draft.issues, as_json)
        raise typer.Exit(EXIT_USAGE)

    gate = assess(draft.case, date_assumed=draft.date_assumed)
    if html:
        from pathlib import Path

        target = Path(html)
        if target.exists() and not target.is_file():  # a folder or a device: never replaced by the page
            print_error(f"siden kunne ikke skrives til {safe(html)}: det er ikke en almindelig fil (fx en mappe); "
                        "angiv et filnavn, fx kladde.html")
            raise typer.Exit(EXIT_USAGE)
        try:
            write_html(gate, html)
        except OSError as exc:
            print_error(f"siden kunne ikke skrives til {safe(html)}: {safe(exc.strerror or exc)}")
            raise typer.Exit(EXIT_USAGE) from None
    if as_json:
        console.out(mask_cpr(json.dumps(gate.to_dict(warnings), ensure_ascii=False, indent=2)), highlight=False)
    else:
        for w in warnings:
            err_console.print(safe(w.line()), soft_wrap=True)
        print_gate(gate)
    raise typer.Exit(EXIT_OK if gate.go else EXIT_PROBLEMS)


def gate_page(gate: GateResult) -> str:
    """The standalone Danish HTML page of ``audit check --html``: the answer, the items and the timeline."""
    from markupsafe import Markup

    from audit import __version__
    from audit.reporting.html import environment
    from audit.reporting.timeline import timeline_svg

    r = gate.result
    if gate.go:
        head = "Kladden opfylder tjeklisten og kan sendes."
        lines = ([f"{_punkter(len(gate.should_fix))} bør dog rettes først ({label(gate.kritik)})."]
                 if gate.should_fix else [])
    else:
        head = "Send ikke afgørelsen endnu."
        lines = [x for x in (verdict_text(gate.samlet),
                             f"{_punkter(len(gate.blocking))} skal være i orden, før afgørelsen sendes.") if x]
    when, group = _when_and_group(gate, str)  # the page's template escapes
    numbered, sections = 0, []
    for title, items in (("Det skal være i orden før afsendelse", gate.blocking),
                         ("Bør rettes (forhindrer ikke afsendelse)", gate.should_fix)):
        rows = []
        for item in items:
            numbered += 1
            answer = label(item.answer) + (f" (virkning: {label(item.consequence)})" if item.consequence else "")
            if item.source is Source.REVIEW:
                answer += " - fra en vurdering i sagen"
            rows.append({
                "nr": numbered, "titel": item_label(item.id, item.short),
                "ref": ", ".join(x for x in (item.number and f"punkt {item.number}", item.hjemmel) if x),
                "spoergsmaal": item.question, "svar": answer, "begrundelse": item.reason,
                "todo": [{"text": t.text, "who": "Værktøjets anbefaling" if t.own else "Ankestyrelsen anbefaler"}
                         for t in item.todo]})
        if rows:
            sections.append({"titel": title, "punkter": rows})
    model = {"go": gate.go, "sagsnummer": r.case_number, "kommune": r.municipality, "overskrift": head,
             "linjer": lines, "dato_tekst": when, "maalgruppe_tekst": group, "afsnit": sections,
             "tidslinje": Markup(timeline_svg(r)), "version": __version__}
    return mask_cpr(environment().get_template("check.html.j2").render(g=model))


def write_html(gate: GateResult, path: str) -> None:
    from audit.io_utils import atomic_write_text

    atomic_write_text(path, gate_page(gate))


def pick_case(file: str, mapping: str | None, sag: str) -> Draft:
    """The one case of ``file`` whose sagsnummer is ``sag`` (spaces around it and case ignored), with its own
    problems and the file's general ones; ``records`` is how many records have that number."""
    from audit.readers import read_cases

    wanted = sag.strip().casefold()
    chosen, issues = [], []
    for r in read_cases([file], mapping_file=mapping):
        number = r.case.case_number if r.case is not None else next(
            (i.case_number for i in r.issues if i.case_number), None)
        if number is not None and number.strip().casefold() == wanted:
            chosen.append(r)
            issues.extend(r.issues)
        elif number is None:  # problems with the file itself, not with one case
            issues.extend(r.issues)
    case = chosen[0].case if len(chosen) == 1 else None
    return Draft(case=case, issues=issues, records=len(chosen))


def _numbers(file: str, mapping: str | None) -> list[str]:
    """The case numbers in ``file``, for a message that asks the user to pick one."""
    from audit.readers import read_cases

    found: list[str] = []
    for r in read_cases([file], mapping_file=mapping):
        number = r.case.case_number if r.case is not None else next(
            (i.case_number for i in r.issues if i.case_number), None)
        if number and number not in found:
            found.append(number)
    return [mask_cpr(n) for n in found[:10]] + (["..."] if len(found) > 10 else [])


def _unreadable(message: str, issues, as_json: bool) -> None:
    if as_json:
        console.out(mask_cpr(json.dumps({"go": False, "laesbar": False, "fejl": message,
                                "problemer": [i.to_dict() for i in issues]}, ensure_ascii=False, indent=2)),
                    highlight=False)
        return
    print_error(message)
    for i in issues:
        err_console.print(safe(i.line()), soft_wrap=True)


def _when_and_group(gate: GateResult, clean) -> tuple[str, str]:
    """The two sentences under the answer, for the terminal and the page: the decision's date (or that today's
    was assumed) and the target group on that date (``clean``: how a value from the case is made safe)."""
    r = gate.result
    when = f"Afgørelsen er dateret {_date(r.decision_date)}."
    if gate.date_assumed:
        when = (f"Kladden har ingen afgørelsesdato; den er vurderet, som om afgørelsen træffes i dag "
                f"({format_da(date.today())}).")
    group = (f"Målgruppe på afgørelsesdatoen: {clean(r.target_group)}." if r.target_group
             else "Borgeren er ikke visiteret før afgørelsesdatoen.")
    return when, group


def _date(value: str) -> str:
    try:
        return format_da(parse_date(value))
    except Exception:  # noqa: BLE001 - display only
        return str(value or "(ingen dato)")


def _punkter(n: int) -> str:
    return "1 punkt" if n == 1 else f"{n} punkter"


def print_gate(gate: GateResult) -> None:
    r = gate.result
    who = f"Sag {safe(r.case_number)}, {safe(r.municipality)}"
    when, group = _when_and_group(gate, safe_plain)
    if gate.go:
        lines = [Text("GO", style="bold green"), Text("Kladden opfylder tjeklisten og kan sendes.")]
        if gate.should_fix:
            lines.append(Text(f"{_punkter(len(gate.should_fix))} bør dog rettes først "
                              f"({label(gate.kritik)}); se nedenfor.", style="yellow"))
        style = "green"
    else:
        lines = [Text("NO-GO", style="bold red"),
                 Text("Send ikke afgørelsen endnu. " + verdict_text(gate.samlet)),
                 Text(f"{_punkter(len(gate.blocking))} skal være i orden, før afgørelsen sendes.")]
        style = "red"
    lines.append(Text(f"{when} {group}", style="dim"))
    console.print(Panel(Group(*lines), title=who, border_style=style, expand=False))

    numbers: dict[str, int] = {}  # a recommendation is named by its number in this output, not its id
    if gate.blocking:
        console.print(Text("Det skal være i orden før afsendelse", style="bold red"))
        _print_items(gate.blocking, start=1, numbers=numbers)
    if gate.should_fix:
        console.print(Text("Bør rettes (forhindrer ikke afsendelse)", style="bold yellow"))
        _print_items(gate.should_fix, start=len(gate.blocking) + 1, numbers=numbers)
    if not gate.blocking and not gate.should_fix and gate.go:
        console.print("Alle punkter i tjeklisten er opfyldt eller ikke relevante for sagen.")
    if any(not t.own for i in gate.blocking + gate.should_fix for t in i.todo):
        console.print(Text("Tekster markeret »Ankestyrelsen anbefaler« er citeret ordret fra Ankestyrelsens "
                           "Praksisundersøgelse om skærpet rådighedssanktion (2023).", style="dim"))


def _print_items(items: list[GateItem], start: int, numbers: dict[str, int]) -> None:
    for n, item in enumerate(items, start=start):
        head = Text(f"{n}. ", style="bold")
        head.append(safe_plain(item_label(item.id, item.short)), style="bold")
        ref = ", ".join(x for x in (item.number and f"punkt {item.number}", item.hjemmel) if x)
        if ref:
            head.append(f" ({safe_plain(ref)})", style="dim")
        console.print(head)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        grid.add_row("Spørgsmål", Text(safe_plain(item.question)))
        answer = label(item.answer)
        if item.consequence:
            answer += f" (virkning: {label(item.consequence)})"
        if item.source is Source.REVIEW:
            answer += " - fra en vurdering i sagen"
        grid.add_row("Svar", Text(answer))
        if item.reason:
            grid.add_row("Begrundelse", Text(safe_plain(item.reason)))
        todo = Table.grid(padding=(0, 1))
        todo.add_column(no_wrap=True)
        todo.add_column()
        for t in item.todo:
            who = "Værktøjets anbefaling" if t.own else "Ankestyrelsen anbefaler"
            numbers.setdefault(t.id, len(numbers) + 1)
            todo.add_row(f"{numbers[t.id]})", Text(f"»{safe_plain(t.text)}« ({who})"))
        if item.see_also:
            refs = [str(numbers[x]) for x in item.see_also if x in numbers]
            if refs:
                todo.add_row("•", Text(f"Se anbefaling {', '.join(refs)} ovenfor.", style="dim"))
        if not item.todo and not item.see_also:
            todo.add_row("•", Text("Sørg for, at sagen dokumenterer det, spørgsmålet handler om, så svaret "
                                   "bliver ja."))
        grid.add_row("Skal gøres", todo)
        console.print(Padding(grid, (0, 0, 1, 3)))


def safe_plain(text: object) -> str:
    """For rich Text objects (no markup parsing): only CPR masking is needed."""
    return mask_cpr(str(text))
