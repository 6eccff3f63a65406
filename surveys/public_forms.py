"""The forms parents and children fill in (``surveys.public_views``).

Every label is a ``survey`` string, so a survey language is complete when that context is
translated. Nothing is required but one answer: a family may skip any question. The forms are
built inside the respondent's language (``translation.override``), so the challenge widget's
own words are in it too.
"""

import datetime
import json

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.html import format_html
from django.utils.translation import pgettext
from django_altcha import AltchaField, AltchaWidget

from municipalities.models import Area
from surveys.questions import (
    AgeGroupAnswer,
    Barrier,
    Company,
    Holiday,
    Interest,
    Moment,
    Occupation,
    Place,
)

# Children's ages are stored as the age group only: an exact age would help tell who answered.
CHILD_AGES = range(8, 16)
PICKUP_TIMES = [datetime.time(hour, minute) for hour in range(16, 20) for minute in (0, 30)][:-1]

# Pictograms beside the children's choices: decoration only (aria-hidden), never the only cue.
PICTOGRAMS = {
    Interest.SPORT: "⚽",
    Interest.PLAY_OUTSIDE: "🌳",
    Interest.CRAFTS: "🎨",
    Interest.MUSIC_DANCE: "🎵",
    Interest.GAMES: "🎲",
    Interest.READING: "📚",
    Interest.NATURE: "🐾",
    Interest.COOKING: "🍳",
    Interest.TECHNOLOGY: "💻",
    Interest.HOMEWORK: "✏️",
    Interest.CHILL: "💬",
    Place.SCHOOL: "🏫",
    Place.YOUTH_CENTRE: "🏠",
    Place.CLUB: "🏅",
    Place.OUTSIDE: "🛝",
    Place.HOME: "🛋️",
    Place.LIBRARY: "📖",
    Company.FRIENDS: "👫",
    Company.FAMILY: "👪",
    Company.NEW_PEOPLE: "👋",
    Company.ALONE: "🙂",
}


class ChallengeWidget(AltchaWidget):
    """The altcha widget without the payload of an earlier attempt: a challenge solves once."""

    def format_value(self, value):
        return None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # As text: the template would print the number with a thousands separator ("50.000"),
        # which the widget reads as 50 and then finds no solution.
        options = context["widget"]["altcha_options"]
        options["maxnumber"] = str(options["maxnumber"])
        return context


class ChallengeField(AltchaField):
    widget = ChallengeWidget


def challenge_field() -> ChallengeField:
    """The proof-of-work check, solved in the background as soon as the page has loaded."""
    strings = {
        "label": pgettext("survey", "I am not a robot"),
        "verifying": pgettext("survey", "Checking…"),
        "verified": pgettext("survey", "Checked"),
        "verificationRequired": pgettext("survey", "Please wait until the check is done."),
        "waitAlert": pgettext("survey", "Checking… please wait."),
        "error": pgettext("survey", "The check did not work. Please try again."),
        "expired": pgettext("survey", "The check has expired. Please try again."),
        "ariaLinkLabel": pgettext("survey", "About the check"),
        "footer": "",
    }
    return ChallengeField(
        label=pgettext("survey", "Check against automatic answers"),
        maxnumber=settings.ALTCHA_MAX_NUMBER,
        auto="onload",
        hidefooter=True,
        hidelogo=True,
        strings=json.dumps(strings),
        error_messages={
            "required": pgettext("survey", "The check is not finished yet. Please send again."),
            "invalid": pgettext("survey", "The check did not work. Please send again."),
            "error": pgettext("survey", "The check did not work. Please send again."),
            "replay": pgettext("survey", "The check did not work. Please send again."),
        },
    )


def _choices(field_choices, *, pictograms: bool = False):
    if not pictograms:
        return list(field_choices)
    pictogram = '<span class="pic" aria-hidden="true">{}</span> {}'
    return [(code, format_html(pictogram, PICTOGRAMS[code], text)) for code, text in field_choices]


def _checkboxes(label, choices, **kwargs):
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple, **kwargs
    )


class SurveyForm(forms.Form):
    """What both versions share: the answer's key, the free text and the challenge."""

    # The fields an answer is made of; at least one of them must be given.
    answers: tuple[str, ...] = ()

    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.fields["altcha"] = challenge_field()

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in self.answers):
            raise forms.ValidationError(
                pgettext("survey", "Please answer at least one question."), code="empty"
            )
        return cleaned

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor, message) for the summary at the top of the page: each links to its question."""
        summary = [("questions", message) for message in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name != "__all__":
                summary += [(f"q-{name}", message) for message in errors]
        return summary

    def answer(self) -> dict:
        """The answer's fields as ``surveys.responses.response_submit`` stores them."""
        raise NotImplementedError


class ParentForm(SurveyForm):
    answers = (
        "age_groups",
        "site",
        "area",
        "postal_code",
        "moments",
        "pickup_time",
        "holidays",
        "barriers",
        "occupation",
        "interests",
        "free_text",
    )

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, survey=survey, **kwargs)
        fields = self.fields
        fields["age_groups"] = _checkboxes(
            pgettext("survey", "How old are your children?"), AgeGroupAnswer.choices
        )
        fields["site"] = forms.ModelChoiceField(
            label=pgettext("survey", "School or site"),
            queryset=survey.sites.select_related("school").order_by("school__name", "site_number"),
            required=False,
            empty_label=pgettext("survey", "(choose, or leave empty)"),
        )
        fields["area"] = forms.ModelChoiceField(
            label=pgettext("survey", "Part of the municipality where you live"),
            queryset=Area.objects.filter(trajectory=survey.trajectory_id),
            required=False,
            empty_label=pgettext("survey", "(choose, or leave empty)"),
        )
        fields["postal_code"] = forms.CharField(
            label=pgettext("survey", "Or your postal code"),
            required=False,
            max_length=4,
            validators=[
                RegexValidator(
                    r"^\d{4}$", pgettext("survey", "A postal code has 4 digits, such as 3800.")
                )
            ],
            widget=forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "off", "size": 4}
            ),
        )
        fields["moments"] = _checkboxes(
            pgettext("survey", "When do you need care or activities for your children?"),
            Moment.choices,
        )
        fields["pickup_time"] = forms.TypedChoiceField(
            label=pgettext("survey", "After school, what time do you usually pick them up?"),
            choices=[("", pgettext("survey", "(choose, or leave empty)"))]
            + [(moment.strftime("%H:%M"), moment.strftime("%H:%M")) for moment in PICKUP_TIMES],
            coerce=lambda value: datetime.time.fromisoformat(value),
            empty_value=None,
            required=False,
        )
        fields["holidays"] = _checkboxes(
            pgettext("survey", "In which school holidays?"), Holiday.choices
        )
        fields["barriers"] = _checkboxes(
            pgettext("survey", "What holds you back today?"), Barrier.choices
        )
        fields["occupation"] = forms.ChoiceField(
            label=pgettext("survey", "Do you work or study?"),
            choices=Occupation.choices,
            required=False,
            widget=forms.RadioSelect,
        )
        fields["interests"] = _checkboxes(
            pgettext("survey", "What do your children like to do?"), Interest.choices
        )
        fields["free_text"] = forms.CharField(
            label=pgettext("survey", "Anything else you would like to tell us?"),
            help_text=pgettext(
                "survey", "Please do not write names. A coordinator reads this first."
            ),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
        )
        self.order_fields(["submission_key", *self.answers, "altcha"])

    def answer(self) -> dict:
        data = self.cleaned_data
        return {
            "age_groups": data["age_groups"],
            "site": data["site"],
            "area": data["area"],
            "postal_code": data["postal_code"],
            "moments": data["moments"],
            "pickup_time": data["pickup_time"],
            "holidays": data["holidays"],
            "barriers": data["barriers"],
            "occupation": data["occupation"],
            "interests": data["interests"],
            "free_text": data["free_text"],
        }


class ChildForm(SurveyForm):
    answers = ("age", "interests", "places", "company", "free_text")

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, survey=survey, **kwargs)
        fields = self.fields
        fields["age"] = forms.TypedChoiceField(
            label=pgettext("survey", "How old are you?"),
            choices=[(age, str(age)) for age in CHILD_AGES],
            coerce=int,
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
        )
        fields["interests"] = _checkboxes(
            pgettext("survey", "What do you like to do after school?"),
            _choices(Interest.choices, pictograms=True),
        )
        fields["places"] = _checkboxes(
            pgettext("survey", "Where would you like to be?"),
            _choices(Place.choices, pictograms=True),
        )
        fields["company"] = _checkboxes(
            pgettext("survey", "With whom?"), _choices(Company.choices, pictograms=True)
        )
        fields["free_text"] = forms.CharField(
            label=pgettext("survey", "What is missing? What would you like?"),
            help_text=pgettext("survey", "Do not write any names."),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        )
        self.order_fields(["submission_key", *self.answers, "altcha"])

    def answer(self) -> dict:
        data = self.cleaned_data
        age = data["age"]
        age_groups = []
        if age is not None:
            age_groups = [AgeGroupAnswer.CHILDREN if age <= 10 else AgeGroupAnswer.TEENS]
        return {
            "age_groups": [str(group) for group in age_groups],
            "interests": data["interests"],
            "places": data["places"],
            "company": data["company"],
            "free_text": data["free_text"],
        }


KINDS = {"parent": ParentForm, "child": ChildForm}
