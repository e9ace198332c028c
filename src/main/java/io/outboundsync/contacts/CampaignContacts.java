package io.outboundsync.contacts;

import java.nio.file.Path;

/**
 * A campaign's contact configuration: its key (the file name), its contact list, its mapping, and the flags every
 * add of its contacts carries ({@code contacts.upsert}).
 */
public record CampaignContacts(String key, Path file, ContactListSpec contactList, MappingSpec mapping,
        AddFlags addFlags) {

    /** With the default flags ({@link AddFlags#UPSERT}). */
    public CampaignContacts(String key, Path file, ContactListSpec contactList, MappingSpec mapping) {
        this(key, file, contactList, mapping, AddFlags.UPSERT);
    }
}
