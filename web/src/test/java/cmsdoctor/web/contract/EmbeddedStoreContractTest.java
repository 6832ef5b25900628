package cmsdoctor.web.contract;

import cmsdoctor.ingest.store.EmbeddedStore;
import cmsdoctor.ingest.store.StoreOpener;

import java.util.List;

/** The store contract on the embedded index under {@code DATA/index}, the default. */
class EmbeddedStoreContractTest extends StoreContract {

    @Override
    StoreOpener store(String name) {
        return EmbeddedStore.OPENER;
    }

    @Override
    List<String> storeArguments(String name) {
        return List.of();
    }

    @Override
    String storeName() {
        return "embedded";
    }
}
