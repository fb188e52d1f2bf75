package dev.vaultkv.auth;

import dev.vaultkv.embedded.Flavour;
import dev.vaultkv.testsupport.ServerFlavour;

/**
 * {@link LoginMethodsEmbeddedTests} against the embedded server in OpenBao flavour.
 */
@ServerFlavour(Flavour.OPENBAO)
class LoginMethodsOpenBaoTests extends LoginMethodsEmbeddedTests {

}
