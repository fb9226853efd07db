package io.github.gmecallback.receiver;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;

/**
 * JNDI for unit tests of the wiring: {@code InitialContext.doLookup} finds what a test bound,
 * as {@link ServerResources} finds the server's resources. Installed through the system property
 * {@value Context#INITIAL_CONTEXT_FACTORY} while bound, and removed again by {@link #close()}.
 */
public final class TestNaming implements InitialContextFactory {

    private static final Map<String, Object> BOUND = new ConcurrentHashMap<>();

    /** What the test bound, until closed. */
    static final class Bound implements AutoCloseable {

        private final String previous;

        private Bound(Map<String, Object> names) {
            BOUND.putAll(names);
            previous = System.setProperty(Context.INITIAL_CONTEXT_FACTORY, TestNaming.class.getName());
        }

        @Override
        public void close() {
            BOUND.clear();
            if (previous == null) {
                System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
            } else {
                System.setProperty(Context.INITIAL_CONTEXT_FACTORY, previous);
            }
        }
    }

    /** Binds these names until the result is closed. */
    static Bound bind(Map<String, Object> names) {
        return new Bound(names);
    }

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
        return (Context) Proxy.newProxyInstance(TestNaming.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "lookup" -> lookup(String.valueOf(args[0]));
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Object lookup(String name) throws NameNotFoundException {
        Object bound = BOUND.get(name);
        if (bound == null) {
            throw new NameNotFoundException(name);
        }
        return bound;
    }
}
