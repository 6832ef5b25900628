package cmsdoctor.ingest.store;

import java.util.List;

/**
 * One page of a search.
 *
 * @param total every document that matches
 * @param hits  this page, newest first
 * @param next  opaque cursor for the next page ({@link SearchRequest#withCursor}), or null when this was the last
 */
public record SearchPage(long total, List<Hit> hits, String next) {}
