package cmsdoctor.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The one JSON shape of cmsdoctor's values: records by their documented field names, times
 * as ISO-8601 with offset and milliseconds ({@code 2024-02-23T09:02:21.768Z}), nulls left
 * out. The CLI and the HTTP API both write through {@link #mapper()}.
 */
public final class Json {

    /** {@code 2024-02-23T09:02:21.768+01:00}: always three fraction digits, {@code Z} for UTC. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private static final ObjectMapper MAPPER = create(JsonInclude.Include.NON_NULL);

    private Json() {}

    /** Thread-safe once configured, as Jackson's ObjectMapper is. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A mapper with the given inclusion rule (the store's compact form drops empty values too). */
    public static ObjectMapper create(JsonInclude.Include inclusion) {
        SimpleModule times = new SimpleModule("cmsdoctor-times");
        times.addSerializer(OffsetDateTime.class, new JsonSerializer<>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider serializers)
                    throws IOException {
                gen.writeString(TIME.format(value));
            }
        });
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(times)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(inclusion);
    }
}
