"""Questionnaires (问卷调查): designs, answers, results, sheets and printed forms."""
