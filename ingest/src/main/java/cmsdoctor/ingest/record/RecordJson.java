package cmsdoctor.ingest.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The JSON form of a record: one object with {@code "kind"} first and then the documented
 * field names (README field table); nulls left out; {@code at} as ISO-8601 with
 * milliseconds and offset ({@code 2024-02-23T09:02:21.768Z}, {@code ...+01:00}).
 */
public final class RecordJson {

    /** ISO-8601 with milliseconds always present, offset as {@code Z} or {@code +hh:mm}. */
    public static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private static final ObjectMapper MAPPER = mapper();

    private RecordJson() {}

    /** A mapper that writes records and times the documented way; shareable, thread-safe once built. */
    public static ObjectMapper mapper() {
        SimpleModule times = new SimpleModule("cmsdoctor-times");
        times.addSerializer(OffsetDateTime.class, new JsonSerializer<>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(AT.format(value));
            }
        });
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(times)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** The record as a JSON tree, {@code kind} first. */
    public static ObjectNode tree(LogRecord record) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("kind", record.kind());
        node.setAll((ObjectNode) MAPPER.valueToTree(record));
        return node;
    }

    /** The record as one line of JSON (JSON Lines). */
    public static String line(LogRecord record) {
        try {
            return MAPPER.writeValueAsString(tree(record));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
