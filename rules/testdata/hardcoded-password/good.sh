#!/bin/sh
export PGPASSWORD="$DB_PASSWORD"
PGPASSWORD=$(cat /run/secrets/db) psql -h db.internal
psql "postgresql://app@db.internal/app?sslmode=verify-full"
echo "set PGPASSWORD before running"
