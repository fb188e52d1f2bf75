/**
 * ACL policies of the embedded server: HCL and JSON parsing, path rules and capability decisions.
 */
@NullMarked
package dev.vaultkv.embedded.server.acl;

import org.jspecify.annotations.NullMarked;
