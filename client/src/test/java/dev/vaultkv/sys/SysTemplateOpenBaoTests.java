package dev.vaultkv.sys;

import dev.vaultkv.embedded.Flavour;
import dev.vaultkv.testsupport.ServerFlavour;

/**
 * {@link SysTemplateEmbeddedTests} (health, seal status, mounts, policies) against the embedded server in
 * OpenBao flavour.
 */
@ServerFlavour(Flavour.OPENBAO)
class SysTemplateOpenBaoTests extends SysTemplateEmbeddedTests {

}
