"""Register pages: people (people.py), bulk upload (uploads.py), figures and reports (reports.py)."""
