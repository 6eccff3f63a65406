"""The draft council decision (ontwerpbesluit) on an approved plan version.

The portal drafts it once, from the version's frozen snapshot only — never from the live
plan — in the structure Flemish councils use for a decision: a title, the legal grounds
(one per line), the motivation, and the decision's articles. From then on the text is the
municipality's: its officials edit it (``draft_decision_save``), and neither a later edit of
the plan nor a new version changes it.

The text is written in the portal's default language (Dutch), whatever language the person
who opens the packet first reads: a council decision is Dutch.
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from actionplans.models import PlanVersion
from actionplans.snapshots import Snapshot
from council.models import DraftDecision
from plus_portal.locking import StaleEdit
from plus_portal.models import User
from plus_portal.templatetags.portal import euro
from swot.models import Quadrant

#: The language the draft is written in: the portal's default, nl-be.
DRAFT_LANGUAGE = settings.LANGUAGE_CODE

#: The fields an official edits (``articles`` is a list, the rest are texts).
EDITABLE_FIELDS = ["title", "description", "legal_grounds", "motivation", "articles"]


class NotApproved(Exception):
    """Only an approved version is put before the council, so only it gets a draft decision."""


def draft_decision_for(version: PlanVersion, *, by: User | None = None) -> DraftDecision:
    """The version's draft decision, drafted from its frozen snapshot the first time it is
    asked for. Raises NotApproved for a version no official approved."""
    existing = DraftDecision.objects.filter(version=version).first()
    if existing is not None:
        return existing
    if not version.is_approved:
        raise NotApproved(version)
    # Nobody edited it yet: ``updated_by`` stays empty until an official saves a change.
    draft = DraftDecision(version=version, **draft_content(version))
    draft._history_user = by
    try:
        # Two first views at once: the version is unique, so one of them drafts it.
        with transaction.atomic():
            draft.save()
    except IntegrityError:
        return DraftDecision.objects.get(version=version)
    return draft


def draft_content(version: PlanVersion) -> dict:
    """Title, summary, legal grounds, motivation and articles, from the frozen snapshot."""
    snapshot = Snapshot.from_data(version.snapshot)
    plan = snapshot.plan
    names = {
        "municipality": plan.municipality.name,
        "start": plan.cycle.start,
        "end": plan.cycle.end,
        "number": version.number,
    }
    with translation.override(DRAFT_LANGUAGE):
        return {
            "title": _(
                "Approval of the PLUS action plan %(municipality)s %(start)s–%(end)s, "
                "version %(number)s"
            )
            % names,
            "description": _(
                "The municipal council approves version %(number)s of the PLUS action plan for "
                "out-of-school care and leisure of children aged 5 to 15 in %(municipality)s "
                "(planning cycle %(start)s–%(end)s), its budget per year and the mandate to the "
                "board of mayor and aldermen to carry it out."
            )
            % names,
            "legal_grounds": "\n".join(_legal_grounds(plan.municipality.name)),
            "motivation": "\n\n".join(_motivation(snapshot)),
            "articles": _articles(version, snapshot),
        }


def _legal_grounds(municipality: str) -> list[str]:
    # Titles as the Flemish codex publishes them (codex.vlaanderen.be): the decree on local
    # government of 22 December 2017 — art. 40 (the council's general competence) and art. 41
    # (what only the council decides, the multi-year plan among it); the BOA decree of
    # 3 May 2019, amended since (its transitional provisions among others), whose official
    # title speaks of "afstemming tussen buitenschoolse activiteiten".
    return [
        _(
            "The decree of 22 December 2017 on local government (Decreet over het lokaal "
            "bestuur), articles 40 and 41, and its later amendments."
        ),
        _(
            "The decree of 3 May 2019 on the organisation of out-of-school care and the "
            "coordination of out-of-school activities (BOA decree), and its later amendments."
        ),
        _("The cooperation agreement between the municipality of %(municipality)s and IN-Z vzw.")
        % {"municipality": municipality},
    ]


def _quadrant_heading(code: str) -> str:
    return {
        Quadrant.STRENGTH: _("Strengths"),
        Quadrant.WEAKNESS: _("Weaknesses"),
        Quadrant.OPPORTUNITY: _("Opportunities"),
        Quadrant.THREAT: _("Threats"),
    }.get(code, code)


def _motivation(snapshot: Snapshot) -> list[str]:
    """Paragraphs: why, what the SWOT found, the plan's objectives, its budget."""
    plan = snapshot.plan
    paragraphs = [
        _(
            "Under the BOA decree the local government directs the out-of-school care and "
            "activities for children in its territory. With IN-Z vzw, %(municipality)s analysed "
            "the local situation and drew up the PLUS action plan “%(title)s”, which combines "
            "care and leisure for children aged 5 to 15."
        )
        % {"municipality": plan.municipality.name, "title": plan.title}
    ]
    swot = snapshot.content.swot if snapshot.content is not None else None
    if swot is not None and swot.items:
        lines = [_("The SWOT analysis of the local situation found:")]
        for code, items in swot.quadrants.items():
            if items:
                statements = "; ".join(item.statement for item in items)
                lines.append(f"{_quadrant_heading(code)}: {statements}.")
        paragraphs.append("\n".join(lines))
    if snapshot.objectives:
        lines = [_("To answer it, the plan pursues these policy objectives:")]
        priority = _("priority")
        for objective in snapshot.objectives:
            line = f"{objective.code} {objective.title}"
            if objective.is_prioritair:
                line = f"{line} ({priority})"
            lines.append(line)
        paragraphs.append("\n".join(lines))
    paragraphs.append(
        _(
            "The plan's total budget is %(budget)s, of which %(funding)s is covered by the "
            "funding sources it names."
        )
        % {"budget": euro(snapshot.totals.budget), "funding": euro(snapshot.totals.funding)}
    )
    return paragraphs


def _articles(version: PlanVersion, snapshot: Snapshot) -> list[str]:
    plan = snapshot.plan
    budget = [_("The budget of the action plan per year, as in the multi-year plan:")]
    budget += [
        _("%(year)s: %(amount)s") % {"year": year, "amount": euro(amount)}
        for year, amount in snapshot.totals.budget_by_year.items()
    ]
    budget.append(_("Total: %(amount)s") % {"amount": euro(snapshot.totals.budget)})
    return [
        _(
            "The municipal council approves version %(number)s of the PLUS action plan "
            "“%(title)s”, submitted on %(date)s. The version is identified by its SHA-256 "
            "hash %(hash)s."
        )
        % {
            "number": version.number,
            "title": plan.title,
            "date": date_format(timezone.localtime(version.submitted_at), "DATE_FORMAT"),
            "hash": version.content_hash,
        },
        "\n".join(budget),
        _(
            "The board of mayor and aldermen (college van burgemeester en schepenen) is "
            "mandated to carry out the action plan, in cooperation with IN-Z vzw under the "
            "cooperation agreement."
        ),
    ]


# --- Editing ------------------------------------------------------------------------------------

#: "Artikel 3." or "Art. 3:" that someone typed before an article's text: the portal numbers
#: the articles itself, by their position.
_TYPED_NUMBER = re.compile(r"^\s*(?:artikel|article|art\.?)\s*\d+\s*[.:)–-]?\s*", re.IGNORECASE)


def articles_from_text(text: str) -> list[str]:
    """The articles in a text where an empty line separates them, without typed numbers."""
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    articles = [_TYPED_NUMBER.sub("", block.strip(), count=1).strip() for block in blocks]
    return [article for article in articles if article]


def articles_as_text(articles: list[str]) -> str:
    return "\n\n".join(articles)


def legal_grounds_list(draft: DraftDecision) -> list[str]:
    """The legal grounds, one per line, without empty lines."""
    return [line.strip() for line in draft.legal_grounds.splitlines() if line.strip()]


def paragraphs(text: str) -> list[list[str]]:
    """A text as paragraphs (split at empty lines), each a list of its lines."""
    blocks = re.split(r"\n[ \t]*\n", (text or "").replace("\r\n", "\n"))
    return [
        [line.strip() for line in block.splitlines() if line.strip()]
        for block in blocks
        if block.strip()
    ]


@transaction.atomic
def draft_decision_save(
    *, draft: DraftDecision, values: dict, opened_at: datetime.datetime, by: User
) -> DraftDecision:
    """Save an official's edit unless someone saved the draft since they opened it.

    The conditional UPDATE on ``updated_at`` both checks and claims the row, so of two
    officials saving at once exactly one succeeds; the other gets StaleEdit and writes nothing.
    """
    claimed = DraftDecision.objects.filter(pk=draft.pk, updated_at=opened_at).update(
        updated_at=timezone.now()
    )
    if claimed != 1:
        raise StaleEdit(DraftDecision.objects.get(pk=draft.pk))
    for name in EDITABLE_FIELDS:
        setattr(draft, name, values[name])
    draft.updated_by = by
    draft._history_user = by
    draft.full_clean()
    draft.save(update_fields=[*EDITABLE_FIELDS, "updated_by", "updated_at"])
    return draft
