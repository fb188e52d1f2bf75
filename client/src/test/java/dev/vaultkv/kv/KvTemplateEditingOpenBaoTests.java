package dev.vaultkv.kv;

import dev.vaultkv.embedded.Flavour;
import dev.vaultkv.testsupport.ServerFlavour;

/**
 * {@link KvTemplateEditingEmbeddedTests} against the embedded server in OpenBao flavour, which pages lists on the
 * server ({@code after}, {@code limit}) where Vault's answer is paged by the client.
 */
@ServerFlavour(Flavour.OPENBAO)
class KvTemplateEditingOpenBaoTests extends KvTemplateEditingEmbeddedTests {

}
