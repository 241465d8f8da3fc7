"""When an entry or page was last updated, and when readers are told: plain
decisions on dates."""

import datetime

import pytest

from plugins.shared.settings import SettingError
from plugins.updated.dates import (
    UpdateNote,
    git_updated,
    modified_problem,
    update_note,
)
from plugins.updated.settings import UpdatedSettings, read_settings

UTC = datetime.UTC
PARIS = datetime.timezone(datetime.timedelta(hours=1))


def moment(text, zone=UTC):
    return datetime.datetime.fromisoformat(text).replace(tzinfo=zone)


def unix(text):
    return int(moment(text).timestamp())


def test_a_git_change_after_the_date_is_the_update_in_the_sites_time_zone():
    updated = git_updated(moment("2024-01-01"), unix("2024-03-04T23:30"), PARIS)
    assert updated == moment("2024-03-05T00:30", PARIS)
    assert updated.isoformat() == "2024-03-05T00:30:00+01:00"


@pytest.mark.parametrize(
    ("date", "changed"),
    [
        pytest.param(moment("2024-01-01"), None, id="no change after it was added"),
        pytest.param(
            moment("2024-06-01"), unix("2024-05-20"), id="changed before its date"
        ),
        pytest.param(moment("2024-06-01"), unix("2024-06-01"), id="at its date"),
    ],
)
def test_git_gives_no_update_without_a_change_after_the_date(date, changed):
    assert git_updated(date, changed, UTC) is None


def test_a_page_without_a_date_takes_any_later_change():
    assert git_updated(None, unix("2024-02-02"), UTC) == moment("2024-02-02")


@pytest.mark.parametrize(
    ("date", "modified", "shown"),
    [
        pytest.param(moment("2024-01-01"), None, None, id="never changed"),
        pytest.param(
            moment("2024-01-01T09:00"),
            moment("2024-01-01T21:00"),
            None,
            id="changed the same day",
        ),
        pytest.param(
            moment("2024-01-01T09:00"),
            moment("2024-01-02T08:59"),
            None,
            id="changed within a day",
        ),
        pytest.param(
            moment("2024-01-01T09:00"),
            moment("2024-01-02T09:00"),
            UpdateNote("2024-01-02T09:00:00+00:00", "2024-01-02"),
            id="changed a day later",
        ),
        pytest.param(
            None,
            moment("2024-05-06T07:08"),
            UpdateNote("2024-05-06T07:08:00+00:00", "2024-05-06"),
            id="a page without a date that changed",
        ),
    ],
)
def test_readers_see_an_update_made_a_day_or_more_after_the_date(date, modified, shown):
    assert update_note(date, modified, "%Y-%m-%d") == shown


def test_the_note_writes_the_day_as_the_site_writes_dates():
    note = update_note(moment("2024-01-01"), moment("2024-03-04T12:00"), "%d %B %Y")
    assert note.date == "04 March 2024"
    assert note.datetime == "2024-03-04T12:00:00+00:00"


def test_settings_default_to_reading_git_and_refuse_a_wrong_value():
    assert read_settings({}) == UpdatedSettings(from_git=True)
    assert read_settings({"UPDATED_FROM_GIT": False}).from_git is False
    with pytest.raises(SettingError, match="UPDATED_FROM_GIT must be True or False"):
        read_settings({"UPDATED_FROM_GIT": "no"})
    with pytest.raises(SettingError, match="did you mean UPDATED_FROM_GIT"):
        read_settings({"UPDATED_FROM_GITT": True})


def test_a_modified_date_may_not_come_before_the_date():
    day = datetime.datetime(2024, 5, 3, tzinfo=datetime.UTC)
    assert modified_problem(day, day) is None
    assert modified_problem(day, day + datetime.timedelta(days=3)) is None
    assert modified_problem(None, day) is None
    assert modified_problem(day, None) is None
    assert "comes before its date" in modified_problem(
        day, day - datetime.timedelta(days=365)
    )
