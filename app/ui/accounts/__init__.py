"""Accounts screens: the city administrator's accounts page and the password dialogs."""
