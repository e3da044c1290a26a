"""Reproducible samples for ledelsestilsyn (``audit sample``): the sample files and the log.

Writes ``stikproeve.csv``, ``reserver.csv`` and ``stikproeve-log.json`` (with the method in Danish), and
reads the keys of a ``stikproeve.csv`` back. The draw itself (population, ranking, allocation; the
method is described in that module's docstring) is in ``audit.tilsyn.sample_draw``; its public names
are re-exported here, so ``from audit.tilsyn.sampling import draw_sample`` keeps working.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from audit import __version__
from audit.io_utils import atomic_write_bytes, atomic_write_text
from audit.privacy import mask_cpr
from audit.tilsyn.sample_draw import (
    ALL_STRATUM,
    HASH_PREFIX_CHARS,
    SEPARATOR,
    STRATA,
    UNKNOWN_STRATUM,
    SampledCase,
    SampleError,
    SampleResult,
    StratumCount,
    _iso,
    allocate,
    draw_sample,
    normalize_key,
    normalize_text,
    population_hash,
    population_row,
    rank_hash,
    seed_key,
    stratum_name,
    target_group_at,
    validate_request,
)

__all__ = [
    # re-exported from audit.tilsyn.sample_draw
    "ALL_STRATUM", "HASH_PREFIX_CHARS", "SEPARATOR", "STRATA", "UNKNOWN_STRATUM", "SampleError", "SampleResult",
    "SampledCase", "StratumCount", "allocate", "draw_sample", "normalize_key", "normalize_text",
    "population_hash", "population_row", "rank_hash", "seed_key", "stratum_name", "target_group_at",
    "validate_request",
    # defined here
    "CSV_COLUMNS", "CSV_DELIMITER", "LOG_FILE", "METHOD_TEXT", "SAMPLE_FILE", "SPARES_FILE", "load_sample_keys",
    "log_dict", "method_description", "write_sample",
]

CSV_DELIMITER = ";"  # what Excel with Danish regional settings expects when a .csv is double-clicked

SAMPLE_FILE = "stikproeve.csv"
SPARES_FILE = "reserver.csv"
LOG_FILE = "stikproeve-log.json"
CSV_COLUMNS = ("kommune", "sagsnummer", "stratum", "rang", "hash", "afgoerelse_dato")

METHOD_TEXT = {
    "population": (
        "Populationen er de sager, hvis afgørelsesdato ligger i vinduet (begge dage medregnet). "
        "Nøglerne (kommune, sagsnummer) normaliseres (Unicode NFC, uden omgivende mellemrum), "
        "dubletter tælles én gang, og sagerne sorteres efter (kommune, sagsnummer)."
    ),
    "population_hash": (
        "SHA-256 over UTF-8-bytes af hver nøgle skrevet som kommune + U+001F + sagsnummer + linjeskift, "
        "i sorteret rækkefølge."
    ),
    "rangering": (
        "Hver sag får hash = BLAKE2b-512 med seed (UTF-8) som nøgle over kommune + U+001F + sagsnummer; "
        "laveste hex-værdi får rang 1. Et seed på over 64 bytes erstattes først af sin BLAKE2b-512-hash. "
        "Pythons random bruges ikke."
    ),
    "fordeling_n": (
        "Hvert stratum får først min(min_per, stratets størrelse). Resten af n fordeles forholdsmæssigt "
        "efter antallet af sager, der er tilbage i hvert stratum, efter største-brøkrest-metoden "
        "(lighed afgøres alfabetisk efter stratumnavn). Er minimum tilsammen større end n, hæves n."
    ),
    "fordeling_andel": (
        "Hvert stratum får andel × stratets størrelse rundet op, dog mindst min(min_per, stratets størrelse)."
    ),
    "fordeling_min_per": "Hvert stratum får min(min_per, stratets størrelse) sager.",
    "reserver": (
        "Reserver er de næste sager i rangorden i samme stratum; de bruges i rangorden, hvis en udtrukket "
        "sag ikke kan gennemgås."
    ),
}


# -- the log -----------------------------------------------------------------------------------

def method_description(result: SampleResult) -> dict[str, str]:
    """The method, in Danish, as written into the log (the allocation text depends on the request)."""
    d = {k: METHOD_TEXT[k] for k in ("population", "population_hash", "rangering", "reserver")}
    if result.n is not None:
        d["fordeling"] = METHOD_TEXT["fordeling_n"]
    elif result.andel is not None:
        d["fordeling"] = METHOD_TEXT["fordeling_andel"]
    else:
        d["fordeling"] = METHOD_TEXT["fordeling_min_per"]
    return d


def log_dict(result: SampleResult, *, now: datetime | None = None, unreadable: int = 0,
             inputs: Sequence[str] = (), extra_warnings: Sequence[str] = ()) -> dict[str, object]:
    """The content of ``stikproeve-log.json``."""
    now = now or datetime.now(UTC)
    return {
        "format": "stikproeve-log/1",
        "vaerktoej": "las40a-audit",
        "version": __version__,
        "tidspunkt": now.isoformat(timespec="seconds"),
        "seed": result.seed,
        "metode": {
            "per": result.per, "n": result.n, "andel": result.andel, "min_per": result.min_per,
            "reserver": result.reserver, "beskrivelse": method_description(result),
        },
        "vindue": {"fra": _iso(result.fra), "til": _iso(result.til)},
        "input": [mask_cpr(str(p)) for p in inputs],
        "population": {
            "antal": result.population_count,
            "hash": result.population_hash,
            "uden_for_vindue": result.outside_window,
            "uden_afgoerelsesdato": result.without_date,
            "dubletter": [{"kommune": k, "sagsnummer": s} for k, s in result.duplicates],
            "ulaeselige_poster": unreadable,
        },
        "strata": [{"stratum": s.name, "antal": s.size, "udtrukket": s.drawn, "reserver": s.spares}
                   for s in result.strata],
        "antal_udtrukket": len(result.selected),
        "udtrukket": [c.log_entry() for c in result.selected],
        "reserver": [c.log_entry() for c in result.spares],
        "advarsler": list(result.warnings) + list(extra_warnings),
    }


# -- files -------------------------------------------------------------------------------------

def _csv_bytes(cases: Iterable[SampledCase]) -> bytes:
    """UTF-8 with BOM (so Excel shows æ, ø and å) and ';' between columns (Danish Excel)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writeheader()
    for c in cases:
        writer.writerow(c.row())
    return buf.getvalue().encode("utf-8-sig")


def _table_order(cases: Iterable[SampledCase]) -> list[SampledCase]:
    return sorted(cases, key=lambda c: (c.stratum, c.rank))


def write_sample(result: SampleResult, out_dir: str | Path, *, unreadable: int = 0,
                 inputs: Sequence[str] = (), extra_warnings: Sequence[str] = (),
                 now: datetime | None = None) -> dict[str, Path]:
    """Write stikproeve.csv, reserver.csv and stikproeve-log.json atomically into ``out_dir``."""
    import json

    out = Path(out_dir)
    paths = {"stikproeve": out / SAMPLE_FILE, "reserver": out / SPARES_FILE, "log": out / LOG_FILE}
    atomic_write_bytes(paths["stikproeve"], _csv_bytes(_table_order(result.selected)))
    atomic_write_bytes(paths["reserver"], _csv_bytes(_table_order(result.spares)))
    log = log_dict(result, now=now, unreadable=unreadable, inputs=inputs, extra_warnings=extra_warnings)
    atomic_write_text(paths["log"], json.dumps(log, ensure_ascii=False, indent=2) + "\n")
    return paths


def _header_name(text: str) -> str:
    t = normalize_text(text).lower().lstrip("\ufeff")
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), (" ", ""), ("_", ""), ("-", "")):
        t = t.replace(a, b)
    return t


def load_sample_keys(csv_path: str | Path) -> set[tuple[str, str]]:
    """The (kommune, sagsnummer) keys of a ``stikproeve.csv`` (also after it was saved again by
    Excel: ';', ',' or tab, UTF-8 with or without BOM, or Windows-1252). Keys are normalised as in
    ``normalize_key``. Raises ``SampleError`` with a Danish message."""
    path = Path(csv_path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SampleError(f"stikprøvefilen findes ikke: {path}") from None
    except OSError as exc:
        raise SampleError(f"stikprøvefilen kan ikke læses: {path} ({exc.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise SampleError(f"stikprøvefilen er tom: {path}")
    first = lines[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [_header_name(h) for h in next(reader)]
    try:
        ki, si = header.index("kommune"), header.index("sagsnummer")
    except ValueError:
        raise SampleError(
            f"stikprøvefilen {path} mangler kolonnerne 'kommune' og 'sagsnummer' i første række") from None
    keys: set[tuple[str, str]] = set()
    for lineno, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(ki, si) or not row[ki].strip() or not row[si].strip():
            raise SampleError(f"stikprøvefilen {path}, række {lineno}: kommune eller sagsnummer mangler")
        keys.add(normalize_key(row[ki], row[si]))
    return keys
