"""The official who approved is recorded with the decision: the PDF cover of a version names
them as they were then, whatever changes in their account or contact record later."""

import pytest
from django.utils import translation

from actionplans import reports, services
from actionplans.models import Report
from municipalities.models import Contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(plan_a, trajectory_a, coordinator, official_a):
    official_a.first_name, official_a.last_name = "Lies", "Vandormael"
    official_a.save(update_fields=["first_name", "last_name"])
    Contact.objects.create(
        trajectory=trajectory_a, name="Lies Vandormael", role="Diensthoofd Jeugd", user=official_a
    )
    services.plan_submit(plan=plan_a["plan"], by=coordinator)
    return services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)


def _cover(version, user) -> dict:
    report = Report.objects.create(version=version, language="en", requested_by=user)
    with translation.override("en"):
        context = reports.report_context(report)
    return {key: context[key] for key in ("approved_by", "approver_function")}


def test_the_decision_records_the_name_function_and_role_of_who_decided(decision):
    assert (decision.decided_by_name, decision.decided_by_function) == (
        "Lies Vandormael",
        "Diensthoofd Jeugd",
    )
    assert decision.decided_by_role == "official"


def test_a_later_change_of_the_official_does_not_change_the_cover(decision, official_a):
    official_a.first_name, official_a.last_name, official_a.role = "Lies", "Claes", "coordinator"
    official_a.save(update_fields=["first_name", "last_name", "role"])
    Contact.objects.filter(user=official_a).update(role="Algemeen directeur")

    assert _cover(decision.version, official_a) == {
        "approved_by": "Lies Vandormael",
        "approver_function": "Diensthoofd Jeugd",
    }


def test_without_a_contact_record_the_cover_gives_the_role_they_had(decision, official_a):
    Contact.objects.filter(user=official_a).delete()
    decision.decided_by_function = ""
    decision.save(update_fields=["decided_by_function"])
    official_a.role = "coordinator"
    official_a.save(update_fields=["role"])

    assert _cover(decision.version, official_a)["approver_function"] == "Municipal official"
