package io.outboundsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The emulator reads the plain add-contacts body without a tree, and leaves every other body to the tree reader, so
 * what it stores and what it refuses (and with which message) stay those of the tree reader.
 */
class PlainContactsTest {

    private final ContactData data = new ContactData(List.of("phone", "email", "name"));

    private List<ContactData.Incoming> read(String body, int most, Pattern refused) {
        return PlainContacts.read(body.replace('\'', '"').getBytes(StandardCharsets.UTF_8), "L1", data, "now",
                most, refused);
    }

    @Test
    void readsThePlainBodyAsTheTreeReaderWould() {
        List<ContactData.Incoming> contacts = read("[{'id':'c1','contactListId':'L1','data':{'phone':'+13172000001',"
                + "'name':'Ann \\u00e9','email':null}},{'contactListId':'L1','callable':true,'data':{'name':'Bob',"
                + "'name':'Bo'},'id':'c2'}]", 1000, null);

        assertThat(contacts).hasSize(2);
        assertThat(contacts.get(0).id()).isEqualTo("c1");
        assertThat(contacts.get(0).values()).containsExactly("+13172000001", null, "Ann \u00e9");
        assertThat(contacts.get(0).callable()).isNull();
        assertThat(contacts.get(0).dateCreated()).isEqualTo("now");
        // a repeated column: the last value, as a tree keeps it
        assertThat(contacts.get(1).values()).containsExactly(null, null, "Bo");
        assertThat(contacts.get(1).callable()).isTrue();
    }

    @Test
    void leavesEveryOtherBodyToTheTreeReader() {
        String ok = "{'id':'c1','contactListId':'L1','data':{'phone':'1'}}";
        for (String body : List.of(
                "{}", "[]", "[" + ok + "] [", "[1]", "[" + ok + ",[]]",
                "[{'contactListId':'L1','data':{'phone':'1'}}]",                       // no id: the service makes one
                "[{'id':'','contactListId':'L1','data':{}}]",
                "[{'id':'c1','id':'c2','contactListId':'L1','data':{}}]",
                "[{'id':'c1','data':{'phone':'1'}}]",                                  // no list id
                "[{'id':'c1','contactListId':'L2','data':{'phone':'1'}}]",             // another list
                "[{'id':'c1','contactListId':'L1'}]",                                  // no data
                "[{'id':'c1','contactListId':'L1','data':{'fax':'1'}}]",               // not a column
                "[{'id':'c1','contactListId':'L1','data':{'phone':1}}]",               // not a string
                "[{'id':'c1','contactListId':'L1','data':{'phone':'" + "9".repeat(513) + "'}}]",
                "[{'id':'c1','contactListId':'L1','data':{},'callable':null}]",
                "[{'id':'c1','contactListId':'L1','data':{},'priority':true}]",        // a field it does not know
                "[{'id':" + "'" + "x".repeat(129) + "','contactListId':'L1','data':{}}]",
                "not json")) {
            assertThat(read(body, 1000, null)).as(body).isNull();
        }
        // too many for one request, and an id the refuse rule names
        assertThat(read("[" + ok + "," + ok.replace("c1", "c2") + "]", 1, null)).isNull();
        assertThat(read("[" + ok + "]", 1000, Pattern.compile("c[0-9]"))).isNull();
        assertThat(read("[" + ok + "]", 1000, Pattern.compile("d[0-9]"))).hasSize(1);
    }
}
