package io.outboundsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.testing.DropHarness;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ThreadPoolProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composition root as Camel sees it: the settings reach Camel through camel/process.properties and this run's
 * values, and the process's parts are in the registry the routes use.
 */
class CompositionRootTest {

    @TempDir
    Path data;

    @Test
    void camelRunsWithTheProcessSettingsAndParts() throws Exception {
        try (DropHarness org = new DropHarness(data.resolve("sandbox"), Map.of());
                Pipeline pipeline = org.pipeline(Map.of("contacts.validation-threads", "3"))) {
            CamelContext camel = pipeline.camel();

            // the row checks' threads: the thread pool profile of camel/process.properties, sized by the setting
            ThreadPoolProfile checks = camel.getExecutorServiceManager().getThreadPoolProfile("contactsCheckPool");
            assertThat(checks).isNotNull();
            assertThat(checks.getPoolSize()).isEqualTo(3);
            assertThat(checks.getMaxPoolSize()).isEqualTo(3);
            assertThat(checks.getMaxQueueSize()).isEqualTo(-1);
            // a test run serves nothing (run alone serves health, metrics and the status page)
            assertThat(camel.resolvePropertyPlaceholders("{{pipeline.observe}}")).isEqualTo("false");
            assertThat(camel.getRouteController().getRouteStatus("status-page").isStarted()).isFalse();
            // the parts every flow's beans are made of, bound once by ProcessConfiguration
            assertThat(camel.getRegistry().lookupByNameAndType("clock", Clock.class)).isNotNull();
            assertThat(camel.getRegistry().lookupByNameAndType("genesysConnection", GenesysConnection.class))
                    .isSameAs(pipeline.connection());
            assertThat(camel.getRegistry().lookupByName("webhookTargets")).isInstanceOf(Map.class);
            // the org is identified before anything runs against it
            assertThat(pipeline.target()).isEqualTo(org.target());
        }
    }
}
