"""The public verification form: a PDF to fingerprint, or a fingerprint pasted."""

from django import forms
from django.utils.translation import gettext_lazy as _

from council.verification import MAX_UPLOAD_BYTES, file_digest, normalized_digest


class VerifyForm(forms.Form):
    document = forms.FileField(
        label=_("PDF document"),
        required=False,
        help_text=_("The file is only read to compute its fingerprint; it is not kept."),
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    sha256 = forms.CharField(
        label=_("Or its SHA-256 fingerprint"),
        required=False,
        max_length=200,
        help_text=_("64 characters, the digits 0–9 and the letters a–f."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "off"}
        ),
    )

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document and document.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _(
                    "The file is larger than %(limit)s MB; the portal issues no PDF that large. "
                    "Paste its SHA-256 fingerprint instead."
                ),
                params={"limit": MAX_UPLOAD_BYTES // (1024 * 1024)},
            )
        return document

    def clean_sha256(self):
        text = self.cleaned_data.get("sha256", "")
        if not text.strip():
            return ""
        digest = normalized_digest(text)
        if digest is None:
            raise forms.ValidationError(
                _(
                    "A SHA-256 fingerprint has 64 characters, only the digits 0–9 and the "
                    "letters a–f."
                )
            )
        return digest

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        document, digest = cleaned.get("document"), cleaned.get("sha256")
        if document and digest:
            raise forms.ValidationError(_("Choose a PDF or paste a fingerprint, not both."))
        if not document and not digest:
            raise forms.ValidationError(_("Choose a PDF or paste its fingerprint."))
        cleaned["digest"] = file_digest(document) if document else digest
        return cleaned
