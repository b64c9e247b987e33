FROM postgres:16
ENV POSTGRES_HOST_AUTH_METHOD trust      # want "hba-trust@31"
ENV POSTGRES_DB=app POSTGRES_HOST_AUTH_METHOD=trust   # want "hba-trust@47"
ARG POSTGRES_HOST_AUTH_METHOD="trust"    # want "hba-trust@32"
ENV POSTGRES_INITDB_ARGS --auth-host=trust --data-checksums   # want "hba-trust@38"
