package dev.vaultkv.kv;

import dev.vaultkv.embedded.Flavour;
import dev.vaultkv.testsupport.ServerFlavour;

/**
 * {@link KvTemplateEmbeddedTests} against the embedded server in OpenBao flavour.
 */
@ServerFlavour(Flavour.OPENBAO)
class KvTemplateOpenBaoTests extends KvTemplateEmbeddedTests {

}
