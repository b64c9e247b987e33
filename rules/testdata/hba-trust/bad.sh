#!/bin/sh
export POSTGRES_HOST_AUTH_METHOD=trust   # want "hba-trust@34"
docker run -d -e POSTGRES_HOST_AUTH_METHOD=trust postgres:16   # want "hba-trust@44"
docker run -d --env "POSTGRES_INITDB_ARGS=-Atrust" postgres:16   # want "hba-trust@45"
POSTGRES_DB=app POSTGRES_HOST_AUTH_METHOD=trust docker compose up -d   # want "hba-trust@43"
args=(run -d "--env=POSTGRES_HOST_AUTH_METHOD=trust" postgres:16)   # want "hba-trust@47"
