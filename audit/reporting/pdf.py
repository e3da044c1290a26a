"""Optional PDF: the HTML report printed by headless Chromium (``chromium --print-to-pdf``).

Chromium is never a dependency: when it is not installed, ``print_pdf`` raises ``PdfError`` with a Danish
message, and the HTML and Excel reports are written as usual.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_SECONDS = 180

NOT_INSTALLED = ("PDF er ikke lavet: Chromium er ikke installeret (fx 'apt-get install chromium'). "
                 "HTML-rapporten kan i stedet udskrives til PDF fra en browser.")


class PdfError(RuntimeError):
    """The PDF could not be made (message in Danish)."""


def find_browser() -> str | None:
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def chromium_args(browser: str, user_data_dir: str) -> list[str]:
    return [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
            f"--user-data-dir={user_data_dir}"]


def print_pdf(html_path: str | Path, pdf_path: str | Path, *, browser: str | None = None) -> Path:
    """Print ``html_path`` to ``pdf_path`` (A4, from the report's print CSS)."""
    browser = browser or find_browser()
    if not browser:
        raise PdfError(NOT_INSTALLED)
    src = Path(html_path).resolve()
    dst = Path(pdf_path).resolve()
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp_pdf = dst.with_name(f".{dst.name}.tmp")
    with tempfile.TemporaryDirectory(prefix="las40a-chromium-") as profile:
        args = [*chromium_args(browser, profile), "--no-pdf-header-footer",
                f"--print-to-pdf={tmp_pdf}", src.as_uri()]
        try:
            proc = subprocess.run(args, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            tmp_pdf.unlink(missing_ok=True)
            raise PdfError(f"PDF er ikke lavet: Chromium svarede ikke inden for {TIMEOUT_SECONDS} sekunder") from None
        except OSError as exc:
            raise PdfError(f"PDF er ikke lavet: Chromium kunne ikke startes ({exc.strerror})") from None
    if proc.returncode != 0 or not tmp_pdf.is_file() or tmp_pdf.stat().st_size == 0:
        tmp_pdf.unlink(missing_ok=True)
        raise PdfError(f"PDF er ikke lavet: Chromium fejlede (afslutningskode {proc.returncode})")
    os.replace(tmp_pdf, dst)
    return dst
