package dev.vaultkv.embedded.server.acl;

import java.util.List;

/**
 * A parsed ACL policy.
 *
 * @param name the policy name
 * @param text the original policy text
 * @param rules the path rules
 * @author vaultkv
 * @since 0.1.0
 */
public record Policy(String name, String text, List<PathRule> rules) {

}
