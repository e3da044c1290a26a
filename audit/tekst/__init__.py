"""``audit tekst``: does a letter template or a standard paragraph contain the elements the law requires?

``analyse(text)`` reads the text sentence by sentence (``normalise``), matches each element's patterns
(``moenstre``) and answers ja / usikker / nej with the sentence quoted; ``laes`` reads .txt, .docx, .pdf
and .html files and folders.
"""

from audit.tekst.analyse import FOUND, MISSING, STATUS_WORDS, TYPES, UNSURE, Analysis, ElementResult, analyse

__all__ = ["FOUND", "MISSING", "STATUS_WORDS", "TYPES", "UNSURE", "Analysis", "ElementResult", "analyse"]
