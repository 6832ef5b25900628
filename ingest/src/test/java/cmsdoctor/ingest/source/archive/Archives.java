package cmsdoctor.ingest.source.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Builds archives in memory for the import tests, hostile ones included (never committed). */
final class Archives {

    private Archives() {}

    /** Three lines from the field guide, a CMS node's syslog. */
    static final String SYSLOG = """
            Feb 23 09:02:21.768 user.info CMS host:server: INFO : call 11: configured - API call leg fcfe42f4-ac94-4ab2-a14a-f4165ec960a7
            Sep 24 16:35:32.833 user.info cms2 sfpool: Health check cms1: error (up = 1): could not translate host name "cms1" to address: Temporary failure in name resolution|
            Jul 26 19:10:35 user.info Core1 host:server:  INFO : call 7: SIP call ringing
            """;

    /**
     * Three other lines (another day of the same node): an import indexes content once, so tests
     * that expect two files to count twice give them different bytes.
     */
    static String syslog(int day) {
        return SYSLOG.replace("Feb 23", "Feb " + day).replace("Sep 24", "Sep " + day).replace("Jul 26", "Jul " + day);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** Gzipped zeros: {@code megabytes} MiB that compress about a thousand times. */
    static byte[] bomb(int megabytes) throws IOException {
        return gzip(new byte[megabytes << 20]);
    }

    static final class Tar {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

        Tar() {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        }

        Tar file(String name, byte[] data) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, true);
            e.setSize(data.length);
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
            return this;
        }

        Tar link(String name, String target, byte type) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, type, true);
            e.setLinkName(target);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
            return this;
        }

        byte[] bytes() throws IOException {
            tar.finish();
            tar.close();
            return bytes.toByteArray();
        }
    }

    static final class Zip {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes);

        Zip file(String name, byte[] data) throws IOException {
            ZipArchiveEntry e = new ZipArchiveEntry(name);
            zip.putArchiveEntry(e);
            zip.write(data);
            zip.closeArchiveEntry();
            return this;
        }

        Zip symlink(String name, String target) throws IOException {
            ZipArchiveEntry e = new ZipArchiveEntry(name);
            e.setUnixMode(UnixStat.LINK_FLAG | 0777);
            zip.putArchiveEntry(e);
            zip.write(utf8(target));
            zip.closeArchiveEntry();
            return this;
        }

        byte[] bytes() throws IOException {
            zip.finish();
            zip.close();
            return bytes.toByteArray();
        }
    }
}
