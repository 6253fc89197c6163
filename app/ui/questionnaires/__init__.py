"""问卷调查 screens: the questionnaire list, the designer, answering for an enterprise, and the results."""
