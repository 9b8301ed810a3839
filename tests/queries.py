from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_to_get(client, url):
    """How many SQL queries one GET takes (counted at once: Django resets its log per request)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)
