package cmsdoctor.analyzers.certs;

import cmsdoctor.analyzers.Evidence;
import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.Severity;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which services' certificates a log finding is about. */
class TlsFindingServicesTest {

    private static Finding finding(String ruleId, String subject, String... lines) {
        OffsetDateTime t = OffsetDateTime.parse("2024-09-24T16:35:28Z");
        return new Finding("f", ruleId, "tls", Severity.ERROR, Finding.ACTIVE, "t", subject, List.of("cms1"), 1, t, t, "e", "fix",
                List.of(), java.util.Arrays.stream(lines).map(l -> new Evidence("syslog", 1, l)).toList(), "imp-1", false, false);
    }

    @Test
    void aC2wFailureIsAboutTheWebBridgesC2wCertificateAndBothTrustBundles() {
        assertEquals(List.of("webbridge3 c2w", "callbridge c2w trust", "webbridge3 c2w trust"),
                TlsFindingServices.of(finding("CMS-WEB-001", "cms1: web bridge link 1")));
    }

    @Test
    void aFailureAtEnableTimeNamesItsServiceWhenTheLineDoes() {
        assertEquals(List.of("webadmin"), TlsFindingServices.of(finding("CMS-TLS-001", "webadmin: certificate verification failed")));
        List<String> unnamed = TlsFindingServices.of(finding("CMS-TLS-001", "TLS port set but no certificates configured",
                "FAILURE: TLS port set but no certificates configured"));
        assertTrue(unnamed.containsAll(List.of("callbridge", "webadmin", "webbridge3 https")), unnamed.toString());
    }

    /** Near misses: a database finding without a certificate in it, and a DNS finding, are about no certificate. */
    @Test
    void findingsNotAboutTlsHaveNoServices() {
        assertEquals(List.of(), TlsFindingServices.of(finding("CMS-DB-001", "cms2 -> cms1",
                "Health check cms1: error (up = 0): could not connect to server: Connection refused")));
        assertEquals(List.of(), TlsFindingServices.of(finding("CMS-DNS-001", "cms1")));
        assertEquals(List.of("database server", "database client"), TlsFindingServices.of(finding("CMS-DB-005", "database cluster join",
                "SSL error: certificate verify failed")));
    }

    @Test
    void whatToCollectNamesTheStatusCommands() {
        String collect = TlsFindingServices.collect(List.of("webbridge3 c2w", "database server"));
        assertTrue(collect.contains("pki list, webbridge3, database cluster status"), collect);
    }
}
