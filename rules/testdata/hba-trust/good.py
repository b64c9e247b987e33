import os

method = os.environ.get("POSTGRES_HOST_AUTH_METHOD", "trust")
fallback = os.getenv('POSTGRES_HOST_AUTH_METHOD', 'trust')
env = {"POSTGRES_HOST_AUTH_METHOD": "scram-sha-256"}
