"""Danish prose for the reports: numbers as words, summary sentences, HOVEDPOINTER bullets and the
EKSEMPEL box for each case.

Everything returned here is plain text (never HTML): the renderers escape it. Case text that comes from
the results (reasons, case numbers) is passed through ``mask_cpr`` here as well, so a CPR number can never
reach a report through a sentence built in this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from audit.dates import DateParseError, format_da, parse_date
from audit.privacy import mask_cpr

from .aggregate import (
    AKTIVITETSPARAT,
    FAILED_ANSWERS,
    JOBPARAT,
    OUTSIDE,
    UOPLYST,
    VERDICTS,
    ItemStat,
    answer_of,
    case_date,
    facts_of,
    items_of,
    target_group_of,
    verdict_of,
)

# --- numbers -------------------------------------------------------------------------------------

_WORDS = ["nul", "én", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "elleve", "tolv"]


def tal(n: int, *, neuter: bool = False) -> str:
    """A count as the report writes it: words up to twelve ('én', 'ét' for neuter), digits above."""
    n = int(n)
    if n == 1 and neuter:
        return "ét"
    if 0 <= n <= 12:
        return _WORDS[n]
    return str(n)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def sager(n: int) -> str:
    """'én sag', 'to sager', '14 sager'."""
    return f"{tal(n)} {'sag' if n == 1 else 'sager'}"


def i_ud_af(x: int, n: int) -> str:
    """'i fem ud af otte sager', 'i alle otte sager', 'i ingen af de otte sager', 'i sagen'."""
    if n <= 0:
        return "i ingen sager"
    if n == 1:
        return "i sagen" if x else "ikke i sagen"
    if x == n:
        return f"i alle {tal(n)} sager"
    if x == 0:
        return f"i ingen af de {tal(n)} sager"
    return f"i {tal(x)} ud af {tal(n)} sager"


def ud_af(x: int, n: int) -> str:
    """'fem ud af otte sager' (no preposition)."""
    return f"{tal(x)} ud af {tal(n)} {'sag' if n == 1 else 'sager'}"


def join_da(parts: Sequence[str], last: str = "og", *, comma: bool = False) -> str:
    """'a, b og c'; with ``comma`` (main clauses) 'a, b, og c'."""
    parts = [p for p in parts if p]
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + ("," if comma else "") + f" {last} " + parts[-1]


# --- dates ---------------------------------------------------------------------------------------

def dato(value: object) -> str:
    """'16. februar 2021' from an ISO string or a date; the value as given when it is no date."""
    if value in (None, ""):
        return ""
    if isinstance(value, date):
        return format_da(value)
    try:
        return format_da(parse_date(value))
    except DateParseError:
        return mask_cpr(str(value))


def period_text(first: date | None, last: date | None) -> str:
    if first is None or last is None:
        return "uden kendt afgørelsesdato"
    if first == last:
        return f"den {format_da(first)}"
    return f"i perioden fra {format_da(first)} til {format_da(last)}"


# --- per item phrases ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Phrase:
    title: str  # a short heading ('Vejledning efter § 35, stk. 2')
    main: str  # main clause, failed ('borgeren er ikke vejledt ...')
    sub: str  # subordinate clause, failed ('borgeren ikke er vejledt ...')
    ok: str  # subordinate clause, met ('borgeren er vejledt ...'), used after 'om'

    @property
    def inv(self) -> str:
        """The failed main clause after a fronted adverbial: 'er borgeren ikke vejledt ...' (V2)."""
        subjects = list(_SUBJECTS)
        if self.main.startswith("punktet »") and "« " in self.main:
            subjects.insert(0, self.main[: self.main.index("« ") + 1])
        for subject in subjects:
            if self.main.startswith(subject + " "):
                rest = self.main[len(subject) + 1:]
                verb, _, tail = rest.partition(" ")
                return f"{verb} {subject} {tail}".strip()
        return f"gælder det, at {self.sub}"


_SUBJECTS = ("sanktionens længde", "det", "der", "borgeren", "kommunen", "sagen", "afgørelsen")


ITEM_PHRASES: dict[str, Phrase] = {
    "maalgruppe": Phrase(
        "Målgruppe",
        "det fremgår ikke af sagen, om borgeren er jobparat eller aktivitetsparat",
        "det ikke fremgår af sagen, om borgeren er jobparat eller aktivitetsparat",
        "borgeren er jobparat eller aktivitetsparat"),
    "vejledning_35_1": Phrase(
        "Vejledning efter § 35, stk. 1",
        "borgeren er ikke vejledt korrekt om rettigheder og pligter efter § 35, stk. 1",
        "borgeren ikke er vejledt korrekt om rettigheder og pligter efter § 35, stk. 1",
        "borgeren er vejledt korrekt om rettigheder og pligter efter § 35, stk. 1"),
    "forudgaaende_sanktion": Phrase(
        "Forudgående afgørelse om sanktion",
        "der er ikke truffet en forudgående afgørelse om sanktion efter §§ 36-40, som afgørelsen kan bygge på",
        "der ikke er truffet en forudgående afgørelse om sanktion efter §§ 36-40, som afgørelsen kan bygge på",
        "der er truffet en forudgående afgørelse om sanktion efter §§ 36-40, som afgørelsen kan bygge på"),
    "vejledning_35_2": Phrase(
        "Vejledning efter § 35, stk. 2",
        "borgeren er ikke vejledt korrekt og skriftligt om skærpet rådighedssanktion efter § 35, stk. 2",
        "borgeren ikke er vejledt korrekt og skriftligt om skærpet rådighedssanktion efter § 35, stk. 2",
        "borgeren er vejledt korrekt og skriftligt om skærpet rådighedssanktion efter § 35, stk. 2"),
    "ny_tilsidesaettelse": Phrase(
        "Ny tilsidesættelse af rådighedspligten",
        "borgeren har ikke på ny tilsidesat sin rådighedspligt efter den forudgående sanktion og vejledningen",
        "borgeren ikke på ny har tilsidesat sin rådighedspligt efter den forudgående sanktion og vejledningen",
        "borgeren på ny har tilsidesat sin rådighedspligt efter den forudgående sanktion og vejledningen"),
    "rimelig_grund": Phrase(
        "Uden rimelig grund",
        "det er ikke godtgjort, at borgeren tilsidesatte rådighedspligten uden rimelig grund",
        "det ikke er godtgjort, at borgeren tilsidesatte rådighedspligten uden rimelig grund",
        "borgeren tilsidesatte rådighedspligten uden rimelig grund"),
    "partshoering": Phrase(
        "Partshøring",
        "borgeren er ikke partshørt, før kommunen traf afgørelse",
        "borgeren ikke er partshørt, før kommunen traf afgørelse",
        "borgeren er partshørt, før kommunen traf afgørelse"),
    "personlig_kontakt": Phrase(
        "Personlig kontakt med aktivitetsparat borger",
        "kommunen har ikke udtømt alle rimelige muligheder for personlig kontakt med den aktivitetsparate borger",
        "kommunen ikke har udtømt alle rimelige muligheder for personlig kontakt med den aktivitetsparate borger",
        "kommunen har udtømt alle rimelige muligheder for personlig kontakt med den aktivitetsparate borger"),
    "vurdering_13_8": Phrase(
        "Vurdering efter § 13, stk. 8",
        "kommunen har ikke vurderet andre forhold, og om sanktionen vil fremme rådigheden (§ 13, stk. 8)",
        "kommunen ikke har vurderet andre forhold, og om sanktionen vil fremme rådigheden (§ 13, stk. 8)",
        "kommunen har vurderet andre forhold, og om sanktionen vil fremme rådigheden (§ 13, stk. 8)"),
    "manglende_vilje": Phrase(
        "Vurdering af manglende vilje",
        "kommunen har ikke foretaget en konkret vurdering af, om borgeren med sin adfærd udviser manglende vilje "
        "til at stå til rådighed",
        "kommunen ikke har foretaget en konkret vurdering af, om borgeren med sin adfærd udviser manglende vilje "
        "til at stå til rådighed",
        "kommunen har foretaget en konkret vurdering af, om borgeren med sin adfærd udviser manglende vilje "
        "til at stå til rådighed"),
    "laengde": Phrase(
        "Sanktionens længde",
        "sanktionens længde er ikke fastsat til 1, 2 eller 3 måneder med en begrundelse",
        "sanktionens længde ikke er fastsat til 1, 2 eller 3 måneder med en begrundelse",
        "sanktionens længde er fastsat til 1, 2 eller 3 måneder med en begrundelse"),
    "tilbud": Phrase(
        "Tilbud eller aktivitet efter § 40 a, stk. 2",
        "borgeren har ikke fået et tilbud eller en aktivitet, der kan begynde den dag, afgørelsen har virkning fra",
        "borgeren ikke har fået et tilbud eller en aktivitet, der kan begynde den dag, afgørelsen har virkning fra",
        "borgeren har fået et tilbud eller en aktivitet, der kan begynde den dag, afgørelsen har virkning fra"),
    "lukning": Phrase(
        "Ophør og lukning efter § 40 a, stk. 7",
        "kommunen har ikke samtidig truffet afgørelse om ophør og lukning af sagen efter § 40 a, stk. 7",
        "kommunen ikke samtidig har truffet afgørelse om ophør og lukning af sagen efter § 40 a, stk. 7",
        "kommunen samtidig har truffet afgørelse om ophør og lukning af sagen efter § 40 a, stk. 7"),
    "aegtefaelle": Phrase(
        "Ægtefællen",
        "kommunen har ikke truffet afgørelse om ægtefællens hjælp og vejledt ægtefællen skriftligt",
        "kommunen ikke har truffet afgørelse om ægtefællens hjælp og vejledt ægtefællen skriftligt",
        "kommunen har truffet afgørelse om ægtefællens hjælp og vejledt ægtefællen skriftligt"),
    "oplysning": Phrase(
        "Sagsoplysning",
        "sagen er ikke oplyst tilstrækkeligt, herunder borgerens egne forklaringer",
        "sagen ikke er oplyst tilstrækkeligt, herunder borgerens egne forklaringer",
        "sagen er oplyst tilstrækkeligt, herunder borgerens egne forklaringer"),
    "begrundelse": Phrase(
        "Begrundelse",
        "afgørelsen er ikke begrundet tilstrækkeligt",
        "afgørelsen ikke er begrundet tilstrækkeligt",
        "afgørelsen er begrundet tilstrækkeligt"),
    "klagevejledning": Phrase(
        "Klagevejledning",
        "afgørelsen er ikke givet skriftligt med klagevejledning",
        "afgørelsen ikke er givet skriftligt med klagevejledning",
        "afgørelsen er givet skriftligt med klagevejledning"),
    "proportionalitet": Phrase(
        "Proportionalitet (vejledende)",
        "der er anledning til at overveje, om sanktionen står i rimeligt forhold til forseelsen",
        "der er anledning til at overveje, om sanktionen står i rimeligt forhold til forseelsen",
        "sanktionen står i rimeligt forhold til forseelsen"),
    "kun_fremmoede_oplyst": Phrase(
        "Hjælp kun for fremmødedage (vejledende)",
        "det fremgår ikke af afgørelsen, at der kun udbetales hjælp for de dage, hvor borgeren møder op",
        "det ikke fremgår af afgørelsen, at der kun udbetales hjælp for de dage, hvor borgeren møder op",
        "det fremgår af afgørelsen, at der kun udbetales hjælp for de dage, hvor borgeren møder op"),
}


def phrase(item_id: str, short: str | None = None) -> Phrase:
    """The phrases for an item; an item the module does not know gets neutral ones from its question."""
    if item_id in ITEM_PHRASES:
        return ITEM_PHRASES[item_id]
    label = mask_cpr(str(short or item_id)).rstrip("?")
    return Phrase(label, f"punktet »{label}« er ikke opfyldt", f"punktet »{label}« ikke er opfyldt",
                  f"punktet »{label}« er opfyldt")


def item_title(item_id: str, short: str | None = None) -> str:
    return phrase(item_id, short).title


# --- Kapitel 1: results in words ---------------------------------------------------------------------

def summary_paragraphs(results: Sequence[dict], name: str, top: Sequence[ItemStat],
                       first: date | None, last: date | None, *, samlet: bool = False) -> list[str]:
    """The RESULTATER paragraphs of Kapitel 1."""
    assessed = [r for r in results if verdict_of(r) in VERDICTS]
    n = len(assessed)
    out: list[str] = []
    groups = {g: sum(1 for r in assessed if target_group_of(r) == g) for g in (JOBPARAT, AKTIVITETSPARAT, UOPLYST)}
    who = f"fra {mask_cpr(name)}" if not samlet else f"fra {tal(len({r.get('kommune') for r in results}))} kommuner"
    p = (f"Vi har gennemgået {sager(len(results))} {who} med afgørelser om skærpet rådighedssanktion efter "
         f"§ 40 a, stk. 1, truffet {period_text(first, last)}.")
    not_assessed = len(results) - n
    if not_assessed:
        p += (f" {cap(sager(not_assessed))} er ikke vurderet, fordi afgørelsen ligger uden for regelsættets "
              "gyldighedsperiode (afgørelser før 1. januar 2020)." if any(verdict_of(r) == OUTSIDE for r in results)
              else f" {cap(sager(not_assessed))} har ingen kendt vurdering og indgår ikke i tabellerne.")
    if n:
        parts = []
        lead = "af sagerne " if not not_assessed else "af de vurderede sager "
        for g, text in ((JOBPARAT, "vedrører jobparate borgere"),
                        (AKTIVITETSPARAT, "vedrører aktivitetsparate borgere")):
            if groups[g]:
                parts.append(f"{tal(groups[g])} {lead if not parts else ''}{text}")
        if groups[UOPLYST]:
            parts.append(f"i {sager(groups[UOPLYST])} fremgår målgruppen ikke")
        p += f" {cap(join_da(parts, comma=True))}."
    out.append(p)
    if not n:
        out.append("Der er ingen vurderede sager, og rapporten indeholder derfor ingen resultater.")
        return out

    counts = {v: sum(1 for r in assessed if verdict_of(r) == v) for v in VERDICTS}
    ok, ch, rem = counts["i_overensstemmelse"], counts["aendres"], counts["hjemvises"]
    if ok == n:
        s = f"I alle {tal(n)} sager er afgørelsen i overensstemmelse med regler og praksis." if n > 1 else \
            "Afgørelsen er i overensstemmelse med regler og praksis."
    elif ok == 0:
        s = (f"Ingen af de {tal(n)} afgørelser er i overensstemmelse med regler og praksis." if n > 1
             else "Afgørelsen er ikke i overensstemmelse med regler og praksis.")
    else:
        s = f"{cap(i_ud_af(ok, n))} er afgørelsen i overensstemmelse med regler og praksis."
    rest = []
    if ch:
        rest.append(f"i {sager(ch)} ville afgørelsen blive ændret, hvis det var en klagesag")
    if rem:
        rest.append(f"i {sager(rem)} ville sagen blive hjemvist, fordi der mangler væsentlige oplysninger")
    if rest:
        s += f" {cap(join_da(rest, comma=True))}."
    out.append(s)

    n_a = groups[AKTIVITETSPARAT]
    if n_a:
        a_counts = {v: sum(1 for r in assessed if target_group_of(r) == AKTIVITETSPARAT and verdict_of(r) == v)
                    for v in VERDICTS}
        if n_a == 1:
            only = next(v for v in VERDICTS if a_counts[v])
            if only != "i_overensstemmelse":
                out.append("Sagen om den aktivitetsparate borger ville blive "
                           f"{'ændret' if only == 'aendres' else 'hjemvist'}.")
        else:
            bits = []
            for key, verb in (("aendres", "ændret"), ("hjemvises", "hjemvist")):
                if a_counts[key]:
                    bits.append(f"{'alle' if a_counts[key] == n_a else tal(a_counts[key])} blive {verb}")
            if bits:
                out.append(f"Af de {tal(n_a)} sager om aktivitetsparate borgere ville {join_da(bits)}.")

    kritik = sum(1 for r in assessed if verdict_of(r) == "i_overensstemmelse" and r.get("kritik") == "kritik")
    bem = sum(1 for r in assessed if verdict_of(r) == "i_overensstemmelse" and r.get("kritik") == "bemaerkning")
    if ok and (kritik or bem):
        bits = []
        if kritik:
            bits.append(f"i {sager(kritik)} være blevet udtalt kritik")
        if bem:
            bits.append(f"i {sager(bem)} være blevet givet en bemærkning")
        lead = "Blandt de afgørelser" if ok > 1 else "Om den afgørelse"
        out.append(f"{lead}, der er i overensstemmelse med reglerne, ville der {join_da(bits)}.")

    if top:
        bits = [f"at {phrase(s.id, s.short).sub} ({sager(s.failed)})" for s in top]
        label = "De hyppigste mangler er" if len(top) > 1 else "Den hyppigste mangel er"
        out.append(f"{label}, {join_da(bits)}.")
    out.append("Til sammenligning fandt Ankestyrelsen i sin praksisundersøgelse af 61 sager fra 2022, at 52 "
               "afgørelser ville blive ændret, og at 9 var i overensstemmelse med regler og praksis.")
    return out


def hovedpointer(stats: Sequence[ItemStat]) -> list[str]:
    """One bullet per item of a chapter: where it failed, in how many of the cases it applies to."""
    bullets = []
    for s in stats:
        if not s.applicable:
            continue
        ph = phrase(s.id, s.short)
        if s.failed:
            extra = ""
            if s.ved_ikke and s.nej:
                extra = f" (heraf {tal(s.ved_ikke)}, hvor det ikke kan afgøres på det foreliggende grundlag)"
            elif s.ved_ikke:
                extra = " (det kan ikke afgøres på det foreliggende grundlag)"
            bullets.append(f"{cap(i_ud_af(s.failed, s.applicable))} {ph.inv}{extra}.")
    if not bullets:
        names = [item_title(s.id, s.short).lower() for s in stats if s.applicable]
        if names:
            bullets.append(f"Vi har ikke fundet mangler ved {join_da(names)} i de gennemgåede sager.")
    return bullets


def item_sentence(stat: ItemStat) -> str:
    """One sentence on an item in the chapter text: where it failed, or that it was met everywhere."""
    ph = phrase(stat.id, stat.short)
    if not stat.applicable:
        return f"Punktet »{ph.title}« har ikke været relevant i de gennemgåede sager."
    if stat.failed:
        return f"{cap(i_ud_af(stat.failed, stat.applicable))} {ph.inv}."
    return f"{cap(i_ud_af(stat.applicable, stat.applicable))} er punktet »{ph.title}« opfyldt."


def key_figure_sentence(label: str, count: int, base: int) -> str:
    if base == 0:
        return f"{label}: ikke relevant i de gennemgåede sager."
    return f"{label} {i_ud_af(count, base)}."


# --- EKSEMPEL boxes -------------------------------------------------------------------------------

@dataclass
class Example:
    sagsnummer: str
    kommune: str
    verdict: str
    title: str
    facts: str
    findings: list[tuple[str, str]] = field(default_factory=list)  # (title, reason)
    conclusion: str = ""
    decisive_item: str | None = None

    @property
    def text(self) -> str:
        lines = [self.facts]
        lines += [f"{t}: {r}" for t, r in self.findings]
        lines.append(self.conclusion)
        return "\n".join(x for x in lines if x)


EXAMPLE_TITLES = {
    "aendres": "EKSEMPEL PÅ EN SAG, HVOR VI VILLE ÆNDRE AFGØRELSEN",
    "hjemvises": "EKSEMPEL PÅ EN SAG, HVOR VI VILLE HJEMVISE SAGEN",
}


def _months(n) -> str:
    try:
        k = int(n)
    except (TypeError, ValueError):
        return mask_cpr(str(n))
    return f"{tal(k)} {'måned' if k == 1 else 'måneder'}"


def decisive_items(result: dict) -> list[dict]:
    """The failed items that decided the verdict (rules.md, 'The verdict'), in checklist order."""
    v = verdict_of(result)
    out = []
    for p in items_of(result):
        if p.get("vejledende"):
            continue
        s, c = p.get("svar"), p.get("virkning")
        if v == "aendres" and s == "nej" and c == "aendres":
            out.append(p)
        elif v == "hjemvises" and ((s == "nej" and c == "hjemvises")
                                   or (s == "ved_ikke" and c in ("aendres", "hjemvises"))):
            out.append(p)
    return out


def example_for(result: dict, shorts: dict[str, str] | None = None) -> Example | None:
    """The EKSEMPEL box for a case that is not in accordance (None for the others)."""
    v = verdict_of(result)
    if v not in ("aendres", "hjemvises"):
        return None
    shorts = shorts or {}
    sn = mask_cpr(str(result.get("sagsnummer") or "(uden sagsnummer)"))
    d = case_date(result)
    group = target_group_of(result)
    who = {JOBPARAT: "en jobparat borger", AKTIVITETSPARAT: "en aktivitetsparat borger"}.get(
        group, "en borger, hvis målgruppe ikke fremgår af sagen")
    if result.get("civilstand") == "gift":
        who += ", der er gift"
    when = f"den {format_da(d)}" if d else "på en ukendt dato"
    sentences = [f"I sag {sn} traf kommunen {when} afgørelse om skærpet rådighedssanktion over for {who}."]
    k = result.get("kaede") if isinstance(result.get("kaede"), dict) else {}
    b1, s1, v2, b2 = (k.get("tidligere_tilsidesaettelse"), k.get("forudgaaende_sanktion"),
                      k.get("vejledning_skaerpet"), k.get("ny_tilsidesaettelse"))
    if s1 and b1:
        sentences.append(f"Borgeren havde den {dato(b1)} tilsidesat sin pligt til at stå til rådighed og fik den "
                         f"{dato(s1)} en sanktion efter §§ 36-40.")
    elif s1:
        sentences.append(f"Kommunen traf den {dato(s1)} afgørelse om en forudgående sanktion efter §§ 36-40.")
    elif answer_of(result, "forudgaaende_sanktion") == "nej":
        sentences.append("Der er ikke dokumentation for en forudgående afgørelse om sanktion efter §§ 36-40.")
    if v2 and s1 and v2 == s1:
        sentences.append("Samme dag blev borgeren vejledt om skærpet rådighedssanktion.")
    elif v2:
        sentences.append(f"Borgeren blev vejledt om skærpet rådighedssanktion den {dato(v2)}.")
    if b2:
        sentences.append(f"Afgørelsen bygger på, at borgeren den {dato(b2)} på ny tilsidesatte sin pligt til at "
                         "stå til rådighed.")
    length = facts_of(result).get("laengde_maaneder")
    if length not in (None, ""):
        sentences.append(f"Sanktionen blev fastsat til {_months(length)}.")

    failed = [p for p in items_of(result) if p.get("svar") in FAILED_ANSWERS]
    findings = []
    for p in failed:
        title = item_title(p["id"], shorts.get(p["id"]) or p.get("kort") or p.get("spoergsmaal"))
        reason = mask_cpr(" ".join(str(p.get("begrundelse") or "").split()))
        if p.get("svar") == "ved_ikke":
            reason = f"Kan ikke afgøres på det foreliggende grundlag. {reason}".strip()
        if p.get("vejledende") and "vejledende" not in title:
            title += " (vejledende)"
        if p.get("kilde") == "vurdering":
            reason = f"{reason} (vurdering ved gennemgang)".strip()
        findings.append((title, reason))

    decisive = decisive_items(result)
    clauses = []
    for p in decisive:
        ph = phrase(p["id"], shorts.get(p["id"]) or p.get("kort"))
        clauses.append("fordi " + (ph.sub if p.get("svar") == "nej" else f"det ikke kan afgøres, om {ph.ok}"))
    if v == "aendres":
        conclusion = (f"Vi ville ændre afgørelsen, {join_da(clauses, comma=True)}." if clauses
                      else "Vi ville ændre afgørelsen, fordi betingelserne for skærpet rådighedssanktion ikke er "
                           "opfyldt.")
    else:
        conclusion = (f"Vi ville hjemvise sagen, {join_da(clauses, comma=True)}. Der mangler dermed væsentlige "
                      "oplysninger for at kunne træffe afgørelse." if clauses
                      else "Vi ville hjemvise sagen, fordi der mangler væsentlige oplysninger.")
    return Example(
        sagsnummer=sn, kommune=mask_cpr(str(result.get("kommune") or "")), verdict=v, title=EXAMPLE_TITLES[v],
        facts=" ".join(sentences), findings=findings, conclusion=conclusion,
        decisive_item=decisive[0]["id"] if decisive else (failed[0]["id"] if failed else None),
    )


# --- small labels ---------------------------------------------------------------------------------------

def answer_label(svar: str | None) -> str:
    return {"ja": "Ja", "nej": "Nej", "ved_ikke": "Ved ikke", "ikke_relevant": "Ikke relevant"}.get(
        svar or "", "Ikke vurderet")


def consequence_label(virkning: str | None) -> str:
    return {"aendres": "Ændres", "hjemvises": "Hjemvises", "kritik": "Kritik",
            "bemaerkning": "Bemærkning"}.get(virkning or "", "")


def source_label(kilde: str | None) -> str:
    return {"beregnet": "Beregnet", "vurdering": "Vurdering"}.get(kilde or "", "")
