"""Optional PDF: the HTML report printed by headless Chromium, driven by Playwright.

Why Playwright and not ``chromium --print-to-pdf``: the command line cannot print page numbers or a running
header (Chromium ignores CSS ``@page`` margin boxes, and ``--print-to-pdf`` only knows its own URL/date
header). Chromium's DevTools call ``Page.printToPDF`` can: ``displayHeaderFooter`` with a header and footer
template, where ``<span class="pageNumber">`` and ``<span class="totalPages">`` become "Side 3 af 14".
Playwright (Microsoft, maintained, BSD-licensed Python package) is the well-kept client for that call; it
drives the Chromium that is installed on the machine (``executable_path``), so no browser is downloaded.

The table of contents gets its page numbers in two passes: the first print is only read for where each
chapter begins (Chromium writes a named destination for every element a link points to; ``pypdf`` reads
them), the numbers are written into the contents list, and the second print is the file.

Chromium is never a dependency: when it is not installed, ``print_pdf`` raises ``PdfError`` with a Danish
message, and the HTML and Excel reports are written as usual.
"""

from __future__ import annotations

import html
import io
import os
import shutil
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_SECONDS = 180
# A4 with the report's margins (the same as Ankestyrelsen's report: wide outer margins, room for header and
# footer).
MARGINS = {"top": "22mm", "bottom": "20mm", "left": "20mm", "right": "20mm"}

NOT_INSTALLED = ("PDF er ikke lavet: Chromium er ikke installeret (fx 'apt-get install chromium'). "
                 "HTML-rapporten kan i stedet udskrives til PDF fra en browser.")
NO_PLAYWRIGHT = ("PDF er ikke lavet: Python-pakken playwright mangler (pip install playwright). "
                 "HTML-rapporten kan i stedet udskrives til PDF fra en browser.")

_STYLE = "font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 7.5pt; color: #444; width: 100%;"


class PdfError(RuntimeError):
    """The PDF could not be made (message in Danish)."""


def find_browser() -> str | None:
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def header_template(header: str) -> str:
    """The running header: the municipality and the report's title, right-aligned (HTML-escaped)."""
    return (f'<div style="{_STYLE} margin: 0 20mm; padding-bottom: 2mm; border-bottom: 0.5pt solid #999; '
            f'text-align: right;">{html.escape(header)}</div>')


def footer_template() -> str:
    """'Side 3 af 14', centred."""
    return (f'<div style="{_STYLE} text-align: center;">Side <span class="pageNumber"></span> af '
            f'<span class="totalPages"></span></div>')


def destination_pages(pdf: bytes) -> dict[str, int]:
    """The page (1-based) of every named destination in ``pdf`` (Chromium names them by element id)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return {name.lstrip("/"): reader.get_destination_page_number(dest) + 1
            for name, dest in reader.named_destinations.items()}


_FILL_TOC = """(pages) => {
  for (const el of document.querySelectorAll('[data-side-for]')) {
    const n = pages[el.dataset.sideFor];
    el.textContent = n ? String(n) : '';
  }
}"""


def print_pdf(html_path: str | Path, pdf_path: str | Path, *, header: str = "", browser: str | None = None) -> Path:
    """Print ``html_path`` to ``pdf_path``: A4, page numbers "Side X af Y", the running ``header``, and the
    page numbers of the contents list (elements with ``data-side-for="<id>"``) filled in."""
    browser = browser or find_browser()
    if not browser:
        raise PdfError(NOT_INSTALLED)
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise PdfError(NO_PLAYWRIGHT) from None
    src = Path(html_path).resolve()
    dst = Path(pdf_path).resolve()
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp_pdf = dst.with_name(f".{dst.name}.tmp")
    options = {"format": "A4", "margin": MARGINS, "print_background": True, "display_header_footer": True,
               "header_template": header_template(header), "footer_template": footer_template(),
               "outline": True}
    try:
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=browser, args=["--no-sandbox", "--disable-gpu"],
                                          timeout=TIMEOUT_SECONDS * 1000)
            try:
                page = chromium.new_page()
                page.set_default_timeout(TIMEOUT_SECONDS * 1000)
                page.goto(src.as_uri(), wait_until="load")
                if page.locator("[data-side-for]").count():
                    page.evaluate(_FILL_TOC, destination_pages(page.pdf(**options)))
                tmp_pdf.write_bytes(page.pdf(**options))
            finally:
                chromium.close()
    except PlaywrightError as exc:
        tmp_pdf.unlink(missing_ok=True)
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise PdfError(f"PDF er ikke lavet: Chromium fejlede ({first[:200]})") from None
    if not tmp_pdf.is_file() or tmp_pdf.stat().st_size == 0:
        tmp_pdf.unlink(missing_ok=True)
        raise PdfError("PDF er ikke lavet: Chromium skrev ingen fil")
    os.replace(tmp_pdf, dst)
    return dst
