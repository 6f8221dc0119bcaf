#!/usr/bin/env bash
# Writes a synthetic Postfix mail log of at least SIZE_MB megabytes to OUT, with line shapes copied
# from real Postfix 3.x output: most lines are not about TLS (cleanup, qmgr, local delivery), and the
# sessions mix inbound successes, inbound handshake failures of several causes (certificate
# rejections included), outbound deliveries that succeed or fail our policy, senders that come back
# in cleartext after a failed handshake, and now and then a start-up error about the key file.
# HOSTS (default 500) host names per organisation and ADDRESSES (default 254) peer addresses: the
# defaults are a small server's few regular senders; a busy server sees far more distinct peers
# (20000 and 250000 give 150,000 distinct hosts in 256 MB), which costs a reader per-peer work that
# the defaults hide.
# Usage: bench/logs/generate-postfix-log.sh SIZE_MB OUT [HOSTS [ADDRESSES]]
set -euo pipefail
size_mb=${1:?size in MB}
out=${2:?output file}
hosts=${3:-500}
addresses=${4:-254}
awk -v limit=$((size_mb * 1024 * 1024)) -v hosts="$hosts" -v addresses="$addresses" 'BEGIN {
  srand(20261123);
  split("google.com outlook.com yahoo.com web.de gmx.net facebook.com example.org mailgun.net sendgrid.net amazonses.com", orgs, " ");
  split("TLSv1.3 TLSv1.3 TLSv1.3 TLSv1.2 TLSv1.2 TLSv1", protos, " ");
  split("TLS_AES_256_GCM_SHA384 TLS_AES_128_GCM_SHA256 TLS_CHACHA20_POLY1305_SHA256 ECDHE-RSA-AES256-GCM-SHA384 ECDHE-RSA-AES128-GCM-SHA256 ECDHE-RSA-AES256-SHA", ciphers, " ");
  split("error:0A000102:SSL routines::unsupported protocol|error:0A0000C1:SSL routines::no shared cipher|error:0A000412:SSL routines::sslv3 alert bad certificate|error:0A00010B:SSL routines::wrong version number|error:0A000126:SSL routines::unexpected eof while reading", reasons, "|");
  written = 0; t = 0; pid = 1000; qid = 0;
  while (written < limit) {
    t++; sec = t % 60; min = int(t / 60) % 60; hour = int(t / 3600) % 24; day = 1 + int(t / 86400) % 28;
    ts = sprintf("Nov %2d %02d:%02d:%02d mx postfix", day, hour, min, sec);
    pid++; org = orgs[1 + int(rand() * 10)]; host = sprintf("mail-%d.%s", int(rand() * hosts), org);
    a = int(rand() * addresses);
    ip = addresses <= 254 ? sprintf("192.0.2.%d", a + 1) : sprintf("10.%d.%d.%d", int(a / 64516) % 256, int(a / 254) % 254, a % 254 + 1);
    peer = host "[" ip "]";
    block = ts "/smtpd[" pid "]: connect from " peer "\n";
    r = rand();
    if (t % 20000 == 0) {
      block = ts "/smtpd[" pid "]: warning: cannot get RSA private key from file \"/etc/postfix/key.pem\": disabling TLS support\n";
      block = block ts "/smtpd[" pid "]: warning: TLS library problem: error:80000002:system library::No such file or directory:../providers/implementations/storemgmt/file_store.c:267:calling stat(/etc/postfix/key.pem)\n";
    } else if (r >= 0.70 && r < 0.83) {
      qid++; id = sprintf("%010X", qid); opid = 5000 + int(rand() * 20);
      block = ts "/smtp[" opid "]: ";
      if (r < 0.80) {
        p = protos[1 + int(rand() * 6)]; c = ciphers[1 + int(rand() * 6)];
        block = block "Trusted TLS connection established to " peer ":25: " p " with cipher " c " (256/256 bits)\n";
        block = block ts "/smtp[" opid "]: " id ": to=<user@" org ">, relay=" peer ":25, delay=0.6, delays=0.1/0/0.3/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as " id ")\n";
      } else if (r < 0.815) {
        block = block "Untrusted TLS connection established to " peer ":25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\n";
        block = block ts "/smtp[" opid "]: " id ": to=<user@" org ">, relay=" peer ":25, delay=0.6, delays=0.1/0/0.5/0, dsn=4.7.5, status=deferred (Server certificate not trusted)\n";
      } else {
        block = block id ": to=<user@" org ">, relay=" peer ":25, delay=0.3, delays=0.1/0/0.2/0, dsn=4.7.4, status=deferred (TLS is required, but was not offered by host " peer ")\n";
      }
      block = block ts "/qmgr[900]: " id ": removed\n";
    } else if (r >= 0.97) {
      qid++; id = sprintf("%010X", qid);
      block = block ts "/smtpd[" pid "]: " id ": client=" peer "\n";
      block = block ts "/cleanup[" pid + 1 "]: " id ": message-id=<" qid "@" org ">\n";
      block = block ts "/qmgr[900]: " id ": from=<bounce@" org ">, size=" int(rand() * 90000) ", nrcpt=1 (queue active)\n";
      block = block ts "/local[" pid + 2 "]: " id ": to=<user@example.net>, relay=local, delay=0.1, delays=0.05/0/0/0.05, dsn=2.0.0, status=sent (delivered to mailbox)\n";
      block = block ts "/smtpd[" pid "]: disconnect from " peer " ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5\n";
    } else if (r < 0.70) {
      p = protos[1 + int(rand() * 6)]; c = ciphers[1 + int(rand() * 6)];
      block = block ts "/smtpd[" pid "]: Anonymous TLS connection established from " peer ": " p " with cipher " c " (256/256 bits)\n";
      qid++; id = sprintf("%010X", qid);
      block = block ts "/smtpd[" pid "]: " id ": client=" peer "\n";
      block = block ts "/cleanup[" pid + 1 "]: " id ": message-id=<" qid "@" org ">\n";
      block = block ts "/qmgr[900]: " id ": from=<bounce@" org ">, size=" int(rand() * 90000) ", nrcpt=1 (queue active)\n";
      block = block ts "/local[" pid + 2 "]: " id ": to=<user@example.net>, relay=local, delay=0.1, delays=0.05/0/0/0.05, dsn=2.0.0, status=sent (delivered to mailbox)\n";
      block = block ts "/qmgr[900]: " id ": removed\n";
      block = block ts "/smtpd[" pid "]: disconnect from " peer " ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7\n";
    } else {
      reason = reasons[1 + int(rand() * 5)];
      block = block ts "/smtpd[" pid "]: SSL_accept error from " peer ": -1\n";
      block = block ts "/smtpd[" pid "]: warning: TLS library problem: " reason ":../ssl/statem/statem_srvr.c:1657:\n";
      block = block ts "/smtpd[" pid "]: lost connection after STARTTLS from " peer "\n";
      block = block ts "/smtpd[" pid "]: disconnect from " peer " ehlo=1 starttls=0/1 commands=1/2\n";
    }
    printf "%s", block; written += length(block);
  }
}' > "$out"
ls -l "$out"
