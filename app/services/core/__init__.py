"""Shared plumbing of every domain: errors, permissions, audit, settings, validation, reference data, the attachment store, bulk insert."""
