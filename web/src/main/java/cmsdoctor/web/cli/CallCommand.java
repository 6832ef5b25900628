package cmsdoctor.web.cli;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.call.Call;
import cmsdoctor.ingest.call.CallJson;
import cmsdoctor.ingest.call.CallView;
import cmsdoctor.ingest.call.Lookup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;

/**
 * {@code cmsdoctor call KEY}: one call leg as text (keys, events, SIP ladder) or JSON (the shape
 * {@code GET /api/calls/{key}} serves), every time in the display zone.
 */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = "Show one call leg: its keys, events and SIP ladder.")
final class CallCommand implements Callable<Integer> {

    enum Format { text, json }

    @ParentCommand
    Cli cli;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "Data directory.")
    Path data;

    @Mixin
    StoreOptions stores;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    Format format;

    @Option(names = "--at", paramLabel = "T", converter = Converters.Time.class,
            description = "With HOST:N: the leg of that number whose lifetime holds this time.")
    Instant at;

    @Option(names = "--display-zone", paramLabel = "ZONE", converter = Converters.Zone.class, defaultValue = "UTC",
            description = "Zone every time is shown in (default UTC); --timezone is how input times are read.")
    ZoneId display;

    @Parameters(paramLabel = "KEY", arity = "1",
            description = "A call key from calls, Call-ID, leg GUID, API call GUID, HOST:N, conference or space GUID.")
    String key;

    @Override
    public Integer call() {
        return IndexReading.run(stores, data, cli.err, searcher -> {
            Lookup found;
            try {
                found = new CallView(searcher).lookup(key, at);
            } catch (IllegalArgumentException e) {
                cli.err.println("cmsdoctor: " + e.getMessage());
                return Cli.USAGE;
            }
            if (found instanceof Lookup.NotFound) {
                cli.err.println("cmsdoctor: no call found for '" + key + "' (tried the call key, Call-ID, call leg,"
                        + " API call, conference, space and call correlator GUIDs, and HOST:N)");
                return Cli.UNREADABLE;
            }
            if (format == Format.json) {
                cli.out.println(Json.mapper().writeValueAsString(CallJson.lookup(found, display)));
            } else if (found instanceof Call call) {
                CallText.print(call, display, cli.out);
            } else if (found instanceof Lookup.Legs legs) {
                cli.out.println(legs.keyField() + " " + legs.key() + " names " + legs.legs().size()
                        + " call legs; open one with its key:");
                CallText.printList(legs.legs(), display, cli.out);
            }
            return 0;
        });
    }
}
