package cmsdoctor.web.cli;

import cmsdoctor.ingest.store.CallJson;
import cmsdoctor.ingest.store.CallView;
import cmsdoctor.ingest.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code cmsdoctor call KEY}: one call as text (keys, events, SIP ladder) or JSON (the shape
 * {@code GET /api/calls/{key}} serves).
 */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = "Show one call: its keys, events and SIP ladder.")
final class CallCommand implements Callable<Integer> {

    enum Format { text, json }

    @ParentCommand
    Cli cli;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "Data directory.")
    Path data;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    Format format;

    @Option(names = "--at", paramLabel = "T", converter = Converters.Time.class,
            description = "Pick the call around this time when the key was reused.")
    Instant at;

    @Parameters(paramLabel = "KEY", arity = "1",
            description = "Call-ID, leg GUID, API call GUID, HOST:N, conference or space GUID.")
    String key;

    @Override
    public Integer call() {
        return IndexReading.run(data, cli.err, searcher -> {
            CallView.Lookup found = new CallView(searcher).lookup(key, at);
            if (found instanceof CallView.NotFound) {
                cli.err.println("cmsdoctor: no call found for '" + key + "' (tried Call-ID, call leg, API call,"
                        + " conference, space and call correlator GUIDs, and HOST:N)");
                return Cli.UNREADABLE;
            }
            if (format == Format.json) {
                cli.out.println(Json.mapper().writeValueAsString(CallJson.of(found)));
            } else if (found instanceof CallView.Call call) {
                CallText.print(call, cli.out);
            } else if (found instanceof CallView.Legs legs) {
                cli.out.println(legs.keyField() + " " + legs.key() + " links " + legs.legs().size() + " call legs:");
                CallText.printList(legs.legs(), cli.out);
            }
            return 0;
        });
    }
}
