package dev.vaultkv.env;

import dev.vaultkv.embedded.Flavour;
import dev.vaultkv.testsupport.ServerFlavour;

/**
 * {@link VaultPlaceholderIntegrationTests} (the {@code vault:} placeholder) against the embedded server in
 * OpenBao flavour.
 */
@ServerFlavour(Flavour.OPENBAO)
class VaultPlaceholderOpenBaoIntegrationTests extends VaultPlaceholderIntegrationTests {

}
