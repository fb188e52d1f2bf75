package dev.vaultkv.embedded;

import java.time.Instant;

/**
 * One request the embedded server answered. Holds no bodies and no tokens.
 *
 * @param time when it was answered (server clock)
 * @param method the HTTP method as sent ({@code GET}, {@code LIST}, {@code POST}...)
 * @param path the path after {@code /v1/}, without the query string
 * @param namespace the {@code X-Vault-Namespace} header, {@code ""} if none
 * @param status the status code sent, or {@code -1} if the connection was dropped on purpose
 * @author vaultkv
 * @since 0.1.0
 */
public record RequestLogEntry(Instant time, String method, String path, String namespace, int status) {

}
