"""Extract the ANKESTYRELSEN ANBEFALER bullets, verbatim, from the domain inventory into YAML.

Provenance helper: it was run once to fill the ``anbefalinger`` section of
``checklists/las-40a-2020.yaml``; the checklist file, not this script, is the source of truth.
Usage: python scripts/extract_recommendations.py ../shared/domain/praksisundersoegelse.md
"""

from __future__ import annotations

import re
import sys

import yaml

BOX_TITLES = {
    "R1.1": ("Kapitel 1", "Opfyldelse af materielle betingelser"),
    "R1.2": ("Kapitel 1", "Kommunens vejledning af borgeren"),
    "R1.3": ("Kapitel 1", "Vurdering af udvalgte forvaltningsretlige regler"),
    "R2.0": ("Kapitel 2", "Opfyldelse af materielle betingelser"),
    "R2.1": ("Kapitel 2", "Forudgående afgørelse om sanktion"),
    "R2.2": ("Kapitel 2", "Pligten til at stå til rådighed"),
    "R2.3": ("Kapitel 2", "Særlige forhold for aktivitetsparate borgere"),
    "R2.4": ("Kapitel 2", "Kommunens tilbud/aktiviteter"),
    "R2.5": ("Kapitel 2", "Ophør af hjælpen"),
    "R3.0": ("Kapitel 3", "Kommunens vejledning af borgeren"),
    "R3.1": ("Kapitel 3", "Vejledning efter § 35, stk. 1"),
    "R3.2": ("Kapitel 3", "Vejledning efter § 35, stk. 2"),
    "R4.0": ("Kapitel 4", "Forvaltningsretlige regler"),
    "R4.1": ("Kapitel 4", "Sagsoplysning"),
}
ROW = re.compile(r"^\| (R\d\.\d\.[A-Z]?\d+)(?: \([^)]*\))? \| (.+?) \| [^|]*\|\s*$")


def clean(text: str) -> str:
    text = re.sub(r"\s*\*\(sic[^)]*\)\*", "", text)
    return text.strip()


def main(path: str) -> None:
    out = []
    for line in open(path, encoding="utf-8"):
        m = ROW.match(line)
        if not m:
            continue
        rid, text = m.group(1), clean(m.group(2))
        box = ".".join(rid.split(".")[:2])
        chapter, title = BOX_TITLES[box]
        out.append({"id": rid, "boks": box, "kapitel": chapter, "afsnit": title, "tekst": text})
    yaml.safe_dump(out, sys.stdout, allow_unicode=True, sort_keys=False, width=1000)


if __name__ == "__main__":
    main(sys.argv[1])
