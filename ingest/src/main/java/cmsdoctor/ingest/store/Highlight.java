package cmsdoctor.ingest.store;

/**
 * One matched part of a hit, as character offsets into one of its JSON fields
 * ({@code message}, {@code raw} or {@code text}), {@code start} inclusive, {@code end} exclusive.
 */
public record Highlight(String field, int start, int end) {}
