"""Located input problems. Every problem a reader finds becomes one ``Issue`` with a Danish message
and the place a user can find it: file, sheet, row (as Excel shows it, or the JSONL line), column.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import asdict, dataclass
from typing import Literal

from audit.privacy import mask_cpr, mask_value, safe_text

Severity = Literal["fejl", "advarsel"]
MAX_VALUE_CHARS = 80


def show_value(value: object) -> str | None:
    """A short, CPR-masked rendering of an offending value, safe to print."""
    if value is None:
        return None
    text = safe_text(_as_written(value)).replace("\n", " ")
    if len(text) > MAX_VALUE_CHARS:
        text = text[:MAX_VALUE_CHARS] + f"… ({len(text)} tegn)"
    return text


def _as_written(value: object) -> str:
    """A value the way the user wrote it: JSON for JSON values, Danish for what JSON cannot say, never
    Python's own notation (``datetime.time(0, 0)``, ``inf``, ``{'a': 1}``)."""
    value = mask_value(value)
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "ikke et tal (NaN)"
        if math.isinf(value):
            return "uendelig" if value > 0 else "minus uendelig"
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%d-%m-%Y %H:%M") if (value.hour, value.minute) != (0, 0) else value.strftime("%d-%m-%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, dt.time):
        return f"kl. {value.strftime('%H:%M')}"
    if isinstance(value, dt.timedelta):
        return f"en varighed ({value.total_seconds() / 3600:g} timer)"
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError, RecursionError):
        return str(value)


@dataclass(frozen=True)
class Issue:
    severity: Severity
    code: str
    message: str
    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None
    case_number: str | None = None
    municipality: str | None = None
    value: str | None = None

    def __post_init__(self) -> None:
        # Messages are built from user data in places; mask once more at the boundary.
        object.__setattr__(self, "message", mask_cpr(self.message))
        if self.case_number is not None:
            object.__setattr__(self, "case_number", mask_cpr(self.case_number))

    @property
    def blocking(self) -> bool:
        return self.severity == "fejl"

    def where(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"ark '{self.sheet}'")
        if self.row is not None:
            parts.append(f"række {self.row}" if self.sheet or not self.file.endswith(".jsonl")
                         else f"linje {self.row}")
        if self.column:
            parts.append(f"kolonne {self.column}")
        elif self.field:
            parts.append(f"felt {self.field}")
        return ", ".join(parts)

    def line(self) -> str:
        case = f" [sag {self.case_number}]" if self.case_number else ""
        val = f" (værdi: {self.value})" if self.value is not None else ""
        return f"{self.severity.upper()}: {self.where()}{case}: {self.message}{val}"

    def to_dict(self) -> dict:
        d = asdict(self)
        # the results format speaks Danish in its keys
        return {
            "alvor": d["severity"], "kode": d["code"], "fil": d["file"], "ark": d["sheet"],
            "række": d["row"], "kolonne": d["column"], "felt": d["field"],
            "sagsnummer": d["case_number"], "kommune": d["municipality"], "værdi": d["value"],
            "besked": d["message"],
        }
