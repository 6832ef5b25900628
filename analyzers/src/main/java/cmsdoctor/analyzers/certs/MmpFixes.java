package cmsdoctor.analyzers.certs;

import cmsdoctor.ingest.mmp.ChainForm;
import cmsdoctor.ingest.mmp.ServiceFiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The MMP commands that set a service's files, for the fix of a finding. */
final class MmpFixes {

    private MmpFixes() {}

    /**
     * The command that sets {@code cfg}'s files after {@code rename} (which corrects a name),
     * with what must come before and after it.
     *
     * @param node the latest configuration of every service of the node (the database sets both pairs at once)
     */
    static String set(ServiceFiles cfg, Map<String, ServiceFiles> node, UnaryOperator<String> rename) {
        String service = cfg.service();
        if (service.startsWith("database ")) {
            ServiceFiles server = service.equals("database server") ? cfg : node.get("database server");
            ServiceFiles client = service.equals("database client") ? cfg : node.get("database client");
            // certificates cannot change while the cluster is active (216549): remove, load, initialize, join
            return "database cluster remove; database cluster certs " + name(server == null ? null : server.key(), "<server.key>", rename)
                    + " " + name(server == null ? null : server.certificate(), "<server.cer>", rename)
                    + " " + name(client == null ? null : client.key(), "<client.key>", rename)
                    + " " + name(client == null ? null : client.certificate(), "<client.cer>", rename)
                    + " " + name(cfg.bundle(), "<ca.cer>", rename)
                    + "; then database cluster initialize on the master and database cluster join on the others";
        }
        if (cfg.form() == ChainForm.TRUST) {
            List<String> words = new ArrayList<>(List.of(service.split(" ")));
            words.remove("trust");
            String bundle = name(cfg.bundle(), "<bundle>", rename);
            // the call bridge's syntax puts "trust" second (callbridge trust c2w <bundle>); the others put it last
            String command = words.get(0).equals("callbridge")
                    ? "callbridge trust " + String.join(" ", words.subList(1, words.size())) + " " + bundle
                    : String.join(" ", words) + " trust " + bundle;
            return command.replaceAll("\\s+", " ") + "; " + restart(words.get(0));
        }
        String third = cfg.form() == ChainForm.FULL_CHAIN ? "" : cfg.bundle() == null ? " [<ca-bundle>]" : " " + rename.apply(cfg.bundle());
        String cert = name(cfg.certificate(), cfg.form() == ChainForm.FULL_CHAIN ? "<fullchain.cer>" : "<cert.cer>", rename);
        return service + " certs " + name(cfg.key(), "<key>", rename) + " " + cert + third + "; " + restart(service.split(" ")[0]);
    }

    static String set(ServiceFiles cfg, Map<String, ServiceFiles> node) {
        return set(cfg, node, UnaryOperator.identity());
    }

    private static String name(String file, String placeholder, UnaryOperator<String> rename) {
        return file == null ? placeholder : rename.apply(file);
    }

    /** How the service picks its new files up. */
    static String restart(String verb) {
        return switch (verb) {
            case "webbridge3", "callbridge", "webadmin" -> verb + " restart";
            default -> "then disable and enable " + verb;
        };
    }
}
