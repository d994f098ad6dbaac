from concordat.notifications.tests.conftest import database_tasks, immediate_tasks

__all__ = ["database_tasks", "immediate_tasks"]
