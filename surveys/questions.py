"""What the public survey asks, as language-neutral codes.

An answer is stored as these codes, never as the words a respondent read, so answers in
every language count together. The labels are what parents and children read; they carry
the gettext context ``survey`` so that a survey language is complete when every string with
that context is translated in its catalogue (``tests/surveys/test_languages.py``).

The moments map onto the intake's vocabulary (``municipalities.choices``): a moment is a
``Slot``, a holiday is a ``HolidayPeriod``, so a survey's need becomes an intake need as is.
"""

from django.db import models
from django.utils.translation import pgettext_lazy

from municipalities.choices import AgeGroup, HolidayPeriod, Slot


class Moment(models.TextChoices):
    """When a family needs care or leisure during the school year."""

    MORNING = Slot.MORNING, pgettext_lazy("survey", "Before school")
    AFTER_SCHOOL = Slot.AFTER_SCHOOL, pgettext_lazy("survey", "After school")
    WEDNESDAY = Slot.WEDNESDAY, pgettext_lazy("survey", "Wednesday afternoon")
    LUNCHTIME = Slot.LUNCHTIME, pgettext_lazy("survey", "Lunchtime")
    SCHOOL_FREE_DAYS = Slot.SCHOOL_FREE_DAYS, pgettext_lazy("survey", "School-free days")


class Holiday(models.TextChoices):
    AUTUMN = HolidayPeriod.AUTUMN, pgettext_lazy("survey", "Autumn holiday")
    CHRISTMAS = HolidayPeriod.CHRISTMAS, pgettext_lazy("survey", "Christmas holiday")
    SPRING = HolidayPeriod.SPRING, pgettext_lazy("survey", "Spring holiday")
    EASTER = HolidayPeriod.EASTER, pgettext_lazy("survey", "Easter holiday")
    SUMMER = HolidayPeriod.SUMMER, pgettext_lazy("survey", "Summer holiday")


class AgeGroupAnswer(models.TextChoices):
    CHILDREN = AgeGroup.CHILDREN, pgettext_lazy("survey", "5 to 10 years")
    TEENS = AgeGroup.TEENS, pgettext_lazy("survey", "11 to 15 years")


class Barrier(models.TextChoices):
    """What holds a family back from care or leisure that exists."""

    COST = "cost", pgettext_lazy("survey", "It costs too much")
    TRANSPORT = "transport", pgettext_lazy("survey", "Getting there is hard")
    OPENING_HOURS = "opening_hours", pgettext_lazy("survey", "The opening hours do not suit us")
    INFORMATION = "information", pgettext_lazy("survey", "We do not know what exists")
    LANGUAGE = "language", pgettext_lazy("survey", "Language")
    WAITING_LIST = "waiting_list", pgettext_lazy("survey", "There is a waiting list")
    CHILD_WISHES = "child_wishes", pgettext_lazy("survey", "My child does not want to go")


class Occupation(models.TextChoices):
    """Whether the parents work or study, the reason care is needed at all."""

    BOTH = "both", pgettext_lazy("survey", "All parents in the family work or study")
    SOME = "some", pgettext_lazy("survey", "One parent works or studies")
    NONE = "none", pgettext_lazy("survey", "No parent works or studies at the moment")
    UNSAID = "unsaid", pgettext_lazy("survey", "I would rather not say")


class Interest(models.TextChoices):
    """What children like to do: asked of parents and of children alike."""

    SPORT = "sport", pgettext_lazy("survey", "Sport and moving")
    PLAY_OUTSIDE = "play_outside", pgettext_lazy("survey", "Playing outside")
    CRAFTS = "crafts", pgettext_lazy("survey", "Drawing and making things")
    MUSIC_DANCE = "music_dance", pgettext_lazy("survey", "Music and dance")
    GAMES = "games", pgettext_lazy("survey", "Games")
    READING = "reading", pgettext_lazy("survey", "Reading and stories")
    NATURE = "nature", pgettext_lazy("survey", "Nature and animals")
    COOKING = "cooking", pgettext_lazy("survey", "Cooking")
    TECHNOLOGY = "technology", pgettext_lazy("survey", "Computers and technology")
    HOMEWORK = "homework", pgettext_lazy("survey", "Help with homework")
    CHILL = "chill", pgettext_lazy("survey", "Just hanging out with friends")


class Place(models.TextChoices):
    """Where a child would like to spend time after school (children's version)."""

    SCHOOL = "school", pgettext_lazy("survey", "At school")
    YOUTH_CENTRE = "youth_centre", pgettext_lazy("survey", "At a youth centre")
    CLUB = "club", pgettext_lazy("survey", "At a club")
    OUTSIDE = "outside", pgettext_lazy("survey", "Outside, in a park or playground")
    HOME = "home", pgettext_lazy("survey", "At home")
    LIBRARY = "library", pgettext_lazy("survey", "In the library")


class Company(models.TextChoices):
    """With whom a child would like to spend that time (children's version)."""

    FRIENDS = "friends", pgettext_lazy("survey", "With my friends")
    FAMILY = "family", pgettext_lazy("survey", "With my family")
    NEW_PEOPLE = "new_people", pgettext_lazy("survey", "With children I do not know yet")
    ALONE = "alone", pgettext_lazy("survey", "On my own")
