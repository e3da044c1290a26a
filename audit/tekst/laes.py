"""Read the text of letter templates: .txt, .docx (python-docx), .pdf (pypdf), .html (the standard library's
html.parser), and folders of them. A file that cannot be read gives a Danish message, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")


class ReadError(Exception):
    """A document that cannot be read (Danish message)."""


@dataclass(frozen=True)
class Document:
    path: Path
    text: str


def find_documents(paths: list[str]) -> tuple[list[Path], list[str]]:
    """The files to read (folders searched recursively, sorted) and a Danish message per unusable path."""
    files: list[Path] = []
    problems: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            if not found:
                problems.append(f"{raw}: mappen indeholder ingen .txt-, .docx-, .pdf- eller .html-filer")
            files.extend(found)
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                problems.append(f"{raw}: filtypen '{path.suffix or '(ingen)'}' kan ikke læses; brug .txt, .docx, "
                                ".pdf eller .html")
            else:
                files.append(path)
        else:
            problems.append(f"{raw}: filen eller mappen findes ikke")
    return files, problems


def read_document(path: Path) -> Document:
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            text = _docx(path)
        elif suffix == ".pdf":
            text = _pdf(path)
        elif suffix in (".html", ".htm"):
            text = _html(_decode(path.read_bytes()))
        else:
            text = _decode(path.read_bytes())
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001 - any library error on a broken file becomes a Danish message
        raise ReadError(f"{path}: filen kan ikke læses som {suffix} ({type(exc).__name__})") from None
    if not text.strip():
        raise ReadError(f"{path}: filen indeholder ingen tekst" + (
            " (en scannet PDF uden tekstlag skal først køres gennem tekstgenkendelse)" if suffix == ".pdf" else ""))
    return Document(path, text)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _docx(path: Path) -> str:
    import docx  # python-docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n\n".join(parts)


def _pdf(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    if reader.is_encrypted:
        raise ReadError(f"{path}: PDF-filen er krypteret og kan ikke læses")
    return "\n\n".join(page.extract_text() or "" for page in reader.pages)


class _TextParser(HTMLParser):
    """The visible text of an HTML page; block elements end a paragraph; script and style are skipped."""

    BLOCKS = {"p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "section", "article",
              "ul", "ol", "table", "blockquote", "header", "footer"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head", "title"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head", "title"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data.replace("\n", " "))


def _html(markup: str) -> str:
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)
