package io.github.gmecallback.dedupe;

import io.github.gmecallback.config.CallbackConfiguration;
import io.github.gmecallback.config.DedupeSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.time.Clock;
import java.time.Duration;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/** The application's one dedupe store, as configured ({@code gme.callback.dedupe.*}). */
@ApplicationScoped
public class DedupeStores {

    private static final String USER_TRANSACTION = "java:comp/UserTransaction";

    @Inject
    CallbackConfiguration configuration;

    private DedupeStore store;

    /**
     * The store. The first call looks the {@code jdbc} store's datasource and the module's
     * {@code UserTransaction} up in JNDI, so make it
     * on a thread of the hosting web module, where {@code java:comp} names are that module's.
     *
     * @return the store
     * @throws NamingException when the configured datasource is not bound
     */
    public synchronized DedupeStore store() throws NamingException {
        if (store == null) {
            DedupeSettings settings = configuration.settings().dedupe();
            Duration retention = Duration.ofSeconds(settings.retention());
            store = switch (settings.store()) {
                case MEMORY -> new MemoryDedupeStore(Clock.systemUTC(), retention, settings.maxEntries(),
                        DedupeStore.IN_FLIGHT_WAIT);
                case JDBC -> new JdbcDedupeStore(InitialContext.<DataSource>doLookup(settings.datasource()),
                        new Transactions(InitialContext.<UserTransaction>doLookup(USER_TRANSACTION)),
                        Clock.systemUTC(), retention);
                case NONE -> DedupeStore.NONE;
            };
        }
        return store;
    }
}
