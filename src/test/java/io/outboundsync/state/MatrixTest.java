package io.outboundsync.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An invalid transition's message lists the transitions allowed from the current state (tutorial 001). */
class MatrixTest {

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(delimiter = '|', value = {
            "stopping | ACTIVATE | false | the campaign is stopping (calls are draining); nothing is requested until it is off; allowed from stopping: none",
            "complete | ACTIVATE | false | the campaign is completed; a completed campaign is not reactivated; allowed from completed: none",
            "off      | ACTIVATE | true  | the campaign is completed; a completed campaign is not reactivated; allowed from completed: none",
            "invalid  | ACTIVATE | false | Genesys marks the campaign invalid (see its errors); fix its configuration first; allowed from invalid: complete",
            "on       | ARCHIVE  | false | archived has no equivalent in Genesys Cloud (a campaign is on, off or complete); complete it, or delete it in Genesys; allowed from active: pause, complete",
            "off      | ARCHIVE  | false | archived has no equivalent in Genesys Cloud (a campaign is on, off or complete); complete it, or delete it in Genesys; allowed from paused: activate, complete",
    })
    void aRefusalNamesWhatIsAllowedFromHere(String status, Matrix.Action action, boolean completed, String message) {
        Matrix.Decision decision = Matrix.decide(status, action, completed);
        assertThat(decision.kind()).isEqualTo(Matrix.Kind.REFUSE);
        assertThat(decision.explanation()).isEqualTo(message);
    }

    @Test
    void anAllowedChangeSaysOnlyWhatItDoes() {
        assertThat(Matrix.decide("off", Matrix.Action.ACTIVATE, false).explanation()).isEqualTo("off → on");
    }
}
