"""The Qt window of the register. Everything below app/ui talks to app.services only, never to the database."""
