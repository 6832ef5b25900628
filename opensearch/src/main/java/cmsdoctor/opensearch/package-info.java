/**
 * The record store on an OpenSearch cluster, chosen with {@code --opensearch URL}: the same
 * records, fields and analysis as the embedded Lucene store (which stays the default).
 *
 * <p>Depends on {@code ingest} (records, schema, analyzer, the store interface) and the
 * OpenSearch low-level REST client only. The server jars are test-scoped (the tests start real
 * nodes) and {@code provided} for the analysis plugin, which a cluster loads itself.
 */
package cmsdoctor.opensearch;
