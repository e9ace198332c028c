package io.outboundsync.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What we read of the service's {@code ErrorBody}: the message, or its template filled in; its kind. */
class ErrorBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBodyWithOnlyTheTemplateIsReadWithItsParamsFilledIn() throws Exception {
        ErrorBody body = JSON.readValue("{\"status\":400,\"code\":\"bad.request\",\"messageWithParams\":"
                + "\"List {listId} is full ({limit})\",\"messageParams\":{\"listId\":\"l-1\",\"limit\":\"1000\"}}",
                ErrorBody.class);
        assertThat(body.text()).isEqualTo("List l-1 is full (1000)");
    }

    @Test
    void twoRefusalsOfOneKindWithOtherValuesAreOfTheSameKind() throws Exception {
        ErrorBody first = JSON.readValue("{\"code\":\"bad.request\",\"message\":\"Adding 500 contacts would put"
                + " it at 1500\",\"messageWithParams\":\"Adding {added} contacts would put it at {total}\","
                + "\"messageParams\":{\"added\":\"500\",\"total\":\"1500\"}}", ErrorBody.class);
        ErrorBody second = JSON.readValue("{\"code\":\"bad.request\",\"message\":\"Adding 250 contacts would put"
                + " it at 1250\",\"messageWithParams\":\"Adding {added} contacts would put it at {total}\","
                + "\"messageParams\":{\"added\":\"250\",\"total\":\"1250\"}}", ErrorBody.class);
        ErrorBody other = JSON.readValue("{\"code\":\"bad.request\",\"message\":\"Value too long\"}",
                ErrorBody.class);
        assertThat(first.kind()).isEqualTo(second.kind()).isNotEqualTo(other.kind());
        assertThat(first.text()).isNotEqualTo(second.text());
    }
}
