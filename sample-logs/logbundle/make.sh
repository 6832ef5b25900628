#!/usr/bin/env bash
# Builds logbundle.tar.gz, a small CMS log bundle for one call bridge node (cms1), the way
# `sftp get logbundle.tar.gz` delivers one: the local syslog with a SIP-traced call, a gzipped
# rotation, live.json and boot.json, `database cluster status` output and a crash dump
# stand-in. Lines follow the field guide (shared/knowledge/cms-logs.md §2-§5).
# Deterministic: fixed mtimes, owners and order, gzip without a name or time stamp.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/logbundle/log"

p='user.info cms1 host:server: INFO :'
t() { # t TIME NUMBER DIR LINES... : one SIP trace block, 3.x framing
  local at="$1" n="$2" d="$3"; shift 3
  local line
  for line in "$@"; do echo "Feb 23 $at $p SIP trace #$n$d: $line"; done
}

{
echo "Feb 23 09:02:10.001 $p call 11: incoming SIP call from \"sip:jsmith@lab.local\" to local URI \"sip:board@lab.local\""
t 09:02:10.002 10 '<' \
  "incoming SIP TCP data from 10.1.5.15:57830 to 10.1.5.50:5060, size 412:" \
  "BEGINNING OF MESSAGE" \
  "INVITE sip:board@lab.local SIP/2.0" \
  "Via: SIP/2.0/TCP 10.1.5.15:57830;branch=z9hG4bK7a1c" \
  "From: \"John Smith\" <sip:jsmith@lab.local>;tag=8f2a" \
  "To: <sip:board@lab.local>" \
  "Call-ID: 364ac547-7bb3-4073-bb41-00f4bcd018d6" \
  "CSeq: 101 INVITE" \
  "Contact: <sip:jsmith@10.1.5.15:57830;transport=tcp>" \
  "User-Agent: Cisco-CUCM14.0" \
  "Content-Type: application/sdp" \
  "Content-Length: 107" \
  "" \
  "v=0" \
  "o=CiscoSystemsCCM-SIP 2000 1 IN IP4 10.1.5.15" \
  "s=SIP Call" \
  "c=IN IP4 10.1.5.15" \
  "t=0 0" \
  "m=audio 24580 RTP/AVP 0" \
  "END OF MESSAGE"
echo "Feb 23 09:02:10.005 $p call 11: configured - API call leg fcfe42f4-ac94-4ab2-a14a-f4165ec960a7 with SIP call ID \"364ac547-7bb3-4073-bb41-00f4bcd018d6\""
t 09:02:10.006 10 '>' \
  "outgoing SIP TCP data to 10.1.5.15:57830 from 10.1.5.50:5060, size 300:" \
  "BEGINNING OF MESSAGE" \
  "SIP/2.0 100 Trying" \
  "Via: SIP/2.0/TCP 10.1.5.15:57830;branch=z9hG4bK7a1c" \
  "From: \"John Smith\" <sip:jsmith@lab.local>;tag=8f2a" \
  "To: <sip:board@lab.local>" \
  "Call-ID: 364ac547-7bb3-4073-bb41-00f4bcd018d6" \
  "CSeq: 101 INVITE" \
  "Server: Acano CallBridge" \
  "Content-Length: 0" \
  "END OF MESSAGE"
echo "Feb 23 09:02:10.010 $p API call leg fcfe42f4-ac94-4ab2-a14a-f4165ec960a7 in call 0d3c4bc0-2379-419e-9915-66ea3bc3b2e9 (API call 9583b059-413f-475d-9f19-56331bfbae4a)"
echo "Feb 23 09:02:10.011 $p conference 0d3c4bc0-2379-419e-9915-66ea3bc3b2e9 has control/media GUID: d6fce2c0-86c4-4a0c-b71a-ae8baed0c253"
t 09:02:10.020 10 '>' \
  "outgoing SIP TCP data to 10.1.5.15:57830 from 10.1.5.50:5060, size 520:" \
  "BEGINNING OF MESSAGE" \
  "SIP/2.0 200 OK" \
  "Via: SIP/2.0/TCP 10.1.5.15:57830;branch=z9hG4bK7a1c" \
  "From: \"John Smith\" <sip:jsmith@lab.local>;tag=8f2a" \
  "To: <sip:board@lab.local>;tag=cb11" \
  "Call-ID: 364ac547-7bb3-4073-bb41-00f4bcd018d6" \
  "CSeq: 101 INVITE" \
  "Server: Acano CallBridge" \
  "Content-Type: application/sdp" \
  "Content-Length: 96" \
  "" \
  "v=0" \
  "o=Acano 1 1 IN IP4 10.1.5.50" \
  "s=-" \
  "c=IN IP4 10.1.5.50" \
  "t=0 0" \
  "m=audio 50000 RTP/AVP 0" \
  "END OF MESSAGE"
echo "Feb 23 09:02:10.030 $p participant \"jsmith@lab.local\" (fcfe42f4-ac94-4ab2-a14a-f4165ec960a7) joined conference 0d3c4bc0-2379-419e-9915-66ea3bc3b2e9 via SIP"
t 09:02:10.040 10 '<' \
  "incoming SIP TCP data from 10.1.5.15:57830 to 10.1.5.50:5060, size 250:" \
  "BEGINNING OF MESSAGE" \
  "ACK sip:board@10.1.5.50:5060;transport=tcp SIP/2.0" \
  "Via: SIP/2.0/TCP 10.1.5.15:57830;branch=z9hG4bK7a1d" \
  "From: \"John Smith\" <sip:jsmith@lab.local>;tag=8f2a" \
  "To: <sip:board@lab.local>;tag=cb11" \
  "Call-ID: 364ac547-7bb3-4073-bb41-00f4bcd018d6" \
  "CSeq: 101 ACK" \
  "Content-Length: 0" \
  "END OF MESSAGE"
echo "Feb 23 09:02:11.500 $p call 12: incoming SIP call from \"sip:jsmith@lab.local\" to local URI \"sip:jdoe@mylab.local\""
echo "Feb 23 09:02:11.502 $p call 12: ending; local teardown, destination URI not matched - not connected after 0:00"
t 09:02:24.000 10 '<' \
  "incoming SIP TCP data from 10.1.5.15:57830 to 10.1.5.50:5060, size 240:" \
  "BEGINNING OF MESSAGE" \
  "BYE sip:board@10.1.5.50:5060;transport=tcp SIP/2.0" \
  "Via: SIP/2.0/TCP 10.1.5.15:57830;branch=z9hG4bK7a1e" \
  "From: \"John Smith\" <sip:jsmith@lab.local>;tag=8f2a" \
  "To: <sip:board@lab.local>;tag=cb11" \
  "Call-ID: 364ac547-7bb3-4073-bb41-00f4bcd018d6" \
  "CSeq: 102 BYE" \
  "Content-Length: 0" \
  "END OF MESSAGE"
t 09:02:24.002 10 '>' \
  "outgoing SIP TCP data to 10.1.5.15:57830 from 10.1.5.50:5060, size 230:" \
  "BEGINNING OF MESSAGE" \
  "SIP/2.0 200 OK" \
  "Via: SIP/2.0/TCP 10.1.5.15:57830;branch=z9hG4bK7a1e" \
  "From: \"John Smith\" <sip:jsmith@lab.local>;tag=8f2a" \
  "To: <sip:board@lab.local>;tag=cb11" \
  "Call-ID: 364ac547-7bb3-4073-bb41-00f4bcd018d6" \
  "CSeq: 102 BYE" \
  "Content-Length: 0" \
  "END OF MESSAGE"
echo "Feb 23 09:02:24.010 $p call 11: ending; remote SIP teardown - connected for 0:14"
echo "Feb 23 09:02:24.011 $p call 11: destroying API call leg fcfe42f4-ac94-4ab2-a14a-f4165ec960a7"
} > "$work/logbundle/log/syslog"

{
echo "Feb 22 23:58:01.114 user.info cms1 sfpool: Health check cms2: error (up = 1): could not translate host name \"cms2\" to address: Temporary failure in name resolution|"
echo "Feb 22 23:58:01.115 user.info cms1 sfpool: Failover Monitor: Unexpected roll call discrepancy; failover saw 0 connected node(s) (), 1 node(s) up (10.1.5.61)"
echo "Feb 22 23:59:30.200 local0.info cms1 cli: User admin from 10.140.249.233:63290 issued command < callbridge restart>: permission granted"
} > "$work/syslog.1"
gzip -n -9 -c "$work/syslog.1" > "$work/logbundle/log/syslog.1.gz"

cat > "$work/logbundle/live.json" <<'JSON'
{"hostname": "cms1", "domain": "lab.local",
 "interfaces": {"a": {"ipv4": "10.1.5.50/24", "gateway": "10.1.5.1"}},
 "dns": ["10.1.5.2"], "syslog": {"servers": ["10.1.5.99:5514"], "enabled": true},
 "callbridge": {"listen": ["a"], "certs": "callbridge.key callbridge.cer"}}
JSON
cat > "$work/logbundle/boot.json" <<'JSON'
{"version": "3.8.1", "boot_time": "2024-02-23T00:00:05Z", "platform": "vmware"}
JSON
cat > "$work/logbundle/dbcluster_status.txt" <<'TXT'
cms1> database cluster status
Status              : Error
Nodes:
    10.1.5.50 (me)      : Connected Primary
    10.1.5.61           : Disconnected
Interface           : a
Last command        : 'database cluster join cms2.lab.local' (Failed)
ERROR               : Cannot find primary node in cluster
TXT
# crash dump stand-in: an ELF core header and zeros (a real one is megabytes)
{ printf '\177ELF\002\001\001\000'; head -c 2040 /dev/zero; } > "$work/logbundle/core.callbridge.1708650000"

tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2024-02-23 12:00:00Z' \
    -C "$work" -cf "$work/logbundle.tar" logbundle
gzip -n -9 -c "$work/logbundle.tar" > "$here/logbundle.tar.gz"
echo "wrote $here/logbundle.tar.gz ($(wc -c < "$here/logbundle.tar.gz") bytes)"
