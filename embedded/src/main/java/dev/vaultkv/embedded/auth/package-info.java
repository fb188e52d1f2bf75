/**
 * Vault auth methods of the embedded server: AppRole, userpass, Kubernetes, JWT (also for {@code oidc}
 * mounts), TLS certificates, LDAP and GitHub, plus {@link dev.vaultkv.embedded.auth.JwtMinter}, a helper that signs JWTs
 * for tests.
 * <p>
 * Paths, parameters, defaults and error strings follow Vault. Where the embedded server cannot do what Vault
 * does, it behaves as follows:
 * <ul>
 * <li>Kubernetes: there is no cluster for a TokenReview, so a service account token must verify against the
 * configured {@code pem_keys}; without {@code pem_keys} every login is denied (403 {@code permission denied}),
 * as Vault denies when the review fails.</li>
 * <li>CIDR bindings ({@code secret_id_bound_cidrs}, {@code cidr_list}, {@code token_bound_cidrs}) are
 * checked against the loopback address, the only address the server listens on.</li>
 * <li>JWT: keys come from {@code jwt_validation_pubkeys}, {@code jwks_url} or {@code oidc_discovery_url}
 * (fetched with the JDK HTTP client at each login); {@code jwks_pairs} and the OIDC browser flow are not
 * offered. Signatures are verified with the JDK only (RS, PS and ES algorithms; never {@code none} or
 * HMAC).</li>
 * <li>userpass stores salted PBKDF2 hashes; {@code password_hash} (bcrypt) is refused.</li>
 * <li>LDAP: logins search and bind with the JDK's JNDI provider, one connection per bind; {@code ldaps://}
 * trusts the JDK's trust store; {@code starttls}, {@code use_token_groups} and client certificates are
 * refused at login; filter templates allow field substitutions only.</li>
 * <li>GitHub: logins call the API at {@code base_url} (see
 * {@link dev.vaultkv.embedded.standin.GitHubApiStandIn}); no entity or group aliases.</li>
 * <li>Login tokens are renewed by the core with the TTLs they were issued with; a deleted role does not
 * stop the renewal of its tokens.</li>
 * </ul>
 */
@NullMarked
package dev.vaultkv.embedded.auth;

import org.jspecify.annotations.NullMarked;
