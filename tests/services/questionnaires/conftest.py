"""The `survey` fixture: the test questionnaire of q_helpers, designed by the city admin."""

import pytest

from app.services.questionnaires import catalogue as questionnaires
from tests.helpers.questionnaires import DESIGN


@pytest.fixture
def survey(demo_users):
    """(questionnaire, specs) designed by the city admin."""
    questionnaire = questionnaires.create(demo_users["admin"], DESIGN)
    return questionnaire, questionnaires.specs_of(questionnaire)
