#!/bin/sh
export PGPASSWORD='Winter-2025!'   # want "hardcoded-password@20"
PGPASSWORD=letmein123 psql -h db.internal -U app   # want "hardcoded-password@12"
psql "postgresql://app:Pa55word@db.internal/app?sslmode=verify-full"   # want "hardcoded-password@24"
