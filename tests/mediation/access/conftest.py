"""The world the access matrix walks: the personas with the sessions and process they are
(or are not) part of."""

import pytest


@pytest.fixture
def world(session, other_session, process, all_personas):
    return {
        "session": session,
        "other_session": other_session,
        "process": process,
        **all_personas,
    }
