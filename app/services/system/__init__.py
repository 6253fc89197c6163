"""The installation itself: opening and initialising the database, backup and restore, demo data."""
