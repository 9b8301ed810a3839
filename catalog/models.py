# Product listings arrive with the product listings issue.
