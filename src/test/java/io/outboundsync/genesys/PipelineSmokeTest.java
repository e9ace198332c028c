package io.outboundsync.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.config.Settings;
import io.outboundsync.runtime.Pipeline;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineSmokeTest {
    @Test
    void callsTheSandbox() {
        try (Pipeline pipeline = Pipeline.start(Settings.of(Map.of("genesys.mode", "sandbox")), Path.of("config"))) {
            assertThat(pipeline.genesys().get("/api/v2/routing/queues").get("total").asInt()).isEqualTo(2);
        }
    }
}
