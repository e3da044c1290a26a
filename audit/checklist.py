"""Loading the checklist definitions in ``checklists/`` (one YAML file per rule set)."""

from __future__ import annotations

# Stable ids (results-format.md); the checklist files define them, this list guards input.
ITEM_IDS = (
    "maalgruppe", "vejledning_35_1", "forudgaaende_sanktion", "vejledning_35_2", "ny_tilsidesaettelse",
    "rimelig_grund", "partshoering", "personlig_kontakt", "vurdering_13_8", "manglende_vilje",
    "laengde", "tilbud", "lukning", "aegtefaelle", "oplysning", "begrundelse", "klagevejledning",
    "proportionalitet", "kun_fremmoede_oplyst",
)
