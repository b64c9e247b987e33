#!/bin/sh
PGPASSWORD=password psql -h db.internal -U app
psql "host=db.internal user=app password=password sslmode=verify-full"
