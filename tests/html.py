import json
import re


def json_ld(html):
    """The schema.org data a page embeds for search engines."""
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))
