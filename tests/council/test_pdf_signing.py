"""The optional PAdES signature: with a key and certificate configured, every issued PDF is
signed before its SHA-256 is taken; the signature validates (intact, over the whole file) and
one changed byte breaks it. The certificate is a throwaway one made here."""

import asyncio
import concurrent.futures
import datetime
import hashlib
import io

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from pypdf import PdfReader

from actionplans import reports, services
from actionplans.models import Report
from plus_portal import pdf_signing, pdfa

PASSPHRASE = "geheim genoeg"


def _certificate(folder, *, passphrase: str = PASSPHRASE):
    """A self-signed signing certificate and its encrypted key, as PEM files in ``folder``."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "PLUS test signer"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "IN-Z vzw"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = folder / "signing-key.pem", folder / "signing-cert.pem"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(passphrase.encode()),
        )
    )
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


@pytest.fixture
def signing(settings, tmp_path):
    key_path, cert_path = _certificate(tmp_path)
    settings.PLUS_PDF_SIGNING_KEY = str(key_path)
    settings.PLUS_PDF_SIGNING_CERT = str(cert_path)
    settings.PLUS_PDF_SIGNING_PASSPHRASE = PASSPHRASE
    return cert_path


ARCHIVE = pdfa.Archive(
    identifier="PLUS-71053-10001-v1",
    title="Actieplan Sint-Truiden — versie 1",
    author="IN-Z vzw en de gemeente Sint-Truiden",
    subject="Test",
    keywords=("PLUS", "Sint-Truiden"),
    language="nl-BE",
    created=datetime.date(2026, 12, 1),
    attachments=(
        pdfa.Attachment(name="begroting.csv", content=b"a;b\r\n1;2\r\n", description="d"),
    ),
)
HTML = '<html lang="nl-BE"><body><h1>Actieplan</h1><p>Tekst van het plan.</p></body></html>'


def _validate(content: bytes, cert_path):
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import async_validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(io.BytesIO(content))
    (signature,) = reader.embedded_signatures
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(cert_path))])
    return pdf_signing.run_async(async_validate_pdf_signature(signature, context))


def test_signing_is_off_unless_configured(settings):
    assert settings.PLUS_PDF_SIGNING_KEY == ""
    assert not pdf_signing.signing_enabled()
    content = reports.render_pdf(HTML, archive=ARCHIVE).content
    assert b"/ByteRange" not in content


def test_a_signed_pdf_validates_over_the_whole_file(signing):
    from pyhanko.sign.validation import SignatureCoverageLevel

    content = reports.render_pdf(HTML, archive=ARCHIVE).content
    status = _validate(content, signing)
    assert status.intact
    assert status.valid
    assert status.trusted  # with the test certificate as the trust root
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.md_algorithm == "sha256"
    assert status.signing_cert.subject.native["common_name"] == "PLUS test signer"
    # PAdES: a CAdES detached signature, not the older PKCS#7 one.
    reader = PdfReader(io.BytesIO(content))
    field = reader.trailer["/Root"]["/AcroForm"]["/Fields"][0].get_object()
    assert field["/V"]["/SubFilter"] == "/ETSI.CAdES.detached"
    # PDF/A-3: an invisible widget that prints (flag 3), never hidden.
    assert field["/Rect"] == [0, 0, 0, 0]
    assert field["/F"] & 0b100
    assert not field["/F"] & 0b10


def test_the_signed_pdf_stays_pdf_a_with_its_identifier_and_attachment(signing):
    content = reports.render_pdf(HTML, archive=ARCHIVE).content
    reader = PdfReader(io.BytesIO(content))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp
    assert 'pdfaid:conformance="U"' in xmp
    assert "PLUS-71053-10001-v1" in xmp
    assert reader.trailer["/ID"][0] == "PLUS-71053-10001-v1"
    assert reader.metadata["/Identifier"] == "PLUS-71053-10001-v1"
    # pyHanko names itself in the XMP; the Info dictionary says the same (PDF/A).
    producer = reader.metadata["/Producer"]
    assert f'pdf:Producer="{producer}"' in xmp
    assert list(reader.attachments) == ["begroting.csv"]


def test_one_changed_byte_breaks_the_signature(signing):
    content = reports.render_pdf(HTML, archive=ARCHIVE).content
    # A byte of the embedded CSV's (compressed) stream: the file still parses, the digest
    # no longer matches.
    start = content.index(b"stream", content.index(b"/EmbeddedFile")) + len(b"stream\n") + 2
    changed = bytearray(content)
    changed[start] ^= 0xFF
    status = _validate(bytes(changed), signing)
    assert not status.intact
    assert not status.bottom_line


def test_signing_works_where_an_event_loop_already_runs(signing):
    """pyHanko is async inside; a caller that runs a loop (an async view, a test) still signs."""

    async def inside_a_loop():
        return reports.render_pdf(HTML, archive=ARCHIVE).content

    # A thread of its own: an earlier browser test may leave Playwright's loop running in
    # this one, where asyncio.run() would refuse to start.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        content = pool.submit(asyncio.run, inside_a_loop()).result()
    status = _validate(content, signing)
    assert status.intact
    assert status.valid


def test_a_broken_key_fails_the_pdf_instead_of_issuing_it_unsigned(signing, settings):
    settings.PLUS_PDF_SIGNING_PASSPHRASE = "wrong"
    with pytest.raises(ImproperlyConfigured, match="could not be loaded"):
        reports.render_pdf(HTML, archive=ARCHIVE)


def test_a_plain_pdf_is_never_signed(signing):
    """Only the documents issued to a council (rendered with an archive) are signed."""
    assert b"/ByteRange" not in reports.render_pdf(HTML).content


@pytest.mark.django_db
def test_the_stored_hash_is_that_of_the_signed_file(
    signing, settings, tmp_path, plan_a, coordinator, official_a
):
    settings.MEDIA_ROOT = tmp_path / "media"
    version = services.plan_submit(plan=plan_a["plan"], by=coordinator)
    report = Report.objects.create(version=version, language="nl-be", requested_by=official_a)
    attempt = reports.report_claim(report_id=str(report.pk))
    assert reports.report_render(report_id=str(report.pk), attempt=attempt)
    report.refresh_from_db()
    with default_storage.open(report.file.name, "rb") as stored:
        content = stored.read()
    assert report.file_hash == hashlib.sha256(content).hexdigest()
    assert report.file_size == len(content)
    status = _validate(content, signing)
    assert status.intact
    assert status.valid
