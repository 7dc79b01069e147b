package db.migration;

/**
 * On H2, the identities of tables made since V094 (V120's {@code visa_reissue_requests}) keep 1,000 values too: V073's
 * statement again, which finds every identity still at H2's 32 and leaves PostgreSQL alone.
 */
public class V122__h2_identity_cache_since_v094 extends V073__h2_identity_cache {}
