"""Bulk export: every public collection as NDJSON and CSV from one snapshot, dataset releases,
and the ClaimReview feed. See docs/export.md."""
