PGBOUNCER_INI = """
[databases]
mydb = host=db.example.com port=5432 dbname=mydb
"""
DSN = "postgres://%s:%s@%s/%s?%s" % (user, password, host, db, params)
KV = "host=%s port=%s dbname=%s %s" % (host, port, db, options)
