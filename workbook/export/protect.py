"""Provides ``protect_pdf``: a PDF that opens only with a passphrase, for a report that
travels by email or on a USB stick.

The file is encrypted with AES-256 under the PDF 2.0 security handler (revision 6), which
every common reader opens (Acrobat, Preview, Chrome, Firefox, Evince, Okular) once the
passphrase is typed. Its tags, language, title and embedded data are kept: only the bytes
are encrypted. Once open, nothing is restricted (printing, copying, a screen reader): the
passphrase protects the file on its way, not from the counselor.
"""

from __future__ import annotations

import io
import secrets

MIN_LENGTH = 8  # the same floor as the workbook's own passphrase


def protect_pdf(data: bytes, passphrase: str) -> bytes:
    """``data`` (a PDF) encrypted so that it opens only with ``passphrase``."""
    import pikepdf

    from workbook.common.errors import WorkbookError
    from workbook.common.i18n import _

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            out = io.BytesIO()
            # The owner passphrase only guards permissions, and every permission is granted:
            # a random one nobody needs to know.
            pdf.save(out, encryption=pikepdf.Encryption(owner=secrets.token_urlsafe(24), user=passphrase, R=6))
            return out.getvalue()
    except (pikepdf.PdfError, ValueError, RuntimeError) as exc:  # never the passphrase in the message
        raise WorkbookError(
            _("The PDF could not be protected ({value}). Nothing was written.").format(value=type(exc).__name__)
        ) from None
