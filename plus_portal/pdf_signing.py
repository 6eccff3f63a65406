"""The optional PAdES signature on the PDFs the portal issues to a council (pyHanko).

Off unless the operator configures a key and a certificate (``PLUS_PDF_SIGNING_KEY`` and
``PLUS_PDF_SIGNING_CERT``, paths to PEM/DER files, or a PKCS#12 file ``.p12``/``.pfx`` as
the key with the certificate in it; ``PLUS_PDF_SIGNING_PASSPHRASE`` unlocks the key,
``PLUS_PDF_SIGNING_CHAIN`` adds intermediate certificates). When on, ``render_pdf`` signs
every archivable PDF after it is made and before its SHA-256 is computed and stored, so the
fingerprint the verification page looks up is that of the signed file.

The signature is PAdES baseline B-B (ETSI EN 319 142-1): a CAdES detached signature
(``/SubFilter /ETSI.CAdES.detached``) with the signing certificate as a signed attribute,
in an invisible field (print flag set, zero-size box, as PDF/A-3 allows), added as an
incremental update so the PDF/A file stays as it was rendered. No network is used, unless
``PLUS_PDF_SIGNING_TIMESTAMP_URL`` names a time-stamping authority (RFC 3161): then the
signature carries its time stamp (B-T).

A key or certificate that does not load fails the render (the PDF is not issued unsigned);
the worker's log says why.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import io
import logging
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

FIELD_NAME = "PLUS"


def signing_enabled() -> bool:
    """True when the operator configured a key (and, unless it is PKCS#12, a certificate)."""
    key = settings.PLUS_PDF_SIGNING_KEY
    return bool(key and (_is_pkcs12(key) or settings.PLUS_PDF_SIGNING_CERT))


def _is_pkcs12(path: str) -> bool:
    return Path(path).suffix.lower() in {".p12", ".pfx"}


@functools.cache
def _signer(key: str, cert: str, chain: str, passphrase: str):
    """The signer for these files, loaded once per process (and per configuration)."""
    from pyhanko.sign import signers

    secret = passphrase.encode() if passphrase else None
    chain_files = [chain] if chain else None
    if _is_pkcs12(key):
        signer = signers.SimpleSigner.load_pkcs12(
            key, ca_chain_files=chain_files, passphrase=secret
        )
    else:
        signer = signers.SimpleSigner.load(
            key, cert, ca_chain_files=chain_files, key_passphrase=secret
        )
    if signer is None:
        raise ImproperlyConfigured(
            "PLUS_PDF_SIGNING_KEY/CERT could not be loaded (wrong path, format or passphrase)"
        )
    return signer


def _timestamper():
    url = settings.PLUS_PDF_SIGNING_TIMESTAMP_URL
    if not url:
        return None
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(url)


def sign_pdf(content: bytes, *, reason: str = "", location: str = "") -> bytes:
    """``content`` with a PAdES signature over the whole file, as an incremental update."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.metadata.model import VENDOR
    from pyhanko.sign import fields, signers

    signer = _signer(
        settings.PLUS_PDF_SIGNING_KEY,
        settings.PLUS_PDF_SIGNING_CERT,
        settings.PLUS_PDF_SIGNING_CHAIN,
        settings.PLUS_PDF_SIGNING_PASSPHRASE,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(content))
    # pyHanko writes its own name as the XMP pdf:Producer and appends it to the Info
    # dictionary's /Producer; PDF/A wants both the same, so the Info one says only that too.
    info_ref = writer.trailer.raw_get("/Info")
    info = info_ref.get_object()
    info["/Producer"] = generic.TextStringObject(VENDOR)
    writer.mark_update(info_ref)
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason or None,
        location=location or None,
    )
    signed = run_async(
        signers.async_sign_pdf(writer, metadata, signer=signer, timestamper=_timestamper())
    )
    return signed.getvalue()


def run_async(coroutine):
    """Run one of pyHanko's coroutines to its end, also where this thread already runs an
    event loop (pyHanko's own sync wrappers then fail): in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
