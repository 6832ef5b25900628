/**
 * Pasted MMP sessions (issue 13 item 4): {@link cmsdoctor.ingest.mmp.MmpReader} splits a text at
 * its prompts ({@code cms-a> pki list}) into {@link cmsdoctor.ingest.mmp.MmpCommand}s carrying
 * node, command, output lines, line numbers and the caller's time; the views read what the
 * checks need: {@link cmsdoctor.ingest.mmp.PkiList}, {@link cmsdoctor.ingest.mmp.ServiceFilesReader}
 * (files each service is configured with, from status outputs and {@code certs}/{@code trust}
 * commands), {@link cmsdoctor.ingest.mmp.ListeningPortReader}, {@link cmsdoctor.ingest.mmp.AddressReader}
 * ({@code c2w://} URLs, join FQDNs, the XMPP domain) and {@link cmsdoctor.ingest.mmp.StatusField}
 * for any other {@code Label : value} output, {@link cmsdoctor.ingest.mmp.ClusterPeers} (the
 * {@code address:port} peers of {@code xmpp cluster status}). {@link cmsdoctor.ingest.mmp.MmpPrompt}
 * is the one prompt recogniser, shared with the log parser, which reads the output lines of a file
 * line by line as events of the prompt's node. Pure code: no I/O, no printing, never throws on text.
 */
package cmsdoctor.ingest.mmp;
