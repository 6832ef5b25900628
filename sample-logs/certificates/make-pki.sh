#!/bin/sh
# Builds the certificate files of this scenario with openssl (100-year validity, so the sample
# never expires) and writes them into cms-a/ and cms-b/ beside the MMP pastes kept there.
# Run from anywhere: sh make-pki.sh. Keys are new on each run; the expected reading
# (README.md) does not depend on them. Nothing here is a log: the folder is skipped by imports.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
days=36500

ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }

# sign <csr> <ca.cer> <ca.key> <out.cer> <extensions> [digest]
sign() {
  printf '%b\n' "$5" > "$work/ext.cnf"
  openssl x509 -req -in "$1" -CA "$2" -CAkey "$3" -CAcreateserial -CAserial "$work/serial" \
    -days $days -"${6:-sha256}" -extfile "$work/ext.cnf" -out "$4" 2>/dev/null
}

server_ext='basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth'

# the CA: a root and an issuing CA
ec_key "$work/root.key"
openssl req -x509 -new -key "$work/root.key" -subj "/O=Example/CN=Example Root CA" -days $days -sha256 \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$work/root.cer"
ec_key "$work/issuing.key"
openssl req -new -key "$work/issuing.key" -subj "/O=Example/CN=Example Issuing CA" -out "$work/issuing.csr"
sign "$work/issuing.csr" "$work/root.cer" "$work/root.key" "$work/issuing.cer" \
  'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign'

# cms-a: one certificate for webadmin, callbridge and webbridge3 (as the deployment book does)
mkdir -p cms-a cms-b
ec_key cms-a/cms-a.key
openssl req -new -key cms-a/cms-a.key -subj "/O=Example/CN=cms-a.example.com" \
  -addext "subjectAltName=DNS:cms-a.example.com,DNS:join.example.com" -out cms-a/cms-a.csr
sign cms-a/cms-a.csr "$work/issuing.cer" "$work/issuing.key" cms-a/cms-a.cer \
  "$server_ext\nsubjectAltName=DNS:cms-a.example.com,DNS:join.example.com"
# the CA bundle with a blank line between its two blocks
{ cat "$work/issuing.cer"; echo; cat "$work/root.cer"; } > cms-a/Bundle-CA.cer
# the web bridge 3 "full chain" as the book describes it: without the leaf
cat "$work/issuing.cer" "$work/root.cer" > cms-a/fullchain.cer

# cms-b: database pairs (the client one named dbclient instead of postgres) and an old web admin certificate
ec_key cms-b/dbcert.key
openssl req -new -key cms-b/dbcert.key -subj "/O=Example/CN=cms-b-db.example.com" -out "$work/dbcert.csr"
sign "$work/dbcert.csr" "$work/issuing.cer" "$work/issuing.key" cms-b/dbcert.cer "$server_ext"
openssl genrsa -traditional -out cms-b/dbclt.key 2048 2>/dev/null
openssl req -new -key cms-b/dbclt.key -subj "/O=Example/CN=dbclient" -out "$work/dbclt.csr"
sign "$work/dbclt.csr" "$work/issuing.cer" "$work/issuing.key" cms-b/dbclt.cer "$server_ext"
openssl genrsa -traditional -out cms-b/webadmin.key 1024 2>/dev/null
openssl req -new -key cms-b/webadmin.key -subj "/O=Example/CN=cms-b.example.com" -out "$work/webadmin.csr"
sign "$work/webadmin.csr" "$work/issuing.cer" "$work/issuing.key" cms-b/webadmin.cer \
  "$server_ext\nsubjectAltName=DNS:cms-b.example.com" sha1
cat "$work/issuing.cer" "$work/root.cer" > cms-b/Bundle-CA.cer
echo "certificates written to cms-a/ and cms-b/"
