from testcontainers.postgres import PostgresContainer

pg = PostgresContainer("postgres:16").with_env("POSTGRES_HOST_AUTH_METHOD", "trust")   # want "hba-trust@78"
env = {"POSTGRES_HOST_AUTH_METHOD": "trust"}   # want "hba-trust@38"
env["POSTGRES_HOST_AUTH_METHOD"] = 'trust'     # want "hba-trust@37"
