package io.github.gmecallback.receiver;

import io.github.gmecallback.config.InvalidSettingException;
import io.github.gmecallback.jdbc.BoundedDataSource;
import io.github.gmecallback.jdbc.OutsideTransaction;
import io.github.gmecallback.jdbc.Transactions;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.transaction.UserTransaction;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * What the receiver takes from the server, looked up in JNDI in one place. Every name under
 * {@code java:comp} is the calling module's: look them up on a thread of the web module that hosts
 * the receiver (its start-up), where they name that module's resources and bean manager.
 */
final class ServerResources {

    /** The executor Jakarta Concurrency gives every application. */
    static final String EXECUTOR = "java:comp/DefaultManagedExecutorService";
    /** The scheduled executor Jakarta Concurrency gives every application. */
    static final String SCHEDULER = "java:comp/DefaultManagedScheduledExecutorService";
    static final String USER_TRANSACTION = "java:comp/UserTransaction";
    static final String BEAN_MANAGER = "java:comp/BeanManager";

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private ServerResources() {
    }

    /**
     * A datasource a setting names, as the receiver's stores use it: every statement bounded in
     * time, lock waits included ({@link BoundedDataSource}). An observer that looks the same name
     * up gets the server's own datasource, unbounded.
     *
     * @param name its JNDI name
     * @param key  the setting, for the failure
     * @return the datasource
     * @throws InvalidSettingException naming the key when nothing is bound there
     */
    static DataSource dataSource(String name, String key) {
        try {
            return new BoundedDataSource(InitialContext.<DataSource>doLookup(name));
        } catch (NamingException e) {
            throw new InvalidSettingException(key, name + " is not bound here (" + e.getMessage() + ")");
        }
    }

    /** The module's JTA transactions, for the {@code jdbc} stores. */
    static Transactions transactions(String key) {
        return transactions(key, null);
    }

    /**
     * The module's JTA transactions, which can leave a transaction the host application has open.
     *
     * @param key     the setting that needs them, for the failure
     * @param outside suspends the thread's transaction ({@link Transactions#onItsOwn})
     */
    static Transactions transactions(String key, OutsideTransaction outside) {
        try {
            return new Transactions(InitialContext.<UserTransaction>doLookup(USER_TRANSACTION), outside);
        } catch (NamingException e) {
            throw new InvalidSettingException(key, USER_TRANSACTION + " is not bound here: the jdbc store needs "
                    + "the server's transactions (" + e.getMessage() + ")");
        }
    }

    /** The managed executor, which inbox delivery dispatches on. */
    static ManagedExecutorService executor() throws NamingException {
        return InitialContext.doLookup(EXECUTOR);
    }

    /** The managed scheduled executor, for sweeps, purges and summaries; {@code null} where unbound. */
    static ManagedScheduledExecutorService scheduler() {
        try {
            return InitialContext.doLookup(SCHEDULER);
        } catch (NamingException e) {
            LOG.warning(() -> SCHEDULER + " is not bound: entries past retention are not purged, and refusal "
                    + "summaries follow the next refusal");
            return null;
        }
    }

    /**
     * The bean manager of the hosting module: events fired through it reach observers in every
     * archive that module sees (a {@code lib/} jar sees neither EJB jars nor web modules).
     */
    static BeanManager beanManager() {
        try {
            return InitialContext.doLookup(BEAN_MANAGER);
        } catch (NamingException e) {
            // A module that is no bean archive of its own (an EAR's host module with only a
            // web.xml, on some servers): the receiver's own archive still reaches lib/ jars.
            LOG.fine(() -> BEAN_MANAGER + " is not bound here; firing through CDI.current()");
            return CDI.current().getBeanManager();
        }
    }

    /** Where asynchronous observers run: the server's managed executor. */
    static Executor asyncObservers() {
        try {
            return executor();
        } catch (NamingException e) {
            // A server provisioned without Jakarta Concurrency: CDI's own executor still works.
            LOG.warning(() -> EXECUTOR + " is not available; asynchronous observers run on "
                    + "the CDI container's default executor (add the ee-concurrency layer on WildFly)");
            return null;
        }
    }
}
