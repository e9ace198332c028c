package io.outboundsync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Downloads as Genesys serves them: {@code GET /api/v2/downloads/{downloadId}} (a bearer token, as for the API)
 * never answers the file itself. With {@code issueRedirect} true, its default, it answers {@code 303 See Other} to a
 * signed URL on the storage host; with {@code issueRedirect=false} a {@code UrlResponse} ({@code {"url": ...}}).
 * Source: the official SDK, {@code DownloadsApi.getDownload(downloadId, contentDisposition, issueRedirect,
 * redirectToAuth)}, "issueRedirect (optional, default to true)", returning {@code UrlResponse}. The redirect's
 * status (303) is what the service is seen to answer; it is not documented.
 *
 * <p>The signed URL ({@code /sandbox/storage/downloads/{id}?X-Amz-Signature=...}, the path is the sandbox's own)
 * stands for the storage host's presigned URL: it needs no token, answers 403 to a missing or wrong signature, and
 * 400 to a request that also carries an {@code Authorization} header, as a presigned S3 URL does ("Only one auth
 * mechanism allowed"): a client that sends its bearer token to the storage host is caught, not served.
 */
final class Downloads {

    private final Map<String, Path> files = new ConcurrentHashMap<>();
    private final byte[] key = new byte[32];

    Downloads() {
        new SecureRandom().nextBytes(key);
    }

    void register(Router router) {
        router.add("GET", "/api/v2/downloads/{downloadId}", this::download)
                .add("GET", "/sandbox/storage/downloads/{downloadId}", this::signed);
    }

    /** Makes a file downloadable under this id. */
    void put(String downloadId, Path file) {
        files.put(downloadId, file);
    }

    void remove(String downloadId) {
        files.remove(downloadId);
    }

    private Reply download(Call call) {
        String id = call.param("downloadId");
        if (!files.containsKey(id)) {
            throw new ApiError(404, "not.found", "No download " + id + ".");
        }
        String url = "http://" + call.header("Host") + "/sandbox/storage/downloads/" + id + "?X-Amz-Signature="
                + signature(id);
        if (call.queryFlag("issueRedirect", true)) {
            return Reply.status(303).header("Location", url);
        }
        ObjectNode answer = Json.object();
        answer.put("url", url);
        return Reply.ok(answer);
    }

    private Reply signed(Call call) {
        if (call.header("Authorization") != null) {
            throw new ApiError(400, "InvalidArgument", "Only one auth mechanism allowed; only the X-Amz-Algorithm"
                    + " query parameter, Signature query string parameter or the Authorization header should be"
                    + " specified.");
        }
        String id = call.param("downloadId");
        String given = call.query("X-Amz-Signature");
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.US_ASCII),
                signature(id).getBytes(StandardCharsets.US_ASCII))) {
            throw new ApiError(403, "SignatureDoesNotMatch", "The request signature we calculated does not match"
                    + " the signature you provided.");
        }
        Path file = files.get(id);
        if (file == null) {
            throw new ApiError(404, "NoSuchKey", "The specified key does not exist.");
        }
        return Reply.file(file, "text/csv; charset=UTF-8");
    }

    private String signature(String downloadId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(downloadId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
