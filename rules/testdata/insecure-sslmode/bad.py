import psycopg2
conn = psycopg2.connect(host="db.example.com", dbname="app", sslmode="prefer")   # want "insecure-sslmode@71"
DSN = "host=db.example.com dbname=app user=app sslmode=require"   # want "insecure-sslmode@56"
engine = create_engine("postgresql+psycopg2://app@db.example.com/app?sslmode=allow")   # want "insecure-sslmode@78"
