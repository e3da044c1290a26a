"""Danish letter text → clean display text → sentences → the normalised form the patterns read.

Three forms of the same text:

* ``clean``: what is quoted back to the user: NFC, soft hyphens and hyphenation at line ends removed
  ("mi-\\nster" → "mister"), whitespace collapsed, paragraph breaks kept as boundaries.
* ``sentences``: the clean text split into sentences (and list items), with Danish abbreviations
  ("m.v.", "jf.", "stk.", "f.eks.", "1. januar") not taken for a full stop.
* ``match_form``: one sentence lower-cased, with quotes, dashes and the number words of a length
  ("tre måneder", "én måned") turned into digits, which is what the element patterns are written against.
"""

from __future__ import annotations

import re
import unicodedata

# Hyphenation at a line end: a letter, a hyphen, the line break (with spaces or blank lines, as in the OCR'd
# seeds), and a lower-case letter. "§§ 36-\n40" and "job- og aktivitetsparat" are left alone.
_HYPHEN_BREAK = re.compile(r"(?<=[a-zæøåé])-[ \t]*(?:\r?\n[ \t]*)+(?=[a-zæøåé])")
_PARAGRAPH = re.compile(r"\n[ \t\u00a0]*\n")
_SPACES = re.compile(r"[ \t\r\n\u00a0\u2007\u202f]+")
# Bullets and list markers that open a list item: •, ▪, –, -, , o, "1)", "a)", "1." at a line start.
_BULLET = re.compile(r"(?m)^[ \t]*(?:[•▪◦●\uf0b7\u2022\u25aa]|[-–—*]|\d{1,2}\)|[a-h]\))[ \t]+")
_ABBREVIATIONS = (
    "m.v", "mv", "jf", "stk", "nr", "pkt", "f.eks", "bl.a", "evt", "ca", "kr", "dvs", "osv", "inkl", "ift", "iht",
    "hhv", "pga", "vedr", "tlf", "el", "mht", "ang", "bekg", "lovbek", "jvf", "s", "kap", "afs", "gl", "ndf",
    "ovf", "pr", "att", "mr", "fr", "hr", "dr", "mrk", "j.nr", "sagsnr", "www", "a", "b", "o.l", "o.a", "adr",
)
_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
           "november", "december")
_SENTENCE_END = re.compile(r"[.!?]+[\"'»”)]*\s+")
_NUMBER_WORDS = {"én": "1", "ét": "1", "to": "2", "tre": "3", "fire": "4", "fem": "5", "seks": "6"}
# "en"/"et" is also the indefinite article: it becomes 1 only right before a number of months
# ("en, to eller tre måneder", "en måned") or in a list of numbers ("1, 2 eller 3").
_ARTICLE_AS_ONE = re.compile(r"\b(?:en|et)\b(?=(?:\s*(?:,|eller|og|til|-)\s*(?:[1-6]|to|tre|fire|fem|seks)\b)|"
                             r"\s+(?:kalender)?måned\b)")


def clean(text: str) -> str:
    """The display text: NFC, no soft hyphens or line-end hyphenation, one space between words, and a blank
    line (kept as "\\n\\n") between paragraphs and before each list item."""
    t = unicodedata.normalize("NFC", text).replace("\u00ad", "").replace("\ufeff", "")
    t = t.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    t = _HYPHEN_BREAK.sub("", t)
    t = re.sub(r"(?<=\d)-[ \t]*(?:\n[ \t]*)+(?=\d)", "-", t)  # "§§ 36-\n40"
    t = _BULLET.sub("\n\n", t)
    paragraphs = [_SPACES.sub(" ", p).strip() for p in _PARAGRAPH.split(t)]
    return "\n\n".join(p for p in paragraphs if p)


def _is_abbreviation(before: str) -> bool:
    """Does the text before a full stop end with an abbreviation, an ordinal or a date's day ("1. maj")?"""
    word = before.rsplit(" ", 1)[-1].lower().lstrip("(\"'»“")
    return word in _ABBREVIATIONS or word.isdigit() or bool(re.fullmatch(r"[a-zæøå]", word))


def sentences(text: str) -> list[str]:
    """The sentences of a text (already ``clean`` or not), in order, each stripped and non-empty."""
    out: list[str] = []
    for paragraph in clean(text).split("\n\n"):
        start = 0
        for m in _SENTENCE_END.finditer(paragraph):
            end = m.start()
            nxt = paragraph[m.end():m.end() + 1]
            head = paragraph[start:end]
            after_word = paragraph[m.end():].split(" ", 1)[0].lower().rstrip(",.")
            if paragraph[m.start()] == "." and (_is_abbreviation(head) and not nxt.isupper()
                                                or after_word in _MONTHS or nxt.islower()):
                continue
            out.append(paragraph[start:m.end()].strip())
            start = m.end()
        rest = paragraph[start:].strip()
        if rest:
            out.append(rest)
    return [s for s in out if any(c.isalnum() for c in s)]


def match_form(sentence: str) -> str:
    """What the patterns read: lower case, NFC, straight quotes, plain hyphens, number words as digits."""
    t = unicodedata.normalize("NFC", sentence).lower()
    t = t.translate(str.maketrans({"»": '"', "«": '"', "“": '"', "”": '"', "„": '"', "’": "'", "‘": "'",
                                   "–": "-", "—": "-", "\u2011": "-", "\u00a0": " "}))
    t = re.sub(r"\s+", " ", t)
    t = _ARTICLE_AS_ONE.sub("1", t)
    t = re.sub(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", lambda m: _NUMBER_WORDS[m.group(1)], t)
    # "kalender-måned", "rådigheds-sanktion" written with a hyphen inside one word
    t = re.sub(r"(?<=[a-zæøå])- (?=[a-zæøå])", "", t)
    return t
