"""The results of ``audit tekst`` as data (``--json``) and as one printable HTML page (``--html``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from audit.dates import format_da
from audit.privacy import mask_cpr
from audit.resources import reports_dir
from audit.tekst.analyse import STATUS_WORDS, Analysis


def file_dict(path: Path, analysis: Analysis) -> dict:
    """One file in ``--json``: ``{"fil", "type", "elementer": [{"id", "fundet", "citat", "hjemmel", ...}]}``."""
    return {
        "fil": str(path), "type": analysis.type.id, "type_navn": analysis.type.name,
        "type_begrundelse": analysis.type_reason, "komplet": analysis.complete,
        "saetninger": analysis.sentence_count,
        "elementer": [e.to_dict() for e in analysis.elements],
    }


def render_html(results: list[tuple[Path, Analysis]], unreadable: list[str]) -> str:
    env = Environment(loader=FileSystemLoader(str(reports_dir())), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, finalize=lambda v: mask_cpr(v) if isinstance(v, str) else v)
    env.filters["status"] = lambda s: STATUS_WORDS[s]
    template = env.get_template("tekst.html.j2")
    return template.render(
        filer=[{"fil": str(path), "a": a, "mangler": a.missing()} for path, a in results],
        ulaeselige=unreadable, dato=format_da(date.today()),
        komplette=sum(1 for _, a in results if a.complete),
    )
