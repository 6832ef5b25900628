package cmsdoctor.ingest.source.archive;

/** Hears an import's progress: at each entry's start and end and every few tens of thousands of lines. */
@FunctionalInterface
public interface ImportListener {

    void progress(ImportProgress progress);

    ImportListener NONE = p -> {};
}
