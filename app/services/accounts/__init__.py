"""Accounts: users, roles, sign-in and passwords."""
