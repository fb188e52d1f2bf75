package dev.vaultkv.health;

import dev.vaultkv.embedded.Flavour;
import dev.vaultkv.testsupport.ServerFlavour;

/**
 * {@link VaultHealthIndicatorTests} against the embedded server in OpenBao flavour.
 */
@ServerFlavour(Flavour.OPENBAO)
class VaultHealthIndicatorOpenBaoTests extends VaultHealthIndicatorTests {

}
