"""Reproducible samples for ledelsestilsyn (``audit sample``): the draw itself.

Population, fingerprint, ranking and allocation live here; writing ``stikproeve.csv``,
``reserver.csv`` and the log, and reading a sample back, are in ``audit.tilsyn.sampling``, which
also re-exports every public name of this module.

The draw never uses Python's ``random``: every case gets a rank from a keyed hash, so the same
population and the same seed give the same sample on any machine, in any Python version.

Method (also written, in Danish, into ``stikproeve-log.json``; see ``sampling.METHOD_TEXT``):

1. *Freeze the population.* Keep the cases whose decision date lies in the window ``fra``..``til``
   (both inclusive; no window = every case), normalise the keys (Unicode NFC, surrounding spaces
   removed), drop exact duplicate keys (kept once, listed in the log), and sort by
   ``(kommune, sagsnummer)``.
2. *Fingerprint it.* ``population_hash`` = SHA-256 over the UTF-8 bytes of every key written as
   ``kommune + U+001F + sagsnummer + "\\n"``, in that order. Adding, removing or renaming one case
   changes it.
3. *Rank.* Each case's hash is BLAKE2b-512 with the seed (UTF-8) as key over
   ``kommune + U+001F + sagsnummer``; the lowest hex digest ranks first (ties, which do not occur in
   practice, by key). A seed longer than 64 bytes (BLAKE2b's key limit) is first reduced to its
   unkeyed BLAKE2b-512 digest.
4. *Allocate* how many cases each stratum gets (see ``allocate``), take that many of the
   lowest-ranked cases in each stratum, and the next ``reserver`` cases of the stratum as spares.

Allocation with ``per`` (a stratum = one value of kommune / enhed / sagsbehandler / målgruppe; a
missing value is its own stratum ``(uoplyst)``):

* ``n`` given: every stratum first gets ``min(min_per, its size)``. The rest of ``n`` is split in
  proportion to the cases each stratum has left after that minimum, by the largest-remainder
  method: each stratum gets the whole part of its share, and the cases still missing go one each
  to the strata with the largest fractional remainders (ties: stratum name, alphabetically). If the
  minimums alone exceed ``n``, the minimums win and the log says that ``n`` was raised.
* ``andel`` given: each stratum gets ``ceil(andel * size)``, and at least ``min(min_per, size)``.
* neither: each stratum gets ``min(min_per, size)`` ("one case per caseworker" with the default).

Without ``per`` the whole population is one stratum ``(alle)`` and ``n`` or ``andel`` is required.
"""

from __future__ import annotations

import hashlib
import math
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from audit.dates import DateParseError, parse_date
from audit.privacy import mask_cpr

STRATA = ("kommune", "enhed", "sagsbehandler", "maalgruppe")
UNKNOWN_STRATUM = "(uoplyst)"
ALL_STRATUM = "(alle)"
SEPARATOR = "\x1f"
HASH_PREFIX_CHARS = 16


class SampleError(ValueError):
    """A sampling request or a sample file that cannot be used (message in Danish)."""


# -- keys and hashes ---------------------------------------------------------------------------

def normalize_text(value: object) -> str:
    """A key part as compared everywhere: Unicode NFC, surrounding whitespace removed."""
    return unicodedata.normalize("NFC", str(value)).strip()


def normalize_key(kommune: object, sagsnummer: object) -> tuple[str, str]:
    return normalize_text(kommune), normalize_text(sagsnummer)


def seed_key(seed: str) -> bytes:
    """The BLAKE2b key for ``seed``: its UTF-8 bytes, or their BLAKE2b-512 digest if over 64 bytes."""
    if not isinstance(seed, str) or not seed.strip():
        raise SampleError("seed må ikke være tomt")
    raw = seed.encode("utf-8")
    if len(raw) > hashlib.blake2b.MAX_KEY_SIZE:
        raw = hashlib.blake2b(raw).digest()
    return raw


def rank_hash(seed: str | bytes, kommune: str, sagsnummer: str) -> str:
    """The hex digest that ranks one case (lowest first)."""
    key = seed if isinstance(seed, bytes) else seed_key(seed)
    data = (kommune + SEPARATOR + sagsnummer).encode("utf-8")
    return hashlib.blake2b(data, key=key).hexdigest()


def population_hash(keys: Iterable[tuple[str, str]]) -> str:
    """SHA-256 over the sorted keys (see the module docstring)."""
    h = hashlib.sha256()
    for kommune, sagsnummer in sorted(keys):
        h.update((kommune + SEPARATOR + sagsnummer + "\n").encode("utf-8"))
    return h.hexdigest()


# -- the draw ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SampledCase:
    kommune: str
    sagsnummer: str
    stratum: str
    rank: int  # rank within the stratum, 1 = lowest hash
    hash: str  # full hex digest
    decision_date: date | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.kommune, self.sagsnummer)

    def row(self) -> dict[str, str]:
        return {
            "kommune": self.kommune, "sagsnummer": self.sagsnummer, "stratum": self.stratum,
            "rang": str(self.rank), "hash": self.hash[:HASH_PREFIX_CHARS],
            "afgoerelse_dato": self.decision_date.isoformat() if self.decision_date else "",
        }

    def log_entry(self) -> dict[str, object]:
        return {"kommune": self.kommune, "sagsnummer": self.sagsnummer, "stratum": self.stratum,
                "rang": self.rank, "hash": self.hash}


@dataclass(frozen=True)
class StratumCount:
    name: str
    size: int
    drawn: int
    spares: int


@dataclass
class SampleResult:
    seed: str
    per: str | None
    n: int | None
    andel: float | None
    min_per: int
    reserver: int
    fra: date | None
    til: date | None
    population_count: int
    population_hash: str
    selected: list[SampledCase]  # in rank order (by hash across the whole population)
    spares: list[SampledCase]
    strata: list[StratumCount]
    outside_window: int = 0
    without_date: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def selected_keys(self) -> list[tuple[str, str]]:
        return [c.key for c in self.selected]


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _get(row: object, name: str) -> object:
    if isinstance(row, Mapping):
        return row.get(name)
    return getattr(row, name, None)


def _as_date(value: object) -> date | None:
    if value is None or value == "":
        return None
    try:
        return parse_date(value)
    except DateParseError:
        return None


def stratum_name(value: object) -> str:
    """The stratum of a value: normalised text (CPR-like numbers masked, as everywhere in output), or
    ``(uoplyst)`` when missing."""
    if value is None:
        return UNKNOWN_STRATUM
    text = mask_cpr(normalize_text(value))
    return text or UNKNOWN_STRATUM


def allocate(sizes: Mapping[str, int], *, n: int | None, andel: float | Fraction | None,
             min_per: int) -> tuple[dict[str, int], list[str]]:
    """How many cases each stratum gets (see the module docstring). Returns (quota, warnings)."""
    warnings: list[str] = []
    base = {s: min(min_per, size) for s, size in sizes.items()}
    if andel is not None:
        share = andel if isinstance(andel, Fraction) else Fraction(str(andel))
        return {s: min(size, max(base[s], math.ceil(share * size))) for s, size in sizes.items()}, warnings
    if n is None:
        return base, warnings
    total = sum(sizes.values())
    if n > total:
        warnings.append(f"n = {n} er større end populationen ({total} sager); alle sager er udtrukket")
        return dict(sizes), warnings
    base_total = sum(base.values())
    if base_total >= n:
        if base_total > n:
            warnings.append(
                f"n = {n} er mindre end minimum pr. stratum tilsammen ({base_total}); "
                f"n er hævet til {base_total}, så hvert stratum er med")
        return base, warnings
    rest = n - base_total
    room = {s: sizes[s] - base[s] for s in sizes}
    room_total = sum(room.values())
    shares = {s: Fraction(rest * room[s], room_total) for s in sizes}
    quota = {s: base[s] + math.floor(shares[s]) for s in sizes}
    missing = n - sum(quota.values())
    by_remainder = sorted(sizes, key=lambda s: (-(shares[s] - math.floor(shares[s])), s))
    for s in by_remainder[:missing]:
        quota[s] += 1
    return quota, warnings


def validate_request(*, seed: str, n: int | None, andel: float | None, per: str | None, min_per: int,
                     reserver: int, fra: date | None, til: date | None) -> None:
    """Raise ``SampleError`` (Danish) for a request that cannot be drawn; the CLI calls this before
    reading any input."""
    seed_key(seed)
    if per is not None and per not in STRATA:
        raise SampleError(f"--per skal være en af: {', '.join(STRATA)} (fik '{per}')")
    if n is not None and andel is not None:
        raise SampleError("angiv enten --n eller --andel, ikke begge")
    if n is None and andel is None and per is None:
        raise SampleError(
            "angiv --n, --andel eller --per (fx --per sagsbehandler for én sag pr. sagsbehandler)")
    if n is not None and n < 1:
        raise SampleError("--n skal være mindst 1")
    if andel is not None and not (0 < andel <= 1):
        raise SampleError("--andel skal være et tal større end 0 og højst 1 (fx 0.1 for 10 %)")
    if min_per < 0:
        raise SampleError("--min-per må ikke være negativ")
    if reserver < 0:
        raise SampleError("--reserver må ikke være negativ")
    if fra is not None and til is not None and fra > til:
        raise SampleError("--fra ligger efter --til")


def draw_sample(cases: Iterable[object], *, seed: str, n: int | None = None, andel: float | None = None,
                per: str | None = None, min_per: int = 1, reserver: int = 0, fra: date | None = None,
                til: date | None = None) -> SampleResult:
    """Draw the sample. ``cases``: mappings (or objects) with kommune, sagsnummer, enhed, sagsbehandler,
    maalgruppe, afgoerelse_dato. Raises ``SampleError`` (Danish message) for an invalid request."""
    validate_request(seed=seed, n=n, andel=andel, per=per, min_per=min_per, reserver=reserver,
                     fra=fra, til=til)
    key = seed_key(seed)
    outside = without_date = 0
    rows: dict[tuple[str, str], tuple[str, date | None]] = {}
    duplicates: list[tuple[str, str]] = []
    for row in cases:
        k = normalize_key(_get(row, "kommune") or "", _get(row, "sagsnummer") or "")
        d = _as_date(_get(row, "afgoerelse_dato"))
        if fra is not None or til is not None:
            if d is None:
                without_date += 1
                continue
            if (fra is not None and d < fra) or (til is not None and d > til):
                outside += 1
                continue
        stratum = stratum_name(_get(row, per)) if per else ALL_STRATUM
        if k in rows:
            duplicates.append(k)
            # keep one deterministically, whatever the input order: the smallest (stratum, date)
            if (stratum, _iso(d) or "") < (rows[k][0], _iso(rows[k][1]) or ""):
                rows[k] = (stratum, d)
            continue
        rows[k] = (stratum, d)

    keys = sorted(rows)
    pop_hash = population_hash(keys)
    ranked = sorted((rank_hash(key, k[0], k[1]), k) for k in keys)
    by_stratum: dict[str, list[tuple[str, tuple[str, str]]]] = {}
    for h, k in ranked:
        by_stratum.setdefault(rows[k][0], []).append((h, k))
    sizes = {s: len(v) for s, v in sorted(by_stratum.items())}
    quota, warnings = allocate(sizes, n=n, andel=andel, min_per=min_per)

    selected: list[SampledCase] = []
    spares: list[SampledCase] = []
    strata: list[StratumCount] = []
    for s in sorted(by_stratum):
        members = by_stratum[s]
        q = quota[s]
        for i, (h, k) in enumerate(members[:q + reserver]):
            c = SampledCase(kommune=k[0], sagsnummer=k[1], stratum=s, rank=i + 1, hash=h,
                            decision_date=rows[k][1])
            (selected if i < q else spares).append(c)
        strata.append(StratumCount(name=s, size=len(members), drawn=min(q, len(members)),
                                   spares=max(0, min(reserver, len(members) - q))))
    selected.sort(key=lambda c: (c.hash, c.key))
    spares.sort(key=lambda c: (c.stratum, c.rank))
    if not keys:
        warnings.append("populationen er tom: ingen sager at udtrække")
    if duplicates:
        n_dup = len(set(duplicates))
        noun = "sag" if n_dup == 1 else "sager"
        warnings.append(f"{n_dup} {noun} forekom mere end én gang i input og tælles én gang")
    return SampleResult(
        seed=seed, per=per, n=n, andel=andel, min_per=min_per, reserver=reserver, fra=fra, til=til,
        population_count=len(keys), population_hash=pop_hash, selected=selected, spares=spares,
        strata=strata, outside_window=outside, without_date=without_date,
        duplicates=sorted(set(duplicates)), warnings=warnings,
    )


# -- from a Case to a population row -----------------------------------------------------------

def target_group_at(case: object, when: date) -> str | None:
    """The målgruppe of the latest visitation on or before ``when`` (rules.md, "Målgruppe at a date");
    of two visitations on the same day the later one in the timeline wins."""
    best: tuple[date, int] | None = None
    group: str | None = None
    for i, ev in enumerate(getattr(case, "events", ()) or ()):
        if ev.type != "visitation" or ev.date is None or ev.date > when:
            continue
        if best is None or (ev.date, i) >= best:
            best, group = (ev.date, i), ev.target_group
    return group


def population_row(case: object) -> dict[str, object]:
    """The fields the draw needs, from a parsed ``Case``."""
    decided = case.decision.date
    return {
        "kommune": case.municipality, "sagsnummer": case.case_number, "enhed": case.unit,
        "sagsbehandler": case.caseworker, "maalgruppe": target_group_at(case, decided),
        "afgoerelse_dato": decided,
    }
