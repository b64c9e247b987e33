#!/bin/sh
export PGSSLMODE=disable   # want "insecure-sslmode@18" msg: PGSSLMODE: disable sends the password and data in clear; use verify-full
psql "host=db.example.com dbname=app sslmode=require"   # want "insecure-sslmode@46" msg: connection string sets sslmode=require, which accepts any certificate, so a machine in the middle can read the traffic; use sslmode=verify-full
psql "host=$PGHOST dbname=app sslmode=allow"   # want "insecure-sslmode@39" msg: connection string sets sslmode=allow for a host set at run time; if that host is on another machine, the password and data may be exposed, as the connection can fall back to plain text; use sslmode=verify-full
