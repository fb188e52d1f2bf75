package dev.vaultkv.auth;

import dev.vaultkv.embedded.Flavour;
import dev.vaultkv.testsupport.ServerFlavour;

/**
 * {@link SessionLifecycleEmbeddedTests} (renewal, max TTL, re-login) against the embedded server in OpenBao flavour.
 */
@ServerFlavour(Flavour.OPENBAO)
class SessionLifecycleOpenBaoTests extends SessionLifecycleEmbeddedTests {

}
