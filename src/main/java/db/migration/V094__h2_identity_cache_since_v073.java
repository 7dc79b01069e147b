package db.migration;

/**
 * On H2, the identities of tables made since V073 (V090's {@code account_changes}) keep 1,000 values too: V073's
 * statement again, which finds every identity still at H2's 32 and leaves PostgreSQL alone.
 */
public class V094__h2_identity_cache_since_v073 extends V073__h2_identity_cache {}
