package cmsdoctor.web.api;

import cmsdoctor.ingest.cdr.CdrIntake;
import cmsdoctor.ingest.cdr.CdrSink;
import io.javalin.Javalin;

import java.nio.file.Path;
import java.time.Clock;

/** Test-only entry point: {@code /cdr} alone on 127.0.0.1, in its own JVM so a test can {@code kill -9} it. */
public final class CdrChild {

    private CdrChild() {}

    public static void main(String[] args) throws Exception {
        CdrIntake intake = CdrIntake.open(Path.of(args[0]), CdrSink.none(), Clock.systemUTC());
        CdrApi api = new CdrApi(intake, null, CdrSenders.any());
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.post("/cdr", api::post);
        }).start("127.0.0.1", 0);
        System.out.println("listening on cdr:" + app.port());
        System.out.flush();
    }
}
