# Producers (households, cooperatives) arrive with the producers issue.
