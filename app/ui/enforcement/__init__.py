"""执法协作: partner agencies, agreements, joint enforcement actions and information sharing."""
