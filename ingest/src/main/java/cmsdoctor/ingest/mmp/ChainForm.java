package cmsdoctor.ingest.mmp;

/** What the certificate file of a service must hold, by the MMP command that set it. */
public enum ChainForm {
    /** The leaf alone, with an optional CA bundle: {@code callbridge certs}, {@code webadmin certs}. */
    LEAF,
    /** Leaf first, then each issuer, root last: {@code webbridge3 https|c2w certs}, {@code scheduler c2w certs}, {@code callbridge ucm|imps certs} without a bundle. */
    FULL_CHAIN,
    /** No key and no leaf: a bundle of certificates trusted to connect ({@code webbridge3 c2w trust}). */
    TRUST
}
