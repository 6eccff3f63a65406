"""A school's own free days: coordinators of the municipality add and remove them, officials
read them, everyone else gets 404; the Flemish calendar decides which dates can be one."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from execution.models import SchoolFreeDay
from execution.services import school_free_day_add

STUDY_DAY = datetime.date(2026, 10, 14)  # a Wednesday, a school day


@pytest.fixture
def school(intake_a):
    return intake_a["schools"]


def _url(school, name="execution:school_free_days"):
    return reverse(name, kwargs={"trajectory_pk": school.trajectory_id, "school_pk": school.pk})


def test_a_coordinator_adds_a_study_day(coordinator_client, coordinator, school):
    response = coordinator_client.post(
        _url(school), {"day": "2026-10-14", "kind": "study_day", "note": "Nascholing"}
    )
    assert response.status_code == 302
    free_day = SchoolFreeDay.objects.get(school=school)
    assert (free_day.day, free_day.kind, free_day.note) == (STUDY_DAY, "study_day", "Nascholing")
    assert free_day.history.get().history_user == coordinator


def test_a_belgian_date_is_understood(coordinator_client, school):
    coordinator_client.post(_url(school), {"day": "14/10/2026", "kind": "optional"})
    assert SchoolFreeDay.objects.get(school=school).day == STUDY_DAY


def test_a_date_already_free_is_refused_next_to_the_field(coordinator_client, school):
    # 11 November is free for every school.
    coordinator_client.cookies["django_language"] = "en"
    response = coordinator_client.post(_url(school), {"day": "2026-11-11", "kind": "optional"})
    assert response.status_code == 200
    assert "already free under the Flemish school calendar" in response.content.decode()
    assert not SchoolFreeDay.objects.exists()


def test_the_same_date_twice_is_refused(coordinator, school, in_english):
    school_free_day_add(school=school, day=STUDY_DAY, kind="study_day", by=coordinator)
    with pytest.raises(ValidationError, match="already has a free day on this date"):
        school_free_day_add(school=school, day=STUDY_DAY, kind="optional", by=coordinator)
    assert SchoolFreeDay.objects.count() == 1


def test_a_coordinator_removes_a_free_day(coordinator_client, coordinator, school):
    free_day = school_free_day_add(school=school, day=STUDY_DAY, kind="study_day", by=coordinator)
    response = coordinator_client.post(
        _url(school, "execution:school_free_day_remove"), {"free_day": free_day.pk}
    )
    assert response.status_code == 302
    assert not SchoolFreeDay.objects.exists()
    assert SchoolFreeDay.history.filter(history_type="-").get().history_user == coordinator


def test_an_official_reads_but_does_not_change(official_a_client, coordinator, school):
    free_day = school_free_day_add(school=school, day=STUDY_DAY, kind="study_day", by=coordinator)
    page = official_a_client.get(_url(school))
    assert page.status_code == 200
    assert "14 oktober 2026" in page.content.decode()
    assert 'name="free_day"' not in page.content.decode()
    add = official_a_client.post(_url(school), {"day": "2026-10-15", "kind": "optional"})
    remove = official_a_client.post(
        _url(school, "execution:school_free_day_remove"), {"free_day": free_day.pk}
    )
    assert (add.status_code, remove.status_code) == (403, 403)
    assert list(SchoolFreeDay.objects.values_list("day", flat=True)) == [STUDY_DAY]


def test_another_municipality_gets_404(official_b_client, coordinator, school):
    free_day = school_free_day_add(school=school, day=STUDY_DAY, kind="study_day", by=coordinator)
    assert official_b_client.get(_url(school)).status_code == 404
    remove = official_b_client.post(
        _url(school, "execution:school_free_day_remove"), {"free_day": free_day.pk}
    )
    assert remove.status_code == 404
    assert SchoolFreeDay.objects.exists()


def test_a_free_day_of_another_school_is_not_removed_through_this_one(
    coordinator_client, coordinator, school, trajectory_a
):
    from municipalities.models import School

    other = School.objects.create(
        trajectory=trajectory_a, institution_number="000123", name="GO! De Bron", network="go"
    )
    free_day = school_free_day_add(school=other, day=STUDY_DAY, kind="study_day", by=coordinator)
    response = coordinator_client.post(
        _url(school, "execution:school_free_day_remove"), {"free_day": free_day.pk}
    )
    assert response.status_code == 404
    assert SchoolFreeDay.objects.filter(pk=free_day.pk).exists()


@pytest.mark.parametrize("count", [1, 40])
def test_the_list_runs_a_fixed_number_of_queries(
    coordinator_client, coordinator, school, django_assert_max_num_queries, count
):
    days = [datetime.date(2026, 9, 1) + datetime.timedelta(days=offset) for offset in range(70)]
    for day in [day for day in days if day.weekday() < 5][:count]:
        school_free_day_add(school=school, day=day, kind="optional", by=coordinator)
    with django_assert_max_num_queries(6):
        assert coordinator_client.get(_url(school)).status_code == 200
