package cmsdoctor.ingest.store;

import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExactFieldTest {

    @Test
    void indexesTheTermStringFieldWouldAndKeepsTheValue() {
        List<String> values = List.of("c185558b-f117-4993-a21f-fd676abd8090@10.1.5.50", "cms1", "", "what?",
                "Zürich", "会议室", "lone \ud801 high", "\udc00", "?\ud801", new String(Character.toChars(0x1F600)));
        for (String value : values) {
            StringField lucene = new StringField(Schema.HOST, value, Field.Store.NO);
            ExactField ours = new ExactField(Schema.HOST, value);
            assertEquals(lucene.binaryValue(), ours.binaryValue(), value);
            assertEquals(new BytesRef(value), ExactField.utf8(value), value);
            assertEquals(lucene.invertableType(), ours.invertableType());
            assertEquals(lucene.fieldType(), ours.fieldType());
            assertEquals(value, ours.stringValue());
        }
    }
}
