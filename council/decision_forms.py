"""The form an official edits the draft council decision with."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from council.drafting import articles_as_text, articles_from_text
from council.models import DraftDecision
from plus_portal.locking import OUT_OF_DATE

MAX_ARTICLES = 30
MAX_ARTICLE_LENGTH = 5000


class DraftDecisionForm(forms.ModelForm):
    """Title, summary, legal grounds and motivation as they are stored; the articles in one
    text, an empty line between two articles (a secretary writes them as they read, and adds
    or removes one by adding or removing a paragraph); ``opened_at`` is the draft's
    ``updated_at`` when the form was opened, so a save over someone else's is refused."""

    articles_text = forms.CharField(
        label=_("Articles"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Leave an empty line between two articles. The portal numbers them in order "
            "(Article 1, Article 2, …): add or remove a paragraph to add or remove an article."
        ),
    )
    # Not required at field level: a hidden field's error shows next to nothing, so a missing
    # or malformed value is reported for the whole form in clean().
    opened_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = DraftDecision
        fields = ["title", "description", "legal_grounds", "motivation"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "legal_grounds": forms.Textarea(attrs={"rows": 5}),
            "motivation": forms.Textarea(attrs={"rows": 12}),
        }
        help_texts = {
            "description": _("A short public summary of the decision."),
            "legal_grounds": _("One legal ground per line."),
            "motivation": _("Leave an empty line between two paragraphs."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["articles_text"].initial = articles_as_text(self.instance.articles)
        self.fields["opened_at"].initial = self.instance.updated_at.isoformat()

    def clean_articles_text(self) -> list[str]:
        articles = articles_from_text(self.cleaned_data["articles_text"])
        if not articles:
            raise forms.ValidationError(_("A decision has at least one article."))
        if len(articles) > MAX_ARTICLES:
            raise forms.ValidationError(
                _("A decision has at most %(count)s articles.") % {"count": MAX_ARTICLES}
            )
        if any(len(article) > MAX_ARTICLE_LENGTH for article in articles):
            raise forms.ValidationError(
                _("An article is at most %(count)s characters long.")
                % {"count": MAX_ARTICLE_LENGTH}
            )
        return articles

    def clean_legal_grounds(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["legal_grounds"].splitlines()]
        grounds = [line for line in lines if line]
        if not grounds:
            raise forms.ValidationError(_("Give at least one legal ground."))
        return "\n".join(grounds)

    def clean_opened_at(self) -> datetime.datetime | None:
        try:
            opened_at = datetime.datetime.fromisoformat(self.cleaned_data["opened_at"])
        except (TypeError, ValueError):
            return None
        return opened_at if opened_at.tzinfo else None

    def clean(self):
        cleaned = super().clean()
        if "opened_at" not in self.errors and cleaned.get("opened_at") is None:
            self.errors.pop("opened_at", None)
            raise forms.ValidationError(OUT_OF_DATE, code="out_of_date")
        return cleaned

    @property
    def values(self) -> dict:
        return {
            "title": self.cleaned_data["title"],
            "description": self.cleaned_data["description"],
            "legal_grounds": self.cleaned_data["legal_grounds"],
            "motivation": self.cleaned_data["motivation"],
            "articles": self.cleaned_data["articles_text"],
        }
