package cmsdoctor.web;

import cmsdoctor.analyzers.certs.CertReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** An upload's check is kept while its folder is unchanged, and redone once a file changes. */
class CheckedUploadsTest {

    private static final Path CMS_B = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs", "certificates", "cms-b");

    @Test
    void anUnchangedFolderIsNotCheckedTwiceAndAChangedOneIs(@TempDir Path data) throws Exception {
        Path dir = Files.createDirectories(data.resolve("uploads/upl-00000000000b"));
        Files.copy(CMS_B.resolve("mmp-session.txt"), dir.resolve("0-mmp-session.txt"));
        Files.copy(CMS_B.resolve("webadmin.cer"), dir.resolve("1-webadmin.cer"));
        CheckedUploads checked = new CheckedUploads();
        CertReport first = checked.of(dir, null);
        assertSame(first, checked.of(dir, null));
        Files.copy(CMS_B.resolve("webadmin.key"), dir.resolve("2-webadmin.key"));
        CertReport second = checked.of(dir, null);
        assertNotSame(first, second);
        assertEquals("match", second.nodes().get(0).services().stream().filter(s -> s.service().equals("webadmin"))
                .findFirst().orElseThrow().keyMatch());
    }
}
