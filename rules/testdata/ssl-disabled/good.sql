ALTER SYSTEM SET ssl = on;
ALTER SYSTEM SET ssl_min_protocol_version = 'TLSv1.2';
ALTER SYSTEM SET log_connections = off;
SET ssl_renegotiation_limit = 0;
-- ALTER SYSTEM SET ssl = off;
