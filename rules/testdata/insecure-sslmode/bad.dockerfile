FROM postgres:16
ENV PGSSLMODE require   # want "insecure-sslmode@15" msg: PGSSLMODE: require accepts any certificate, so a machine in the middle can read the traffic; use verify-full
