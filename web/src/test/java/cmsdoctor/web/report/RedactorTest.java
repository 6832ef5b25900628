package cmsdoctor.web.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Placeholders are consistent, found inside other values, and leave times, file names and syslog facilities alone. */
class RedactorTest {

    @Test
    void theSameValueGetsTheSamePlaceholderWhereverItHides() {
        Redactor r = new Redactor(List.of("cms1"));
        assertEquals("Via: SIP/2.0/TCP ip-1:5060;branch=z9hG4bK2f41a7c3e9d5", r.text("Via: SIP/2.0/TCP 10.1.5.20:5060;branch=z9hG4bK2f41a7c3e9d5"));
        assertEquals("Call-ID: user-1@ip-1", r.text("Call-ID: 8a3b1c00-6021e5b5-1a2b3-1405010a@10.1.5.20"));
        assertEquals("From: \"user-2\" <sip:user-3@domain-1>;tag=8f2a", r.text("From: \"John Smith\" <sip:jsmith@lab.local>;tag=8f2a"));
        assertEquals("incoming SIP call from \"sip:user-3@domain-1\" to local URI \"sip:user-4@domain-2\"",
                r.text("incoming SIP call from \"sip:jsmith@lab.local\" to local URI \"sip:jdoe@mylab.local\""));
        assertEquals("rejecting login attempt from user 'user-5' -- authenticationId incorrect",
                r.text("rejecting login attempt from user 'admin.ops' -- authenticationId incorrect"));
        assertEquals("user-5 signed in again", r.text("admin.ops signed in again"), "a learned user name, unmarked");
    }

    @Test
    void nodesDomainsAndAddressesButNotTimesFilesOrFacilities() {
        Redactor r = new Redactor(List.of("cms1", "cms2"));
        assertEquals("Feb 23 09:02:10.001 user.info host-1 host:server: INFO : peer domain-1 at ip-1",
                r.text("Feb 23 09:02:10.001 user.info cms1 host:server: INFO : peer cms2.lab.local at fe80::1"));
        assertEquals("0-host-1-logbundle.tar.gz!/log/syslog.1.gz", r.text("0-cms1-logbundle.tar.gz!/log/syslog.1.gz"));
        assertEquals("host-2: database cluster join domain-2", r.text("cms2: database cluster join cms10.example.com"));
        assertEquals("make.sh live.json 05:19:01.096", r.text("make.sh live.json 05:19:01.096"));
    }
}
