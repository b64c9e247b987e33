FROM postgres:16
ENV PGSSLMODE verify-full
RUN echo "PGSSLMODE require is not enough"
