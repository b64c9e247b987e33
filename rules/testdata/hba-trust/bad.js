await docker(['run', '-d', '--name', name,
  '-e', 'POSTGRES_HOST_AUTH_METHOD=trust', image]);   // want "hba-trust@36"
const started = docker([
  "-e",
  "POSTGRES_HOST_AUTH_METHOD=trust",   // want "hba-trust@30"
]);
const args = ['--env', 'POSTGRES_HOST_AUTH_METHOD=scram-sha-256',
  '--env', 'POSTGRES_INITDB_ARGS=--auth-host=scram-sha-256 --auth-local=trust',   // want "hba-trust@73"
];
