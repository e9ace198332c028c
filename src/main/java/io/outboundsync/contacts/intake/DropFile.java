package io.outboundsync.contacts.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a drop file is before any row is read, from one pass over its bytes: its size, its SHA-256, and whether it
 * can be read at all (not empty, UTF-8, no NUL bytes of a binary file). A file that cannot be read is refused whole,
 * before anything is uploaded.
 */
public record DropFile(Path path, long size, String sha256, String problem) {

    public boolean readable() {
        return problem == null;
    }

    /**
     * Why a file in the inbox is not read at all: a symbolic link (it could point anywhere, a system file
     * included), a device, a pipe, a socket; null for a regular file.
     */
    public static String notRegular(Path path) {
        if (java.nio.file.Files.isSymbolicLink(path)) {
            return "it is a symbolic link, and links are never followed; put the file itself in the inbox";
        }
        try {
            java.nio.file.attribute.BasicFileAttributes attributes = java.nio.file.Files.readAttributes(path,
                    java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? null : "it is not a regular file (a device, pipe or socket); only"
                    + " regular files are read";
        } catch (IOException e) {
            return null; // gone or unreadable: inspect says so
        }
    }

    /**
     * What says a file was written to: its size, its modification time and its identity on the file system (an
     * inode: a file replaced by a rename is another file). Taken when a drop is admitted and again before it is moved:
     * a file that changed in between was still being written, or was replaced, while it was read.
     */
    public record Stamp(long size, long modifiedNanos, Object fileKey) {

        /** The file's stamp now; null when it is gone or cannot be read. */
        public static Stamp of(Path path) {
            try {
                java.nio.file.attribute.BasicFileAttributes attributes = Files.readAttributes(path,
                        java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                return new Stamp(attributes.size(), attributes.lastModifiedTime().to(
                        java.util.concurrent.TimeUnit.NANOSECONDS), attributes.fileKey());
            } catch (IOException e) {
                return null;
            }
        }

        /** How the file changed since this stamp, in words; null when it did not. */
        public String changeTo(Stamp now) {
            if (now == null) {
                return "it is gone";
            }
            if (fileKey != null && now.fileKey != null && !fileKey.equals(now.fileKey)) {
                return "it was replaced by another file (" + now.size + " bytes)";
            }
            if (size != now.size) {
                return "its size went from " + size + " to " + now.size + " bytes";
            }
            if (modifiedNanos != now.modifiedNanos) {
                return "it was written to (its size stayed " + size + " bytes)";
            }
            return null;
        }
    }

    /**
     * A file in UTF-16 (a spreadsheet's "Unicode text" export), named as such: its byte order mark, or, without one,
     * every other byte of its first line zero. Null when it is not.
     */
    static String utf16(byte[] start, int length) {
        String fix = ", not UTF-8. Fix: export or save it as UTF-8 (\"CSV UTF-8\")";
        if (length >= 2 && (start[0] & 0xFF) == 0xFF && (start[1] & 0xFF) == 0xFE) {
            return "it is UTF-16 (little-endian, with a byte order mark)" + fix;
        }
        if (length >= 2 && (start[0] & 0xFF) == 0xFE && (start[1] & 0xFF) == 0xFF) {
            return "it is UTF-16 (big-endian, with a byte order mark)" + fix;
        }
        int pairs = Math.min(length / 2, 16);
        if (pairs < 2) {
            return null;
        }
        boolean little = true;
        boolean big = true;
        for (int i = 0; i < pairs; i++) {
            little &= start[2 * i] != 0 && start[2 * i + 1] == 0;
            big &= start[2 * i] == 0 && start[2 * i + 1] != 0;
        }
        return little ? "it looks like UTF-16 (little-endian: every other byte is zero)" + fix
                : big ? "it looks like UTF-16 (big-endian: every other byte is zero)" + fix : null;
    }

    public static DropFile inspect(Path path) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        ByteBuffer pending = ByteBuffer.allocate(64 * 1024 + 8);
        byte[] chunk = new byte[64 * 1024];
        long offset = 0;
        String problem = null;
        boolean nonBlank = false;
        try (InputStream in = Files.newInputStream(path)) {
            for (int n = in.read(chunk); n > 0; n = in.read(chunk)) {
                sha.update(chunk, 0, n);
                if (problem == null && offset == 0) {
                    problem = utf16(chunk, n);
                }
                if (problem == null) {
                    for (int i = 0; i < n; i++) {
                        byte b = chunk[i];
                        if (b == 0) {
                            problem = "it holds binary data (a NUL byte at byte " + (offset + i) + "), not text";
                            break;
                        }
                        if (!nonBlank && b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                            nonBlank = true;
                        }
                    }
                }
                if (problem == null) {
                    pending.put(chunk, 0, n).flip();
                    CoderResult result = utf8.decode(pending, chars.clear(), false);
                    if (result.isError()) {
                        problem = "it is not UTF-8 (an invalid byte sequence at byte " + (offset - (pending.limit() - n)
                                + pending.position()) + "); save it as UTF-8";
                    }
                    pending.compact();
                }
                offset += n;
            }
            if (problem == null && pending.position() > 0) {
                problem = "it is not UTF-8 (it ends inside a character); save it as UTF-8";
            }
        }
        if (problem == null && (offset == 0 || !nonBlank)) {
            problem = "the file is empty";
        }
        return new DropFile(path, offset, HexFormat.of().formatHex(sha.digest()), problem);
    }
}
