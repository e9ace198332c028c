package io.outboundsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.config.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The sandbox serves 1,000 add-contacts requests of 1,000 contacts each, from four clients at once, and holds every
 * contact exactly once. Prints the time taken and the heap used after the load, for the record; asserts neither.
 */
class BulkLoadTest {

    private static final int REQUESTS = 1000;
    private static final int PER_REQUEST = 1000;

    @Test
    void servesAThousandRequestsOfAThousandContactsFromFourClients() throws Exception {
        try (GenesysSandbox sandbox = GenesysSandbox.start(SandboxSettings.from(Settings.of(Map.of(
                "sandbox.rate-limit-per-minute", "0", "sandbox.journal-size", "100"))))) {
            SandboxHttp http = new SandboxHttp(sandbox).login();
            String listId = Fixtures.createContactList(http, "Bulk");
            URI uri = URI.create(sandbox.baseUrl() + "/api/v2/outbound/contactlists/" + listId + "/contacts");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            long started = System.nanoTime();
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int r = 0; r < REQUESTS; r++) {
                String body = batch(listId, r);
                statuses.add(clients.submit(() -> client.send(HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + http.token())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            clients.shutdown();

            int size = http.get("/api/v2/outbound/contactlists/" + listId + "?includeSize=true").body()
                    .get("size").asInt();
            assertThat(size).isEqualTo(REQUESTS * PER_REQUEST);
            assertThat(http.get("/api/v2/outbound/contactlists/" + listId + "/contacts/c999-999").body()
                    .get("data").get("phone").asText()).isEqualTo("+13170999999");

            Runtime runtime = Runtime.getRuntime();
            System.gc();
            long usedMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
            System.out.printf("bulk load: %d requests x %d contacts in %d ms (%.0f contacts/s), heap used after"
                    + " load %d MB%n", REQUESTS, PER_REQUEST, elapsedMs,
                    REQUESTS * PER_REQUEST * 1000.0 / elapsedMs, usedMb);
        }
    }

    private static String batch(String listId, int request) {
        StringBuilder json = new StringBuilder(PER_REQUEST * 140).append('[');
        for (int i = 0; i < PER_REQUEST; i++) {
            if (i > 0) {
                json.append(',');
            }
            String id = "c" + request + "-" + i;
            json.append("{\"id\":\"").append(id).append("\",\"contactListId\":\"").append(listId)
                    .append("\",\"data\":{\"externalId\":\"").append(id)
                    .append("\",\"phone\":\"+1317").append(String.format("%07d", request * PER_REQUEST + i))
                    .append("\",\"region\":\"North\"}}");
        }
        return json.append(']').toString();
    }
}
