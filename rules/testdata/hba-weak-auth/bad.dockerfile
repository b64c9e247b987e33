FROM postgres:13
ENV POSTGRES_HOST_AUTH_METHOD=md5        # want "hba-weak-auth@31"
ENV POSTGRES_INITDB_ARGS="-A password"   # want "hba-weak-auth@30"
