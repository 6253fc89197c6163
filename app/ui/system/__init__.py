"""System screens: settings, backup and restore."""
