#!/bin/sh
# What the image's own entrypoint does with the variable: it reads it.
: "${POSTGRES_HOST_AUTH_METHOD:=scram-sha-256}"
if [ 'trust' = "$POSTGRES_HOST_AUTH_METHOD" ]; then
	echo 'warning: trust'
fi
printf 'host all all all %s\n' "$POSTGRES_HOST_AUTH_METHOD"
docker run -d -e POSTGRES_HOST_AUTH_METHOD=scram-sha-256 postgres:16
docker run -d -e POSTGRES_HOST_AUTH_METHOD="$METHOD" postgres:16
# docker run -e POSTGRES_HOST_AUTH_METHOD=trust postgres
cat >&2 <<-'EOE'
	You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
	connections without a password. This is *not* recommended.
EOE
echo "hint: set POSTGRES_HOST_AUTH_METHOD=trust for local tests"
