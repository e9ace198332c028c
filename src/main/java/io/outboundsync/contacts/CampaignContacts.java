package io.outboundsync.contacts;

import java.nio.file.Path;

/** A campaign's contact configuration: its key (the file name), its contact list and its mapping. */
public record CampaignContacts(String key, Path file, ContactListSpec contactList, MappingSpec mapping) {
}
