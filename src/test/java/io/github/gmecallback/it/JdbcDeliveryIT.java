package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.observers.TransactionalObservers;
import io.github.gmecallback.it.observers.WritesServlet;
import java.net.URI;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Delivery semantics with the {@code jdbc} store on the server's default datasource (H2 on both
 * servers), and what its transaction gives observers that write through the same datasource.
 */
class JdbcDeliveryIT extends DeliverySemantics {

    @Deployment(testable = false)
    static WebArchive receiver() {
        return Deployments.receiverWithObservers("gme-jdbc.war", String.join("\n",
                        "gme.callback.secret-key=" + KEY, "gme.callback.dedupe.store=jdbc"))
                .addClasses(TransactionalObservers.class, WritesServlet.class);
    }

    private long writes(long taskId) {
        return Long.parseLong(Http.get(URI.create(base.toString()).resolve("test/writes?taskId=" + taskId)).body());
    }

    @Test
    void anObserversWriteCommitsOnceWithTheCallback() throws Exception {
        long taskId = nextTask();
        String body = Samples.callback(taskId, 3);
        assertEquals(200, post(body).statusCode());
        assertEquals(200, post(body).statusCode());
        assertEquals(1, writes(taskId));
        assertTrue(observations.observers(taskId).contains("after-success"));
    }

    @Test
    void anObserversWriteRollsBackWhenAnotherObserverThrows() throws Exception {
        long taskId = nextTask();
        assertEquals(500, post(Samples.callback(Samples.BIZ_ID, taskId, 3, "throw")).statusCode());
        assertEquals(0, writes(taskId));
        observations.afterALaterCallback(endpoint, KEY);
        assertFalse(observations.observers(taskId).contains("after-success"), "AFTER_SUCCESS runs only on commit");
    }
}
